/**
 * Step 3: a text block is set into lines: items (words, spaces, break points), Knuth–Plass in
 * passes of growing tolerance, then each line cut into segments placed at exact positions.
 */
import { hasRightToLeft, physicalAlign, visualPieces, type Direction } from '../blocks/bidi.js';
import { breakGreedy, breakParagraph, INFINITE_PENALTY, ratioOfBadness, type Breakpoint } from './knuth-plass.js';
import { buildItems, protrusionOf, SPACE_SHRINK_RATIO, widthOf, type SetItem, type TextBox } from './items.js';
import { expansionFor, FONT_EXPANSION_LIMIT, FONT_EXPANSION_STEP, LETTER_SPACING_LIMIT } from './microtype.js';
import type { Hyphenator } from './hyphenate.js';
import type { Line, RunStyle, Segment, TextBlock } from '../model.js';

/**
 * TeX's `\pretolerance`: the largest badness of a line in the first pass, which does not
 * hyphenate. Stricter than plain TeX's 100: with ±3 % expansion and letter spacing
 * (microtype.ts) most paragraphs fit within it with their words whole, and the hyphens this wins
 * back are spent on tighter spaces. On the 184 scrapes' body paragraphs (without the page flow):
 * 200 gives 1.6 % hyphenated lines at a word-space p95 of ×1.53, 100 gives 2.5 % at ×1.47, 50
 * gives 3.2 % at ×1.43, 30 gives 3.5 % at ×1.41. With the page flow and the pass that may break
 * a proper noun (PASSES), whole books: 50 gave 3.7 % at ×1.411, 35 3.9 % at ×1.399, 30 3.9 % at
 * ×1.398 (issue 11: at most 4 % and ×1.4).
 */
export const PRETOLERANCE = 30;
/**
 * The first pass's badness for ragged text, plain TeX's `\pretolerance`: there a line's badness
 * measures how short it ends, not its spacing, and headlines are balanced within it.
 */
export const RAGGED_PRETOLERANCE = 100;
/** TeX's `\tolerance`: the largest badness of a line in the passes that hyphenate. */
export const TOLERANCE = 200;
/**
 * How a tight line is judged: spaces shrink to 80 % at most (SPACE_SHRINK_RATIO), TeX's fonts'
 * to 67 %, so a line at the floor counts as one TeX shrinks 0.2/(1/3) = 3/5 of the way (badness
 * 21.6, not 100). Judged at the full ratio, the breaker chose loose lines over tight ones: a
 * fifth of the lines had their spaces at ×1.06 or wider, a twentieth at the tight limit.
 */
export const SHRINK_BADNESS = SPACE_SHRINK_RATIO * 3;
/** TeX's `\emergencystretch`, in ems of the block's type size: background stretch per line in the third pass (LaTeX's `\sloppy` takes 3 em). */
export const EMERGENCY_STRETCH_EMS = 3;

/**
 * The passes, after TeX (The TeXbook, ch. 14; Knuth & Plass 1981): words whole within
 * PRETOLERANCE; then hyphenated within TOLERANCE; then the same with capitalised words
 * hyphenated too, in languages whose rules leave them whole (an English name: The Chicago Manual
 * of Style breaks a proper noun only where it cannot be avoided, and a name broken is better than
 * a line of gaps: "allowing / Volkswagen" after an indent set its first line at ×3.35 the
 * space); then with EMERGENCY_STRETCH_EMS of background stretch; then any underfull line; greedy
 * only when even that finds no chain.
 */
export const PASSES = [
  { tolerance: ratioOfBadness(PRETOLERANCE), hyphenate: false, capitalised: false, emergencyStretchEms: 0 },
  { tolerance: ratioOfBadness(TOLERANCE), hyphenate: true, capitalised: false, emergencyStretchEms: 0 },
  { tolerance: ratioOfBadness(TOLERANCE), hyphenate: true, capitalised: true, emergencyStretchEms: 0 },
  { tolerance: ratioOfBadness(TOLERANCE), hyphenate: true, capitalised: true, emergencyStretchEms: EMERGENCY_STRETCH_EMS },
  { tolerance: Infinity, hyphenate: true, capitalised: true, emergencyStretchEms: 0 },
] as const;
/** The first pass that loosens lines beyond the tolerance (its emergency stretch): a paragraph set there is reported. */
export const EMERGENCY_PASS = PASSES.findIndex((pass) => pass.emergencyStretchEms > 0);

