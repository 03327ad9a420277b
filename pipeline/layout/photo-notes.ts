import type { Root, RootContent } from 'mdast';
import type { Figure } from '../mdast-nodes.js';
import type { Asset } from '../types.js';

/**
 * A caption whose photo is not in the source (a scrape keeps the words, not the picture; a
 * Markdown picture whose file is missing) would float alone between the headline and the text
 * where the photo stood. Like a book's picture credits, it goes to a note that closes the
 * article, before its copyright line, still a caption with its credit: both books set the
 * chapter tree as this returns it, so they agree and their page starts index the same blocks.
 * A note with no caption is the picture's alt text; with neither, it has nothing to say.
 */
export function photoNotesLast(tree: Root, assets: Record<string, Asset>): Root {
  const isNote = (node: RootContent): node is Figure => node.type === 'figure' && !(node.image && Object.hasOwn(assets, node.image.url));
  const notes = tree.children.filter(isNote);
  if (notes.length === 0) return tree;
  const rest = tree.children.filter((node) => !isNote(node));
  let end = rest.length;
  while (end > 0 && rest[end - 1]!.type === 'copyright') end -= 1;
  const marked = notes.flatMap((note): Figure[] => {
    if (note.children.length > 0) return [{ ...note, photoNote: true }];
    // A picture with no caption says what it showed by its alt text, or nothing at all.
    const alt = note.image?.alt.trim();
    return alt ? [{ ...note, photoNote: true, children: [{ type: 'figureCaption', children: [{ type: 'text', value: alt }] }] }] : [];
  });
  return { ...tree, children: [...rest.slice(0, end), ...marked, ...rest.slice(end)] };
}
