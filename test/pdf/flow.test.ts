/** Flow into pages: cases that force each rule, with blocks of fixed line counts. */
import { describe, expect, it } from 'vitest';
import { flowChapter, inspectFlow, TRACKING_STEPS, type FlowPage, type Reset } from '../../pipeline/pdf/flow/index.js';
import type { Line, SetBlock, TextBlock } from '../../pipeline/pdf/model.js';
import type { StyleRole, TextStyle } from '../../pipeline/types.js';

/** Baseline-to-baseline distance of every test line; a page holds PAGE_LINES of them. */
const LEADING = 10;
const PAGE_LINES = 10;

function block(role: StyleRole, lines: number, keepWithNext = false): SetBlock {
  const style = { size: 10, leading: LEADING } as TextStyle;
  const text: TextBlock = { kind: 'text', role, style, runs: [], tag: 'P', source: { chapter: 0, block: 0 }, keepWithNext, plain: role };
  const line: Line = { segments: [], leading: LEADING, offset: 0, hyphenated: false, width: 0 };
  return { block: text, lines: Array.from({ length: lines }, () => ({ ...line })), imageWidth: 0, imageHeight: 0, spaceBefore: 0, spaceAfter: 0, inset: 0, ascent: 8, descent: 2 };
}

/** Lines of each block on each page, e.g. [[9], [5]]. */
function shape(pages: FlowPage[], blocks: SetBlock[]): number[][] {
  return pages.map((page) => blocks.map((set) => page.placed.filter((placed) => placed.set === set).length).filter((count) => count > 0));
}

describe('flowing blocks into pages', () => {
  it('fills pages and splits a paragraph where both parts keep two lines', () => {
    const blocks = [block('body', 7), block('body', 5)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(shape(pages, blocks)).toEqual([[7, 3], [2]]);
    expect(pages[0]?.opening).toBe(true);
    expect(pages[1]?.opening).toBe(false);
  });

  it('leaves no orphan: a lone first line moves to the next page', () => {
    const blocks = [block('body', 9), block('body', 5)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(shape(pages, blocks)).toEqual([[9], [5]]);
    expect(inspectFlow(pages).orphans).toBe(0);
  });

  it('leaves no widow: a lone last line takes another with it', () => {
    const blocks = [block('body', 11)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(shape(pages, blocks)).toEqual([[9], [2]]);
    expect(inspectFlow(pages).widows).toBe(0);
  });

  it('keeps a heading with the first two lines of what follows', () => {
    const blocks = [block('body', 8), block('heading', 1, true), block('body', 5)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(shape(pages, blocks)).toEqual([[8], [1, 5]]);
    expect(inspectFlow(pages).strandedHeadings).toBe(0);
  });

  it('fills a page that a widow would leave short with a whole line of space above its heading, on the grid', () => {
    const blocks = [block('body', 2), block('heading', 1, true), block('body', 3), block('body', 5)];
    const plain = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    // Without a grid, four lines of the last paragraph would leave one behind: the page ends a line short.
    expect(shape(plain, blocks)).toEqual([[2, 1, 3, 3], [2]]);
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING, undefined, LEADING);
    expect(shape(pages, blocks)).toEqual([[2, 1, 3, 3], [2]]);
    const placed = pages[0]!.placed;
    const last = placed[placed.length - 1]!;
    expect(last.y + last.height).toBe(PAGE_LINES * LEADING);
    const heading = placed.find((unit) => unit.set === blocks[1])!;
    expect(heading.y).toBe(3 * LEADING);
    expect(inspectFlow(pages)).toEqual({ widows: 0, orphans: 0, strandedHeadings: 0, splitFigures: 0 });
  });

  it('never splits a heading across pages, however many lines it has', () => {
    const blocks = [block('body', 7), block('heading', 4, true), block('body', 5)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING, undefined, LEADING);
    expect(shape(pages, blocks)).toEqual([[7], [4, 5]]);
    expect(inspectFlow(pages)).toEqual({ widows: 0, orphans: 0, strandedHeadings: 0, splitFigures: 0 });
  });

  it('fills a page no looseness can fill by tracking one paragraph, the smallest step first', () => {
    // Four and four lines leave two for a paragraph of three, which would split two and a widow.
    const blocks = [block('body', 4), block('body', 4), block('body', 3)];
    expect(
      shape(
        flowChapter(blocks, 0, PAGE_LINES * LEADING, () => undefined, LEADING),
        blocks,
      ),
    ).toEqual([[4, 4], [3]]);
    // Only the first paragraph gives, and only tracked tighter: a line fewer, and the page fills.
    const tried: Array<number | undefined> = [];
    const reset: Reset = (set, rules) => {
      tried.push(rules.tracking);
      return set === blocks[0] && rules.tracking !== undefined && rules.tracking < 0 ? { ...set, lines: set.lines.slice(1) } : undefined;
    };
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING, reset, LEADING);
    expect(
      shape(
        pages,
        pages.flatMap((page) => [...new Set(page.placed.map((placed) => placed.set))]),
      ),
    ).toEqual([[3, 4, 3]]);
    // The paragraph that would not fit, then each paragraph of the page from the last up, a step at a time.
    expect(tried.filter((tracking) => tracking !== undefined)).toEqual([...Array(3).fill(TRACKING_STEPS[0]), ...Array(3).fill(TRACKING_STEPS[1])]);
    expect(TRACKING_STEPS[1]).toBeLessThan(0);
  });

  it('keeps a caption and its credit together', () => {
    const blocks = [block('body', 8), block('caption', 2, true), block('credit', 1)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(shape(pages, blocks)).toEqual([[8], [2, 1]]);
    expect(inspectFlow(pages).splitFigures).toBe(0);
  });

  it('never leaves a page blank and always makes progress', () => {
    const blocks = [block('heading', 1, true), block('caption', 30, true), block('credit', 1), block('body', 3)];
    const pages = flowChapter(blocks, 0, PAGE_LINES * LEADING);
    expect(pages.every((page) => page.placed.length > 0)).toBe(true);
    expect(pages.flatMap((page) => page.placed).length).toBe(35);
  });

  it('counts the rules it had to break when no page break can keep them', () => {
    // A page of one line: every paragraph of three lines must leave orphans and widows.
    const blocks = [block('heading', 1, true), block('body', 3), block('body', 3)];
    const pages = flowChapter(blocks, 0, LEADING);
    const report = inspectFlow(pages);
    expect(report.orphans).toBe(2);
    expect(report.widows).toBe(2);
    expect(report.strandedHeadings).toBe(1);
  });
});
