/**
 * The plain data passed between the PDF renderer's steps: blocks of styled runs, typeset
 * lines, and pages of placed lines.
 */
import type { Asset, EditionMeta, StyleRole, TextStyle } from '../types.js';
import type { PageSpec } from './finalise/index.js';
import type { PageFrame } from './geometry.js';
import type { Direction } from './blocks/bidi.js';
import type { LoadedFont } from './measure/fonts.js';

/** How one stretch of text is drawn: everything pdfkit needs besides the string and position. */
export interface RunStyle {
  font: LoadedFont;
  size: number;
  tracking: number;
  gray: number;
  uppercase: boolean;
  /** Set in the font's small capitals (the upper-cased text with OpenType c2sc). */
  smallCaps?: boolean;
  /** Struck through (deleted text, `~~…~~` in Markdown). */
  strike?: boolean;
}

/** A stretch of text in one style, with its place in the block's plain text. */
export interface TextRun {
  kind: 'text';
  text: string;
  /** Offset of `text[0]` in `mdast-util-to-string` of the top-level block. */
  offset: number;
  style: RunStyle;
  /** Text the source does not hold (list markers): offsets do not advance over it. */
  synthetic?: boolean;
  /** Where the text links to (an absolute http, https or mailto URL). */
  link?: string;
}

/** A forced line break (`break` node, a line end in code). */
export interface BreakRun {
  kind: 'break';
  offset: number;
}

/** One run of a block. */
export type Run = TextRun | BreakRun;

/** Where a block comes from, for page markers in the EPUB. */
export interface SourceRef {
  chapter: number;
  /** Index in the chapter's `tree.children`. */
  block: number;
}

/** A structure-tree parent shared by several blocks (Figure, BlockQuote, L). */
export interface StructGroup {
  id: number;
  tag: string;
  alt?: string;
}

/** A paragraph-like block before line breaking. */
export interface TextBlock {
  kind: 'text';
  role: StyleRole;
  style: TextStyle;
  runs: Run[];
  /** Structure tag: H1, H2, P, Caption, ... */
  tag: string;
  group?: StructGroup;
  source: SourceRef;
  /** Must share a page with the start of the next block (headings, captions). */
  keepWithNext: boolean;
  /** Outline entry depth (0 headline, 1 section), when the block is a heading. */
  outline?: number;
  /** Plain text, for the outline and running heads. */
  plain: string;
  /** Named destination the whole block links to (a contents entry and its chapter). */
  destination?: string;
  /** Paragraph direction; left to right when absent. */
  dir?: Direction;
  /** The cells of a table row, set side by side in columns (the block's own runs are unused). */
  cells?: TableCell[];
  /** The table a row belongs to and the row's index in it: columns are sized over every row. */
  table?: { shape: TableShape; row: number };
}

/** A whole table, shared by the blocks of its rows. */
export interface TableShape {
  /** Every row's cells, in order, empty rows included. */
  rows: TableCell[][];
  /** Index of the first row with text: the header when `header`, under the top rule. */
  first: number;
  /** Index of the last row with text, with the closing rule under it. */
  last: number;
  /** Whether the first row is a header (bold, a light rule under it): a data table of two rows and two columns or more. */
  header: boolean;
  /** Whether the table is ruled: not a one-column table, which is a page's layout (a picture's caption), not data. */
  ruled: boolean;
  /** The smallest type size (points) the table may be reduced to so that it fits the measure. */
  minSize: number;
  /** The body's baseline grid (its leading, points): rows are set in whole lines of it where that is reasonable (break/table.ts). */
  grid?: number;
  /** The thinnest rule the printer prints, in points (the template's `minLineWeight`): the light rule is never thinner. */
  minRule?: number;
}

/** One cell of a table row. */
export interface TableCell {
  runs: Run[];
  align?: 'left' | 'right' | 'center';
  /** A header cell (the first row), tagged TH. */
  header: boolean;
}

/** A picture of a figure. */
export interface ImageBlock {
  kind: 'image';
  asset: Asset;
  alt: string;
  group?: StructGroup;
  source: SourceRef;
  keepWithNext: true;
}

/** A block before line breaking. */
export type Block = TextBlock | ImageBlock;

/** A piece of a line drawn in one call: consecutive words of one style. */
export interface Segment {
  /** Left edge relative to the line's left edge, in points. */
  x: number;
  text: string;
  style: RunStyle;
  /** Extra space added to each space of `text`, in points (justification). */
  wordSpacing: number;
  /** Width as drawn, spaces and their justification included, in points. */
  width: number;
  /** Where the segment links to, painted as a link annotation. */
  link?: string;
  /** Horizontal scale of its glyphs (font expansion, written into the text matrix); 1 when absent. */
  scale?: number;
  /** Index of the table cell the segment belongs to, in a table row. */
  cell?: number;
  /** A word space follows on the line, outside the text (the next segment starts in another style); painted as a space glyph. */
  spaceAfter?: boolean;
}

/** One typeset line of a block. */
export interface Line {
  segments: Segment[];
  /** Baseline-to-baseline distance. */
  leading: number;
  /** Offset in the block's plain text where the line starts. */
  offset: number;
  /** Whether the line ends in a hyphen: an inserted one, or one of the text's own (a compound). */
  hyphenated: boolean;
  /** Whether that hyphen was inserted by hyphenation (not in the text). */
  insertedHyphen?: boolean;
  /** Horizontal scale of the line's glyphs and spaces (font expansion); 1 when absent. */
  expansion?: number;
  /** Natural width, for preflight and tests. */
  width: number;
  /** Horizontal rules drawn across the line's width (a table's rules). */
  rules?: Rule[];
  /** Rules drawn only where a page breaks just above (`above`) or below (`below`) the line: a table's rules where it is split across pages. */
  breakRules?: { above?: Rule; below?: Rule };
}

/** A horizontal rule across a line, as a table's rules are drawn. */
export interface Rule {
  /** Centre of the rule below the line's top, in points (negative above it). */
  y: number;
  /** Stroke weight in points. */
  weight: number;
}

/** A block after line breaking: what flow places. */
export interface SetBlock {
  block: Block;
  lines: Line[];
  /** Height of the picture for image blocks. */
  imageHeight: number;
  imageWidth: number;
  spaceBefore: number;
  spaceAfter: number;
  /** Left inset of the block within the text column. */
  inset: number;
  /** Vertical metrics of the block's main font, to place the first baseline. */
  ascent: number;
  descent: number;
  /** A table row set in whole lines of the body's baseline grid: its first line sits on the grid, as body text does. */
  onGrid?: boolean;
  /** Set across a page turned a quarter turn (a table too wide for the column): `depth` is how deep such a page is, the column's width. */
  turned?: { depth: number };
}

/**
 * The typeset book, the page model `typeset` returns and `paint` draws: every page with its
 * column, placed lines (each a list of glyph runs in one font and style at exact positions) and
 * furniture, and what the document says about itself. Nothing in it depends on pdfkit.
 */
export interface PageModel {
  pages: PageSpec[];
  meta: EditionMeta;
  frame: PageFrame;
  /** PDF/A-2b instead of plain PDF 1.7. */
  pdfa: boolean;
  /** Crop marks outside the trim on every page. */
  cropMarks: boolean;
  /** The headings of the book, for Keywords. */
  keywords: string;
  /** The cover picture (PNG or JPEG) and its alternative text, for a page marked `cover`. */
  cover?: { image: Uint8Array; alt: string };
  /** The thinnest line the printer prints, in points: strike lines are drawn at least this heavy (a table's rules are set so). */
  minLineWeight?: number;
}
