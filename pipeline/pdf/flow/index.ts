/**
 * Step 4: flow set blocks into pages of a fixed body height, by the rules a compositor keeps:
 * at least MIN_ORPHAN_LINES of a paragraph at the foot of a page and MIN_WIDOW_LINES at the
 * head of the next; a heading stays with the first lines of what follows; a figure (picture,
 * caption, credit) is never split. When no break inside a page satisfies every rule the page
 * breaks where the text stops fitting, and the result's counts say so.
 */
import type { Rule, SetBlock } from '../model.js';
import { breakRule, headerToRepeat, rowBreakable, sameTable } from './table.js';

/** The chapter index of pages before the first chapter (title page, contents). */
export const FRONT_MATTER = -1;
/** Fewest lines of a paragraph left at the foot of a page. */
export const MIN_ORPHAN_LINES = 2;
/** Fewest lines of a paragraph carried to the head of a page. */
export const MIN_WIDOW_LINES = 2;
/** Lines of the following block a heading must share its page with. */
export const KEEP_WITH_NEXT_LINES = 2;
/** How many times one paragraph may be set again so that no page ends in the middle of a word. */
export const MAX_RESETS_PER_BLOCK = 3;

/**
 * Sets a paragraph again with the given lines (numbered from 1) not ending at a hyphen, or says
 * it cannot (undefined). The flow asks when a page would end on a hyphenated line, so that no
 * word is broken across a page turn (TeX's `\brokenpenalty`, here a rule).
 */
export type Reset = (set: SetBlock, rules: ResetRules) => SetBlock | undefined;

/** What a paragraph is set again under. */
export interface ResetRules {
  /** Lines (numbered from 1) that may not end at a hyphen. */
  unhyphenatedLines: ReadonlySet<number>;
  /** Lines to add to the optimum (TeX's `\looseness`), to fill a page that would end short. */
  looseness: number;
  /** The largest badness a line of that setting may have (below the breaker's tolerance); the tolerance when absent. */
  loosenessBadness?: number;
  /** Tracking added to every glyph of the paragraph, in thousandths of an em (TRACKING_STEPS), to gain or lose a line where no looseness can. */
  tracking?: number;
}

/**
 * Tracking tried on one paragraph of a page that would still end short, in thousandths of an
 * em, in this order, each step on every paragraph of the page before the next: the
 * compositor's last means before a short page (a paragraph tracked a few units to take back a
 * line or push one on; ±20 is the usual limit in hand-setting and InDesign practice), applied to
 * the whole paragraph, so its colour stays even. On the 184 scrapes ±10 left 5 short pages of
 * 708 that ±15 fills all but one of.
 */
export const TRACKING_STEPS = [5, -5, 10, -10, 15, -15];

/**
 * The largest badness of a line of a paragraph set a line looser to fill a page, before the last
 * resort: TeX's "decent" lines (badness 12, half the spaces' stretch). Within the full tolerance
 * those paragraphs held a fifth of the dataset's word spaces wider than ×1.4 of the font's space.
 */
export const DECENT_BADNESS = 12;

/** The changes flow asks of a paragraph to fill a page: a line more or fewer as it stands, or tracked. */
type Variant = { looseness?: number; loosenessBadness?: number; tracking?: number };
/** A line fewer first (spaces closer, never below their floor), then a line more with decent spaces. */
const TIGHTER_OR_LOOSER: Variant[] = [{ looseness: -1 }, { looseness: 1, loosenessBadness: DECENT_BADNESS }];
const TRACKED: Variant[] = TRACKING_STEPS.map((tracking) => ({ tracking }));
/** The last resort: a line more within the breaker's whole tolerance. */
const LOOSER: Variant[] = [{ looseness: 1 }];

/** Paragraphs of a short page tried under one change (a looseness or a tracking step) before the next is tried (for looseness alone, 4 left 104 short pages of 708 where 20 left 98). */
export const MAX_LOOSER_TRIES_PER_PAGE = 20;

/**
 * Whole grid lines of space that may be added above one heading or figure of a page that would
 * otherwise end short: vertical justification in whole lines, so the grid is kept and the page
 * ends on the same line as every full page (TeX's \flushbottom, which stretches vertical glue,
 * here in steps of the leading).
 */
export const MAX_EXTRA_LINES_PER_BREAK = 1;

