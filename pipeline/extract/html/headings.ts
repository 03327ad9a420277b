/**
 * Section headings a page sets without a heading element: a line of its own whose class names it a
 * heading (`<span class="headline2 head">Step 1</span>`, `<div class="subhead">`, `<p
 * class="crosshead">`). Readability strips classes, so such a line came out as body text ("Step 1"
 * set as a paragraph); it is marked on the page before Readability runs, and the clean-up sets it as
 * a heading. The class is the page's own mark, read in every language; the shape is checked too
 * (short, alone on its line, not inside a link, list item, caption or heading), so a teaser's
 * "headline" inside a link or running text stays what it was.
 */
import { BLOCK_ELEMENTS } from '../../html-elements.js';

/** The attribute that carries the mark through Readability (it keeps `data-*` attributes, not classes). */
export const HEADING_MARK = 'data-galley-heading';
/** Its name in hast. */
export const HEADING_MARK_PROPERTY = 'dataGalleyHeading';

/** A class token naming a heading: "head", "heading", "headline2", "subhead", "crosshead", "article-subheading", "c-heading--tiny". */
const HEADING_CLASS = /(?:^|[-_])(?:sub|cross|inter|section)?-?(?:head|heading|headline)(?:[-_]*\d)?$/i;
/** Elements a page writes such a line with. */
const CANDIDATES = new Set(['SPAN', 'DIV', 'P', 'STRONG', 'B']);
/** Ancestors inside which a line is never a section heading. */
const NEVER_INSIDE = new Set([
  'A',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'FIGCAPTION',
  'FIGURE',
  'TD',
  'TH',
  'BUTTON',
  'LABEL',
  'NAV',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'BLOCKQUOTE',
  'DT',
  'DD',
]);

/** Whether an element is a candidate by its name and class (asked in the walk that bounds the page). */
export function isHeadingCandidate(element: Element, name: string): boolean {
  if (!CANDIDATES.has(name)) return false;
  const classes = element.getAttribute('class');
  return !!classes && classes.split(/\s+/).some((token) => HEADING_CLASS.test(token));
}

/** Marks the candidates that stand as a heading: at most `maxWords` words, alone on their line. Returns how many. */
export function markClassHeadings(candidates: Element[], maxWords: number): number {
  let marked = 0;
  for (const element of candidates) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text || !/\p{L}/u.test(text) || text.split(' ').length > maxWords) continue;
    if ([...element.children].some((child) => BLOCK_ELEMENTS.has(child.tagName.toLowerCase()) || child.tagName === 'BR')) continue;
    if (!aloneOnItsLine(element) || insideExcluded(element)) continue;
    element.setAttribute(HEADING_MARK, '');
    marked++;
  }
  return marked;
}

/** Nothing but blocks and white space beside it: a line of its own, not a run of text set in another style. */
function aloneOnItsLine(element: Element): boolean {
  for (let sibling = element.parentNode?.firstChild; sibling; sibling = sibling.nextSibling) {
    if (sibling === element) continue;
    if (sibling.nodeType === 3 && sibling.nodeValue?.trim()) return false;
    if (sibling.nodeType === 1 && !BLOCK_ELEMENTS.has((sibling as Element).tagName.toLowerCase())) {
      const tag = (sibling as Element).tagName;
      // Empty inline elements (an icon's <span></span>) and pictures do not make a line of text.
      if (tag !== 'IMG' && tag !== 'PICTURE' && tag !== 'SCRIPT' && tag !== 'STYLE' && (sibling.textContent ?? '').trim()) return false;
    }
  }
  return true;
}

function insideExcluded(element: Element): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) if (NEVER_INSIDE.has(parent.tagName)) return true;
  return false;
}
