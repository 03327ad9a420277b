/**
 * What Readability keeps of the page around an article, taken out block by block, each with
 * the rule that took it: web furniture ("Share", "Advertisement", "Read more"), lists that are
 * only links (related stories), and the byline and dateline lines at the top, which become
 * metadata and are set under the headline instead.
 */
import type { Element, ElementContent, Root } from 'hast';
import { BLOCK_ELEMENTS } from '../../html-elements.js';
import { parseByline } from '../byline.js';
import { isDateline } from '../dates.js';
import { HEADING_MARK_PROPERTY } from './headings.js';
import { compileRules, isBreadcrumb, type ExtractRules } from '../rules.js';

/** A block taken out, for the report. */
export interface DroppedBlock {
  rule: string;
  why: string;
  text: string;
}

/** The cleaned tree, what was taken out, and a byline or dateline found in the text. */
export interface CleanedHtml {
  tree: Root;
  dropped: DroppedBlock[];
  byline?: string;
  dateline?: string;
  /** Pictures the page loads from elsewhere: never fetched, only listed. */
  remoteImages: string[];
}

/** Attributes in which pages give a picture's credit on the picture itself (`<img data-credit="Lucy Akins">`), as hast names them. */
export const CREDIT_ATTRIBUTES = ['dataCredit', 'dataPhotoCredit', 'dataImageCredit', 'dataCopyright'];

/** Marks the element a picture loaded from the web was taken out of (hast's name for `data-galley-remote-picture`). */
export const REMOTE_PICTURE_PROPERTY = 'dataGalleyRemotePicture';

/** Elements judged as a whole: block-level ones, and inline ones that may hold a whole line of furniture ("<a>Share</a>"). */
const BLOCKS = new Set([...BLOCK_ELEMENTS, 'span', 'a', 'strong', 'em', 'b']);
/** Elements that never carry article text in a book. */
const NEVER = new Set(['script', 'style', 'noscript', 'template', 'form', 'button', 'input', 'select', 'textarea', 'iframe', 'object', 'embed', 'svg', 'canvas', 'nav', 'dialog']);
/** A list whose text is at least this share in links, with short items, is a list of links. */
const LINK_LIST_DENSITY = 0.8;
const LINK_LIST_MAX_ITEM_WORDS = 16;
/** A block this long or longer, printed a second time, is a repeat (a slideshow's caption). */
const MIN_REPEAT_CHARS = 20;
/** A short block whose text is at least this share in links is a teaser or a promo. */
const LINK_BLOCK_DENSITY = 0.6;
const LINK_BLOCK_MAX_CHARS = 200;
/** Bylines and datelines are looked for among the article's first blocks only. */
const HEAD_BLOCKS = 4;
/** A block of a page with no opening word is a dateline only with at most this many words beside its date. */
const DATELINE_MAX_WORDS = 6;
/** Longest dateline: a line that is a date, perhaps with "Updated" and a time. */
const MAX_DATELINE_CHARS = 80;

