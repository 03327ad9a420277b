/** The print book's own first pages: a title page and its copyright page before the text, and blank pages up to a print service's minimum. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromFile, MARKDOWN, onPage, poppler, SEED, structRoles } from './helpers.js';

let edition: Edition;
let result: PdfResult;

/** A page's text lines as pdftotext reads them, trimmed, empty ones dropped. */
async function pageLines(bytes: Uint8Array, page: number): Promise<string[]> {
  const text = await poppler('pdftotext', bytes, onPage(page));
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Text items of a page with their baseline measured from the top, from pdf.js. */
async function baselines(bytes: Uint8Array, page: number): Promise<Array<{ text: string; fromTop: number; size: number }>> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pdfPage = await doc.getPage(page);
  const height = pdfPage.view[3]!;
  const items = (await pdfPage.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim()
      ? [{ text: item.str, fromTop: height - (item.transform[5] as number), size: Math.hypot(item.transform[0] as number, item.transform[1] as number) }]
      : [],
  );
  await doc.destroy();
  return items;
}

beforeAll(async () => {
  edition = await editionFromFile(MARKDOWN);
  edition = { ...edition, meta: { ...edition.meta, subtitle: 'The north quay lifts again', source: 'https://example.com/cranes' } };
  result = await renderPdf(edition);
}, 30_000);

