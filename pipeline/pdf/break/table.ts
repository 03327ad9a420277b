/**
 * Step 3e: tables. Columns are sized over the whole table by their content, as CSS's automatic
 * table layout does (CSS 2.1 §17.5.2.2; CSS Tables 3 "width distribution"): each column's
 * min-content width (its widest word) and max-content width (its widest cell on one line); when
 * every column fits on one line they all do, with the measure's rest shared in proportion to
 * those widths; otherwise each column gets at least its widest word, and the rest is shared the
 * way that makes fewer lines: levelled (short columns whole, long ones equal) or CSS's (in
 * proportion to what each lacks, which alone starves a short text column beside a long one:
 * "Parks, / pools and / playgrounds"), levelled when they tie, each also with the columns sized
 * for the rows below the header (a header wrapping once costs a line; a label column wrapping in
 * every row costs one a row). A table whose widest words do
 * not fit is set a half point smaller, down to its shape's `minSize`; a table still too wide is
 * set across a page turned a quarter turn (`tableTooWide`, flow's turned pages), and only when
 * even that measure is too narrow are its columns sized by the parts of its hyphenated words. A
 * row is set as one block: each cell broken into lines in its own column (ragged, hyphenated
 * where the book hyphenates, when its words whole make a line too short), the cells' lines laid
 * side by side, with the table's
 * rules (booktabs: heavier above and below, a light rule under the header, none between
 * columns), in whole lines of the body's grid where the table's leading allows.
 */
import type { Line, Rule, Run, RunStyle, TableCell, TableShape, TextBlock } from '../model.js';
import type { TextStyle } from '../../types.js';
import { buildItems } from './items.js';
import { INFINITE_PENALTY } from './knuth-plass.js';
import { setBlock, type SetOptions, type SetReport } from './set.js';

/** Space between two columns of a table, in ems of the table's type size. */
export const TABLE_COLUMN_GAP_EMS = 1;
/** Smallest share of its template size a table's type is reduced to so that it fits the measure. */
export const MIN_TABLE_SCALE = 0.8;
/** Step by which a table too wide for the measure is set smaller, in points. */
export const TABLE_SIZE_STEP_PT = 0.5;
/** How many more lines than the smallest fitting size takes a larger size may take and still be chosen (a share of those lines). */
export const TABLE_EXTRA_LINES_SHARE = 0.15;
/** Weight of the rules above and below a table, in ems (booktabs' \heavyrulewidth, 0.08 em). */
export const HEAVY_RULE_EMS = 0.08;
/** Weight of the rule under the header, in ems (booktabs' \lightrulewidth, 0.05 em). */
export const LIGHT_RULE_EMS = 0.05;

/**
 * The weights of a table's rules at a type size: booktabs' (0.72 and 0.45 pt at 9 pt), the light
 * rule raised to the printer's thinnest line (KDP's 0.75 pt, the template's `minLineWeight`) and
 * the heavy rule kept booktabs' 0.03 em heavier than it (1.02 pt at 9 pt), so the two still differ.
 */
export function ruleWeights(size: number, minRule = 0): { heavy: number; light: number } {
  const light = Math.max(LIGHT_RULE_EMS * size, minRule);
  return { light, heavy: Math.max(HEAVY_RULE_EMS * size, light + (HEAVY_RULE_EMS - LIGHT_RULE_EMS) * size) };
}
/** Space between the top rule and the header's line, and between the last line and the bottom rule, in ems. */
export const RULE_SPACE_EMS = 0.25;
/** Space under the header row, in ems; its rule is drawn in the middle of it. */
export const HEADER_RULE_SPACE_EMS = 0.5;
/** Least space under the header row when the rows are on the grid, in ems; with the lines' half-leading on either side the rule keeps about booktabs' \aboverulesep and \belowrulesep (0.4 ex) from the text. */
export const MIN_HEADER_RULE_SPACE_EMS = 0.2;
/**
 * Rows are set in whole lines of the body's grid when the table's leading is at least this share
 * of the body's and no more than it: at the default 9/12 pt beside a 14 pt body a one-line row
 * takes one line, the 2 pt it gains parting the rows (booktabs' \arraystretch does the same);
 * a table set down to 80 per cent (9.6 pt leading) would gain nearly half its depth, and keeps its leading.
 */
