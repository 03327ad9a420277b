import type { Table } from 'mdast';
import type { TableCell } from '../../model.js';
import { group, textBlock, type BlockHandler } from '../builder.js';
import { phrasingRuns } from '../runs.js';

/** A table: one block per row (cells side by side), the header row in bold and kept with the next. */
export const table: BlockHandler<Table> = (builder, node, source, position, scope) => {
  const tableGroup = scope.parent ?? group(builder, 'Table');
  node.children.forEach((row, rowIndex) => {
    const header = rowIndex === 0;
    const cells: TableCell[] = row.children.map((cell, column) => {
      const align = node.align?.[column];
      const runs = phrasingRuns(builder.context, cell.children, builder.edition.print.styles[scope.role], position, { italic: false, bold: header, code: false });
      return { runs, header, ...(align ? { align } : {}) };
    });
    textBlock(
      builder,
      scope.role,
      'TR',
      source,
      cells.flatMap((cell) => cell.runs),
      { cells, group: tableGroup, keepWithNext: header && node.children.length > 1 },
    );
  });
};