/** A line or picture placed on a page; `y` is the top of its box below the body's top edge. */
export interface Placed {
  set: SetBlock;
  /** Index of the block in its chapter's list of set blocks. */
  blockIndex: number;
  /** Line index, or -1 for a picture. */
  line: number;
  y: number;
  height: number;
  /** A table's header row drawn again at the head of a page the table continues on: a pagination artifact, not content. */
  repeated?: boolean;
  /** Rules drawn with the line beyond its own: a table's where the page breaks through it. */
  rules?: Rule[];
}

/** One page of flowed content. */
export interface FlowPage {
  /** Index of the chapter, or FRONT_MATTER for the title and contents pages. */
  chapter: number;
  /** First page of its chapter: no running head, no folio. */
  opening: boolean;
  placed: Placed[];
  /** Named destination at the top of the page (a chapter opening the contents links to). */
  destination?: string;
  /** The page is the cover picture, edge to edge. */
  cover?: boolean;
  /** The page holds a table set across it, turned a quarter turn (SetBlock's `turned`). */
  turned?: boolean;
}

/** Rule breaks found in a flow result (zero when every rule could be kept). */
export interface FlowReport {
  widows: number;
  orphans: number;
  strandedHeadings: number;
  splitFigures: number;
}

interface Unit {
  set: SetBlock;
  blockIndex: number;
  line: number;
  height: number;
  /** Space above when the unit does not start a page. */
  spaceAbove: number;
  /** Whether a page may end just before this unit. */
  breakable: boolean;
  /** A line of body text: its top sits on the page's baseline grid. */
  onGrid: boolean;
  /** Placed on a turned page: a turned table's row, or a heading that goes with it. */
  turned: boolean;
}

/** Where a unit's top goes below `y` (the depth of what is above it on the page): body lines snap down to the grid of `grid` points. */
function topOf(unit: Unit, y: number, first: boolean, grid: number | undefined, pageTop = 0): number {
  const top = first ? pageTop : y + unit.spaceAbove;
  // A tolerance of a thousandth of a point keeps sums of leadings on the line they add up to.
  return grid && unit.onGrid ? Math.ceil(top / grid - 1e-3) * grid : top;
}

function isHeading(set: SetBlock): boolean {
  return set.block.kind === 'text' && (set.block.role === 'title' || set.block.role === 'heading' || set.block.role === 'subheading');
}

/** The headline and its byline: display lines at a chapter's head. */
function isDisplay(set: SetBlock): boolean {
  return set.block.kind === 'text' && (set.block.role === 'title' || set.block.role === 'byline');
}

function isFigurePart(set: SetBlock): boolean {
  return set.block.kind === 'image' || set.block.role === 'caption' || set.block.role === 'credit';
}

/** Whether `set` follows the last part of a figure (its picture, caption or credit). */
function closesFigure(previous: SetBlock, set: SetBlock): boolean {
  return isFigurePart(previous) && !(isFigurePart(set) && set.block.group !== undefined && set.block.group === previous.block.group);
}

/**
 * The units of a chapter's blocks; `extra` adds space (points) above the blocks it names, and
 * what follows a figure is set at least `figureSpace` below it (with the grid, the text resumes
 * on the next grid line after that: a whole line or more, so no picture touches the ascenders
 * of the line below, as the space set above a picture keeps it off the descenders above).
 */
