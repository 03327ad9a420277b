import type { List } from 'mdast';
import type { Run } from '../../model.js';
import { group, phrasing, textBlock, type BlockHandler } from '../builder.js';
import { runStyle, textRuns } from '../runs.js';

/** Marker of an unordered list item (a typographic bullet, not a size or a colour). */
const BULLET = '•';

/** A list: each item's first paragraph opens with its marker; everything in one L element (a nested list joins its parent's). */
export const list: BlockHandler<List> = (builder, node, source, position, scope) => {
  const listGroup = scope.parent ?? group(builder, 'L');
  node.children.forEach((item, index) => {
    const marker = node.ordered ? `${(node.start ?? 1) + index}.` : BULLET;
    let first = true;
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        const runs: Run[] = [];
        if (first) runs.push(...textRuns(builder.context, `${marker} `, position.offset, runStyle(builder.edition.print, builder.edition.print.styles.listItem), true));
        runs.push(...phrasing(builder, 'listItem', child.children, position));
        textBlock(builder, 'listItem', 'LI', source, runs, { group: listGroup });
      } else {
        builder.nested(child, source, position, { role: 'listItem', parent: listGroup });
      }
      first = false;
    }
  });
};
