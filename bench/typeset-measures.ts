/**
 * The typesetting measures of issue 11, taken from the page model the PDF was painted from
 * (`typeset(...).model.pages`): the same positions and glyph runs the PDF shows.
 *
 * - A full line is a line of a justified text block other than its last line.
 * - A word space is measured as painted: the font's space plus the justification added to it,
 *   times the line's font expansion, plus the line's letter spacing; "natural" is the font's own
 *   space at that size.
 */
import { widthOf } from '../pipeline/pdf/break/items.js';
import type { PageSpec } from '../pipeline/pdf/finalise/index.js';
import { FRONT_MATTER } from '../pipeline/pdf/flow/index.js';
import type { Line, SetBlock } from '../pipeline/pdf/model.js';

/** A word space narrower than this share of the natural space counts as squeezed (the target). */
export const SQUEEZED_SPACE_SHARE = 0.8;
/** Letters at most this many left on the next line by a hyphen make a short fragment ("-ed", "-ly"). */
export const SHORT_FRAGMENT_LETTERS = 2;

/** Counts and distributions over one or more books. */
export interface TypesetMeasures {
  books: number;
  pages: number;
  paragraphs: number;
  fullLines: number;
  /** Full lines ending at an inserted (hyphenation) hyphen. */
  hyphenEnds: number;
  /** Full lines ending after a hyphen or dash of the text itself (a compound). */
  explicitEnds: number;
  /** Inserted hyphens leaving SHORT_FRAGMENT_LETTERS letters or fewer on the next line, in English text (other languages' minimums allow two). */
  shortFragments: number;
  /** Paragraphs whose last full line ends at an inserted hyphen. */
  lastLineHyphens: number;
  /** Pages whose last line ends at an inserted hyphen, the word going on overleaf. */
  pageTurnHyphens: number;
  /** Every word space of every full line, as a multiple of the natural space. */
  spaces: number[];
  /** The same spaces in ems of the type size: a comparison that does not depend on how wide each font's own space is. */
  spaceEms: number[];
  /** Full lines with a space narrower than SQUEEZED_SPACE_SHARE of the natural space. */
  squeezedLines: number;
  /** Per pair of neighbouring full lines of a paragraph: the change of their mean word space, in ems. */
  neighbourChanges: number[];
  /** Pages whose text ends a body line or more above where a full page ends (see fullDepth), other than before a heading, a figure or the chapter's end. */
  shortPages: number;
}

/** Empty measures, to add books into. */
export function emptyMeasures(): TypesetMeasures {
  return {
    books: 0,
    pages: 0,
    paragraphs: 0,
    fullLines: 0,
    hyphenEnds: 0,
    explicitEnds: 0,
    shortFragments: 0,
    lastLineHyphens: 0,
    pageTurnHyphens: 0,
    spaces: [],
    spaceEms: [],
    squeezedLines: 0,
    neighbourChanges: [],
    shortPages: 0,
  };
}

function justified(set: SetBlock): boolean {
  return set.block.kind === 'text' && set.block.style.align === 'justify' && !set.block.cells;
}

/** Whether a block may leave the page before it short: display lines, a figure, or a table's row (a table breaks between rows only). */
function startsDisplay(set: SetBlock): boolean {
  if (set.block.kind === 'image' || set.block.cells) return true;
  return ['title', 'heading', 'subheading', 'caption', 'credit', 'copyright'].includes(set.block.role);
}

/**
 * The word spaces of a line as painted, each with its natural width, in points. A space runs from
 * the end of one word's last glyph to the next word: the space glyph, its justification and the
 * letter spacing after both (a line's letter spacing widens its spaces too); natural is the
 * font's own space, without letter spacing.
 */