export const MIN_GRID_LEADING_SHARE = 0.8;

/** How a table is set in a column of one width: the type size, the columns' widths, and whether words may be hyphenated. */
interface TableLayout {
  size: number;
  leading: number;
  widths: number[];
  gap: number;
  hyphenate: boolean;
}

/** Min-content (widest unbreakable stretch) and max-content (widest line between forced breaks) widths of one cell's runs. */
function contentWidths(runs: Run[], hyphenator: SetOptions['hyphenator']): { min: number; max: number } {
  const items = buildItems(runs, { lineWidth: Infinity, justify: false, indent: 0, hyphenator });
  let min = 0;
  let max = 0;
  let word = 0;
  let line = 0;
  let afterBreak = false;
  for (const item of items) {
    if (item.type === 'box') {
      word += item.width;
      line += item.width;
      afterBreak = false;
      min = Math.max(min, word);
    } else if (item.type === 'glue') {
      line += item.width;
      // Space at a break is discarded; a space that cannot break (no-break space) is part of the word.
      if (!afterBreak) word += item.width;
    } else if (item.penalty <= -INFINITE_PENALTY) {
      max = Math.max(max, line);
      line = 0;
      word = 0;
      afterBreak = true;
    } else if (item.penalty < INFINITE_PENALTY) {
      // A hyphenation point's hyphen ends the part before it.
      min = Math.max(min, word + item.width);
      word = 0;
      afterBreak = true;
    }
  }
  return { min, max: Math.max(max, line) };
}

const scaledStyles = new WeakMap<RunStyle, Map<number, RunStyle>>();

/** A cell's runs in another type size (one style object per size, so segments of one style stay together). */
function scaleRuns(runs: Run[], factor: number): Run[] {
  if (factor === 1) return runs;
  return runs.map((run) => {
    if (run.kind !== 'text') return run;
    let bySize = scaledStyles.get(run.style);
    if (!bySize) scaledStyles.set(run.style, (bySize = new Map()));
    let style = bySize.get(factor);
    if (!style) bySize.set(factor, (style = { ...run.style, size: run.style.size * factor, tracking: run.style.tracking * factor }));
    return { ...run, style };
  });
}

/**
 * The ways of giving columns `available` points: none when their widest words do not fit; one
 * when every cell fits on a line; otherwise levelled (a column of short cells keeps them on one
 * line, the long columns share the rest equally, none below its widest word) and CSS's (the
 * rest in proportion to what each column lacks of its max-content width), the caller taking
 * whichever makes fewer lines.
 */
function distributions(columns: Array<{ min: number; max: number }>, available: number): number[][] {
  const mins = columns.reduce((total, column) => total + column.min, 0);
  const maxes = columns.reduce((total, column) => total + column.max, 0);
  if (mins > available + 1e-6) return [];
  if (maxes <= available) {
    // Every cell on one line: the rest of the measure shared in proportion to the columns' widths.
    return [columns.map((column) => column.max + (maxes > 0 ? ((available - maxes) * column.max) / maxes : (available - maxes) / columns.length))];
  }
  // Levelled: each column's width clamped to [min, max] at the level where the widths fill the measure.
  const fill = (level: number): number => columns.reduce((total, column) => total + Math.min(column.max, Math.max(column.min, level)), 0);
  let low = 0;
  let high = Math.max(...columns.map((column) => column.max));
  for (let step = 0; step < 50; step++) {
    const middle = (low + high) / 2;
    if (fill(middle) > available) high = middle;
    else low = middle;
  }
  const levelled = columns.map((column) => Math.min(column.max, Math.max(column.min, low)));
  const lacking = maxes - mins;
  const css = columns.map((column) => column.min + ((available - mins) * (column.max - column.min)) / lacking);
  return [levelled, css];
}

const layouts = new WeakMap<TableShape, Map<string, TableLayout>>();

