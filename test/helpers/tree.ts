/** Test helpers for trees: goldens are mdast JSON without positions. */
import type { Root } from 'mdast';
import { removePosition } from 'unist-util-remove-position';

/** A deep copy of the tree without positions, as golden-file JSON. */
export function treeJson(tree: Root): string {
  const copy = structuredClone(tree);
  removePosition(copy, { force: true });
  return `${JSON.stringify(copy, null, 2)}\n`;
}
