import type { Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { TableCell, TableShape } from '../../model.js';
import { HEADER_RULE_SPACE_EMS, MIN_TABLE_SCALE } from '../../break/table.js';
import { group, textBlock, type BlockHandler } from '../builder.js';
import { phrasingRuns } from '../runs.js';
import { columnAligns } from '../../../table-align.js';

/**
 * A table: one block per row (cells side by side), all rows sharing the table's shape so that
 * break/table.ts sizes the columns over the whole table. The first row with text is the header,
 * in bold and kept with the next (a table of one column is a page's layout: no header, no rules); a column of numbers is aligned on the right unless the source
 * says otherwise. Set in the table role, with a line of the body above and below, its rows on the body's grid where they can be.
 */
export const table: BlockHandler<Table> = (builder, node, source, position, scope) => {
  const tableGroup = scope.parent ?? group(builder, 'Table');
  const style = builder.edition.print.styles.table;
  const filled = node.children.map((row) => row.children.some((cell) => toString(cell).trim().length > 0));
  const first = filled.indexOf(true);
  const last = filled.lastIndexOf(true);
  const columns = Math.max(0, ...node.children.map((row) => row.children.length));
  // A one-column "table" is a page's layout (a picture over its caption): set plain, without header or rules.
  const ruled = columns > 1;
  const hasHeader = ruled && last > first;
  const align = columnAligns(node);
  const rows: TableCell[][] = node.children.map((row, rowIndex) =>
    row.children.map((cell, column) => {
      const header = hasHeader && rowIndex === first;
      const runs = phrasingRuns(builder.context, cell.children, style, position, { italic: false, bold: header, code: false });
      const cellAlign = align[column];
      return { runs, header, ...(cellAlign ? { align: cellAlign } : {}) };
    }),
  );
  const printRules = builder.edition.print.rules;
  const shape: TableShape = {
    rows,
    first,
    last,
    header: hasHeader,
    ruled,
    minSize: Math.max(style.size * MIN_TABLE_SCALE, printRules?.minTypeSize ?? 0),
    grid: builder.edition.print.styles.body.leading,
    minRule: builder.edition.print.minLineWeight,
  };
  // A table inside a quote or list keeps the container's inset.
  const inset = scope.parent ? builder.edition.print.styles[scope.role].inset : 0;
  rows.forEach((cells, row) => {
    const spaceAfter = row === last ? style.spaceAfter : hasHeader && row === first ? HEADER_RULE_SPACE_EMS * style.size : 0;
    textBlock(
      builder,
      'table',
      'TR',
      source,
      cells.flatMap((cell) => cell.runs),
      {
        cells,
        table: { shape, row },
        group: tableGroup,
        keepWithNext: hasHeader && row === first,
        style: { ...style, indent: 0, inset, spaceBefore: row === first ? style.spaceBefore : 0, spaceAfter },
      },
    );
  });
};
