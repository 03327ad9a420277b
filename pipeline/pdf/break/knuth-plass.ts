/**
 * Step 3c: total-fit line breaking after D. E. Knuth and M. F. Plass, "Breaking Paragraphs into
 * Lines", Software—Practice and Experience 11 (1981), 1119–1184: boxes, glue and penalties;
 * every feasible breakpoint keeps the best chain of lines ending there, per fitness class, and
 * the paragraph takes the chain with the least total demerits.
 *
 * Departures from the paper, each for a rule of the house: a hard limit on consecutive
 * hyphenated lines (part of an active node's identity, so the optimum honours it exactly), an
 * emergency pass that accepts any underfull line but never an overfull one, and a cap on active
 * nodes so that time stays linear in the paragraph's length.
 */

/** Material of fixed width (a word or a piece of one). */
export interface Box {
  type: 'box';
  width: number;
  /** How much wider or narrower font expansion (Hàn Thế Thành 2000) and letter spacing may make it at their limits, in points. */
  expansion?: number;
  /** How far its first character may hang into the left margin when it starts a line, in points. */
  protrudeLeft?: number;
  /** How far its last character may hang into the right margin when it ends a line, in points. */
  protrudeRight?: number;
}

/** Space that can stretch and shrink. */
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
}

/** A possible break with its cost; `flagged` marks hyphens, `width` is what appears at a break. */
export interface Penalty {
  type: 'penalty';
  width: number;
  penalty: number;
  flagged: boolean;
  /** How far what appears at the break (a hyphen) may hang into the right margin, in points. */
  protrudeRight?: number;
}

/** One item of a paragraph. */
export type Item = Box | Glue | Penalty;

/** A penalty at least this large forbids a break; at most its negative forces one. */
export const INFINITE_PENALTY = 10_000;
/** Badness of a line that cannot reach its width (TeX's `inf_bad`). */
const INFINITE_BADNESS = 10_000;
/** Added to every line's badness before squaring: fewer lines are better. */
export const LINE_PENALTY = 10;
/** Extra demerits when consecutive lines differ by more than one fitness class (TeX's `\adjdemerits`). */
export const ADJACENT_LOOSENESS_DEMERITS = 10_000;
/** Extra demerits for two hyphenated lines in a row (TeX's `\doublehyphendemerits`). */
export const DOUBLE_HYPHEN_DEMERITS = 10_000;
/** Extra demerits when the last full line ends in a hyphen (TeX's `\finalhyphendemerits`). */
export const FINAL_HYPHEN_DEMERITS = 5_000;
/** Hard limit on hyphenated lines in a row. */
export const MAX_CONSECUTIVE_HYPHENS = 2;
/** Active nodes kept at once; the rest (worst demerits) are dropped so time stays linear. */
export const MAX_ACTIVE_NODES = 64;

/** Settings of one pass. */
export interface BreakOptions {
  /** Width of every line, in points. */
  lineWidth: number;
  /** Largest adjustment ratio accepted; `Infinity` in the emergency pass (any underfull line). */
  tolerance: number;
  /**
   * Stretch (points) every line is assumed to have beyond its glue when its ratio is computed:
   * TeX's `\emergencystretch`, for a pass after the one with hyphenation fails. It makes loose
   * lines look less bad to the breaker, so loose spacing is spread over the paragraph instead of
   * piling up in one line; it does not widen any space by itself.
   */
  emergencyStretch?: number;
  /**
   * Lines (numbered from 1) that may not end at a hyphen: the line a page ends with, so no word
   * is broken across a page turn (the flow asks for it; TeX's `\brokenpenalty` in spirit). Line
   * numbers then become part of an active node's identity (Knuth & Plass 1981, where lines of
   * different lengths make them matter), so the optimum honours the rule exactly.
   */
  unhyphenatedLines?: ReadonlySet<number>;
  /**
   * TeX's `\looseness`: lines to add (positive) or take away (negative) from the optimum, if a
   * feasible chain with that many lines exists; the flow uses +1 to fill a page that would end short.
   */
  looseness?: number;
  /** No hyphen at the end of the last full line: TeX's `\finalhyphendemerits` made a rule, for a setting tried again when the optimum had one. */
  noFinalHyphen?: boolean;
  /**
   * The share of its ratio a shrinking line's badness and fitness are taken at (1 when absent):
   * where spaces may shrink less than TeX's fonts allow (a fifth against a third), a line at the
   * floor looks as tight as one TeX shrinks 3/5 of the way, and is judged so.
   */
  shrinkBadness?: number;
}

/** Active nodes kept at once when a looseness is asked for (chains of every line count are kept apart). */
const MAX_ACTIVE_NODES_LOOSE = 256;

/** The adjustment ratio TeX's badness `badness` stands for (badness ≈ 100·ratio³, Knuth & Plass 1981, eq. 3). */
export function ratioOfBadness(badness: number): number {
  return Math.cbrt(badness / 100);
}

/** A chosen breakpoint: the item index and the adjustment ratio of the line that ends there. */
export interface Breakpoint {
  position: number;
  ratio: number;
}

