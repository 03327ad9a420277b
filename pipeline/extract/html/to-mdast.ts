/**
 * The article's HTML as mdast: hast-util-to-mdast with two handlers of our own. A `<figure>`
 * becomes Galley's `figure` node (picture, caption), because the library's default unwraps it
 * and leaves the caption an ordinary paragraph no longer tied to its picture; comments are
 * dropped rather than kept as raw `html` nodes.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { toMdast, type State } from 'hast-util-to-mdast';
import type { Nodes as MdastNodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import { toText } from 'hast-util-to-text';
import type { Figure } from '../../mdast-nodes.js';
import { compileRules, wordPattern, type CompiledRules, type ExtractRules } from '../rules.js';
import { CREDIT_ATTRIBUTES, REMOTE_PICTURE_PROPERTY } from './clean.js';

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'link', 'inlineCode', 'break']);

/** Converts the cleaned article hast into an mdast root. */
export function articleToMdast(tree: HastRoot, rules: ExtractRules): Root {
  unwrapInlineAroundBlocks(tree);
  const root = toMdast(tree, { handlers: { figure: figureHandler(compileRules(rules)), comment: () => undefined } }) as Root;
  for (const child of root.children) if ('children' in child) unnestNotes(child as Parent);
  return root;
}

/**
 * A figure without its picture inside a list or a quote (a teaser's "Photo" and credit) stays
 * where it stands as its caption's and credit's paragraphs: layout moves only the article's own
 * photo notes to its end, and the print book sets none inside a list.
 */
