/**
 * The article's HTML as mdast: hast-util-to-mdast with two handlers of our own. A `<figure>`
 * becomes Galley's `figure` node (picture, caption), because the library's default unwraps it
 * and leaves the caption an ordinary paragraph no longer tied to its picture; comments are
 * dropped rather than kept as raw `html` nodes.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { toMdast, type State } from 'hast-util-to-mdast';
import type { Nodes as MdastNodes, PhrasingContent, Root } from 'mdast';
import type { Figure } from '../../mdast-nodes.js';

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'link', 'inlineCode', 'break']);

/** Converts the cleaned article hast into an mdast root. */
export function articleToMdast(tree: HastRoot): Root {
  unwrapInlineAroundBlocks(tree);
  return toMdast(tree, { handlers: { figure, comment: () => undefined } }) as Root;
}

const INLINE = new Set(['em', 'i', 'strong', 'b', 'span', 'a', 'u', 'small', 'font', 'mark', 'cite']);
/** Blocks: the elements at which an HTML parser closes an open `<p>`, and a few more. */
const BLOCK = new Set(
  'p div section article aside main header footer nav address details summary dialog fieldset center menu dir hgroup search ul ol li dl table blockquote figure figcaption h1 h2 h3 h4 h5 h6 pre hr'.split(
    ' ',
  ),
);

/**
 * Pages wrap paragraphs in inline elements (`<em><p>a</p><p>b</p></em>`), which would make
 * emphasis hold paragraphs: the print book then ran "a" and "b" together on one line. Such an
 * inline element is replaced by its children, so the paragraphs stay paragraphs. A `<p>` holding
 * blocks (`<p>a<div>b</div>c</p>`, which linkedom keeps as written where an HTML parser closes
 * the `<p>` at the `<div>`) is split the same way: "a", the block, "c".
 */
function unwrapInlineAroundBlocks(parent: HastRoot | Element): void {
  const children: Array<HastRoot['children'][number]> = [];
  for (const child of parent.children) {
    if (child.type === 'element') unwrapInlineAroundBlocks(child);
    const holdsBlock = child.type === 'element' && child.children.some((inner) => inner.type === 'element' && BLOCK.has(inner.tagName));
    if (!holdsBlock) children.push(child);
    else if (INLINE.has(child.tagName)) children.push(...child.children);
    else if (child.tagName === 'p') children.push(...splitParagraph(child));
    else children.push(child);
  }
  parent.children = children as typeof parent.children;
}

/** A paragraph's runs of inline content, each its own paragraph, with the blocks between them. */
function splitParagraph(paragraph: Element): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = (): void => {
    if (run.some((node) => node.type === 'element' || (node.type === 'text' && node.value.trim()))) out.push({ ...paragraph, children: run });
    run = [];
  };
  for (const child of paragraph.children) {
    if (child.type === 'element' && BLOCK.has(child.tagName)) {
      flush();
      out.push(child);
    } else run.push(child);
  }
  flush();
  return out;
}

function figure(state: State, node: Element): Figure | MdastNodes[] {
  const img = find(node, (child) => child.tagName === 'img');
  const src = img?.properties.src;
  // A figure without a picture (a video's placeholder, a pull quote) is ordinary text.
  if (typeof src !== 'string' || !src) return state.toFlow(state.all(node)) as MdastNodes[];
  const caption = find(node, (child) => child.tagName === 'figcaption');
  const phrasing = flatten(state.all(caption ?? node) as Array<{ type: string; children?: unknown[] }>);
  const result: Figure = { type: 'figure', children: [], image: { url: src, alt: typeof img?.properties.alt === 'string' ? img.properties.alt : '' } };
  if (phrasing.length) result.children.push({ type: 'figureCaption', children: phrasing });
  state.patch(node, result);
  return result;
}

/** The phrasing inside whatever blocks a caption was written with, blocks joined by a space. */
function flatten(nodes: Array<{ type: string; children?: unknown[] }>): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (PHRASING.has(node.type)) out.push(node as PhrasingContent);
    else if (node.children) {
      if (out.length) out.push({ type: 'text', value: ' ' });
      out.push(...flatten(node.children as Array<{ type: string; children?: unknown[] }>));
    }
  }
  return out.filter((child) => child.type !== 'break' && child.type !== ('image' as string));
}

function find(node: Element, test: (element: Element) => boolean): Element | undefined {
  const stack: HastNodes[] = [...node.children];
  while (stack.length) {
    const child = stack.shift()!;
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    stack.push(...child.children);
  }
  return undefined;
}