interface Node {
  position: number;
  line: number;
  fitness: number;
  hyphens: number;
  width: number;
  stretch: number;
  shrink: number;
  /** Expansion capacity of everything before the line that starts here. */
  expansion: number;
  /** Protrusion of the line's first character into the left margin. */
  protrudeLeft: number;
  demerits: number;
  ratio: number;
  previous: Node | undefined;
}

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/** Breaks a paragraph; undefined when no chain of lines within tolerance exists. */
export function breakParagraph(items: Item[], options: BreakOptions): Breakpoint[] | undefined {
  const { lineWidth, tolerance } = options;
  const background = options.emergencyStretch ?? 0;
  const unhyphenated = options.unhyphenatedLines?.size ? options.unhyphenatedLines : undefined;
  const looseness = options.looseness ?? 0;
  const lastRuled = looseness !== 0 ? Infinity : unhyphenated ? Math.max(...unhyphenated) : 0;
  const maxActive = looseness !== 0 ? MAX_ACTIVE_NODES_LOOSE : MAX_ACTIVE_NODES;
  let sumWidth = 0;
  let sumStretch = 0;
  let sumShrink = 0;
  let sumExpansion = 0;
  const firstBox = items.find((item): item is Box => item.type === 'box');
  let active: Node[] = [
    {
      position: 0,
      line: 0,
      fitness: 1,
      hyphens: 0,
      width: 0,
      stretch: 0,
      shrink: 0,
      expansion: 0,
      protrudeLeft: firstBox?.protrudeLeft ?? 0,
      demerits: 0,
      ratio: 0,
      previous: undefined,
    },
  ];

  /** Totals after `position`, skipping the glue and penalties a line does not start with, and the protrusion of the box it starts with. */
  const totalsAfter = (position: number): { width: number; stretch: number; shrink: number; protrudeLeft: number } => {
    let width = sumWidth;
    let stretch = sumStretch;
    let shrink = sumShrink;
    let protrudeLeft = 0;
    for (let i = position; i < items.length; i++) {
      const item = items[i];
      if (item?.type === 'box') protrudeLeft = item.protrudeLeft ?? 0;
      if (!item || item.type === 'box') break;
      if (item.type === 'penalty' && item.penalty <= -INFINITE_PENALTY && i > position) break;
      if (item.type === 'glue') {
        width += item.width;
        stretch += item.stretch;
        shrink += item.shrink;
      }
    }
    return { width, stretch, shrink, protrudeLeft };
  };

  for (let position = 0; position < items.length; position++) {
    const item = items[position];
    if (!item) continue;
    let breakable = false;
    let penalty = 0;
    let flagged = false;
    let breakWidth = 0;
    let protrudeRight = 0;
    if (item.type === 'box') {
      sumWidth += item.width;
      sumExpansion += item.expansion ?? 0;
      continue;
    }
    const before = items[position - 1];
    if (item.type === 'glue') {
      breakable = position > 0 && before?.type === 'box';
      if (before?.type === 'box') protrudeRight = before.protrudeRight ?? 0;
    } else {
      breakable = item.penalty < INFINITE_PENALTY;
      penalty = item.penalty;
      flagged = item.flagged;
      breakWidth = item.width;
      // A hyphen drawn at the break hangs out; otherwise the character before the break does (a dash).
      if (item.width > 0) protrudeRight = item.protrudeRight ?? 0;
      else if (before?.type === 'box') protrudeRight = before.protrudeRight ?? 0;
    }
    // The last line is not justified: nothing hangs out at its end.
    if (item.type === 'penalty' && item.penalty <= -INFINITE_PENALTY) protrudeRight = 0;
    if (breakable) {
      const candidates = new Map<number, Node>();
      const survivors: Node[] = [];
      for (const node of active) {
        const width = sumWidth - node.width + breakWidth;
        const available = lineWidth + node.protrudeLeft + protrudeRight;
        // Font expansion takes the gap first, then the spaces take what is left (pdfTeX's \pdfadjustspacing=2).
        const expansion = sumExpansion - node.expansion;
        const gap = available - width;
        const rest = gap > 0 ? Math.max(0, gap - expansion) : Math.min(0, gap + expansion);
        let ratio: number;
        if (rest > 0) {
          const stretch = sumStretch - node.stretch + background;
          ratio = stretch > 0 ? rest / stretch : Infinity;
        } else if (rest < 0) {
          const shrink = sumShrink - node.shrink;
          ratio = shrink > 0 ? rest / shrink : -Infinity;
        } else {
          ratio = 0;
        }
        const forced = penalty <= -INFINITE_PENALTY;
        if (ratio >= -1 && !forced) survivors.push(node);
        if (ratio < -1) continue;
        if (ratio > tolerance) continue;
        if (flagged && node.hyphens >= MAX_CONSECUTIVE_HYPHENS && tolerance !== Infinity) continue;
        if (flagged && unhyphenated?.has(node.line + 1)) continue;
        const judged = ratio < 0 ? ratio * (options.shrinkBadness ?? 1) : ratio;
        const badness = ratio === Infinity ? INFINITE_BADNESS : Math.min(INFINITE_BADNESS, 100 * Math.abs(judged) ** 3);
        let demerits = (LINE_PENALTY + badness) ** 2;
        if (penalty >= 0) demerits += penalty ** 2;
        else if (!forced) demerits -= penalty ** 2;
        const previous = items[node.position];
        const previousFlagged = node.position > 0 && previous?.type === 'penalty' && previous.flagged;
        if (flagged && previousFlagged) demerits += DOUBLE_HYPHEN_DEMERITS;
        if (forced && previousFlagged) {
          if (options.noFinalHyphen) continue;
          demerits += FINAL_HYPHEN_DEMERITS;
        }
        const fitness = fitnessClass(ratio === Infinity ? tolerance : judged);
        if (Math.abs(fitness - node.fitness) > 1) demerits += ADJACENT_LOOSENESS_DEMERITS;
        demerits += node.demerits;
        const hyphens = flagged ? node.hyphens + 1 : 0;
        const classKey = fitness * (MAX_CONSECUTIVE_HYPHENS + 2) + Math.min(hyphens, MAX_CONSECUTIVE_HYPHENS + 1);
        // Up to the last ruled line, chains of different line counts are kept apart.
        const key = node.line + 1 <= lastRuled ? classKey + 4 * (MAX_CONSECUTIVE_HYPHENS + 2) * (node.line + 1) : classKey;
        const best = candidates.get(key);
        if (!best || demerits < best.demerits) {
          candidates.set(key, {
            position,
            line: node.line + 1,
            fitness,
            hyphens,
            width: 0,
            stretch: 0,
            shrink: 0,
            expansion: 0,
            protrudeLeft: 0,
            demerits,
            ratio: ratio === Infinity ? 0 : ratio,
            previous: node,
          });
        }
      }
      active = survivors;
      if (candidates.size > 0) {
        const after = totalsAfter(position);
        for (const node of candidates.values()) {
          node.width = after.width;
          node.stretch = after.stretch;
          node.shrink = after.shrink;
          node.expansion = sumExpansion;
          node.protrudeLeft = after.protrudeLeft;
          active.push(node);
        }
      }
      if (active.length > maxActive) {
        active.sort((a, b) => a.demerits - b.demerits);
        active.length = maxActive;
      }
      if (active.length === 0) return undefined;
    }
    if (item.type === 'glue') {
      sumWidth += item.width;
      sumStretch += item.stretch;
      sumShrink += item.shrink;
    }
  }

  let best: Node | undefined;
  for (const node of active) {
    if (node.position === items.length - 1 && (!best || node.demerits < best.demerits)) best = node;
  }
  if (!best) return undefined;
  if (looseness !== 0) {
    // The chain whose line count is nearest the optimum's plus the looseness, the least demerits among those (The TeXbook, ch. 14).
    const target = best.line + looseness;
    let chosen = best;
    for (const node of active) {
      if (node.position !== items.length - 1) continue;
      const nearer = Math.abs(node.line - target) < Math.abs(chosen.line - target);
      const asNear = Math.abs(node.line - target) === Math.abs(chosen.line - target) && node.demerits < chosen.demerits;
      if (nearer || asNear) chosen = node;
    }
    best = chosen;
  }
  const breaks: Breakpoint[] = [];
  for (let node: Node | undefined = best; node && node.previous; node = node.previous) {
    breaks.push({ position: node.position, ratio: node.ratio });
  }
  return breaks.reverse();
}

