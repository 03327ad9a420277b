/**
 * Tables across pages, for flow: a table breaks only between rows, never leaving fewer than
 * MIN_ORPHAN_ROWS of its rows under the header at the foot of a page nor fewer than
 * MIN_WIDOW_ROWS at the head of the next (a compositor's widows and orphans, counted in rows);
 * the part on the next page opens with the header row again, drawn as a pagination artifact
 * (ISO 32000-1, Table 337, THead: "these rows may be redrawn at the top of each table fragment
 * (although there is only one THead element)"), and a part that a page ends takes a closing rule.
 */
import type { Rule, SetBlock } from '../model.js';

/** Fewest rows of a table (below its header) left at the foot of a page. */
export const MIN_ORPHAN_ROWS = 2;
/** Fewest rows of a table carried to the head of the next page. */
export const MIN_WIDOW_ROWS = 2;

/** The table a set block is a row of, and the row's index. */
function rowOf(set: SetBlock): { first: number; last: number; header: boolean; row: number } | undefined {
  const table = set.block.kind === 'text' ? set.block.table : undefined;
  return table ? { ...table.shape, row: table.row } : undefined;
}

/**
 * Whether a page may end just before line `line` of a table row: never inside a row, never so
 * that a part holds fewer rows than the minimums; undefined when `set` is no table row after the
 * table's first (flow's own rules decide).
 */
export function rowBreakable(set: SetBlock, line: number): boolean | undefined {
  const table = rowOf(set);
  if (!table || (line === 0 && table.row <= table.first)) return undefined;
  if (line > 0) return false;
  const firstBody = table.first + (table.header ? 1 : 0);
  return table.row - firstBody >= MIN_ORPHAN_ROWS && table.last - table.row + 1 >= MIN_WIDOW_ROWS;
}

/** The index in `blocks` (chapter order) of the header row a page repeats when it starts at row `set` (block `blockIndex`) of a table with a header, or undefined. */
export function headerToRepeat(blocks: readonly SetBlock[], set: SetBlock, blockIndex: number): number | undefined {
  const table = rowOf(set);
  if (!table || !table.header || table.row <= table.first) return undefined;
  const index = blockIndex - (table.row - table.first);
  const header = blocks[index];
  return header && sameTable(header, set) ? index : undefined;
}

/** The rule drawn where a page breaks between two lines of one table (`side` of the line at the break), if the table is ruled. */
export function breakRule(set: SetBlock, line: number, side: 'above' | 'below'): Rule | undefined {
  return set.lines[line]?.breakRules?.[side];
}

/** Whether two placed lines belong to one table (rows of one shape). */
export function sameTable(a: SetBlock, b: SetBlock): boolean {
  return a.block.kind === 'text' && b.block.kind === 'text' && a.block.table !== undefined && a.block.table.shape === b.block.table?.shape;
}
