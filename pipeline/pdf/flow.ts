/**
 * Step 4: flow set blocks into pages of a fixed body height, by the rules a compositor keeps:
 * at least MIN_ORPHAN_LINES of a paragraph at the foot of a page and MIN_WIDOW_LINES at the
 * head of the next; a heading stays with the first lines of what follows; a figure (picture,
 * caption, credit) is never split. When no break inside a page satisfies every rule the page
 * breaks where the text stops fitting, and the result's counts say so.
 */
import type { SetBlock } from './model.js';

/** The chapter index of pages before the first chapter (title page, contents). */
export const FRONT_MATTER = -1;
/** Fewest lines of a paragraph left at the foot of a page. */
export const MIN_ORPHAN_LINES = 2;
/** Fewest lines of a paragraph carried to the head of a page. */
export const MIN_WIDOW_LINES = 2;
/** Lines of the following block a heading must share its page with. */
export const KEEP_WITH_NEXT_LINES = 2;

/** A line or picture placed on a page; `y` is the top of its box below the body's top edge. */
export interface Placed {
  set: SetBlock;
  /** Index of the block in its chapter's list of set blocks. */
  blockIndex: number;
  /** Line index, or -1 for a picture. */
  line: number;
  y: number;
  height: number;
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
}

function isHeading(set: SetBlock): boolean {
  return set.block.kind === 'text' && (set.block.role === 'title' || set.block.role === 'heading' || set.block.role === 'subheading');
}

function isFigurePart(set: SetBlock): boolean {
  return set.block.kind === 'image' || set.block.role === 'caption' || set.block.role === 'credit';
}

function units(blocks: SetBlock[]): Unit[] {
  const out: Unit[] = [];
  blocks.forEach((set, blockIndex) => {
    const previous = blocks[blockIndex - 1];
    const gap = previous ? Math.max(previous.spaceAfter, set.spaceBefore) : set.spaceBefore;
    const keptToPrevious = previous !== undefined && previous.block.keepWithNext;
    const afterHeading = previous !== undefined && isHeading(previous);
    if (set.block.kind === 'image') {
      out.push({ set, blockIndex, line: -1, height: set.imageHeight, spaceAbove: gap, breakable: !keptToPrevious });
      return;
    }
    const count = set.lines.length;
    set.lines.forEach((line, index) => {
      let breakable: boolean;
      if (index === 0) breakable = !keptToPrevious;
      else if (isFigurePart(set)) breakable = false;
      else if (afterHeading && index < KEEP_WITH_NEXT_LINES) breakable = false;
      else breakable = index >= MIN_ORPHAN_LINES && count - index >= MIN_WIDOW_LINES;
      out.push({ set, blockIndex, line: index, height: line.leading, spaceAbove: index === 0 ? gap : 0, breakable });
    });
  });
  return out;
}

/** Flows one chapter's blocks into pages of `bodyHeight` points; its first page starts `sink` points down (a chapter opening's sink). */
export function flowChapter(blocks: SetBlock[], chapter: number, bodyHeight: number, sink = 0): FlowPage[] {
  const list = units(blocks);
  const pages: FlowPage[] = [];
  let start = 0;
  while (start < list.length) {
    // Fill the page greedily, then step back to the last unit a page may end before.
    const top0 = pages.length === 0 ? sink : 0;
    let y = top0;
    let end = start;
    while (end < list.length) {
      const unit = list[end];
      if (!unit) break;
      const top = end === start ? top0 : y + unit.spaceAbove;
      if (top + unit.height > bodyHeight && end > start) break;
      y = top + unit.height;
      end += 1;
    }
    if (end < list.length) {
      let cut = end;
      while (cut > start + 1 && !list[cut]?.breakable) cut -= 1;
      // No legal break on the whole page: keep what fits (the report counts it).
      if (cut > start && list[cut]?.breakable) end = cut;
    }
    const placed: Placed[] = [];
    let cursor = top0;
    for (let i = start; i < end; i++) {
      const unit = list[i];
      if (!unit) continue;
      const top = i === start ? top0 : cursor + unit.spaceAbove;
      placed.push({ set: unit.set, blockIndex: unit.blockIndex, line: unit.line, y: top, height: unit.height });
      cursor = top + unit.height;
    }
    pages.push({ chapter, opening: pages.length === 0, placed });
    start = end;
  }
  return pages;
}

/** Counts widows, orphans, stranded headings and split figures in flowed pages. */
export function inspectFlow(pages: FlowPage[]): FlowReport {
  const report: FlowReport = { widows: 0, orphans: 0, strandedHeadings: 0, splitFigures: 0 };
  // Lines of each block per page, in page order.
  const parts = new Map<SetBlock, number[]>();
  const pageOf = new Map<SetBlock, number[]>();
  pages.forEach((page, pageIndex) => {
    for (const placed of page.placed) {
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
  for (const page of pages) {
    const last = page.placed[page.placed.length - 1];
    if (!last) continue;
    const lastSet = last.set;
    const lastLines = page.placed.filter((placed) => placed.set === lastSet).length;
    const total = lastSet.block.kind === 'image' ? 1 : lastSet.lines.length;
    if (isHeading(lastSet) && lastLines === total) report.strandedHeadings += 1;
    else if (lastSet.block.keepWithNext && lastLines === total && isFigurePart(lastSet)) report.splitFigures += 1;
    else {
      // A heading followed on its page by fewer than KEEP_WITH_NEXT_LINES lines of a longer block.
      const index = page.placed.findIndex((placed) => placed.set === lastSet);
      const before = page.placed[index - 1];
      if (before && isHeading(before.set) && lastLines < Math.min(KEEP_WITH_NEXT_LINES, total)) report.strandedHeadings += 1;
    }
  }
  return report;
}
