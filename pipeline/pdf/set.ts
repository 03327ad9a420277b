/**
 * Step 3: a text block is set into lines: items (words, spaces, break points), Knuth–Plass in
 * passes of growing tolerance, then each line cut into segments placed at exact positions.
 */
import { hasRightToLeft, physicalAlign, visualPieces, type Direction } from './bidi.js';
import { breakGreedy, breakParagraph, INFINITE_PENALTY, type Breakpoint } from './knuth-plass.js';
import { buildItems, widthOf, type SetItem, type TextBox } from './items.js';
import type { Hyphenator } from './hyphenate.js';
import type { Line, RunStyle, Segment, TextBlock } from './model.js';

/** Tolerances (largest adjustment ratio) of the passes; the last accepts any underfull line. */
export const PASS_TOLERANCES = [1, 2.5, Infinity] as const;

/** How the block is set. */
export interface SetOptions {
  /** Width of the text column in points. */
  width: number;
  hyphenator: Hyphenator | undefined;
  /** Whether the first line takes the style's indent (not after a heading). */
  indentFirstLine: boolean;
  /** Accumulates milliseconds spent measuring (items) and breaking. */
  clock?: { measure: number; break: number };
}

/** What setting a block reports, for diagnostics. */
export interface SetReport {
  lines: Line[];
  /** Which pass succeeded: 0 first, ..., PASS_TOLERANCES.length for greedy. */
  pass: number;
}

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return a.font === b.font && a.size === b.size && a.tracking === b.tracking && a.gray === b.gray && a.uppercase === b.uppercase && a.smallCaps === b.smallCaps && a.strike === b.strike;
}

/** Sets a block's runs into lines for a column of the given width. */
export function setBlock(block: TextBlock, options: SetOptions): SetReport {
  const style = block.style;
  const lineWidth = Math.max(0, options.width - 2 * style.inset);
  const justify = style.align === 'justify';
  const started = performance.now();
  const items = buildItems(block.runs, {
    lineWidth,
    justify,
    indent: options.indentFirstLine ? style.indent : 0,
    hyphenator: options.hyphenator,
  });
  const measured = performance.now();
  let breaks: Breakpoint[] | undefined;
  let pass = 0;
  for (; pass < PASS_TOLERANCES.length && !breaks; pass++) {
    breaks = breakParagraph(items, { lineWidth, tolerance: PASS_TOLERANCES[pass] ?? Infinity });
  }
  if (!breaks) {
    breaks = breakGreedy(items, lineWidth);
    pass = PASS_TOLERANCES.length + 1;
  }
  const lines = toLines(items, breaks, lineWidth, justify, style.leading, style.align, block.dir ?? 'ltr');
  if (options.clock) {
    options.clock.measure += measured - started;
    options.clock.break += performance.now() - measured;
  }
  return { lines, pass: pass - 1 };
}

function toLines(items: SetItem[], breaks: Breakpoint[], lineWidth: number, justify: boolean, leading: number, align: TextBlock['style']['align'], direction: Direction): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const { position } of breaks) {
    // A line starts at its first box: glue and penalties after a break are discarded.
    while (start < position && items[start]?.type !== 'box') start++;
    const end = items[position];
    const last = end?.type === 'penalty' && end.penalty <= -INFINITE_PENALTY;
    // The last line of a justified paragraph sits at the paragraph's start edge: the right in RTL.
    const line = layoutLine(items, start, position, justify && !last, lineWidth, physicalAlign(align === 'justify' ? 'left' : align, direction), direction);
    if (line.segments.length > 0) lines.push({ ...line, leading });
    start = position + 1;
  }
  return lines;
}

interface Word {
  kind: 'word';
  text: string;
  style: RunStyle;
  offset: number;
  link: string | undefined;
}

interface Gap {
  kind: 'gap';
  width: number;
  stretch: number;
  shrink: number;
  style: RunStyle | undefined;
}

/**
 * Places one line. Words are re-measured whole, as pdfkit will shape them (a ligature or kern
 * across a hyphenation point changes the width a little), and justification is computed from
 * those widths so that the right edge is exact.
 */
