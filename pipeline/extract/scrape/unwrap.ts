/**
 * A scrape copied from a text browser's dump, or from a page set in <pre>, may be hard-wrapped: each paragraph broken
 * into lines of a fixed width, the lines after the first indented further (a hanging indent). Every such line is
 * shorter than any prose line the classifier knows, so the article would be read as a menu. The lines of one paragraph
 * are joined again before the lines are classified. A line continues the one above it when it is on the next line of
 * the file, indented further than the paragraph's first line (a link inside may indent a line further still), the
 * line above it is of a wrapped line's length (or the paragraph's first line, or less indented), and neither holds
 * code marks (an
 * indented listing is not a paragraph). It is done only on a page where it happens often: a stray indented line
 * ("   Stay logged in" under "Go") is no wrapping. Written here: a text's hard wrap is undone by the line's own
 * indentation in the file, which no parser of ours keeps (parse/scrape.ts gives each line's column).
 */
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Fewest continuation lines that make a page hard-wrapped. */
const MIN_CONTINUATIONS = 20;
/** Fewest characters of a line wrapped at the text's width, inside a paragraph (a menu's indented entries are shorter). */
const MIN_WRAPPED_CHARS = 25;
/** Code or data: braces, semicolons, assignments, tags, a call, a line opening as JSON does. */
const CODE_MARKS = /[{};=<>[\]]|[\p{L}\p{N}_]\(|^["'][^"']*["']\s*:/u;

/** The scrape's lines (one paragraph per non-empty line, as parse made them), with hard-wrapped paragraphs joined. */
export function unwrapLines(nodes: Paragraph[]): Paragraph[] {
  const texts = nodes.map((node) => toString(node));
  const continues = new Array<boolean>(nodes.length).fill(false);
  let first = 0;
  for (let index = 1; index < nodes.length; index++) {
    const previous = nodes[index - 1]!.position?.start;
    const own = nodes[index]!.position?.start;
    const head = nodes[first]!.position?.start;
    const joined =
      previous !== undefined &&
      own !== undefined &&
      head !== undefined &&
      own.line === previous.line + 1 &&
      own.column > head.column &&
      // A paragraph's first line may be cut short by what stood before it, and a line by a link that follows it (the
      // link's words are indented further); else a line wrapped at the width is not short.
      (index - 1 === first || own.column > previous.column || texts[index - 1]!.length >= MIN_WRAPPED_CHARS) &&
      /\p{L}/u.test(texts[index]!) &&
      /\p{L}/u.test(texts[index - 1]!) &&
      !CODE_MARKS.test(texts[index]!) &&
      !CODE_MARKS.test(texts[index - 1]!);
    if (joined) continues[index] = true;
    else first = index;
  }
  if (continues.filter(Boolean).length < MIN_CONTINUATIONS) return nodes;
  const out: Paragraph[] = [];
  nodes.forEach((node, index) => {
    if (!continues[index]) {
      out.push(node);
      return;
    }
    const last = out.at(-1)!;
    const text = `${toString(last)} ${texts[index]}`;
    const position = last.position && node.position ? { start: last.position.start, end: node.position.end } : undefined;
    out[out.length - 1] = {
      type: 'paragraph',
      children: [{ type: 'text', value: text, ...(position ? { position } : {}) }],
      ...(position ? { position } : {}),
    };
  });
  return out;
}
