/**
 * Recognises photos: in a scrape, a caption line ending in a photo credit ("… Vladimir
 * Voronin/AP"), or a caption line with its credit on the line below ("Al Goldis, Associated
 * Press"), with the wire slug line just above it kept as data; in Markdown, an image alone in
 * its paragraph, captioned by its title or by the caption paragraph below it.
 */
import type { Image, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Figure } from '../mdast-nodes.js';
import { creditLinePattern } from '../extract/rules.js';
import { plainParagraphText, splitPhrasing, wordCount, type ScrapeRules } from './context.js';

/** Shortest caption, in words, before the credit: a shorter line ending in "X/AP" is more likely a byline. */
const MIN_CAPTION_WORDS = 4;

/** A remark plugin turning captions with credits (and Markdown images) into `figure` nodes. */
export function remarkFigure(rules: ScrapeRules) {
  const credits = rules.creditPatterns.map((source) => new RegExp(source, 'u'));
  const creditLine = creditLinePattern(rules.creditLines);
  return (tree: Root, file: VFile): void => {
    const out: RootContent[] = [];
    /** Keeps the slug line above a caption as the figure's data, not as body text. */
    const takeSlug = (figure: Figure, caption: Paragraph): void => {
      const previous = out[out.length - 1];
      const slug = previous && isSlugLine(previous, caption, rules) ? plainParagraphText(previous) : undefined;
      if (slug === undefined) return;
      out.pop();
      figure.slug = slug;
      const message = file.info(`kept photo slug line "${slug}" as data, not body text`, { place: previous!.position, ruleId: 'photo-slug', source: 'galley' });
      message.actual = slug;
    };
    const nodes = tree.children;
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index]!;
      if (node.type === 'figure') {
        out.push(splitFigureCredit(node, credits));
        continue;
      }
      const image = loneImage(node);
      if (image) {
        const next = nodes[index + 1];
        const caption = next?.type === 'paragraph' && !loneImage(next) && findCredit(toString(next), credits) ? next : undefined;
        if (caption) index++;
        out.push(makeFigure(caption?.children ?? textOf(image.title), credits, node.position, image));
        continue;
      }
      const text = node.type === 'paragraph' ? toString(node) : undefined;
      if (node.type === 'paragraph' && text !== undefined && creditLine.test(text.trim())) {
        // A credit on its own line: its caption is the line right above; with none, a credit that
        // reads as one ("JIM WATSON/AFP/Getty Images") still is, and "Name, Agency" may be a byline.
        const previous = out[out.length - 1];
        const caption = previous?.type === 'paragraph' && isCaptionAbove(previous, node, credits) ? previous : undefined;
        if (caption || text.includes('/')) {
          if (caption) out.pop();
          const figure: Figure = {
            type: 'figure',
            children: [...(caption ? [{ type: 'figureCaption' as const, children: caption.children }] : []), { type: 'figureCredit', children: node.children }],
            position: caption?.position ?? node.position,
          };
          if (caption) takeSlug(figure, caption);
          out.push(figure);
          continue;
        }
      }
      const credit = text === undefined ? undefined : findCredit(text, credits);
      if (node.type !== 'paragraph' || text === undefined || credit === undefined || wordCount(text.slice(0, credit)) < MIN_CAPTION_WORDS) {
        out.push(node);
        continue;
      }
      const figure = makeFigure(node.children, credits, node.position);
      takeSlug(figure, node);
      out.push(figure);
    }
    tree.children = out;
  };
}

/** A figure extraction made (a web page's `<figure>`) has its caption; a credit at the caption's end is set apart. */
function splitFigureCredit(figure: Figure, credits: RegExp[]): Figure {
  const caption = figure.children.find((child) => child.type === 'figureCaption');
  if (!caption || figure.children.some((child) => child.type === 'figureCredit')) return figure;
  const split = makeFigure(caption.children, credits, figure.position);
  return { ...figure, children: split.children };
}

function loneImage(node: RootContent): Image | undefined {
  if (node.type !== 'paragraph') return undefined;
  const content = node.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
  return content.length === 1 && content[0]!.type === 'image' ? content[0] : undefined;
}

