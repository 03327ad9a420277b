/** Finds the headline: front matter `title`, a leading `#` heading, or a scrape's first line; drops its repeats. */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { filterRoot, plainParagraphText, reportDropped } from './context.js';

/** A remark plugin that makes the headline the one `heading` of depth 1 at the top of the tree. */
export function remarkHeadline() {
  return (tree: Root, file: VFile): void => {
    const meta = file.data.meta ?? (file.data.meta = {});
    const first = tree.children[0];
    let headline: Heading | undefined;
    if (first?.type === 'heading' && first.depth === 1) headline = first;
    else if (file.data.kind === 'scrape' && first && plainParagraphText(first) !== undefined && first.type === 'paragraph') {
      headline = { type: 'heading', depth: 1, children: first.children, position: first.position };
      tree.children[0] = headline;
    }
    if (headline && !meta.title) meta.title = toString(headline).trim();
    if (!headline && meta.title) {
      headline = { type: 'heading', depth: 1, children: [{ type: 'text', value: meta.title }] };
      tree.children.unshift(headline);
    }
    if (!headline) return;
    const title = normalise(toString(headline));
    filterRoot(tree, (node, index) => {
      if (index === 0) return true;
      const text = node.type === 'heading' ? toString(node) : plainParagraphText(node);
      if (text === undefined || normalise(text) !== title) return true;
      reportDropped(file, node, 'dropped-repeated-headline', 'repeated headline');
      return false;
    });
  };
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
