import { toString } from 'mdast-util-to-string';
import type { StyleRole } from '../../../types.js';
import type { Figure } from '../../../mdast-nodes.js';
import { directionOf, group, phrasing, textBlock, type BlockHandler } from '../builder.js';

/**
 * A figure: its picture (when the chapter has it), then its caption and credit, grouped as one
 * Figure. A caption whose photo is not in the source (a scrape keeps the words, not the picture)
 * is not set where the picture stood, where it would float alone between the headline and the
 * text: like a book's picture credits, it goes to a note at the end of the article, before the
 * copyright line, still a caption with its credit (buildBlocks places the notes).
 */
export const figure: BlockHandler<Figure> = (builder, node, source, position) => {
  const caption = node.children.find((child) => child.type === 'figureCaption');
  const alt = node.image?.alt || (caption ? toString(caption) : '');
  const asset = node.image && Object.hasOwn(builder.chapter.assets, node.image.url) ? builder.chapter.assets[node.image.url] : undefined;
  const body = builder.blocks;
  const element = group(builder, asset ? 'Figure' : 'Note', asset ? alt : undefined);
  if (asset) {
    builder.blocks.push({ kind: 'image', asset, alt, group: element, source, keepWithNext: true });
  } else {
    if (node.image) {
      builder.diagnostics.push({
        severity: 'warning',
        rule: 'pdf-missing-image',
        message: `image ${node.image.url} is not among the chapter's images; its caption is set in a note at the end of the article`,
        file: builder.chapter.meta.file,
      });
    }
    builder.blocks = builder.photoNotes;
  }
  const styles = builder.edition.print.styles;
  // The notes stand a line of the body below the text they follow.
  const opensNotes = !asset && builder.photoNotes.length === 0;
  for (const child of node.children) {
    const role: StyleRole = child.type === 'figureCaption' ? 'caption' : 'credit';
    builder.dir = directionOf(child, () => toString(child), builder.chapter.meta.dir);
    // A caption stays with its credit; the credit closes the figure.
    textBlock(builder, role, child.type === 'figureCaption' ? 'Caption' : 'P', source, phrasing(builder, role, child.children, position), {
      group: element,
      keepWithNext: child.type === 'figureCaption',
      ...(opensNotes && child === node.children[0] ? { style: { ...styles[role], spaceBefore: Math.max(styles[role].spaceBefore, styles.body.leading) } } : {}),
    });
  }
  builder.blocks = body;
};