function layoutLine(
  items: SetItem[],
  start: number,
  end: number,
  justify: boolean,
  lineWidth: number,
  align: 'left' | 'right' | 'center',
  direction: Direction,
): Omit<Line, 'leading'> {
  const parts: Array<Word | Gap> = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (!item || item.type === 'penalty') continue;
    const previous = parts[parts.length - 1];
    if (item.type === 'glue') {
      if (previous?.kind === 'gap') {
        previous.width += item.width;
        previous.stretch += item.stretch;
        previous.shrink += item.shrink;
        previous.style = item.style ?? previous.style;
      } else {
        parts.push({ kind: 'gap', width: item.width, stretch: item.stretch, shrink: item.shrink, style: item.style });
      }
      continue;
    }
    const box: TextBox = item;
    if (box.text.length === 0) {
      parts.push({ kind: 'gap', width: box.width, stretch: 0, shrink: 0, style: undefined });
    } else if (previous?.kind === 'word' && sameStyle(previous.style, box.style) && previous.link === box.link) {
      previous.text += box.text;
    } else {
      parts.push({ kind: 'word', text: box.text, style: box.style, offset: box.offset, link: box.link });
    }
  }
  while (parts[parts.length - 1]?.kind === 'gap') parts.pop();
  const closing = items[end];
  const lastWord = [...parts].reverse().find((part): part is Word => part.kind === 'word');
  let hyphenated = false;
  if (closing?.type === 'penalty' && closing.hyphen && lastWord) {
    lastWord.text += '-';
    hyphenated = true;
  } else if (closing?.type === 'penalty' && closing.flagged) {
    hyphenated = true;
  }
  const widths = parts.map((part) => (part.kind === 'word' ? widthOf(part.style, part.text) : part.width));
  const natural = widths.reduce((sum, width) => sum + width, 0);
  let ratio = 0;
  if (justify) {
    const gaps = parts.filter((part): part is Gap => part.kind === 'gap');
    const give = natural < lineWidth ? gaps.reduce((sum, gap) => sum + gap.stretch, 0) : gaps.reduce((sum, gap) => sum + gap.shrink, 0);
    // Never shrink past the glue's limit (ratio −1): the breaker kept every line within it.
    if (give > 0) ratio = Math.max(-1, (lineWidth - natural) / give);
  }
  const gapWidth = (gap: Gap): number => gap.width + (ratio < 0 ? ratio * gap.shrink : ratio * gap.stretch);
  if (direction === 'rtl' || parts.some((part) => part.kind === 'word' && hasRightToLeft(part.text))) {
    const placed = bidiLine(parts, gapWidth, direction);
    const shift = align === 'right' ? lineWidth - placed.width : align === 'center' ? (lineWidth - placed.width) / 2 : 0;
    if (shift > 0) for (const segment of placed.segments) segment.x += shift;
    const first = parts.find((part): part is Word => part.kind === 'word');
    return { segments: placed.segments, offset: first?.offset ?? 0, hyphenated, width: placed.width };
  }
  const segments: Segment[] = [];
  let x = 0;
  let current: Segment | undefined;
  let pending: { width: number; extra: number; style: RunStyle | undefined } | undefined;
  let offset: number | undefined;
  parts.forEach((part, index) => {
    if (part.kind === 'gap') {
      const extra = ratio < 0 ? ratio * part.shrink : ratio * part.stretch;
      pending = { width: part.width + extra, extra, style: part.style };
      return;
    }
    offset ??= part.offset;
    const text = part.style.uppercase ? part.text.toUpperCase() : part.text;
    const spaced = current?.text.includes(' ') ?? false;
    const sameLink = current?.link === part.link;
    if (current && pending?.style && sameLink && sameStyle(current.style, part.style) && sameStyle(pending.style, part.style) && (!spaced || current.wordSpacing === pending.extra)) {
      current.wordSpacing = pending.extra;
      current.text += ` ${text}`;
    } else {
      // A gap with a style is a word space (ideographic glue has none).
      if (current && pending?.style) current.spaceAfter = true;
      current = { x: x + (pending?.width ?? 0), text, style: part.style, wordSpacing: 0, width: 0, ...(part.link ? { link: part.link } : {}) };
      segments.push(current);
    }
    x += (pending?.width ?? 0) + (widths[index] ?? 0);
    current.width = x - current.x;
    pending = undefined;
  });
  const shift = align === 'right' ? lineWidth - x : align === 'center' ? (lineWidth - x) / 2 : 0;
  if (shift > 0) for (const segment of segments) segment.x += shift;
  return { segments, offset: offset ?? 0, hyphenated, width: x };
}

/**
 * Places a line that holds right-to-left text: each word (or the part of it in one direction)
 * is its own segment, in the display order of the Unicode Bidirectional Algorithm, with gaps as
 * wide as justification made them.
 */
function bidiLine(parts: Array<Word | Gap>, gapWidth: (gap: Gap) => number, direction: Direction): { segments: Segment[]; width: number } {
  const texts = parts.map((part) => (part.kind === 'word' ? (part.style.uppercase ? part.text.toUpperCase() : part.text) : ' '));
  const segments: Segment[] = [];
  let x = 0;
  for (const piece of visualPieces(texts, direction)) {
    const part = parts[piece.part];
    if (!part) continue;
    if (part.kind === 'gap') {
      x += gapWidth(part);
      continue;
    }
    const width = widthOf(part.style, piece.text);
    segments.push({ x, text: piece.text, style: part.style, wordSpacing: 0, width, ...(part.link ? { link: part.link } : {}) });
    x += width;
  }
  return { segments, width: x };
}

/** Narrowest measure tried for balancing display lines, as a share of the full one. */
const MIN_BALANCED_SHARE = 0.5;
/** Steps of the search for the narrowest measure that keeps the line count. */
const BALANCE_STEPS = 8;

/**
 * Sets a display block (the headline) in lines of balanced length: as many lines as the full
 * measure needs, at the narrowest measure that still gives that many, so a last line of one
 * short word ("old port" under "Harbour cranes return to the") becomes two even lines. Lines are
 * then placed in the full measure (right-to-left lines moved to its right edge).
 */
export function setBalanced(block: TextBlock, options: SetOptions): SetReport {
  const full = setBlock(block, options);
  if (full.lines.length < 2 || block.style.align === 'justify' || block.style.align === 'center') return full;
  let low = options.width * MIN_BALANCED_SHARE;
  let high = options.width;
  let best = full;
  for (let step = 0; step < BALANCE_STEPS; step++) {
    const middle = (low + high) / 2;
    const trial = setBlock(block, { ...options, width: middle });
    if (trial.lines.length === full.lines.length && trial.pass <= full.pass) {
      best = trial;
      high = middle;
    } else low = middle;
  }
  if (best === full) return full;
  const shift = physicalAlign(block.style.align, block.dir ?? 'ltr') === 'right' ? options.width - high : 0;
  if (shift) for (const line of best.lines) for (const segment of line.segments) segment.x += shift;
  return best;
}
