/**
 * How a table's columns are aligned, judged once for the print book and the EPUB alike: as the
 * source says (Markdown's `:--`, `:--:` and `--:`), else a column of numbers on the right, else
 * as the text runs (undefined).
 */
import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** A column's alignment. */
export type ColumnAlign = 'left' | 'right' | 'center';

/** A cell that holds a number (an amount, a price, a percentage, a change): its column is aligned on the right. */
const NUMERIC = /^[-+\u2212\u2013(]?\s?[$€£¥]?\s?\d[\d,.\u00a0\u202f ]*(?:%|[kKmMbB]n?)?\)?$/u;

/** Whether every cell of a column below the header that holds text holds a number (and one does). */
function numericColumn(node: Table, column: number, header: number): boolean {
  const values = node.children
    .slice(header + 1)
    .map((row) => (row.children[column] ? toString(row.children[column]).trim() : ''))
    .filter((value) => value.length > 0);
  return values.length > 0 && values.every((value) => NUMERIC.test(value));
}

/** Each column's alignment (undefined: as the text runs); the header is the first row with text. */
export function columnAligns(node: Table): Array<ColumnAlign | undefined> {
  const first = node.children.findIndex((row) => row.children.some((cell) => toString(cell).trim().length > 0));
  const columns = Math.max(0, ...node.children.map((row) => row.children.length));
  return Array.from({ length: columns }, (_, column) => node.align?.[column] ?? (first >= 0 && numericColumn(node, column, first) ? 'right' : undefined));
}
