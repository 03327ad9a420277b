/**
 * Section headings: in a scrape, a short line set in ALL CAPS; in Markdown, the author's
 * headings re-levelled under the headline so that no level is skipped.
 */
import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { plainParagraphText, wordCount, type ScrapeRules } from './context.js';

/** A remark plugin making ALL-CAPS scrape lines `heading` depth 2 and keeping Markdown heading levels gap-free. */
export function remarkSectionHeading(rules: ScrapeRules) {
  return (tree: Root, file: VFile): void => {
    if (file.data.kind === 'scrape') {
      tree.children = tree.children.map((node, index) => {
        const text = index === 0 ? undefined : plainParagraphText(node);
        if (text === undefined || node.type !== 'paragraph' || !isAllCaps(text) || wordCount(text) > rules.headingMaxWords) return node;
        const heading: Heading = { type: 'heading', depth: 2, children: node.children, position: node.position };
        return heading;
      });
      return;
    }
    relevel(tree);
  };
}

/** Capitals, and most of the line's letters cased: a Chinese paragraph quoting "UFAA" is not a line in capitals. */
function isAllCaps(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const cased = letters.filter((letter) => letter.toLowerCase() !== letter.toUpperCase());
  return cased.length >= 2 && cased.length * 2 > letters.length && cased.every((letter) => letter === letter.toUpperCase());
}

/** Re-levels the headings after the headline by their nesting (2…6), so levels never skip. */
function relevel(tree: Root): void {
  const headings = tree.children.filter((node, index): node is Heading => node.type === 'heading' && !(index === 0 && node.depth === 1));
  const stack: number[] = [];
  for (const heading of headings) {
    while (stack.length && stack[stack.length - 1]! >= heading.depth) stack.pop();
    stack.push(heading.depth);
    heading.depth = Math.min(6, stack.length + 1) as Heading['depth'];
  }
}
