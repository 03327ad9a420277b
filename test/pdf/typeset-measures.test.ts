/**
 * Issue 11's typesetting measures as assertions on fixtures (quality, not time): the page model
 * of real text, measured as `npm run bench:typeset` measures it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { measureBook, median, percentile, type TypesetMeasures } from '../../bench/typeset-measures.js';
import { editionFromFile, ROOT, SEED } from '../helpers/editions.js';

async function measures(file: string): Promise<TypesetMeasures> {
  const pdf = await renderPdf(await editionFromFile(file));
  return measureBook(pdf.model.pages);
}

describe('typesetting measures on fixtures', () => {
  for (const [name, file] of [
    ['the seed', SEED],
    ['a long article', join(ROOT, 'test/fixtures/corpus/very-long.md')],
  ] as const) {
    it(`${name}: no short fragments, no squeezed spaces, even spacing from line to line`, async () => {
      const m = await measures(file);
      expect(m.fullLines).toBeGreaterThan(10);
      expect(m.shortFragments).toBe(0);
      expect(m.squeezedLines).toBe(0);
      expect(median(m.neighbourChanges)).toBeLessThanOrEqual(0.04);
      expect(percentile(m.spaces, 0.95)).toBeLessThanOrEqual(2);
      expect(m.hyphenEnds / m.fullLines).toBeLessThanOrEqual(0.2);
    });
  }

  it('sets every line of body text on the baseline grid of the body leading, after headings and figures too', async () => {
    const edition = await editionFromFile(join(ROOT, 'test/fixtures/corpus/very-long.md'));
    const pdf = await renderPdf(edition);
    const grid = edition.print.styles.body.leading;
    let checked = 0;
    let afterDisplay = 0;
    for (const page of pdf.model.pages) {
      page.flow?.placed.forEach((placed, index) => {
        if (placed.set.block.kind !== 'text' || placed.set.block.role !== 'body') return;
        expect(placed.y / grid).toBeCloseTo(Math.round(placed.y / grid), 6);
        checked += 1;
        const before = page.flow?.placed[index - 1];
        if (before && before.set.block.kind === 'text' && before.set.block.role !== 'body') afterDisplay += 1;
      });
    }
    expect(checked).toBeGreaterThan(500);
    expect(afterDisplay).toBeGreaterThan(0);
  });

  it('breaks no word across a page turn: the flow sets such a paragraph again (four did in the long article)', async () => {
    const m = await measures(join(ROOT, 'test/fixtures/corpus/very-long.md'));
    expect(m.pages).toBeGreaterThan(20);
    expect(m.pageTurnHyphens).toBe(0);
    // A paragraph of the page or the one before set a line looser or tighter, or tracked a few
    // units, fills a page that would end short (8 of them did before tracking).
    expect(m.shortPages).toBe(0);
  });

  it('counts a page short when it ends a whole grid line above where a full page ends, not when a blockquote leaves it a few points off the grid', async () => {
    // The fixture's first page ends after a blockquote of 13.5 pt leading, 3.5 pt above a full page's last line.
    expect((await measures(join(ROOT, 'test/fixtures/corpus/headings-styles.md'))).shortPages).toBe(0);
    const pdf = await renderPdf(await editionFromFile(join(ROOT, 'test/fixtures/corpus/very-long.md')));
    const pages = pdf.model.pages;
    expect(measureBook(pages).shortPages).toBe(0);
    // The same book with two lines taken off the foot of one full page of body text (the next page starts with body text).
    const at = pages.findIndex((page, index) => {
      const next = pages[index + 1]?.flow?.placed[0];
      return index > 0 && !page.flow?.opening && page.flow?.placed.at(-1)?.set.block.kind === 'text' && next?.set.block.kind === 'text' && next.set.block.role === 'body';
    });
    const page = pages[at]!;
    const cut = { ...page, flow: { ...page.flow!, placed: page.flow!.placed.slice(0, -2) } };
    expect(measureBook(pages.map((spec, index) => (index === at ? cut : spec))).shortPages).toBe(1);
  });
});
