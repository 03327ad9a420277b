import type { Heading, Paragraph } from 'mdast';
import { phrasing, textBlock, type BlockHandler } from '../builder.js';

/** A paragraph (or a heading inside a quote or list item) in its container's role, tagged P. */
export const paragraph: BlockHandler<Paragraph | Heading> = (builder, node, source, position, scope) => {
  textBlock(builder, scope.role, 'P', source, phrasing(builder, scope.role, node.children, position), { group: scope.parent });
};