/** How a table is set in a measure of `inner` points (once per table and measure). */
function tableLayout(shape: TableShape, style: TextStyle, inner: number, hyphenator: SetOptions['hyphenator']): TableLayout {
  let byWidth = layouts.get(shape);
  if (!byWidth) layouts.set(shape, (byWidth = new Map()));
  const key = `${inner}:${hyphenator ? 1 : 0}`;
  const cached = byWidth.get(key);
  if (cached) return cached;
  const count = Math.max(1, ...shape.rows.map((row) => row.length));
  const cellsAt = (size: number, hyphenate: boolean): Array<Array<{ min: number; max: number }>> =>
    shape.rows.map((row) => row.map((cell) => contentWidths(scaleRuns(cell.runs, size / style.size), hyphenate ? hyphenator : undefined)));
  const columnsOf = (cells: Array<Array<{ min: number; max: number }>>): Array<{ min: number; max: number }> =>
    Array.from({ length: count }, (_, column) => ({
      min: Math.max(0, ...cells.map((row) => row[column]?.min ?? 0)),
      max: Math.max(0, ...cells.map((row) => row[column]?.max ?? 0)),
    }));
  const layoutAt = (size: number, hyphenate: boolean, widths: number[]): TableLayout => ({
    size,
    leading: (style.leading * size) / style.size,
    widths,
    gap: size * TABLE_COLUMN_GAP_EMS,
    hyphenate,
  });
  const available = (size: number): number => Math.max(0, inner - (count - 1) * size * TABLE_COLUMN_GAP_EMS);
  /** About how many lines the table takes with these widths: each row as deep as its deepest cell. */
  const linesOf = (cells: Array<Array<{ min: number; max: number }>>, widths: number[]): number =>
    cells.reduce((sum, row) => sum + Math.max(1, ...row.map((cell, column) => Math.ceil(cell.max / Math.max(1, widths[column] ?? 1) - 1e-6))), 0);
  const smallest = Math.min(style.size, shape.minSize);
  // Every size at which the widest words fit, with its better way of sharing the measure.
  const fits: Array<{ layout: TableLayout; lines: number }> = [];
  for (let size = style.size; size >= smallest - 1e-6; size -= TABLE_SIZE_STEP_PT) {
    const cells = cellsAt(size, false);
    const columns = columnsOf(cells);
    // The columns sized for the rows below the header too: a header that wraps once costs fewer lines than a column that wraps in every row.
    const body = shape.header
      ? columnsOf(cells.filter((_, row) => row !== shape.first)).map((column, index) => ({ min: columns[index]!.min, max: Math.max(columns[index]!.min, column.max) }))
      : [];
    const ways = [...distributions(columns, available(size)), ...(body.length > 0 ? distributions(body, available(size)) : [])].map((widths) => ({
      layout: layoutAt(size, false, widths),
      lines: linesOf(cells, widths),
    }));
    const best = ways.reduce<(typeof ways)[number] | undefined>((found, way) => (!found || way.lines < found.lines ? way : found), undefined);
    if (!best) continue;
    fits.push(best);
    // Every cell on one line: no smaller size could do better.
    if (best.lines === cells.length) break;
  }
  // The largest type that takes not many more lines than the fewest any size takes (a starved column costs lines).
  const fewest = Math.min(...fits.map((fit) => fit.lines));
  let layout = fits.find((fit) => fit.lines <= fewest * (1 + TABLE_EXTRA_LINES_SHARE))?.layout;
  if (!layout) {
    // Hyphenated; and when even the parts of words do not fit, columns in proportion to them, long words broken.
    const columns = columnsOf(cellsAt(smallest, true));
    const total = columns.reduce((sum, column) => sum + column.min, 0);
    const proportional = columns.map((column) => (total > 0 ? (available(smallest) * column.min) / total : available(smallest) / count));
    layout = layoutAt(smallest, true, distributions(columns, available(smallest))[0] ?? proportional);
  }
  byWidth.set(key, layout);
  return layout;
}

/** Whether a table could not be set in a measure of `width` without hyphenating its words (it is wider than that even in its smallest type). */
export function tableTooWide(block: TextBlock, width: number, hyphenator: SetOptions['hyphenator']): boolean {
  if (!block.table) return false;
  return tableLayout(block.table.shape, block.style, Math.max(0, width - 2 * block.style.inset), hyphenator).hyphenate;
}

/** A table row's lines, and how flow places the row: on the body's grid or not, and the space it leaves below. */
export interface TableRowReport extends SetReport {
  onGrid: boolean;
  spaceAfter: number;
}

/**
 * Sets a row block (`cells` present) into lines that hold every cell at its column's offset, with
 * the table's rules: those it always has, and those drawn only where a page breaks above or below
 * the row (the top rule again over a continued table, a bottom rule under the part a page ends);
 * `turned` for a table set across a turned page.
 */