/** How the block is set. */
export interface SetOptions {
  /** Width of the text column in points. */
  width: number;
  hyphenator: Hyphenator | undefined;
  /** Whether the first line takes the style's indent (not after a heading). */
  indentFirstLine: boolean;
  /** Lines (numbered from 1) that may not end at an inserted hyphen (the last line of a page). */
  unhyphenatedLines?: ReadonlySet<number>;
  /** Lines to add to the optimum (TeX's `\looseness`), tried in the passes within tolerance only. */
  looseness?: number;
  /** The largest badness of a line of that looser or tighter setting, when below the pass's tolerance. */
  loosenessBadness?: number;
  /** Accumulates milliseconds spent measuring (items) and breaking. */
  clock?: { measure: number; break: number };
  /** Display lines (a balanced headline): never ended inside a word but as a last resort. */
  display?: boolean;
}

/** What setting a block reports, for diagnostics. */
export interface SetReport {
  lines: Line[];
  /** Which pass succeeded: an index of PASSES, or PASSES.length for greedy. */
  pass: number;
}

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return (
    a.font === b.font && a.size === b.size && a.tracking === b.tracking && a.gray === b.gray && a.uppercase === b.uppercase && a.smallCaps === b.smallCaps && a.strike === b.strike
  );
}

/** Sets a block's runs into lines for a column of the given width. */
export function setBlock(block: TextBlock, options: SetOptions): SetReport {
  const style = block.style;
  const lineWidth = Math.max(0, options.width - 2 * style.inset);
  const justify = style.align === 'justify';
  const started = performance.now();
  // Microtypography only where lines are justified and run left to right (bidi lines are placed word by word).
  const microtype = justify && (block.dir ?? 'ltr') === 'ltr' && !block.runs.some((run) => run.kind === 'text' && hasRightToLeft(run.text));
  const itemOptions = {
    lineWidth,
    justify,
    indent: options.indentFirstLine ? style.indent : 0,
    microtype,
    hyphenates: options.hyphenator !== undefined,
    display: options.display ?? false,
  };
  const whole = buildItems(block.runs, { ...itemOptions, hyphenator: undefined });
  // Items with hyphenation points are built only when the first pass fails and the language has patterns.
  let hyphenated: SetItem[] | undefined;
  let lastResort: SetItem[] | undefined;
  const hyphenator = options.hyphenator;
  const itemsFor = (hyphenate: boolean, capitalised: boolean): SetItem[] =>
    !hyphenate || !hyphenator
      ? whole
      : capitalised
        ? (lastResort ??= buildItems(block.runs, { ...itemOptions, hyphenator: (word) => hyphenator(word, { capitalised: true }) }))
        : (hyphenated ??= buildItems(block.runs, { ...itemOptions, hyphenator }));
  let measured = performance.now();
  let breaks: Breakpoint[] | undefined;
  let items = whole;
  let pass = 0;
  for (; pass < PASSES.length && !breaks; pass++) {
    const { hyphenate, capitalised, emergencyStretchEms } = PASSES[pass]!;
    const tolerance = pass === 0 && !justify ? ratioOfBadness(RAGGED_PRETOLERANCE) : PASSES[pass]!.tolerance;
    const before = performance.now();
    items = itemsFor(hyphenate, capitalised);
    measured += performance.now() - before;
    const breakOptions = {
      lineWidth,
      tolerance,
      shrinkBadness: SHRINK_BADNESS,
      emergencyStretch: emergencyStretchEms * style.size,
      ...(options.unhyphenatedLines ? { unhyphenatedLines: options.unhyphenatedLines } : {}),
    };
    breaks = breakParagraph(items, breakOptions);
    if (breaks && endsWithFinalHyphen(items, breaks)) {
      // A hyphen on the paragraph's last full line is kept only when no setting within this
      // pass's tolerance, or with the emergency stretch, does without it.
      const emergency = { ...breakOptions, emergencyStretch: EMERGENCY_STRETCH_EMS * style.size };
      breaks =
        breakParagraph(items, { ...breakOptions, noFinalHyphen: true }) ??
        (tolerance !== Infinity ? breakParagraph(items, { ...emergency, noFinalHyphen: true }) : undefined) ??
        breaks;
    }
    const looseness = options.looseness ?? 0;
    if (breaks && looseness !== 0 && emergencyStretchEms === 0 && tolerance !== Infinity) {
      // A looser setting is taken only when one with exactly that many more lines is within this
      // pass's tolerance (or the badness asked for), with no hyphen on its last full line when the optimum has none.
      // Without hyphenation (no patterns for the language, or a template that does not hyphenate) the
      // next pass sets the same words within \tolerance: the looser setting is tried there too (a
      // Korean page, its lines broken at spaces only, ended a line short when it was tried within \pretolerance alone).
      const within = options.loosenessBadness !== undefined ? Math.min(tolerance, ratioOfBadness(options.loosenessBadness)) : tolerance;
      const loose = breakParagraph(items, { ...breakOptions, tolerance: within, looseness, noFinalHyphen: !endsWithFinalHyphen(items, breaks) });
      if (loose?.length === breaks.length + looseness) breaks = loose;
      else if (hyphenate) break;
      else breaks = undefined;
    }
  }
  if (!breaks) {
    breaks = breakGreedy(items, lineWidth);
    pass = PASSES.length + 1;
  }
  const lines = toLines(items, breaks, lineWidth, justify, microtype, style.leading, style.align, block.dir ?? 'ltr');
  if (options.clock) {
    options.clock.measure += measured - started;
    options.clock.break += performance.now() - measured;
  }
  return { lines, pass: pass - 1 };
}