/** Removes furniture from Readability's article tree (in place) and reports each removal. */
export function cleanArticleHtml(tree: Root, rules: ExtractRules, lang: string, address?: string): CleanedHtml {
  const ownAddress = address && squash(address).replace(/\/+$/, '');
  const compiled = compileRules(rules);
  const result: CleanedHtml = { tree, dropped: [], remoteImages: [] };
  let head = 0;
  const seen = new Set<string>();
  attachSiblingCaptions(tree);
  // Inside a block already judged as one line of text, only controls and remote pictures are taken out.
  const visit = (parent: Root | Element, insideLine = false): void => {
    parent.children = parent.children.filter((child): boolean => {
      if (child.type === 'comment') return false;
      if (child.type !== 'element') return true;
      if (NEVER.has(child.tagName)) {
        const text = textOf(child);
        if (text) result.dropped.push({ rule: 'dropped-web-control', why: `<${child.tagName}> element`, text });
        return false;
      }
      if (child.tagName === 'img' && isRemote(child.properties.src)) {
        result.remoteImages.push(String(child.properties.src));
        // The picture's credit stays with its figure, for the caption, and its place is marked: the figure had a picture (see to-mdast).
        if (parent.type === 'element') {
          for (const name of CREDIT_ATTRIBUTES) if (child.properties[name] !== undefined) parent.properties[name] ??= child.properties[name];
          parent.properties[REMOTE_PICTURE_PROPERTY] = '';
        }
        return false;
      }
      // A line the page's class names a heading (marked before Readability, which strips classes
      // and wraps the line in a <p> of its own).
      if (!insideLine) setMarkedHeading(child);
      if (!BLOCKS.has(child.tagName) || insideLine) {
        visit(child, insideLine);
        return true;
      }
      const text = textOf(child);
      if (!text) {
        if (!hasImage(child)) return false;
        visit(child);
        if (hasImage(child)) return true;
        // Only a picture from the web was in it (a link around it): its mark and credit go up to the figure.
        if (parent.type === 'element' && child.properties[REMOTE_PICTURE_PROPERTY] !== undefined)
          for (const name of [REMOTE_PICTURE_PROPERTY, ...CREDIT_ATTRIBUTES]) if (child.properties[name] !== undefined) parent.properties[name] ??= child.properties[name];
        return false;
      }
      if (isLeafBlock(child) && head < HEAD_BLOCKS && /^(?:p|div|span|li|h[2-6]|a|strong|em|b)$/.test(child.tagName)) {
        head++;
        const names = parseByline(text, rules, lang);
        if (names && !result.byline) {
          result.byline = text;
          result.dropped.push({ rule: 'byline', why: 'byline (set under the headline)', text });
          return false;
        }
        if (text.length <= MAX_DATELINE_CHARS && isDateline(text, lang, compiled.dateline, DATELINE_MAX_WORDS) && !result.dateline) {
          result.dateline = text;
          result.dropped.push({ rule: 'dateline', why: 'dateline (kept as the date)', text });
          return false;
        }
        // A section name left open by its separator ("TRD NATIONAL /", "News ›") is a breadcrumb, not a heading.
        if (isBreadcrumb(text)) {
          result.dropped.push({ rule: 'dropped-breadcrumb', why: 'breadcrumb', text });
          return false;
        }
      }
      // The page's own address printed on it (a share or print line) is not the article's.
      if (ownAddress && text.replace(/\/+$/, '') === ownAddress) {
        result.dropped.push({ rule: 'dropped-web-control', why: "the page's own address", text });
        return false;
      }
      if (text.length < 240 && (compiled.junk.test(text) || compiled.boilerplate.some((pattern) => pattern.test(text)))) {
        result.dropped.push({ rule: 'dropped-boilerplate', why: 'web boilerplate', text });
        return false;
      }
      if (isLeafBlock(child) && child.tagName !== 'figure') {
        // Slideshows repeat one caption per picture; a teaser or promo line is mostly link.
        if (text.length >= MIN_REPEAT_CHARS && seen.has(text)) {
          result.dropped.push({ rule: 'dropped-repeat', why: 'repeated block', text });
          return false;
        }
        seen.add(text);
        if (text.length < LINK_BLOCK_MAX_CHARS && linkText(child) / text.length >= LINK_BLOCK_DENSITY) {
          result.dropped.push({ rule: 'dropped-link-block', why: 'line of links', text });
          return false;
        }
        if (text.length <= MAX_DATELINE_CHARS && compiled.dateline.test(text.replace(/^[^\p{L}]+/u, '')) && /\d/.test(text)) {
          result.dropped.push({ rule: 'dateline', why: 'dateline', text });
          return false;
        }
      }
      if ((child.tagName === 'ul' || child.tagName === 'ol') && isLinkList(child)) {
        result.dropped.push({ rule: 'dropped-link-list', why: 'list of links', text });
        return false;
      }
      visit(child, isLeafBlock(child));
      return true;
    });
  };
  visit(tree);
  return result;
}

