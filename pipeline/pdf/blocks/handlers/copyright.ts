import type { Copyright } from '../../../mdast-nodes.js';
import { phrasing, textBlock, type BlockHandler } from '../builder.js';

/** The article's copyright notice, in its own role. */
export const copyright: BlockHandler<Copyright> = (builder, node, source, position) => {
  textBlock(builder, 'copyright', 'P', source, phrasing(builder, 'copyright', node.children, position));
};
