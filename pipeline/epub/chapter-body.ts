/** One chapter's mdast → the sanitised XHTML body the library wraps in its document. */
import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { PageStart } from '../types.js';
import { handlers } from './handlers/index.js';
import { resolveImages, type ImageLookup } from './images.js';
import { insertPageBreaks } from './page-breaks.js';
import { sanitize } from './sanitize.js';
import { serialize } from './serialize.js';

/** A chapter body ready for the library, with the alt texts it will need back. */
export interface ChapterBody {
  html: string;
  alts: string[];
  /** The `start` of each `<ol>` in document order (undefined for lists counting from 1). */
  listStarts: (number | undefined)[];
}

/** Wraps hast content in the section that carries the document's structural role. */
export function section(epubType: string, role: string | undefined, className: string, children: HastRoot['children']): HastRoot {
  const properties: Element['properties'] = { 'epub:type': epubType, className: [className] };
  if (role) properties.role = role;
  return {
    type: 'root',
    children: [{ type: 'element', tagName: 'section', properties, children: children as Element['children'] }],
  };
}

/** Moves the copyright footer after the footnotes `mdast-util-to-hast` appends, so the notice still ends the article. */
function noticeLast(children: HastRoot['children']): HastRoot['children'] {
  const isNotice = (node: HastRoot['children'][number]): boolean => node.type === 'element' && node.tagName === 'footer' && String(node.properties.className) === 'notice';
  return [...children.filter((node) => !isNotice(node)), ...children.filter(isNotice)];
}

/** Ordered lists' start numbers in document order: the library drops the attribute, so they are put back after it. */
function listStarts(children: HastRoot['children'], out: (number | undefined)[] = []): (number | undefined)[] {
  for (const child of children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'ol') out.push(typeof child.properties.start === 'number' && child.properties.start !== 1 ? child.properties.start : undefined);
    listStarts(child.children, out);
  }
  return out;
}

/** What is set under a chapter's headline: the front matter's subtitle and the article's authors. */
export interface UnderHeadline {
  subtitle?: string | undefined;
  byline?: readonly string[] | undefined;
}

/** Sets the article's subtitle and authors under its headline, as the print book does. */
function underHeadline(children: HastRoot['children'], { subtitle, byline = [] }: UnderHeadline): HastRoot['children'] {
  const at = children.findIndex((node) => node.type === 'element' && node.tagName === 'h1');
  const paragraph = (className: string, value: string): Element => ({ type: 'element', tagName: 'p', properties: { className: [className] }, children: [{ type: 'text', value }] });
  const lines = [...(subtitle ? [paragraph('subtitle', subtitle)] : []), ...(byline.length > 0 ? [paragraph('byline', byline.join(', '))] : [])];
  if (at < 0 || lines.length === 0) return children;
  return [...children.slice(0, at + 1), ...lines, ...children.slice(at + 1)];
}

/** Renders one chapter tree (left untouched) with its page-break markers into a body string. */
export function renderChapterBody(tree: Root, pages: readonly PageStart[], chapterIndex: number, images: ImageLookup, under: UnderHeadline = {}): ChapterBody {
  const copy = structuredClone(tree);
  if (pages.length > 0) insertPageBreaks(copy, pages, chapterIndex);
  const hast = toHast(copy, { handlers, allowDangerousHtml: false }) as HastRoot;
  const wrapped = section('chapter', 'doc-chapter', 'chapter', noticeLast(underHeadline(hast.children, under)));
  const { tree: resolved, alts } = resolveImages(sanitize(wrapped), images);
  return { html: serialize(resolved), alts, listStarts: listStarts(resolved.children) };
}
