/**
 * A scraped page is not Markdown: "1. Not a list", "# 1 seller" or "<b>" in a scrape are
 * literal text. remark-parse would read them as markup, so a scrape becomes one paragraph
 * per non-empty line, each holding a single text node with the line exactly as written.
 */
import type { Paragraph, Root } from 'mdast';

/** Turns a scrape's text into an mdast root of literal one-line paragraphs with positions. */
export function parseScrape(text: string): Root {
  const children: Paragraph[] = [];
  let offset = 0;
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed) {
      const startColumn = line.indexOf(trimmed) + 1;
      const position = {
        start: { line: index + 1, column: startColumn, offset: offset + startColumn - 1 },
        end: { line: index + 1, column: startColumn + trimmed.length, offset: offset + startColumn - 1 + trimmed.length },
      };
      children.push({ type: 'paragraph', children: [{ type: 'text', value: trimmed, position }], position });
    }
    offset += line.length + 1;
  });
  return { type: 'root', children };
}
