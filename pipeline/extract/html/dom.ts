/**
 * A saved page as a DOM, bounded before anything else touches it. linkedom builds the DOM: it
 * runs no script and fetches nothing (it has no network or script engine), and under
 * Readability it gives the same article as jsdom at a tenth of the time and memory (measured on
 * the news-pages dataset: ../shared/notes/extraction.md §2, 24.7 vs 219.5 ms a page).
 */
import { parseHTML } from 'linkedom';
import { InputError } from '../../errors.js';
import { isHeadingCandidate } from './headings.js';

/** Deepest element nesting accepted. Real news pages nest at most about 50 deep; Readability's time grows steeply past a few hundred (1,000 levels: 14 s), and its recursion overflows the stack past a few thousand. */
export const MAX_HTML_DEPTH = 160;
/** Most elements accepted in one page: real pages hold a few thousand. */
export const MAX_HTML_ELEMENTS = 100_000;
/** Open tags counted in the raw text before parsing: a page nested this deep is refused without building its DOM (100,000 levels take linkedom 9 s). */
const MAX_RAW_DEPTH = 4_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** The elements a page's metadata is read from, gathered in the walk that bounds the page (in document order, none inside a `<template>`). */
export interface PageIndex {
  /** Every `<meta>`. */
  metas: Element[];
  /** Every `<script type="application/ld+json">`. */
  jsonLd: Element[];
  /** The first `<link rel="canonical">`. */
  canonical?: Element;
  /** The first `<time datetime>` marked as the publication date (`itemprop="datePublished"` or `pubdate`). */
  published?: Element;
  /** The first `<h1>`. */
  heading?: Element;
  /** Lines of the body whose class names them a heading (see headings.ts), in document order. */
  headingLike: Element[];
  /** Text nodes of the body that may hold a copyright mark (©, "(c)", "copyright"), outside scripts, styles and templates. */
  marks: Text[];
}

/** Text that may be a copyright notice's mark. */
const MARK = /©|\(c\)|copyright/i;
/** Elements whose text is never shown, so never a notice. */
const UNSHOWN = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);

/**
 * Parses a saved page into a DOM, refusing pages nested too deep or too large to extract safely,
 * and gathers the elements its metadata is read from in the same walk (a selector per kind of
 * element walked the page once each).
 */
export function parsePage(html: string, file: string): { document: Document; index: PageIndex } {
  if (rawDepth(html) > MAX_RAW_DEPTH) throw tooDeep(file);
  const document = parseDom(html);
  const index: PageIndex = { metas: [], jsonLd: [], headingLike: [], marks: [] };
  const root = document.documentElement;
  const body = document.body;
  let elements = 0;
  /** Depths at which the walk entered the body, a template, and a script, style or template (0: not inside one). */
  let bodyDepth = 0;
  let templateDepth = 0;
  let unshownDepth = 0;
  // Pre-order through parent links: no stack, and the nodes in document order.
  let node: Node | null = root;
  let depth = 1;
  while (node) {
    // A node is inside only what was entered above its own depth.
    if (bodyDepth >= depth) bodyDepth = 0;
    if (templateDepth >= depth) templateDepth = 0;
    if (unshownDepth >= depth) unshownDepth = 0;
    if (node.nodeType === 1) {
      const element = node as Element;
      if (depth > MAX_HTML_DEPTH) throw tooDeep(file);
      if (++elements > MAX_HTML_ELEMENTS) throw new InputError(`${file}: more than ${MAX_HTML_ELEMENTS} HTML elements; not a page Galley will extract an article from`, { file });
      const name = element.tagName.toUpperCase();
      if (element === body) bodyDepth = depth;
      if (!templateDepth) collect(element, name, index);
      if (bodyDepth && !templateDepth && !unshownDepth && isHeadingCandidate(element, name)) index.headingLike.push(element);
      if (name === 'TEMPLATE' && !templateDepth) templateDepth = depth;
      if (UNSHOWN.has(name) && !unshownDepth) unshownDepth = depth;
      if (element.firstChild) {
        node = element.firstChild;
        depth++;
        continue;
      }
    } else if (node.nodeType === 3 && bodyDepth && !unshownDepth && MARK.test(node.nodeValue ?? '')) index.marks.push(node as Text);
    while (node !== root && !node.nextSibling) {
      node = node.parentNode!;
      depth--;
    }
    node = node === root ? null : node.nextSibling;
  }
  return { document, index };
}

/** The DOM linkedom builds from a page's HTML, unchecked: `parsePage` bounds it first. */
export function parseDom(html: string): Document {
  return (parseHTML(html) as unknown as { document: Document }).document;
}

function collect(element: Element, name: string, index: PageIndex): void {
  if (name === 'META') index.metas.push(element);
  // Selectors compare `type` and `rel` without case in HTML; `itemprop~="datePublished" i` too.
  else if (name === 'SCRIPT' && element.getAttribute('type')?.toLowerCase() === 'application/ld+json') index.jsonLd.push(element);
  else if (name === 'LINK' && !index.canonical && element.getAttribute('rel')?.toLowerCase() === 'canonical') index.canonical = element;
  else if (name === 'H1' && !index.heading) index.heading = element;
  else if (
    name === 'TIME' &&
    !index.published &&
    element.hasAttribute('datetime') &&
    (element.hasAttribute('pubdate') || /(?:^|\s)datepublished(?:\s|$)/i.test(element.getAttribute('itemprop') ?? ''))
  )
    index.published = element;
}

function tooDeep(file: string): InputError {
  return new InputError(`${file}: HTML nested more than ${MAX_HTML_DEPTH} elements deep; not a page Galley will extract an article from`, { file });
}

/** An upper bound on nesting from the tags as written (unclosed `<p>`s count too), without parsing. */
function rawDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (VOID.has(name) || match[3]) continue;
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}