/**
 * A caption the page sets just after its picture's `<figure>` rather than inside it (`<figure><img></figure>
 * <figcaption>…</figcaption>`), or after a bare `<img>`, is that picture's caption: it is moved into the
 * figure (one is made around a bare picture), so it is set as a caption and not as body text, and
 * stays a caption when the picture itself is left out.
 */
function attachSiblingCaptions(parent: Root | Element): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    if (child.tagName !== 'figcaption') {
      attachSiblingCaptions(child);
      continue;
    }
    let before = index - 1;
    while (before >= 0 && children[before]!.type === 'text' && !(children[before] as { value: string }).value.trim()) before--;
    const previous = children[before];
    if (previous?.type !== 'element') continue;
    if (previous.tagName === 'figure' && !previous.children.some((inner) => inner.type === 'element' && inner.tagName === 'figcaption')) {
      previous.children.push(child);
    } else if ((previous.tagName === 'img' || previous.tagName === 'picture') && !(parent.type === 'element' && parent.tagName === 'figure')) {
      children[before] = { type: 'element', tagName: 'figure', properties: {}, children: [previous, child] };
    } else continue;
    children.splice(index, 1);
    index--;
  }
}

/** A line marked as a heading (headings.ts), alone or alone inside a `<p>` or `<div>`, becomes an `<h3>`; relevelled under the headline later. */
function setMarkedHeading(element: Element): void {
  let marked: Element | undefined = element;
  if (marked.properties[HEADING_MARK_PROPERTY] === undefined) {
    if (element.tagName !== 'p' && element.tagName !== 'div') return;
    const content = element.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
    const only = content.length === 1 ? content[0] : undefined;
    marked = only?.type === 'element' && only.properties[HEADING_MARK_PROPERTY] !== undefined ? only : undefined;
    if (!marked) return;
  }
  delete marked.properties[HEADING_MARK_PROPERTY];
  element.tagName = 'h3';
  if (marked !== element) element.children = marked.children;
}

function isRemote(src: unknown): boolean {
  return typeof src === 'string' && (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//'));
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Elements whose content is never shown as text. */
const UNRENDERED = new Set(['script', 'style', 'template', 'noscript']);
/** Each element's text, for the pass that judges it: blocks are judged top down, so a text is read before anything inside is taken out. */
const texts = new WeakMap<Element, string>();

/** An element's text, whitespace collapsed, blocks and line breaks apart (what hast-util-to-text gives, in one pass per element). */
function textOf(element: Element): string {
  return squash(rawText(element));
}

function rawText(element: Element): string {
  const cached = texts.get(element);
  if (cached !== undefined) return cached;
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element' && !UNRENDERED.has(child.tagName)) {
      if (child.tagName === 'br') text += '\n';
      else text += BLOCK_ELEMENTS.has(child.tagName) || child.tagName === 'td' ? `\n${rawText(child)}\n` : rawText(child);
    }
  }
  texts.set(element, text);
  return text;
}

/** A block with no block inside it: its text is one line of the article. */
function isLeafBlock(element: Element): boolean {
  return !element.children.some((child) => child.type === 'element' && (BLOCK_ELEMENTS.has(child.tagName) || !isLeafBlock(child)));
}

function hasImage(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (child.tagName === 'img' || child.tagName === 'picture' || hasImage(child)));
}

function isLinkList(list: Element): boolean {
  const items = list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
  if (items.length < 2) return false;
  let linked = 0;
  let total = 0;
  for (const item of items) {
    const text = textOf(item);
    if (text.split(' ').length > LINK_LIST_MAX_ITEM_WORDS) return false;
    total += text.length;
    linked += linkText(item);
  }
  return total > 0 && linked / total >= LINK_LIST_DENSITY;
}

function linkText(node: ElementContent | Element): number {
  if (node.type !== 'element') return 0;
  if (node.tagName === 'a') return textOf(node).length;
  return node.children.reduce((sum, child) => sum + linkText(child), 0);
}
