/**
 * The headline: front matter `title`, a leading `#` heading (Markdown) or the one extraction
 * found (a web page's metadata, a scrape's headline line); repeats of it are dropped. An
 * article with none is titled from its file name, with a warning: a paragraph is never
 * promoted to a display headline.
 */
import { basename, extname } from 'node:path';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { filterRoot, plainParagraphText, reportDropped } from './context.js';

/** A remark plugin that makes the headline the one `heading` of depth 1 at the top of the tree. */
export function remarkHeadline() {
  return (tree: Root, file: VFile): void => {
    const meta = file.data.meta ?? (file.data.meta = {});
    const first = tree.children[0];
    let headline: Heading | undefined = first?.type === 'heading' && first.depth === 1 ? first : undefined;
    if (headline && !meta.title) meta.title = toString(headline).replace(/\s+/g, ' ').trim();
    if (!headline && !meta.title) {
      meta.title = titleFromFileName(file.path);
      file.message(`no headline found; the book is titled "${meta.title}" from the file name (give a title in front matter to choose one)`, {
        ruleId: 'no-headline',
        source: 'galley',
      });
    }
    if (!headline) {
      headline = { type: 'heading', depth: 1, children: [{ type: 'text', value: meta.title! }] };
      tree.children.unshift(headline);
    }
    const title = normalise(meta.title!);
    filterRoot(tree, (node, index) => {
      if (index === 0) return true;
      const text = node.type === 'heading' ? toString(node) : plainParagraphText(node);
      if (text === undefined || normalise(text) !== title) return true;
      reportDropped(file, node, 'dropped-repeated-headline', 'repeated headline');
      return false;
    });
  };
}

function titleFromFileName(path: string): string {
  const stem = basename(path, extname(path)).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Untitled';
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