/**
 * Greedy first fit, the last resort when even the emergency pass finds no chain (only after the
 * active-node cap dropped the one that would have worked): each line takes what fits.
 */
export function breakGreedy(items: Item[], lineWidth: number): Breakpoint[] {
  const breaks: Breakpoint[] = [];
  let width = 0;
  let lastBreak = -1;
  let start = 0;
  for (let position = 0; position < items.length; position++) {
    const item = items[position];
    if (!item) continue;
    const forced = item.type === 'penalty' && item.penalty <= -INFINITE_PENALTY;
    const breakable = forced || (item.type === 'penalty' && item.penalty < INFINITE_PENALTY) || (item.type === 'glue' && items[position - 1]?.type === 'box');
    const atBreak = item.type === 'penalty' ? item.width : 0;
    if (breakable && width + atBreak <= lineWidth) lastBreak = position;
    if (forced) {
      breaks.push({ position, ratio: 0 });
      width = 0;
      lastBreak = -1;
      start = position + 1;
      continue;
    }
    if (item.type === 'penalty') continue;
    if (item.type === 'glue' && position === start) {
      start = position + 1;
      continue;
    }
    if (width + item.width > lineWidth && lastBreak >= start) {
      breaks.push({ position: lastBreak, ratio: 0 });
      position = lastBreak;
      width = 0;
      lastBreak = -1;
      start = position + 1;
      continue;
    }
    width += item.width;
  }
  return breaks;
}
