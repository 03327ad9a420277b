/** The words an article's source holds, as a reader would count them: text, not markup. */
import { fromHtml } from 'hast-util-from-html';
import type { Nodes as HastNodes } from 'hast';
import type { Nodes, Root } from 'mdast';
import { parseArticle } from '../parse/index.js';
import type { Source } from '../read/index.js';
import { MAX_HTML_TAGS } from '../structure/remark-raw-html.js';

/** The readable text of a source: a scrape's lines as written, Markdown's text without its markup, front matter or link targets. */
export function sourceText(source: Source): string {
  return textOf(parseArticle(source).tree);
}

/** The readable text of a parsed tree, one block per line (see `sourceText`). */
export function treeText(tree: Root): string {
  return textOf(tree);
}

/** Parents inside a line of text. Link targets, image sources and alt text are printed in neither book, so they are not counted. */
const INLINE = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** Text of an mdast tree, one block per line; raw HTML counts by its text, not its tags. Iterative: trees may be deep. */
function textOf(tree: Root): string {
  const parts: string[] = [];
  const stack: Array<Nodes | '\n'> = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === '\n') {
      parts.push('\n');
      continue;
    }
    if (node.type === 'html') parts.push(' ', htmlText(node.value), ' ');
    else if (node.type === 'text' || node.type === 'inlineCode') parts.push(node.value);
    else if (node.type === 'code') parts.push('\n', node.value, '\n');
    else if (node.type === 'break') parts.push('\n');
    else if ('children' in node) {
      // Blocks end with a line break; inline markup (`*wo*rd`) must not split a word.
      if (!INLINE.has(node.type)) stack.push('\n');
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

function htmlText(html: string): string {
  // The structure stage shows over-long runs of tags as written, so count them as written too.
  if ((html.match(/</g)?.length ?? 0) > MAX_HTML_TAGS) return html;
  const parts: string[] = [];
  const stack: HastNodes[] = [fromHtml(html, { fragment: true })];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text' || node.type === 'comment') parts.push(node.value, ' ');
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as HastNodes);
  }
  return parts.join('');
}