export function setTableRow(block: TextBlock, options: SetOptions, { turned = false }: { turned?: boolean } = {}): TableRowReport {
  const cells: TableCell[] = block.cells ?? [];
  const shape: TableShape = block.table?.shape ?? { rows: [cells], first: 0, last: 0, header: false, ruled: cells.length > 1, minSize: block.style.size };
  const row = block.table?.row ?? 0;
  const inner = Math.max(0, options.width - 2 * block.style.inset);
  const layout = tableLayout(shape, block.style, inner, options.hyphenator);
  const factor = layout.size / block.style.size;
  const offsets = layout.widths.map((_, column) => layout.widths.slice(0, column).reduce((sum, width) => sum + width, 0) + column * layout.gap);
  const style: TextStyle = { ...block.style, size: layout.size, leading: layout.leading, inset: 0, indent: 0 };
  const reports = cells.map((cell, column) =>
    setBlock(
      {
        ...block,
        style: { ...style, align: cell.align ?? (block.style.align === 'justify' ? 'left' : block.style.align) },
        runs: scaleRuns(cell.runs, factor),
        cells: undefined,
        table: undefined,
      },
      { ...options, width: layout.widths[column] ?? 0, indentFirstLine: false },
    ),
  );
  const depth = Math.max(1, ...reports.map((report) => report.lines.length));
  const header = row === shape.first && shape.header;
  const lines: Line[] = [];
  for (let index = 0; index < depth; index++) {
    // A header's cells stand on its rule, as booktabs' are set: a shorter cell starts lower.
    const parts = reports.map((report) => report.lines[header ? index - (depth - report.lines.length) : index]);
    const first = parts.find((line): line is Line => line !== undefined);
    lines.push({
      segments: parts.flatMap((line, column) => (line ? line.segments.map((segment) => ({ ...segment, x: segment.x + (offsets[column] ?? 0), cell: column })) : [])),
      leading: Math.max(layout.leading, ...parts.map((line) => line?.leading ?? 0)),
      offset: first?.offset ?? 0,
      hyphenated: parts.some((line) => line?.hyphenated ?? false),
      width: inner,
    });
  }
  const natural = lines.reduce((sum, line) => sum + line.leading, 0);
  // A turned page has no baseline grid.
  const grid = !turned && onGrid(shape, layout) ? shape.grid : undefined;
  // On the grid a row takes whole lines; the header's rule lies in what it adds, with room around the rule.
  const pad = grid ? Math.ceil((natural + (header ? MIN_HEADER_RULE_SPACE_EMS * layout.size : 0)) / grid - 1e-3) * grid - natural : 0;
  const top = lines[0];
  const bottom = lines[lines.length - 1];
  if (shape.ruled && top && bottom) {
    const { heavy, light } = ruleWeights(layout.size, shape.minRule);
    const above: Rule = { y: -RULE_SPACE_EMS * layout.size, weight: heavy };
    const below: Rule = { y: bottom.leading + RULE_SPACE_EMS * layout.size, weight: heavy };
    if (row === shape.first) top.rules = [above];
    else top.breakRules = { above };
    if (row === shape.last) {
      bottom.rules = [...(bottom.rules ?? []), below];
    } else {
      bottom.breakRules = { ...bottom.breakRules, below };
      if (header) {
        const space = grid ? pad : block.style.spaceAfter || HEADER_RULE_SPACE_EMS * layout.size;
        bottom.rules = [...(bottom.rules ?? []), { y: bottom.leading + space / 2, weight: light }];
      }
    }
  }
  return {
    lines,
    pass: Math.max(0, ...reports.map((report) => report.pass)),
    onGrid: grid !== undefined,
    // On the grid the header's space is its pad, which the grid adds by itself.
    spaceAfter: grid && header ? 0 : block.style.spaceAfter,
  };
}

/** Whether a table's rows are set in whole lines of the body's grid: when its leading is the body's or a little less (a one-line row then gains at most a quarter of its depth). */
function onGrid(shape: TableShape, layout: TableLayout): boolean {
  return shape.grid !== undefined && layout.leading <= shape.grid + 1e-6 && layout.leading >= shape.grid * MIN_GRID_LEADING_SHARE - 1e-6;
}
