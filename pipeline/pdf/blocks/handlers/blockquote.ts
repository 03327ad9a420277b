import type { Blockquote } from 'mdast';
import { group, type BlockHandler } from '../builder.js';

/** A quotation: its blocks in the blockquote role, in one BlockQuote element (a quote inside a container joins the container's). */
export const blockquote: BlockHandler<Blockquote> = (builder, node, source, position, scope) => {
  const inner = scope.parent ? { role: scope.role, parent: scope.parent } : { role: 'blockquote' as const, parent: group(builder, 'BlockQuote') };
  for (const child of node.children) builder.nested(child, source, position, inner);
};