function units(blocks: SetBlock[], extra: ReadonlyMap<number, number> = new Map(), figureSpace = 0): Unit[] {
  const out: Unit[] = [];
  const turned = blocks.map((set) => set.turned !== undefined);
  // The headings just before a turned table go with it, as its title on the turned page.
  for (let i = blocks.length - 2; i >= 0; i--) {
    const set = blocks[i]!;
    if (turned[i + 1] && !turned[i] && set.block.keepWithNext && set.block.kind === 'text' && (set.block.role === 'heading' || set.block.role === 'subheading')) turned[i] = true;
  }
  blocks.forEach((set, blockIndex) => {
    const previous = blocks[blockIndex - 1];
    const after = previous && closesFigure(previous, set) ? figureSpace : 0;
    const gap = (previous ? Math.max(previous.spaceAfter, set.spaceBefore, after) : set.spaceBefore) + (extra.get(blockIndex) ?? 0);
    const keptToPrevious = previous !== undefined && previous.block.keepWithNext;
    const afterHeading = previous !== undefined && isHeading(previous);
    if (set.block.kind === 'image') {
      out.push({ set, blockIndex, line: -1, height: set.imageHeight, spaceAbove: gap, breakable: !keptToPrevious, onGrid: false, turned: false });
      return;
    }
    const count = set.lines.length;
    set.lines.forEach((line, index) => {
      let breakable: boolean;
      // A table's rows break by their own rules (flow/table.ts).
      const row = rowBreakable(set, index);
      if (row !== undefined) breakable = row;
      else if (index === 0) breakable = !keptToPrevious;
      // A heading, like a figure, is never split: its lines read as one.
      else if (isFigurePart(set) || isHeading(set)) breakable = false;
      else if (afterHeading && index < KEEP_WITH_NEXT_LINES) breakable = false;
      else breakable = index >= MIN_ORPHAN_LINES && count - index >= MIN_WIDOW_LINES;
      out.push({
        set,
        blockIndex,
        line: index,
        height: line.leading,
        spaceAbove: index === 0 ? gap : 0,
        breakable,
        onGrid: (set.block.kind === 'text' && set.block.role === 'body') || (index === 0 && set.onGrid === true),
        turned: turned[blockIndex]!,
      });
    });
  });
  return out;
}

/**
 * Flows one chapter's blocks into pages of `bodyHeight` points; with `reset`, no page ends in a
 * hyphenated word; with `grid` (the body's leading), every line of body text sits on a baseline
 * grid, so facing pages' lines align and a full page ends on the same line as any other; its
 * first page starts `sink` points down (a chapter opening's sink).
 */
