import type { Code } from 'mdast';
import type { Run } from '../../model.js';
import { literal, textBlock, type BlockHandler } from '../builder.js';

/** A code block in the code role; its line ends are kept as forced breaks. */
export const code: BlockHandler<Code> = (builder, node, source, position, scope) => {
  const runs: Run[] = [];
  node.value.split('\n').forEach((line, index) => {
    if (index > 0) {
      runs.push({ kind: 'break', offset: position.offset });
      position.offset += 1;
    }
    runs.push(...literal(builder, 'code', line, position));
  });
  textBlock(builder, 'code', 'Code', source, runs, { group: scope.parent });
};