function textOf(value: string | null | undefined): PhrasingContent[] {
  return value ? [{ type: 'text', value }] : [];
}

/**
 * Credits are short. The template's patterns (each anchored at the end) are tried on a
 * paragraph's last characters only, cut just after a space so that the start of the tail is
 * still a word boundary: tried on the whole of every paragraph, they took 2 ms per article.
 */
const MAX_CREDIT_CHARS = 300;

/** Returns the offset where a trailing credit starts in a caption, or undefined. */
function findCredit(text: string, credits: RegExp[]): number | undefined {
  const trimmed = text.trimEnd();
  const space = trimmed.length > MAX_CREDIT_CHARS ? trimmed.indexOf(' ', trimmed.length - MAX_CREDIT_CHARS) : -1;
  const from = space < 0 ? 0 : space + 1;
  const tail = trimmed.slice(from);
  // The longest credit wins: "Photo: Anna Berg/Courier" rather than its "Anna Berg/Courier".
  let found: number | undefined;
  for (const pattern of credits) {
    const match = pattern.exec(tail);
    if (match?.[1]) found = Math.min(found ?? Infinity, from + match.index + match[0].indexOf(match[1]));
  }
  return found;
}

/**
 * A caption that is only names joined by slashes, two or more ("Thomas Jackson/Digital Vision/Getty
 * Images", "(Mike Watson Images/Moodboard/Getty)"), is a credit chain alone: photographer, collection,
 * agency. Taken whole, not cut inside the chain at its last two names. No sentence marks, at most
 * four words between slashes.
 */
const CREDIT_CHAIN = /^\(?\p{L}[^\s/().,;:!?]*(?:\s+[^\s/().,;:!?]+){0,3}(?:\s*\/\s*\p{L}[^\s/().,;:!?]*(?:\s+[^\s/().,;:!?]+){0,3}){2,}\)?$/u;

function makeFigure(children: PhrasingContent[], credits: RegExp[], position: Paragraph['position'], image?: Image): Figure {
  const text = children.map((child) => toString(child)).join('');
  const at = CREDIT_CHAIN.test(text.trim()) ? 0 : findCredit(text, credits);
  const [caption, credit] = at === undefined ? [children, []] : splitPhrasing(children, at);
  trimEnd(caption);
  const figure: Figure = { type: 'figure', children: [], position };
  if (image) figure.image = { url: image.url, alt: image.alt ?? '' };
  if (caption.length) figure.children.push({ type: 'figureCaption', children: caption });
  if (credit.length) figure.children.push({ type: 'figureCredit', children: credit });
  return figure;
}

function trimEnd(children: PhrasingContent[]): void {
  const last = children[children.length - 1];
  if (last?.type === 'text') {
    last.value = last.value.trimEnd();
    if (!last.value) children.pop();
  }
}

/** Longest caption, in words, a credit on the line below is taken for. */
const MAX_CAPTION_WORDS = 80;

/** A caption right above a credit line: the line directly above, long enough, with no credit of its own, not introducing what follows. */
function isCaptionAbove(candidate: Paragraph, credit: Paragraph, credits: RegExp[]): boolean {
  const text = toString(candidate).trim();
  const above = candidate.position?.end.line;
  const below = credit.position?.start.line;
  const words = wordCount(text);
  return above !== undefined && below === above + 1 && words >= MIN_CAPTION_WORDS && words <= MAX_CAPTION_WORDS && !/:$/u.test(text) && findCredit(text, credits) === undefined;
}

/** A slug line is short, unpunctuated and on the line directly above the caption, with no blank line between. */
function isSlugLine(candidate: RootContent, caption: Paragraph, rules: ScrapeRules): boolean {
  const text = plainParagraphText(candidate);
  const above = candidate.position?.end.line;
  const below = caption.position?.start.line;
  return text !== undefined && above !== undefined && below === above + 1 && wordCount(text) <= rules.slugMaxWords && !/[.!?:;,"”]$/u.test(text);
}
