/** The home-printed booklet: read back sheet by sheet, each half against the page the saddle-stitch order puts there. */
import type { Root } from 'mdast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookletOrder, bookletPrint, renderBooklet, SHEETS } from '../../pipeline/booklet/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromTree, poppler } from '../pdf/helpers.js';

/** Paragraphs enough for several sheets, each opening with its own number so every page's text differs. */
function longTree(paragraphs: number): Root {
  const words = 'the quick brown fox jumps over a lazy dog while printers hum softly in the hall'.split(' ');
  return {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'A booklet for the class' }] },
      ...Array.from({ length: paragraphs }, (_, index) => ({
        type: 'paragraph' as const,
        children: [{ type: 'text' as const, value: `Paragraph ${index + 1}. ${Array.from({ length: 80 }, (_, j) => words[(index * 5 + j) % words.length]).join(' ')}.` }],
      })),
    ],
  };
}

/** Text of a region of one page (points from the top left), spaces collapsed. */
async function textAt(bytes: Uint8Array, page: number, region?: { x: number; width: number; height: number }): Promise<string> {
  const crop = region ? ['-x', String(Math.round(region.x)), '-y', '0', '-W', String(Math.round(region.width)), '-H', String(Math.round(region.height))] : [];
  return (await poppler('pdftotext', bytes, ['-f', String(page), '-l', String(page), ...crop])).replace(/\s+/g, ' ').trim();
}

describe('saddle-stitch order', () => {
  it('puts n − 2k + 2 and 2k − 1 on the front of sheet k, 2k and n − 2k + 1 on its back', () => {
    expect(bookletOrder(8).map((side) => [side.left, side.right])).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
    // 10 pages are padded to 12: the blanks (11, 12) come at the end of the book.
    expect(bookletOrder(10).map((side) => [side.left, side.right])).toEqual([
      [12, 1],
      [2, 11],
      [10, 3],
      [4, 9],
      [8, 5],
      [6, 7],
    ]);
  });
});

describe.each(['letter', 'a4'] as const)('a booklet on %s', (sheet) => {
  let edition: Edition;
  let pages: Uint8Array;
  let count: number;
  let booklet: Awaited<ReturnType<typeof renderBooklet>>;

  beforeAll(async () => {
    edition = editionFromTree(longTree(40));
    // The book as the booklet sets it, page by page, to compare each half of a sheet with.
    const interior = await renderPdf({ ...edition, print: bookletPrint(edition.print, sheet) });
    pages = interior.bytes;
    count = interior.preflight.pages;
    booklet = await renderBooklet(edition, sheet);
  }, 120_000);

  it('is set at the half sheet, not shrunk: pages of 5.5 × 8.5 in (A5), body type at the template size', async () => {
    const info = await poppler('pdfinfo', pages, ['-box']);
    const [width, height] = sheet === 'letter' ? [396, 612] : [419.53, 595.28];
    expect(info).toMatch(new RegExp(`MediaBox:\\s+0\\.00\\s+0\\.00\\s+${width.toFixed(2)}\\s+${height.toFixed(2)}`));
    const doc = await getDocument({ data: booklet.bytes.slice(), verbosity: 0 }).promise;
    // Any sheet: the first holds the title page (and the last page, which may be blank).
    const sizes: number[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent();
      sizes.push(...content.items.flatMap((item) => ('transform' in item && /Paragraph/.test(item.str) ? [Math.hypot(item.transform[2], item.transform[3])] : [])));
    }
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeCloseTo(edition.print.styles.body.size, 2);
  });

  it('imposes two pages to a landscape side, padded with blanks to a multiple of 4', async () => {
    expect(count).toBeGreaterThan(8);
    const n = Math.ceil(count / 4) * 4;
    const info = await poppler('pdfinfo', booklet.bytes, ['-box']);
    expect(info).toMatch(new RegExp(`^Pages:\\s+${n / 2}$`, 'm'));
    const { sheet: size } = SHEETS[sheet];
    expect(info).toMatch(new RegExp(`MediaBox:\\s+0\\.00\\s+0\\.00\\s+${size.width.toFixed(2)}\\s+${size.height.toFixed(2)}`));
    expect(booklet.report).toMatchObject({ sheet, pages: count, blanks: n - count, sheets: n / 4 });
  });

  it('holds on sheet k pages n − 2k + 2 and 2k − 1 on the front, 2k and n − 2k + 1 on the back', async () => {
    const n = Math.ceil(count / 4) * 4;
    const source = await Promise.all(Array.from({ length: count }, (_, index) => textAt(pages, index + 1)));
    const { sheet: size } = SHEETS[sheet];
    const half = size.width / 2;
    const seen: number[] = [];
    for (let k = 1; k <= n / 4; k++) {
      const sides = [
        { output: 2 * k - 1, left: n - 2 * k + 2, right: 2 * k - 1 },
        { output: 2 * k, left: 2 * k, right: n - 2 * k + 1 },
      ];
      for (const side of sides) {
        for (const [slot, number] of [side.left, side.right].entries()) {
          const found = await textAt(booklet.bytes, side.output, { x: slot * half, width: half, height: size.height });
          // Past the book's last page is a blank.
          expect(found, `sheet ${k}, output page ${side.output}, ${slot ? 'right' : 'left'}: page ${number}`).toBe(number <= count ? source[number - 1] : '');
          if (found) seen.push(number);
        }
      }
    }
    // Every page of the book is somewhere, once, and the pages hold different text.
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index + 1).filter((number) => source[number - 1] !== ''));
    expect(new Set(source).size).toBe(count);
  }, 120_000);
});