export function flowChapter(input: SetBlock[], chapter: number, bodyHeight: number, reset?: Reset, grid?: number, sink = 0): FlowPage[] {
  const blocks = [...input];
  /** Space added above headings and figures to fill pages that would end short, by block index. */
  const extra = new Map<number, number>();
  let list = units(blocks, extra, grid);
  const pages: FlowPage[] = [];
  const ruled = new Map<number, ResetRules & { unhyphenatedLines: Set<number> }>();
  /** Settings tried so far for a page that would end short, by the page's start and the remedy. */
  const looserTries = new Map<string, number>();
  /** Where each placed page starts in `list`, and the page starts (with the remedy) already re-made from the one before. */
  const starts: number[] = [];
  const reopened = new Set<string>();
  const rulesOf = (blockIndex: number): ResetRules & { unhyphenatedLines: Set<number> } => {
    let rules = ruled.get(blockIndex);
    if (!rules) ruled.set(blockIndex, (rules = { unhyphenatedLines: new Set(), looseness: 0 }));
    return rules;
  };
  /** Sets a block again under its rules; keeps the result only if lines on earlier pages stay as they were (and it has one of the `lines` counts, when given). */
  const tryReset = (blockIndex: number, rules: ResetRules, start: number, end: number, lines?: number[]): boolean => {
    const previous = blocks[blockIndex]!;
    const again = reset?.(previous, rules);
    // Lines already placed on earlier pages must come out the same, or text would be lost or doubled.
    const firstHere = list.slice(start, end).find((unit) => unit.set === previous)?.line ?? 0;
    if (!again || !sameLines(previous, again, firstHere) || (lines !== undefined && !lines.includes(again.lines.length))) return false;
    replace(blockIndex, again);
    return true;
  };
  /** Puts a setting of a block in place of the current one, on the pages placed too. */
  const replace = (blockIndex: number, set: SetBlock): void => {
    const current = blocks[blockIndex]!;
    blocks[blockIndex] = set;
    for (const page of pages) for (const placed of page.placed) if (placed.set === current) placed.set = set;
    list = units(blocks, extra, grid);
  };
  /** Where a page starting at `start` (its first line `top` down) ends: filled, then stepped back to a legal break. */
  const breakAfter = (start: number, top: number): number => {
    const turned = list[start]!.turned;
    const depth = turned ? turnedDepth(list, start) : bodyHeight;
    let y = top;
    let end = start;
    while (end < list.length) {
      const unit = list[end]!;
      // A turned table starts and ends pages of its own.
      if (unit.turned !== turned) return end;
      const at = topOf(unit, y, end === start, grid, top);
      if (at + unit.height > depth && end > start) break;
      y = at + unit.height;
      end += 1;
    }
    if (end >= list.length) return end;
    let cut = end;
    while (cut > start + 1 && !list[cut]?.breakable) cut -= 1;
    // No legal break on the whole page: keep what fits (the report counts it).
    return cut > start && list[cut]?.breakable ? cut : end;
  };
  /** Whether a page from `start` to `end` ends a line or more short before body text. */
  const endsShort = (start: number, end: number, top: number): boolean => {
    const next = list[end];
    return next !== undefined && next.set.block.kind === 'text' && next.set.block.role === 'body' && bodyHeight - pageDepth(list, start, end, grid, top) >= next.height;
  };
  /** Forgets the last placed page, which starts at `before`, so that it is made again. */
  const reopen = (before: number): void => {
    pages.pop();
    starts.pop();
    start = before;
  };
  /**
   * Sets the body paragraphs of the units from `from` to `to` (excluded) again, from the last up,
   * under each of `variants` in turn, and keeps the first setting that changes a paragraph's line
   * count by one and after which `fills()` holds (the page no longer ends short); at most
   * MAX_LOOSER_TRIES_PER_PAGE paragraphs are tried under one variant for the page starting at
   * `page` (`remedy` names the kind of change).
   */
  const vary = (from: number, to: number, page: number, remedy: string, variants: Variant[], fills: () => boolean): boolean => {
    const candidates = [
      ...new Set(
        list
          .slice(from, to)
          // A one-line paragraph too: nearly a line long, it may run to two with decent spaces.
          .filter((unit) => unit.set.block.kind === 'text' && unit.set.block.role === 'body')
          .map((unit) => unit.blockIndex),
      ),
    ].reverse();
    // The smallest change first, on every paragraph, before a larger one.
    for (const variant of variants) {
      const key = `${page}:${remedy}:${variant.looseness ?? 0}:${variant.loosenessBadness ?? ''}:${variant.tracking ?? 0}`;
      for (const blockIndex of candidates) {
        const rules = rulesOf(blockIndex);
        // A paragraph already varied for some page stays as it is.
        if (rules.looseness !== 0 || rules.tracking) continue;
        const tried = looserTries.get(key) ?? 0;
        if (tried >= MAX_LOOSER_TRIES_PER_PAGE) break;
        looserTries.set(key, tried + 1);
        const lines = blocks[blockIndex]!.lines.length;
        rules.looseness = variant.looseness ?? 0;
        if (variant.loosenessBadness !== undefined) rules.loosenessBadness = variant.loosenessBadness;
        if (variant.tracking) rules.tracking = variant.tracking;
        const wanted = variant.looseness !== undefined ? [lines + variant.looseness] : [lines + 1, lines - 1];
        const previous = blocks[blockIndex]!;
        if (tryReset(blockIndex, rules, from, to, wanted)) {
          if (fills()) return true;
          replace(blockIndex, previous);
        }
        rules.looseness = 0;
        delete rules.loosenessBadness;
        delete rules.tracking;
      }
    }
    return false;
  };
  let start = 0;
  page: while (start < list.length) {
    // Fill the page greedily, then step back to the last unit a page may end before.
    const opening = list[start]!;
    // A table continued from the page before opens the page with its header row again.
    const header = headerToRepeat(blocks, opening.set, opening.blockIndex);
    const headerSet = header === undefined ? undefined : blocks[header];
    const base = pages.length === 0 && !opening.turned ? sink : 0;
    const top0 = base + (headerSet ? headerSet.lines.reduce((sum, line) => sum + line.leading, 0) + headerSet.spaceAfter : 0);
    const end = breakAfter(start, top0);
    // The page before a turned table ends where the table starts: nothing on it is set again to fill it.
    if (end < list.length && list[end]!.turned === opening.turned) {
      // A page ending on a hyphen, the word going on overleaf: set that paragraph again without
      // the hyphen there, and make the page again.
      const last = list[end - 1];
      const next = list[end];
      const line = last && last.line >= 0 ? last.set.lines[last.line] : undefined;
      if (reset && last && next?.set === last.set && line?.insertedHyphen) {
        const rules = rulesOf(last.blockIndex);
        if (rules.unhyphenatedLines.size < MAX_RESETS_PER_BLOCK && !rules.unhyphenatedLines.has(last.line + 1)) {
          rules.unhyphenatedLines.add(last.line + 1);
          if (tryReset(last.blockIndex, rules, start, end)) continue;
        }
      }
      // A page ending a line or more short before body text (a paragraph too short to split, or
      // one whose first or last lines would be an orphan or a widow) is filled by the first of
      // these that works, each making the page again: a paragraph one line longer or shorter
      // changes where the page breaks. Closer spaces come first, looser ones last.
      const beforeBody = endsShort(start, end, top0);
      const before = starts[starts.length - 1];
      /** Where the page starting at `from` (its top `top` down) ends, and how far short of the foot (0 when full, before a heading or figure, or at the end). */
      const shortfall = (from: number, top: number): { to: number; short: number } => {
        const to = breakAfter(from, top);
        return { to, short: to < list.length && endsShort(from, to, top) ? bodyHeight - pageDepth(list, from, to, grid, top) : 0 };
      };
      const shortBy = shortfall(start, top0).short;
      /** A change is kept when this page ends less short than it did. */
      const fillsThis = (): boolean => shortfall(start, top0).short < shortBy - 0.01;
      /** A change to the page before is kept when that page ends full and this one less short. */
      const fillsBoth = (): boolean => {
        const previous = shortfall(before!, pages.length === 1 ? sink : 0);
        return previous.short === 0 && (previous.to >= list.length || shortfall(previous.to, 0).short < shortBy - 0.01);
      };
      /** The page before varied, so that it hands this page a line more or fewer at its head (once per remedy). */
      const varyBefore = (remedy: string, variants: Variant[]): boolean => {
        if (before === undefined || reopened.has(`${start}:${remedy}`)) return false;
        reopened.add(`${start}:${remedy}`);
        if (!vary(before, start, start, remedy, variants, fillsBoth)) return false;
        reopen(before);
        return true;
      };
      // 1. A paragraph of the page, or the one that would not fit on it, a line shorter, or longer
      // with decent spaces (TeX's \looseness), from the last paragraph up.
      if (reset && beforeBody && vary(start, end + 1, start, 'looseness', TIGHTER_OR_LOOSER, fillsThis)) continue page;
      // 2. A whole line of space above the page's last heading or figure that has none yet moves
      // what follows it down to the foot (only where a grid keeps the lines in step).
      if (grid && beforeBody && bodyHeight - pageDepth(list, start, end, grid, top0) >= grid) {
        for (let i = end - 1; i > start; i--) {
          const unit = list[i]!;
          const previous = list[i - 1];
          const afterDisplay = unit.line === 0 && previous !== undefined && previous.set !== unit.set && isDisplay(previous.set);
          const opens = (unit.line <= 0 && (isHeading(unit.set) || unit.set.block.kind === 'image')) || afterDisplay;
          if (!opens || (extra.get(unit.blockIndex) ?? 0) >= MAX_EXTRA_LINES_PER_BREAK * grid) continue;
          extra.set(unit.blockIndex, (extra.get(unit.blockIndex) ?? 0) + grid);
          list = units(blocks, extra, grid);
          continue page;
        }
      }
      if (reset && beforeBody) {
        // 3. The page before a line shorter or longer, so what could not be split here splits a line later or earlier.
        if (varyBefore('looseness before', TIGHTER_OR_LOOSER)) continue page;
        // 4. A paragraph of the page tracked a few units looser or tighter (a compositor's means
        // when no paragraph will run a line longer or shorter as it stands), then one of the page before.
        if (vary(start, end + 1, start, 'tracking', TRACKED, fillsThis) || varyBefore('tracking before', TRACKED)) continue page;
        // 5. The last resort: a line longer within the breaker's whole tolerance, here, then on the page before.
        if (vary(start, end + 1, start, 'looser', LOOSER, fillsThis) || varyBefore('looser before', LOOSER)) continue page;
      }
    }
    const placed: Placed[] = [];
    let cursor = base;
    headerSet?.lines.forEach((line, index) => {
      placed.push({ set: headerSet, blockIndex: header!, line: index, y: cursor, height: line.leading, repeated: true });
      cursor += line.leading;
    });
    cursor = top0;
    for (let i = start; i < end; i++) {
      const unit = list[i];
      if (!unit) continue;
      const top = topOf(unit, cursor, i === start, grid, top0);
      placed.push({ set: unit.set, blockIndex: unit.blockIndex, line: unit.line, y: top, height: unit.height });
      cursor = top + unit.height;
    }
    // A table broken by the page: its top rule again over a part without a header, a bottom rule under the part the page ends.
    const previous = list[start - 1];
    const opened = placed.find((item) => !item.repeated);
    const above = !headerSet && previous && sameTable(previous.set, opening.set) ? breakRule(opening.set, opening.line, 'above') : undefined;
    if (opened && above) opened.rules = [above];
    const closed = placed[placed.length - 1];
    const next = list[end];
    const below = closed && next && sameTable(closed.set, next.set) ? breakRule(closed.set, closed.line, 'below') : undefined;
    if (closed && below) closed.rules = [...(closed.rules ?? []), below];
    pages.push({ chapter, opening: pages.length === 0, placed, ...(opening.turned ? { turned: true } : {}) });
    starts.push(start);
    start = end;
  }
  return pages;
}

