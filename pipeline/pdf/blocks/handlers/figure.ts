import { toString } from 'mdast-util-to-string';
import type { StyleRole } from '../../../types.js';
import type { Figure } from '../../../mdast-nodes.js';
import { directionOf, group, phrasing, textBlock, type BlockHandler } from '../builder.js';

/** A figure: its picture (when the chapter has it), then its caption and credit, grouped as one Figure. */
export const figure: BlockHandler<Figure> = (builder, node, source, position) => {
  const caption = node.children.find((child) => child.type === 'figureCaption');
  const alt = node.image?.alt || (caption ? toString(caption) : '');
  const element = group(builder, 'Figure', alt);
  const asset = node.image && Object.hasOwn(builder.chapter.assets, node.image.url) ? builder.chapter.assets[node.image.url] : undefined;
  if (node.image && asset) {
    builder.blocks.push({ kind: 'image', asset, alt, group: element, source, keepWithNext: true });
  } else if (node.image) {
    builder.diagnostics.push({
      severity: 'warning',
      rule: 'pdf-missing-image',
      message: `image ${node.image.url} is not among the chapter's images; its caption is printed alone`,
      file: builder.chapter.meta.file,
    });
  }
  for (const child of node.children) {
    const role: StyleRole = child.type === 'figureCaption' ? 'caption' : 'credit';
    builder.dir = directionOf(child, () => toString(child), builder.chapter.meta.dir);
    // A caption stays with its credit; the credit closes the figure.
    textBlock(builder, role, child.type === 'figureCaption' ? 'Caption' : 'P', source, phrasing(builder, role, child.children, position), {
      group: element,
      keepWithNext: child.type === 'figureCaption',
    });
  }
};
