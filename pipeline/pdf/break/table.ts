/**
 * Step 3e: a table row is set as one block: each cell is broken into lines in its own column
 * (equal widths, a gutter between), and the cells' lines are laid side by side, so that flow
 * and paint treat the row like a paragraph whose lines hold several columns.
 */
import type { Line, TextBlock } from '../model.js';
import { setBlock, type SetOptions, type SetReport } from './set.js';

/** Space between two columns of a table, in ems of the row's type size. */
export const TABLE_COLUMN_GAP_EMS = 1;

/** Sets a row block (`cells` present) into lines that hold every cell at its column's offset. */
export function setTableRow(block: TextBlock, options: SetOptions): SetReport {
  const cells = block.cells ?? [];
  const count = Math.max(1, cells.length);
  const gap = block.style.size * TABLE_COLUMN_GAP_EMS;
  const inner = Math.max(0, options.width - 2 * block.style.inset);
  const columnWidth = Math.max(0, (inner - (count - 1) * gap) / count);
  const reports = cells.map((cell) => {
    const style = { ...block.style, inset: 0, indent: 0, align: cell.align ?? (block.style.align === 'justify' ? 'left' : block.style.align) };
    return setBlock({ ...block, style, runs: cell.runs, cells: undefined }, { ...options, width: columnWidth, indentFirstLine: false });
  });
  const depth = Math.max(1, ...reports.map((report) => report.lines.length));
  const lines: Line[] = [];
  for (let index = 0; index < depth; index++) {
    const parts = reports.map((report) => report.lines[index]);
    const first = parts.find((line): line is Line => line !== undefined);
    lines.push({
      segments: parts.flatMap((line, column) => (line ? line.segments.map((segment) => ({ ...segment, x: segment.x + column * (columnWidth + gap), cell: column })) : [])),
      leading: Math.max(block.style.leading, ...parts.map((line) => line?.leading ?? 0)),
      offset: first?.offset ?? 0,
      hyphenated: parts.some((line) => line?.hyphenated ?? false),
      width: inner,
    });
  }
  return { lines, pass: Math.max(0, ...reports.map((report) => report.pass)) };
}