function lineSpaces(line: Line): Array<{ actual: number; natural: number; size: number }> {
  const out: Array<{ actual: number; natural: number; size: number }> = [];
  line.segments.forEach((segment, index) => {
    const scale = segment.scale ?? 1;
    const natural = widthOf({ ...segment.style, tracking: 0 }, ' ');
    const tracking = segment.style.tracking * scale;
    const inside = segment.text.split(' ').length - 1;
    for (let i = 0; i < inside; i++) out.push({ actual: widthOf(segment.style, ' ') * scale + segment.wordSpacing + tracking, natural, size: segment.style.size });
    const next = line.segments[index + 1];
    // A space where the font changes is the text font's (blocks/runs.ts), the narrower of the two
    // sides' (an emoji's font has a space of 1.27 em): measured against the emoji's, it read as squeezed.
    const between = next ? Math.min(natural, widthOf({ ...next.style, tracking: 0 }, ' ')) : natural;
    if (segment.spaceAfter && next) out.push({ actual: next.x - segment.x - segment.width + tracking, natural: between, size: segment.style.size });
  });
  return out;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `share` of the values lie (nearest rank). */
export function percentile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

/** The leading of the book's body text: its baseline grid. */
function bodyLeading(flows: Array<PageSpec['flow']>): number {
  for (const flow of flows) {
    for (const placed of flow?.placed ?? []) if (placed.set.block.kind === 'text' && placed.set.block.role === 'body') return placed.set.block.style.leading;
  }
  return 0;
}

/**
 * How deep a full page's text reaches: the last whole line of the body's grid that fits the
 * column. The column need not be a whole number of lines (the default's is 37.8), so a full page
 * ends up to a line above the column's foot; a page is short when it ends a whole line or more
 * above where a full page ends, so that facing pages would not end on the same line. (Measured
 * against the column's foot instead, a page ending a few points off the grid, after a blockquote
 * of another leading, counted as a line short.)
 */
export function fullDepth(columnHeight: number, grid: number): number {
  return grid > 0 ? Math.floor(columnHeight / grid + 1e-6) * grid : columnHeight;
}

/** Adds one book's page model to the measures; `lang` is the book's language (short fragments are counted in English only). */
export function measureBook(model: PageSpec[], into: TypesetMeasures = emptyMeasures(), lang = 'en'): TypesetMeasures {
  const english = lang.toLowerCase().startsWith('en');
  into.books += 1;
  const seen = new Set<SetBlock>();
  const flows = model.map((page) => page.flow);
  const grid = bodyLeading(flows);
  flows.forEach((flow, pageIndex) => {
    // The book's own front pages (title, copyright, contents) hold no text of the article to measure.
    if (!flow || flow.chapter === FRONT_MATTER) return;
    into.pages += 1;
    for (const placed of flow.placed) {
      if (seen.has(placed.set)) continue;
      seen.add(placed.set);
      if (justified(placed.set)) measureParagraph(placed.set, into, english);
    }
    const last = flow.placed[flow.placed.length - 1];
    if (!last) return;
    const line = last.set.lines[last.line];
    if (line?.insertedHyphen && last.line < last.set.lines.length - 1) into.pageTurnHyphens += 1;
    const next = flows.slice(pageIndex + 1).find((page) => page !== undefined);
    // A turned table takes pages of its own: neither it nor the page before it is measured.
    if (!next || next.chapter !== flow.chapter || next.opening || flow.turned || next.turned) return;
    const first = next.placed.find((placed) => !placed.repeated);
    if (!first || (first.line <= 0 && startsDisplay(first.set))) return;
    // A book with no body text has no grid: a page is short by its own last line's leading.
    const step = grid || (line?.leading ?? last.height);
    if (fullDepth(model[pageIndex]!.column.height, grid) - (last.y + last.height) >= step - 0.01) into.shortPages += 1;
  });
  return into;
}

function measureParagraph(set: SetBlock, into: TypesetMeasures, english: boolean): void {
  into.paragraphs += 1;
  const full = set.lines.slice(0, -1);
  let previousMean: number | undefined;
  full.forEach((line, index) => {
    into.fullLines += 1;
    if (line.insertedHyphen) {
      into.hyphenEnds += 1;
      const next = set.lines[index + 1];
      const fragment = /^[\p{L}\p{M}]+/u.exec(next?.segments[0]?.text ?? '')?.[0] ?? '';
      const rest = (next?.segments[0]?.text ?? '').slice(fragment.length);
      if (english && [...fragment].length <= SHORT_FRAGMENT_LETTERS && !/^[\p{L}\p{M}]/u.test(rest)) into.shortFragments += 1;
      if (index === full.length - 1) into.lastLineHyphens += 1;
    } else if (line.hyphenated || /[-\u2010\u2013\u2014]$/u.test(line.segments[line.segments.length - 1]?.text ?? '')) {
      into.explicitEnds += 1;
    }
    const spaces = lineSpaces(line);
    if (spaces.length === 0) {
      previousMean = undefined;
      return;
    }
    for (const space of spaces) {
      into.spaces.push(space.actual / space.natural);
      into.spaceEms.push(space.actual / space.size);
    }
    if (spaces.some((space) => space.actual < SQUEEZED_SPACE_SHARE * space.natural)) into.squeezedLines += 1;
    const mean = spaces.reduce((sum, space) => sum + space.actual / space.size, 0) / spaces.length;
    if (previousMean !== undefined) into.neighbourChanges.push(Math.abs(mean - previousMean));
    previousMean = mean;
  });
}

/** The figures of the table, as printable numbers. */
export function summarise(measures: TypesetMeasures): Record<string, string | number> {
  const share = (count: number, of: number): string => `${of ? ((100 * count) / of).toFixed(1) : '0.0'} %`;
  return {
    books: measures.books,
    pages: measures.pages,
    'full lines': measures.fullLines,
    'lines ending in a hyphen': `${share(measures.hyphenEnds, measures.fullLines)} (${measures.hyphenEnds})`,
    'ends at a hyphen or dash of the text': measures.explicitEnds,
    'fragments of ≤ 2 letters (English)': measures.shortFragments,
    "hyphen on a paragraph's last full line": `${share(measures.lastLineHyphens, measures.paragraphs)} (${measures.lastLineHyphens} of ${measures.paragraphs})`,
    'hyphen across a page turn': measures.pageTurnHyphens,
    'word space p95 (× natural)': `×${percentile(measures.spaces, 0.95).toFixed(3)}`,
    'word space p95 (em)': `${percentile(measures.spaceEms, 0.95).toFixed(3)} em`,
    'lines squeezed below 80 % of natural': `${share(measures.squeezedLines, measures.fullLines)} (${measures.squeezedLines})`,
    'neighbouring-line spacing change (median, em)': median(measures.neighbourChanges).toFixed(3),
    'pages ending short': `${measures.shortPages} of ${measures.pages}`,
  };
}

/** Median of a list (0 for none). */
export { median };