/** Whether the line before the last ends at a hyphenation point. */
function endsWithFinalHyphen(items: SetItem[], breaks: Breakpoint[]): boolean {
  const penultimate = breaks[breaks.length - 2];
  const item = penultimate ? items[penultimate.position] : undefined;
  return item?.type === 'penalty' && item.flagged && item.width > 0;
}

function toLines(
  items: SetItem[],
  breaks: Breakpoint[],
  lineWidth: number,
  justify: boolean,
  microtype: boolean,
  leading: number,
  align: TextBlock['style']['align'],
  direction: Direction,
): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const { position } of breaks) {
    // A line starts at its first box: glue and penalties after a break are discarded.
    while (start < position && items[start]?.type !== 'box') start++;
    const end = items[position];
    const last = end?.type === 'penalty' && end.penalty <= -INFINITE_PENALTY;
    // The last line of a justified paragraph sits at the paragraph's start edge: the right in RTL.
    const line = layoutLine(items, start, position, justify && !last, microtype, lineWidth, physicalAlign(align === 'justify' ? 'left' : align, direction), direction);
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
  microtype: boolean,
  lineWidth: number,
  align: 'left' | 'right' | 'center',
  direction: Direction,
): Omit<Line, 'leading'> {
  const parts: Array<Word | Gap> = [];
  for (let i = start; i < end; i++) {
    const item = items[i];
    // A ragged line's rag inside a word (items.ts) has no width: the word stays whole.
    if (!item || item.type === 'penalty' || (item.type === 'glue' && item.inWord)) continue;
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
  let insertedHyphen = false;
  if (closing?.type === 'penalty' && closing.hyphen && lastWord) {
    lastWord.text += '-';
    hyphenated = true;
    insertedHyphen = true;
  } else if (closing?.type === 'penalty' && closing.flagged) {
    hyphenated = true;
  }
  const widths = parts.map((part) => (part.kind === 'word' ? widthOf(part.style, part.text) : part.width));
  const natural = widths.reduce((sum, width) => sum + width, 0);
  // Protrusion: the first character may hang into the left margin, and on a justified line the last into the right.
  const firstWord = parts.find((part): part is Word => part.kind === 'word');
  const protrudeLeft = microtype && firstWord && parts[0] === firstWord ? protrusionOf(firstWord.style, [...firstWord.text][0] ?? '', 'left') : 0;
  const protrudeRight = microtype && justify && lastWord && parts[parts.length - 1] === lastWord ? protrusionOf(lastWord.style, [...lastWord.text].pop() ?? '', 'right') : 0;
  const available = lineWidth + protrudeLeft + protrudeRight;
  // Font expansion and letter spacing take the gap first, the same share of each (expansion on
  // its step); the spaces take the rest. The last line of a justified paragraph is narrowed too
  // when it is wider than the column: the breaker counted on it (pdfTeX packs that line the same way).
  const wordsWidth = parts.reduce((sum, part, index) => sum + (part.kind === 'word' ? (widths[index] ?? 0) : 0), 0);
  const glyphs = parts.reduce((sum, part) => sum + (part.kind === 'word' ? [...part.text].length : 0), 0);
  const expandable = wordsWidth * FONT_EXPANSION_LIMIT;
  const space = firstWord ? widthOf(firstWord.style, ' ') : 0;
  const spaceable = glyphs * space * LETTER_SPACING_LIMIT;
  const gaps = parts.filter((part): part is Gap => part.kind === 'gap');
  const shrinkable = gaps.reduce((sum, gap) => sum + gap.shrink, 0);
  const fitted = microtype && (justify || natural > available) && expandable + spaceable > 0;
  const share = fitted ? Math.max(-1, Math.min(1, (available - natural) / (expandable + spaceable))) : 0;
  const tracking = share * LETTER_SPACING_LIMIT * space;
  const styles = new Map<RunStyle, RunStyle>();
  const tracked = (style: RunStyle): RunStyle => {
    if (tracking === 0) return style;
    let found = styles.get(style);
    if (!found) styles.set(style, (found = { ...style, tracking: style.tracking + tracking }));
    return found;
  };
  let scale = share ? expansionFor(share * expandable, expandable) : 1;
  const trackedWidths = parts.map((part, index) => (part.kind === 'word' ? (tracking ? widthOf(tracked(part.style), part.text) : (widths[index] ?? 0)) : 0));
  // A word space is kept as wide as its glue: the letter spacing after the glyph before it is taken off it.
  const unspaced = (gap: Gap): number => (gap.style ? tracking * scale : 0);
  const packed = (): number => parts.reduce((sum, part, index) => sum + (part.kind === 'word' ? (trackedWidths[index] ?? 0) * scale : part.width - unspaced(part)), 0);
  // Rounded towards zero, expansion leaves the spaces a remainder of less than a step; where they cannot shrink by that much (ideographs), it takes one step more.
  if (scale < 1 && packed() - shrinkable > available + 1e-9) scale = Math.max(1 - FONT_EXPANSION_LIMIT, scale - FONT_EXPANSION_STEP);
  parts.forEach((part, index) => {
    if (part.kind === 'word') {
      widths[index] = (trackedWidths[index] ?? 0) * scale;
      part.style = tracked(part.style);
    } else if (part.style) {
      part.style = tracked(part.style);
    }
  });
  const scaled = packed();
  let ratio = 0;
  if (justify || (fitted && scaled > available)) {
    const give = scaled < available ? gaps.reduce((sum, gap) => sum + gap.stretch, 0) : shrinkable;
    // Never shrink past the glue's limit (ratio −1): the breaker kept every line within it.
    if (give > 0) ratio = Math.max(-1, (available - scaled) / give);
  }
  const gapWidth = (gap: Gap): number => gap.width + (ratio < 0 ? ratio * gap.shrink : ratio * gap.stretch);
  if (direction === 'rtl' || parts.some((part) => part.kind === 'word' && hasRightToLeft(part.text))) {
    const placed = bidiLine(parts, gapWidth, direction);
    const shift = align === 'right' ? lineWidth - placed.width : align === 'center' ? (lineWidth - placed.width) / 2 : 0;
    if (shift > 0) for (const segment of placed.segments) segment.x += shift;
    const first = parts.find((part): part is Word => part.kind === 'word');
    return { segments: placed.segments, offset: first?.offset ?? 0, hyphenated, ...(insertedHyphen ? { insertedHyphen } : {}), width: placed.width };
  }
  const segments: Segment[] = [];
  let x = -protrudeLeft;
  let current: Segment | undefined;
  let pending: { width: number; extra: number; style: RunStyle | undefined } | undefined;
  let offset: number | undefined;
  parts.forEach((part, index) => {
    if (part.kind === 'gap') {
      const extra = ratio < 0 ? ratio * part.shrink : ratio * part.stretch;
      // The space glyph is painted expanded with its word; what it lacks of the gap's width is added to it.
      const glyph = part.style ? widthOf(part.style, ' ') : 0;
      const width = part.width + extra - unspaced(part);
      pending = { width, extra: width - glyph * scale, style: part.style };
      return;
    }
    offset ??= part.offset;
    const text = part.style.uppercase ? part.text.toUpperCase() : part.text;
    const spaced = current?.text.includes(' ') ?? false;
    const sameLink = current?.link === part.link;
    if (
      current &&
      pending?.style &&
      sameLink &&
      sameStyle(current.style, part.style) &&
      sameStyle(pending.style, part.style) &&
      (!spaced || Math.abs(current.wordSpacing - pending.extra) < 1e-9)
    ) {
      current.wordSpacing = pending.extra;
      current.text += ` ${text}`;
    } else {
      // A gap with a style is a word space (ideographic glue has none).
      if (current && pending?.style) current.spaceAfter = true;
      current = { x: x + (pending?.width ?? 0), text, style: part.style, wordSpacing: 0, width: 0, ...(part.link ? { link: part.link } : {}), ...(scale !== 1 ? { scale } : {}) };
      segments.push(current);
    }
    x += (pending?.width ?? 0) + (widths[index] ?? 0);
    current.width = x - current.x;
    pending = undefined;
  });
  const shift = align === 'right' ? lineWidth - x : align === 'center' ? (lineWidth - x) / 2 : 0;
  if (shift > 0) for (const segment of segments) segment.x += shift;
  return { segments, offset: offset ?? 0, hyphenated, ...(insertedHyphen ? { insertedHyphen } : {}), width: x + protrudeLeft, ...(scale !== 1 ? { expansion: scale } : {}) };
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
export function setBalanced(block: TextBlock, balanced: SetOptions): SetReport {
  const options = { ...balanced, display: true };
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
