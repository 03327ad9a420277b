/** One chapter's mdast → the sanitised XHTML body the library wraps in its document. */
import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import type { PageStart } from '../types.js';
import { handlers } from './handlers/index.js';
import { type ImageRegistry, resolveImages } from './images.js';
import { insertPageBreaks } from './page-breaks.js';
import { sanitize } from './sanitize.js';
import { serialize } from './serialize.js';

/** A chapter body ready for the library, with the alt texts it will need back. */
export interface ChapterBody {
  html: string;
  alts: string[];
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
  const isNotice = (node: HastRoot['children'][number]): boolean =>
    node.type === 'element' && node.tagName === 'footer' && String(node.properties.className) === 'notice';
  return [...children.filter((node) => !isNotice(node)), ...children.filter(isNotice)];
}

/** Renders one chapter tree (left untouched) with its page-break markers into a body string. */
export function renderChapterBody(
  tree: Root,
  pages: readonly PageStart[],
  chapterIndex: number,
  registry: ImageRegistry,
): ChapterBody {
  const copy = structuredClone(tree);
  if (pages.length > 0) insertPageBreaks(copy, pages, chapterIndex);
  const hast = toHast(copy, { handlers, allowDangerousHtml: false }) as HastRoot;
  const wrapped = section('chapter', 'doc-chapter', 'chapter', noticeLast(hast.children));
  const { tree: resolved, alts } = resolveImages(sanitize(wrapped), registry);
  return { html: serialize(resolved), alts };
}
