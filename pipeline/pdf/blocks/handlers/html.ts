import type { Html } from 'mdast';
import { literal, textBlock, type BlockHandler } from '../builder.js';

/** Raw HTML, printed as the literal text it is (never interpreted). */
export const html: BlockHandler<Html> = (builder, node, source, position, scope) => {
  textBlock(builder, scope.role, 'P', source, literal(builder, scope.role, node.value, position), { group: scope.parent });
};
