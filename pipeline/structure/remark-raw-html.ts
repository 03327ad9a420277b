/**
 * Raw HTML in Markdown is never passed on as markup. It is read with a real HTML parser
 * (parse5, through hast-util-from-html) and turned into ordinary mdast: a small allow-list of
 * inline tags becomes emphasis, strong, delete, code, breaks and http(s)/mailto links;
 * scripts, styles, frames, embedded objects, images and comments are dropped and reported
 * with their text; any other tag is removed and its text kept.
 *
 * Inline HTML arrives from remark-parse as separate `html` nodes (`<em>`, text, `</em>`), so
 * the phrasing of a whole paragraph is serialised with the Markdown nodes standing in as
 * placeholder elements, parsed once, and read back: the HTML parser pairs the tags and
 * repairs bad nesting exactly as a browser would.
 */
import type { Element, ElementContent, Nodes as HastNodes, RootContent as HastContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { BlockContent, Heading, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { ACTIVE_ELEMENTS, BLOCK_ELEMENTS } from '../html-elements.js';

/** Above this many tags in one paragraph or block the HTML is shown as text: parsing it would nest deeper than the later stages walk. */
export const MAX_HTML_TAGS = 500;

/** The placeholder element standing for a Markdown node inside serialised phrasing. */
const SLOT = 'galley-slot';

/** Elements removed with everything inside them: active content, or content with no meaning as text. */
const DROPPED = new Set([...ACTIVE_ELEMENTS, 'picture', 'img', 'map', 'area']);

/** Inline tags that become mdast nodes. */
const EMPHASIS = new Set(['em', 'i', 'cite', 'var', 'dfn']);
const STRONG = new Set(['strong', 'b']);
const DELETE = new Set(['del', 's', 'strike']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);
/** Tags whose meaning has no mdast node; their text stays and no warning is worth giving. */
const QUIET_UNWRAP = new Set(['sub', 'sup', 'span', 'u', 'small', 'mark', 'abbr', 'q', 'ins', 'time', 'bdi', 'bdo', 'wbr', 'nobr', 'font']);
/** Block elements whose text reads naturally as paragraphs, so removing the tag needs no warning. */
const QUIET_BLOCKS = new Set([...BLOCK_ELEMENTS].filter((tag) => !['aside', 'nav', 'address', 'center', 'dl', 'dt', 'dd', 'caption', 'details', 'summary'].includes(tag)));
/** Parents whose children are phrasing: their raw HTML is read inline. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/** A remark plugin turning raw HTML into allow-listed mdast nodes or reported drops. */
export function remarkRawHtml() {
  return (tree: Root, file: VFile): void => {
    walk(tree, file);
  };
}

/** Converts in document order, so drops are reported in the order an editor reads them; the parse stage bounds the depth. */
function walk(parent: Parent, file: VFile): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'html') out.push(...convertBlock(child.value, child.position, file));
    else {
      if (PHRASING_PARENTS.has(child.type) && 'children' in child && child.children.some(hasHtml)) {
        child.children = convertPhrasing(child.children as PhrasingContent[], child.position, file) as typeof child.children;
      } else if ('children' in child) walk(child, file);
      out.push(child);
    }
  }
  parent.children = out as Parent['children'];
}

function hasHtml(node: RootContent): boolean {
  if (node.type === 'html') return true;
  return 'children' in node && (node.children as RootContent[]).some(hasHtml);
}

/** Reads the phrasing of one paragraph (or heading, or cell) with its raw HTML as a browser would. */
function convertPhrasing(children: PhrasingContent[], place: Position | undefined, file: VFile): PhrasingContent[] {
  const slots: PhrasingContent[] = [];
  const serialised = serialise(children, slots);
  if (countTags(serialised.html) > MAX_HTML_TAGS) {
    file.message(`more than ${MAX_HTML_TAGS} HTML tags in one paragraph: shown as text`, { place, ruleId: 'raw-html', source: 'galley' });
    return literal(children);
  }
  const context: Context = { file, place, slots, removed: new Set() };
  const result = phrasing(fromHtml(serialised.html, { fragment: true }).children, context);
  reportRemoved(context);
  return result;
}

/** Reads a block of raw HTML standing between paragraphs into paragraphs and headings. */
function convertBlock(html: string, place: Position | undefined, file: VFile): BlockContent[] {
  if (countTags(html) > MAX_HTML_TAGS) {
    file.message(`more than ${MAX_HTML_TAGS} HTML tags in one block: shown as text`, { place, ruleId: 'raw-html', source: 'galley' });
    return [{ type: 'paragraph', children: [{ type: 'text', value: html }], position: place }];
  }
  const context: Context = { file, place, slots: [], removed: new Set() };
  const blocks: BlockContent[] = [];
  let run: ElementContent[] = [];
  const flush = (): void => {
    const content = trimPhrasing(phrasing(run, context));
    if (content.length) blocks.push({ type: 'paragraph', children: content, position: place } satisfies Paragraph);
    run = [];
  };
  const walk = (nodes: HastContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'element' && BLOCK_ELEMENTS.has(node.tagName) && !DROPPED.has(node.tagName)) {
        flush();
        const level = /^h([1-6])$/.exec(node.tagName);
        if (level) {
          const content = trimPhrasing(phrasing(node.children, context));
          if (content.length) blocks.push({ type: 'heading', depth: Number(level[1]) as Heading['depth'], children: content, position: place });
        } else if (node.tagName === 'pre') {
          const value = textContent(node);
          if (value.trim()) blocks.push({ type: 'code', value: value.replace(/\n$/, ''), position: place });
        } else walk(node.children);
        if (!QUIET_BLOCKS.has(node.tagName)) context.removed.add(node.tagName);
      } else if (node.type === 'element' || node.type === 'text' || node.type === 'comment') run.push(node as ElementContent);
    }
    flush();
  };
  walk(fromHtml(html, { fragment: true }).children);
  reportRemoved(context);
  return blocks;
}