function unnestNotes(parent: Parent): void {
  parent.children = parent.children.flatMap((child) => {
    if (child.type === 'figure' && !(child as Figure).image) return (child as Figure).children.map((part) => ({ type: 'paragraph', children: part.children }) as Paragraph);
    if ('children' in child) unnestNotes(child as Parent);
    return [child];
  }) as Parent['children'];
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

/** The figure handler, with the template's credit words. */
function figureHandler(rules: CompiledRules) {
  return (state: State, node: Element): Figure | MdastNodes[] => {
    const img = find(node, (child) => child.tagName === 'img');
    const src = typeof img?.properties.src === 'string' ? img.properties.src : '';
    const caption = find(node, (child) => child.tagName === 'figcaption');
    // A figure whose picture is left out (loaded from the web) keeps its caption as a figure's, and
    // drops a label beside the picture for screen readers ("Photo"); one that never had a picture
    // (a video's placeholder, a pull quote) is ordinary text.
    const hadPicture = !!src || node.properties[REMOTE_PICTURE_PROPERTY] !== undefined || !!find(node, (element) => element.properties[REMOTE_PICTURE_PROPERTY] !== undefined);
    if (!src && !(caption && textOf(caption) && (hadPicture || textOf(node) === textOf(caption)))) return state.toFlow(state.all(node)) as MdastNodes[];
    const creditElement = caption && findCredit(caption, rules);
    let credit = creditElement && textOf(creditElement).replace(rules.creditLabel, '').trim();
    if (caption && creditElement) caption.children = without(caption, creditElement);
    else if (caption && rules.creditLabel.test(textOf(caption))) {
      // A caption that is a credit under its label set apart ("CreditKevin Frayer/Getty Images", "Credit…Sam Reyes"): the credit alone.
      credit = textOf(caption).replace(rules.creditLabel, '').trim();
      caption.children = [];
    } else if (caption) credit = cutAttributeCredit(caption, img ?? find(node, hasCreditAttribute) ?? node);
    // A credit the page sets after the caption, outside it ("<figcaption>…</figcaption><div
    // class="credit">(Image credit: Blue Origin)</div>"), is the figure's credit, not lost.
    if (caption && !credit) credit = textAfter(node, caption) || undefined;
    if (caption) caption.children = spaced(caption.children);
    const phrasing = flatten(state.all(caption ?? node) as Array<{ type: string; children?: unknown[] }>);
    trimPhrasing(phrasing);
    const result: Figure = { type: 'figure', children: [] };
    if (src) result.image = { url: src, alt: typeof img?.properties.alt === 'string' ? img.properties.alt : '' };
    if (phrasing.length) result.children.push({ type: 'figureCaption', children: phrasing });
    if (credit) result.children.push({ type: 'figureCredit', children: [{ type: 'text', value: credit }] });
    state.patch(node, result);
    return result;
  };
}

/** schema.org's names for who holds or made a picture, as pages mark a caption's credit with `itemprop`. */
const CREDIT_PROPERTY = /^(?:copyrightHolder|copyrightNotice|creditText|creator|author|provider|sourceOrganization)$/i;

/**
 * A caption's credit, when the page sets it in an element of its own: one whose `itemprop` names
 * the picture's holder, or the caption's last element when its text is a credit by the
 * template's words ("Credit…Doug Mills/The New York Times", "Photo: Anna Berg/Courier").
 */
function findCredit(caption: Element, rules: CompiledRules): Element | undefined {
  const marked = find(caption, (element) => [element.properties.itemProp].flat().some((value) => typeof value === 'string' && CREDIT_PROPERTY.test(value)));
  if (marked && textOf(marked) !== textOf(caption)) return marked;
  const last = caption.children.filter((child): child is Element => child.type === 'element').at(-1);
  if (!last || caption.children.slice(caption.children.indexOf(last) + 1).some((child) => child.type === 'text' && child.value.trim())) return undefined;
  const text = textOf(last);
  if (!text || text === textOf(caption)) return undefined;
  return rules.creditOpening.test(text) || rules.credits.some((pattern) => pattern.exec(text)?.[1] === text) ? last : undefined;
}

/**
 * The credit a picture carries in an attribute of its own, cut from the end of its caption where the
 * page also printed it ("Glass cloche terrariums (Lucy Akins)" under `data-credit="Lucy Akins"`):
 * the caption keeps its words, the name becomes the figure's credit. The figure holds the attribute
 * when its picture was left out (loaded from the web). Undefined when the caption does not end with it.
 */
function cutAttributeCredit(caption: Element, picture: Element): string | undefined {
  for (const name of CREDIT_ATTRIBUTES) {
    const value = picture.properties[name];
    const credit = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
    if (!credit) continue;
    const last = lastText(caption);
    if (!last) return undefined;
    const escaped = wordPattern(credit);
    const tail = new RegExp(`\\s*(?:[(\\[]\\s*${escaped}\\s*[)\\]]|[-–—|/·]\\s*${escaped})\\s*$`, 'u');
    if (!tail.test(last.value) || !last.value.replace(tail, '').trim()) return undefined;
    last.value = last.value.replace(tail, '');
    return credit;
  }
  return undefined;
}

/** The text of what follows the caption inside its figure (a figure's children after the `<figcaption>`). */
function textAfter(figure: Element, caption: Element): string {
  const index = figure.children.indexOf(caption);
  if (index < 0) return '';
  return figure.children
    .slice(index + 1)
    .map((child) => textOf(child))
    .filter(Boolean)
    .join(' ');
}

function hasCreditAttribute(element: Element): boolean {
  return CREDIT_ATTRIBUTES.some((name) => element.properties[name] !== undefined);
}

function lastText(node: Element): { value: string } | undefined {
  for (let index = node.children.length - 1; index >= 0; index--) {
    const child = node.children[index]!;
    if (child.type === 'text' && child.value.trim()) return child;
    if (child.type === 'element') {
      const found = lastText(child);
      if (found) return found;
      if (textOf(child)) return undefined;
    }
  }
  return undefined;
}

/** A caption's parts, set apart on the page by style (`<span>a</span><span>b</span>`), get a space between them. */
function spaced(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    const previous = out.at(-1);
    if (previous && (previous.type === 'element' || child.type === 'element') && !/\s$/.test(toText(previous)) && !/^\s/.test(toText(child)))
      out.push({ type: 'text', value: ' ' });
    out.push(child);
  }
  return out;
}

function without(parent: Element, removed: Element): ElementContent[] {
  return parent.children.flatMap((child): ElementContent[] => (child === removed ? [] : child.type === 'element' ? [{ ...child, children: without(child, removed) }] : [child]));
}

function textOf(node: HastNodes): string {
  return toText(node).replace(/\s+/g, ' ').trim();
}

/** One space between words of a caption, none at its ends (its parts were joined with spaces). */
function trimPhrasing(phrasing: PhrasingContent[]): void {
  let space = true;
  for (const node of phrasing) {
    if (node.type !== 'text') {
      space = false;
      continue;
    }
    node.value = node.value.replace(/\s+/g, ' ');
    if (space) node.value = node.value.trimStart();
    space = node.value.endsWith(' ') || (space && !node.value);
  }
  const last = phrasing.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
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
  return out.flatMap((child): PhrasingContent[] => (child.type === 'break' ? [{ type: 'text', value: ' ' }] : child.type === ('image' as string) ? [] : [child]));
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