/** How deep a turned page is: the depth its table was set for (the column's width). */
function turnedDepth(list: Unit[], start: number): number {
  for (let i = start; i < list.length && list[i]!.turned; i++) {
    const depth = list[i]!.set.turned?.depth;
    if (depth !== undefined) return depth;
  }
  return 0;
}

/** How deep the units from `start` to `end` (excluded) reach on a page. */
function pageDepth(list: Unit[], start: number, end: number, grid: number | undefined, pageTop: number): number {
  let y = pageTop;
  for (let i = start; i < end; i++) {
    const unit = list[i];
    if (unit) y = topOf(unit, y, i === start, grid, pageTop) + unit.height;
  }
  return y;
}

/** Whether the first `count` lines of two settings of a block are the same lines. */
function sameLines(a: SetBlock, b: SetBlock, count: number): boolean {
  for (let i = 0; i < count; i++) {
    const x = a.lines[i];
    const y = b.lines[i];
    if (!x || !y || x.offset !== y.offset || x.hyphenated !== y.hyphenated) return false;
    if (x.segments.map((segment) => segment.text).join(' ') !== y.segments.map((segment) => segment.text).join(' ')) return false;
  }
  return true;
}

/** Counts widows, orphans, stranded headings and split figures in flowed pages. */
export function inspectFlow(pages: FlowPage[]): FlowReport {
  const report: FlowReport = { widows: 0, orphans: 0, strandedHeadings: 0, splitFigures: 0 };
  // Lines of each block per page, in page order.
  const parts = new Map<SetBlock, number[]>();
  const pageOf = new Map<SetBlock, number[]>();
  pages.forEach((page, pageIndex) => {
    for (const placed of page.placed) {
      if (placed.repeated) continue;
      const counts = parts.get(placed.set) ?? [];
      const where = pageOf.get(placed.set) ?? [];
      if (where[where.length - 1] !== pageIndex) {
        where.push(pageIndex);
        counts.push(0);
      }
      counts[counts.length - 1] = (counts[counts.length - 1] ?? 0) + 1;
      parts.set(placed.set, counts);
      pageOf.set(placed.set, where);
    }
  });
  for (const [set, counts] of parts) {
    if (counts.length < 2) continue;
    if (isFigurePart(set)) report.splitFigures += 1;
    if ((counts[0] ?? 0) < MIN_ORPHAN_LINES) report.orphans += 1;
    if ((counts[counts.length - 1] ?? 0) < MIN_WIDOW_LINES) report.widows += 1;
  }
  pages.forEach((page, pageIndex) => {
    const last = page.placed[page.placed.length - 1];
    // A title page holds its title alone, on purpose (a collection that names no publisher).
    if (!last || page.chapter === FRONT_MATTER) return;
    const lastSet = last.set;
    const lastLines = page.placed.filter((placed) => placed.set === lastSet).length;
    const total = lastSet.block.kind === 'image' ? 1 : lastSet.lines.length;
    // A headline followed by a turned table stands alone on purpose: the table takes pages of its own, and a section heading would have gone with it.
    if (isHeading(lastSet) && lastLines === total) report.strandedHeadings += pages[pageIndex + 1]?.turned ? 0 : 1;
    else if (lastSet.block.keepWithNext && lastLines === total && isFigurePart(lastSet)) report.splitFigures += 1;
    else {
      // A heading followed on its page by fewer than KEEP_WITH_NEXT_LINES lines of a longer block.
      const index = page.placed.findIndex((placed) => placed.set === lastSet);
      const before = page.placed[index - 1];
      if (before && isHeading(before.set) && lastLines < Math.min(KEEP_WITH_NEXT_LINES, total)) report.strandedHeadings += 1;
    }
  });
  return report;
}
