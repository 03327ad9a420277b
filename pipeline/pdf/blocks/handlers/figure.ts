import { toString } from 'mdast-util-to-string';
import type { StyleRole } from '../../../types.js';
import type { Figure } from '../../../mdast-nodes.js';
import { directionOf, group, phrasing, textBlock, type BlockHandler } from '../builder.js';

/**
 * A figure: its picture, then its caption and credit, grouped as one Figure. A photo note (a
 * caption whose photo is not in the source, which layout has moved to the end of the article:
 * layout/photo-notes.ts) is the caption and credit alone, grouped as a Note; the first of them
 * stands a line of the body below the text it follows.
 */
export const figure: BlockHandler<Figure> = (builder, node, source, position) => {
  const caption = node.children.find((child) => child.type === 'figureCaption');
  const alt = node.image?.alt || (caption ? toString(caption) : '');
  const asset = !node.photoNote && node.image ? builder.chapter.assets[node.image.url] : undefined;
  const element = group(builder, asset ? 'Figure' : 'Note', asset ? alt : undefined);
  if (asset) {
    builder.blocks.push({ kind: 'image', asset, alt, group: element, source, keepWithNext: true });
  } else if (node.image) {
    builder.diagnostics.push({
      severity: 'warning',
      rule: 'pdf-missing-image',
      message: `image ${node.image.url} is not among the chapter's images; its caption is set in a note at the end of the article`,
      file: builder.chapter.meta.file,
    });
  }
  const styles = builder.edition.print.styles;
  const before = builder.chapter.tree.children[source.block - 1];
  const opensNotes = !asset && !(before?.type === 'figure' && before.photoNote);
  for (const child of node.children) {
    const role: StyleRole = child.type === 'figureCaption' ? 'caption' : 'credit';
    builder.dir = directionOf(child, () => toString(child), builder.chapter.meta.dir);
    // A caption stays with its credit; the credit closes the figure.
    textBlock(builder, role, child.type === 'figureCaption' ? 'Caption' : 'P', source, phrasing(builder, role, child.children, position), {
      group: element,
      keepWithNext: child !== node.children[node.children.length - 1],
      ...(opensNotes && child === node.children[0] ? { style: { ...styles[role], spaceBefore: Math.max(styles[role].spaceBefore, styles.body.leading) } } : {}),
    });
  }
};