interface Context {
  file: VFile;
  place: Position | undefined;
  /** The Markdown nodes the placeholders stand for, by index. */
  slots: PhrasingContent[];
  /** Tag names removed (text kept) worth a warning, reported once per paragraph. */
  removed: Set<string>;
}

/** Turns parsed HTML back into mdast phrasing, keeping only allow-listed markup. */
function phrasing(nodes: readonly (HastContent | ElementContent)[], context: Context): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value) out.push({ type: 'text', value: node.value });
    } else if (node.type === 'comment') {
      drop(context, 'HTML comment', node.value.trim());
    } else if (node.type === 'element') out.push(...element(node, context));
  }
  return out;
}

function element(node: Element, context: Context): PhrasingContent[] {
  const tag = node.tagName;
  if (tag === SLOT) return restoreSlot(node, context);
  if (DROPPED.has(tag)) {
    const alt = tag === 'img' && typeof node.properties.alt === 'string' ? node.properties.alt : '';
    drop(context, `<${tag}> element`, (alt || textContent(node)).replace(/<\/?galley-slot[^>]*>/g, '').trim());
    return [];
  }
  const children = phrasing(node.children, context);
  if (EMPHASIS.has(tag)) return [{ type: 'emphasis', children }];
  if (STRONG.has(tag)) return [{ type: 'strong', children }];
  if (DELETE.has(tag)) return [{ type: 'delete', children }];
  if (CODE.has(tag)) return [{ type: 'inlineCode', value: textContent(node) }];
  if (tag === 'br') return [{ type: 'break' }];
  if (tag === 'a') {
    const href = typeof node.properties.href === 'string' ? node.properties.href : undefined;
    if (href !== undefined && isFollowable(href)) return [{ type: 'link', url: href.trim(), children }];
    if (href !== undefined)
      context.file.message(`removed a link to "${href.slice(0, 60)}": only http(s) and mailto links are kept`, { place: context.place, ruleId: 'raw-html', source: 'galley' });
    return children;
  }
  if (!QUIET_UNWRAP.has(tag)) context.removed.add(tag);
  return BLOCK_ELEMENTS.has(tag) ? [{ type: 'text', value: ' ' }, ...children, { type: 'text', value: ' ' }] : children;
}

/** Puts a Markdown node back where its placeholder was, with its own children read again. */
function restoreSlot(node: Element, context: Context): PhrasingContent[] {
  const original = context.slots[Number(node.properties.dataI)];
  if (!original) return phrasing(node.children, context);
  if (!('children' in original)) return [original];
  return [{ ...original, children: phrasing(node.children, context) } as PhrasingContent];
}

/** Only links a reader can follow out of the book survive; `javascript:`, `data:`, `file:` and relative targets do not. */
function isFollowable(href: string): boolean {
  if (/[\u0000-\u001F\u007F]/.test(href)) return false;
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(href.trim()).protocol);
  } catch {
    return false;
  }
}

function drop(context: Context, what: string, text: string): void {
  const message = context.file.info(`dropped ${what}${text ? `: "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"` : ''}`, {
    place: context.place,
    ruleId: 'dropped-raw-html',
    source: 'galley',
  });
  if (text) message.actual = text;
}

function reportRemoved(context: Context): void {
  if (!context.removed.size) return;
  const tags = [...context.removed]
    .sort()
    .map((tag) => `<${tag}>`)
    .join(', ');
  context.file.message(`removed HTML tags ${tags} (their text is kept)`, { place: context.place, ruleId: 'raw-html', source: 'galley' });
}

/** Serialises phrasing to HTML: text escaped, raw HTML as written, Markdown nodes as numbered placeholders. */
function serialise(children: PhrasingContent[], slots: PhrasingContent[]): { html: string } {
  let html = '';
  for (const child of children) {
    if (child.type === 'text') html += escapeHtml(child.value);
    else if (child.type === 'html') html += child.value;
    else {
      const index = slots.push(child) - 1;
      const inner = 'children' in child ? serialise(child.children as PhrasingContent[], slots).html : '';
      html += `<${SLOT} data-i="${index}">${inner}</${SLOT}>`;
    }
  }
  return { html };
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function countTags(html: string): number {
  let count = 0;
  for (let i = 0; i < html.length; i++) if (html.charCodeAt(i) === 0x3c) count++;
  return count;
}

/** Raw HTML shown exactly as written, for paragraphs too tangled to parse safely. */
function literal(children: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const child of children) {
    const previous = out[out.length - 1];
    const value = child.type === 'html' || child.type === 'text' ? child.value : undefined;
    // One text node for a run of tags and text, so renderers see one word where the source has one.
    if (value !== undefined && previous?.type === 'text') previous.value += value;
    else out.push(value !== undefined ? { type: 'text', value } : child);
  }
  return out;
}

function textContent(node: HastNodes): string {
  if (node.type === 'text' || node.type === 'comment') return node.value;
  if (!('children' in node)) return '';
  return (node.children as HastNodes[]).map(textContent).join('');
}

function trimPhrasing(children: PhrasingContent[]): PhrasingContent[] {
  const first = children[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = children[children.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  const kept = children.filter((child) => !(child.type === 'text' && !child.value));
  return kept.some((child) => child.type !== 'text' || /\S/.test(child.value)) ? kept : [];
}
