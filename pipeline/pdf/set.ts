/**
 * Step 3: a text block is set into lines: items (words, spaces, break points), Knuth–Plass in
 * passes of growing tolerance, then each line cut into segments placed at exact positions.
 */
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
  return a.font === b.font && a.size === b.size && a.tracking === b.tracking && a.gray === b.gray && a.uppercase === b.uppercase;
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
  const lines = toLines(items, breaks, lineWidth, justify, style.leading, style.align);
  if (options.clock) {
    options.clock.measure += measured - started;
    options.clock.break += performance.now() - measured;
  }
  return { lines, pass: pass - 1 };
}

function toLines(items: SetItem[], breaks: Breakpoint[], lineWidth: number, justify: boolean, leading: number, align: TextBlock['style']['align']): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const { position, ratio } of breaks) {
    // A line starts at its first box: glue and penalties after a break are discarded.
    while (start < position && items[start]?.type !== 'box') start++;
    const end = items[position];
    const last = end?.type === 'penalty' && end.penalty <= -INFINITE_PENALTY;
    const line = layoutLine(items, start, position, justify && !last ? ratio : 0, lineWidth, align === 'justify' ? 'left' : align);
    if (line.segments.length > 0) lines.push({ ...line, leading });
    start = position + 1;
  }
  return lines;
}

function layoutLine(
  items: SetItem[],
  start: number,
  end: number,
  ratio: number,
  lineWidth: number,
  align: 'left' | 'right' | 'center',
): Omit<Line, 'leading'> {
  const segments: Segment[] = [];
  let x = 0;
  let offset: number | undefined;
  let current: Segment | undefined;
  let pendingGlue: { width: number; style?: RunStyle; extra: number } | undefined;
  for (let i = start; i < end; i++) {
    const item = items[i];
    if (!item) continue;
    if (item.type === 'glue') {
      const extra = ratio < 0 ? ratio * item.shrink : ratio * item.stretch;
      const width = item.width + extra;
      if (pendingGlue) {
        pendingGlue.width += width;
        if (item.style) {
          pendingGlue.style = item.style;
          pendingGlue.extra = extra;
        }
      } else {
        pendingGlue = { width, extra, ...(item.style ? { style: item.style } : {}) };
      }
      continue;
    }
    if (item.type === 'penalty') continue;
    const box: TextBox = item;
    if (box.text.length === 0) {
      x += box.width;
      continue;
    }
    offset ??= box.offset;
    const text = box.style.uppercase ? box.text.toUpperCase() : box.text;
    const spaced = current !== undefined && current.text.includes(' ');
    if (
      current &&
      pendingGlue?.style &&
      sameStyle(current.style, box.style) &&
      sameStyle(pendingGlue.style, box.style) &&
      (!spaced || current.wordSpacing === pendingGlue.extra)
    ) {
      current.wordSpacing = pendingGlue.extra;
      current.text += ` ${text}`;
      x += pendingGlue.width;
    } else if (current && !pendingGlue && sameStyle(current.style, box.style)) {
      current.text += text;
    } else {
      if (pendingGlue) x += pendingGlue.width;
      current = { x, text, style: box.style, wordSpacing: 0 };
      segments.push(current);
    }
    pendingGlue = undefined;
    x += box.width;
  }
  const closing = items[end];
  let hyphenated = false;
  if (closing?.type === 'penalty' && closing.hyphen && current) {
    current.text += '-';
    x += widthOf(closing.hyphen, '-');
    hyphenated = true;
  } else if (closing?.type === 'penalty' && closing.flagged) {
    hyphenated = true;
  }
  const shift = align === 'right' ? lineWidth - x : align === 'center' ? (lineWidth - x) / 2 : 0;
  if (shift > 0) for (const segment of segments) segment.x += shift;
  return { segments, offset: offset ?? 0, hyphenated, width: x };
}
