/** Typographer's quotes: straight quotes and apostrophes in prose become curly ones. Code stays as typed. */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** A remark plugin curling straight quotes in text nodes (never in code). */
export function remarkTypography() {
  return (tree: Root): void => {
    visit(tree, 'text', (node) => {
      node.value = curlQuotes(node.value);
    });
  };
}

/** Curls quotes by their neighbours: an opening quote follows a space, bracket or dash, or starts the text. */
export function curlQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{\u2014\u2013-])"/gu, '$1\u201C')
    .replace(/"/g, '\u201D')
    .replace(/(^|[\s([{\u2014\u2013-])'/gu, '$1\u2018')
    .replace(/'/g, '\u2019');
}