describe('the title page and the copyright page', () => {
  it('are asked for by the default template, and the text opens on page 3, a right-hand page', () => {
    expect(edition.print.frontMatter).toMatchObject({ titlePage: true, copyrightPage: true });
    expect(result.pages[0]).toMatchObject({ page: 3, chapter: 0, block: 0 });
    expect(result.model.pages[2]?.recto).toBe(true);
  });

  it('sets the headline, subtitle and author a third of the way down the title page, and the publisher at its foot', async () => {
    expect(await pageLines(result.bytes, 1)).toEqual(['Harbour cranes', 'return to the old port', 'The north quay lifts again', 'Maria Keller', 'The Riverside Courier']);
    const items = await baselines(result.bytes, 1);
    const title = items.find((item) => item.text.startsWith('Harbour cranes'))!;
    const publisher = items.find((item) => item.text === 'The Riverside Courier')!;
    const { margins, trim } = edition.print;
    const column = trim.height - margins.top - margins.bottom;
    expect(title.fromTop).toBeGreaterThan(margins.top + column / 3);
    expect(title.fromTop).toBeLessThan(margins.top + column / 2);
    expect(title.size).toBe(edition.print.styles.title.size);
    // The publisher's baseline sits on the last line of the column.
    expect(publisher.fromTop).toBeGreaterThan(trim.height - margins.bottom - edition.print.styles.byline.leading);
    expect(publisher.fromTop).toBeLessThanOrEqual(trim.height - margins.bottom);
  });

  it('gives the notice, the first publication with its date, the source, the identifier and the colophon from the template, at the foot of page 2', async () => {
    expect(await pageLines(result.bytes, 2)).toEqual([
      '© 2024 The Riverside Courier',
      'Originally published in The Riverside Courier on May 14, 2024.',
      'Source: https://example.com/cranes',
      `Identifier: ${edition.meta.identifier}`,
      'Set in Literata, with display type in Source Sans 3.',
    ]);
    const items = await baselines(result.bytes, 2);
    const last = items[items.length - 1]!;
    expect(last.fromTop).toBeGreaterThan(edition.print.trim.height - edition.print.margins.bottom - edition.print.styles.copyright.leading);
    expect(Math.min(...items.map((item) => item.size))).toBe(edition.print.styles.copyright.size);
  });

  it('carry no running head and no folio, nor does the opening page; the next page of text does', async () => {
    const seed = await renderPdf(await editionFromFile(SEED));
    expect(seed.model.pages.slice(0, 3).map((page) => page.furniture.length)).toEqual([0, 0, 0]);
    expect(seed.model.pages[3]).toMatchObject({ number: 4, runningHead: 'China and Russia reinforce diplomatic front against Israel' });
    expect(seed.model.pages[3]?.furniture.length).toBe(2);
  });

  it('are tagged (H1 and P) and add nothing to the outline, whose first entry opens the text on page 3', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const roles = (page: number): Promise<string[]> => structRoles(result.bytes, page);
    expect(await roles(1)).toEqual(expect.arrayContaining(['H1', 'P']));
    expect((await roles(2)).filter((role) => role === 'P').length).toBe(5);
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.map((item) => item.title)).toEqual(['Harbour cranes return to the old port']);
    const dest = outline[0]!.dest;
    const target = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    const ref = (target as unknown[])[0] as { num: number; gen: number };
    expect((await doc.getPageIndex(ref)) + 1).toBe(3);
    await doc.destroy();
  });

  it('leave the read-back verification whole: every word of the source is still found in the PDF', async () => {
    const lost = await verifyFidelity({ files: [MARKDOWN], diagnostics: [], pdf: result.bytes, pdfTextBand: result.textBand });
    expect(lost.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it("keep large print's 16 pt floor, the subtitle included", async () => {
    const large = await editionFromFile(MARKDOWN, 'large-print');
    const book = await renderPdf({
      ...large,
      meta: { ...large.meta, subtitle: 'The north quay lifts again' },
      chapters: large.chapters.map((chapter) => ({ ...chapter, meta: { ...chapter.meta, subtitle: 'The north quay lifts again' } })),
    });
    expect(book.preflight.rulesBroken).toEqual([]);
    expect(book.preflight.smallestTypeSize).toBeGreaterThanOrEqual(16);
    expect(await pageLines(book.bytes, 1)).toContain('The north quay lifts again');
    expect(await pageLines(book.bytes, 2)).toContain('Set in Source Sans 3 throughout, the text at 18 points.');
  });

  it('are left out when the template does not ask for them', async () => {
    const without = await renderPdf({ ...edition, print: { ...edition.print, frontMatter: { titlePage: false, copyrightPage: false } } });
    expect(without.pages[0]?.page).toBe(1);
    expect(without.preflight.pages).toBe(result.preflight.pages - 2);
  });
});

describe('the minimum page count', () => {
  it("pads with blank pages at the end to the minimum asked for, says which applied, and warns past KDP's 10 blank pages at the end", async () => {
    const seed = await editionFromFile(SEED);
    const plain = await renderPdf(seed);
    expect(plain.preflight.minimum).toEqual({ pages: 0, from: 'template', padding: 0 });
    expect(plain.preflight.warnings.join('\n')).toMatch(/KDP prints books of 24 pages or more; --min-pages 24 pads it/);

    const padded = await renderPdf(seed, { minPages: 24 });
    expect(padded.preflight.pages).toBe(24);
    expect(padded.preflight.minimum).toEqual({ pages: 24, from: 'option', padding: 24 - plain.preflight.pages });
    expect(padded.model.pages.slice(plain.preflight.pages).every((page) => page.flow === undefined && page.furniture.length === 0)).toBe(true);
    // The text is set exactly as before: the padding only adds pages after it.
    expect(padded.pages).toEqual(plain.pages);
    expect(padded.preflight.warnings.join('\n')).not.toMatch(/KDP prints books of 24/);
    expect(padded.preflight.warnings.join('\n')).toMatch(/20 blank pages in a row at the end: KDP accepts at most 10/);
    expect(Number(/^Pages:\s+(\d+)/m.exec(await poppler('pdfinfo', padded.bytes))?.[1])).toBe(24);
    expect((await poppler('pdftotext', padded.bytes, ['-f', '5', '-l', '24'])).trim()).toBe('');

    const fromTemplate = await renderPdf({ ...seed, print: { ...seed.print, minPages: 18 } });
    expect(fromTemplate.preflight).toMatchObject({ pages: 18, minimum: { pages: 18, from: 'template' } });
    // An odd minimum still gives an even count, the last page a left-hand one.
    expect((await renderPdf(seed, { minPages: 25 })).preflight.pages).toBe(26);
    // The command line's minimum wins over the template's.
    expect((await renderPdf({ ...seed, print: { ...seed.print, minPages: 18 } }, { minPages: 0 })).preflight.pages).toBe(plain.preflight.pages);
  });
});
