import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { literal, textBlock, type BlockHandler } from '../builder.js';

/** A block kind print has no handler for: its text as a plain paragraph, and a note that says so. */
export const plain: BlockHandler<RootContent> = (builder, node, source, position) => {
  const text = toString(node);
  if (text.trim().length === 0) return;
  builder.diagnostics.push({
    severity: 'info',
    rule: 'pdf-plain-block',
    message: `a ${node.type} block is printed as a plain paragraph`,
    file: builder.chapter.meta.file,
    ...(node.position ? { line: node.position.start.line, column: node.position.start.column } : {}),
  });
  textBlock(builder, 'body', 'P', source, literal(builder, 'body', text, position));
};
