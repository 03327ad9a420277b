/** The print-on-demand cover: its boxes read back against KDP's formula, the barcode box left clear, spine text only when the book is thick enough. */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { coverPreflight } from '../../pipeline/cover/cover-preflight.js';
import { renderPrintCover } from '../../pipeline/cover/print.js';
import { backSummary, renderCoverArt } from '../../pipeline/cover/print-cover.js';
import type { Edition, Paper } from '../../pipeline/types.js';
import { editionFromFile, poppler, SEED } from './helpers.js';

/** KDP's thickness per page (black ink), in inches, written out here rather than imported. */
const KDP: Record<Paper, number> = { white: 0.002252, cream: 0.0025 };

/** A box as pdfinfo -box prints it: [x0, y0, x1, y1] in points. */
function box(info: string, name: string): number[] {
  const line = info.split('\n').find((row) => row.startsWith(`${name}:`));
  return line!.split(/\s+/).slice(1).map(Number);
}

let edition: Edition;
const editionOnce = async (): Promise<Edition> => (edition ??= await editionFromFile(SEED));

describe('the print cover', () => {
  // 6×9 in interior: full width = 0.125 + 6 + spine + 6 + 0.125, height = 9.25 (KDP, "Create a Paperback Cover").
  it.each([
    [24, 'white'],
    [120, 'white'],
    [300, 'white'],
    [24, 'cream'],
    [120, 'cream'],
    [300, 'cream'],
  ] as Array<[number, Paper]>)(
    'for %i pages on %s paper has the media and trim boxes of the formula',
    async (pages, paper) => {
      const made = await renderPrintCover(await editionOnce(), pages, paper);
      const info = await poppler('pdfinfo', made.bytes, ['-box']);
      expect(info).toMatch(/^Pages:\s+1$/m);
      const spineIn = pages * KDP[paper];
      const media = box(info, 'MediaBox');
      const trim = box(info, 'TrimBox');
      // pdfinfo prints two decimals of a point.
      expect(media[0]).toBe(0);
      expect(media[1]).toBe(0);
      expect(media[2]).toBeCloseTo((0.125 + 6 + spineIn + 6 + 0.125) * 72, 1);
      expect(media[3]).toBeCloseTo(9.25 * 72, 1);
      expect(trim[0]).toBeCloseTo(0.125 * 72, 1);
      expect(trim[1]).toBeCloseTo(0.125 * 72, 1);
      expect(trim[2]! - trim[0]!).toBeCloseTo((12 + spineIn) * 72, 1);
      expect(trim[3]! - trim[1]!).toBeCloseTo(9 * 72, 1);
      expect(made.preflight.spine.in).toBeCloseTo(spineIn, 4);
      expect(made.preflight.rulesBroken).toEqual([]);
      expect(made.preflight.ppi).toBe(300);
    },
    60_000,
  );

  it('says the numbers KDP quotes for 120 pages of 6×9 (12.5202 × 9.25 in white, 12.55 × 9.25 in cream)', async () => {
    const white = await renderPrintCover(await editionOnce(), 120, 'white');
    expect([white.preflight.spine.in, white.preflight.width.in, white.preflight.height.in]).toEqual([0.2702, 12.5202, 9.25]);
    const cream = await renderPrintCover(await editionOnce(), 120, 'cream');
    expect([cream.preflight.spine.in, cream.preflight.width.in]).toEqual([0.3, 12.55]);
  }, 60_000);

  it('fails the preflight when the PDF does not fit the interior it is checked against', async () => {
    const art = await renderCoverArt(await editionOnce(), 120, 'white');
    const made = await renderPrintCover(await editionOnce(), 120, 'white');
    const checked = await coverPreflight(made.bytes, art, { pages: 200, trim: { width: 432, height: 648 } });
    expect(checked.rulesBroken.join('\n')).toMatch(/width with bleed is 12\.5202 in; 200 pages on white paper need 12\.7004 in/);
  }, 60_000);

  /** Channel statistics of a region of the cover picture, given in points from its top left. */
  async function region(png: Uint8Array, widthPt: number, area: { x: number; y: number; width: number; height: number }) {
    const { width = 0 } = await sharp(png).metadata();
    const scale = width / widthPt;
    const { data, info } = await sharp(png)
      .extract({ left: Math.round(area.x * scale), top: Math.round(area.y * scale), width: Math.round(area.width * scale), height: Math.round(area.height * scale) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return Array.from({ length: 3 }, (_, channel) => {
      let min = 255;
      let max = 0;
      for (let index = channel; index < data.length; index += info.channels) {
        min = Math.min(min, data[index]!);
        max = Math.max(max, data[index]!);
      }
      return { min, max };
    });
  }

  it('keeps the 2 × 1.2 in barcode box clear and white, 0.25 in from the spine and the foot', async () => {
    const art = await renderCoverArt(await editionOnce(), 120, 'white');
    const { barcode, back } = art.geometry;
    expect([barcode.width / 72, barcode.height / 72]).toEqual([2, 1.2]);
    expect((back.x + back.width - barcode.x - barcode.width) / 72).toBeCloseTo(0.25, 6);
    expect((back.y + back.height - barcode.y - barcode.height) / 72).toBeCloseTo(0.25, 6);
    const inside = await region(art.png, art.geometry.width, { x: barcode.x + 1, y: barcode.y + 1, width: barcode.width - 2, height: barcode.height - 2 });
    for (const channel of inside) expect([channel.min, channel.max]).toEqual([255, 255]);
    // The back around it is the book's colour, not white.
    const beside = await region(art.png, art.geometry.width, { x: barcode.x - 20, y: barcode.y + 10, width: 10, height: 10 });
    expect(beside[0]!.max).toBeLessThan(128);
  }, 60_000);

  it('prints spine text only from 80 pages, and only where 7 pt type fits between the 1/16 in clearances', async () => {
    const spineInk = async (pages: number) => {
      const art = await renderCoverArt(await editionOnce(), pages, 'white');
      const { spineBox } = art.geometry;
      const channels = await region(art.png, art.geometry.width, { x: spineBox.x + 1, y: spineBox.y + 20, width: spineBox.width - 2, height: spineBox.height - 40 });
      return { text: art.spineText, brightest: Math.max(...channels.map((channel) => channel.max)) };
    };
    const thin = await spineInk(78);
    expect(thin.text.printed).toBe(false);
    expect(thin.text.reason).toMatch(/78 pages: KDP allows spine text from 80 pages/);
    expect(thin.brightest).toBeLessThan(128);
    // 80 pages of white paper make a 0.18 in spine: 0.055 in between the clearances holds no 7 pt line.
    const narrow = await spineInk(80);
    expect(narrow.text.printed).toBe(false);
    expect(narrow.text.reason).toMatch(/under the 7 pt least/);
    const thick = await spineInk(200);
    expect(thick.text.printed).toBe(true);
    expect(thick.text.size).toBeGreaterThanOrEqual(7);
    expect(thick.brightest).toBeGreaterThan(200);
  }, 60_000);

  it('ends a summary cut short at its last whole sentence on the back', () => {
    expect(backSummary('The cranes lifted. The city spent four years on them. “We did not…', 'en')).toBe('The cranes lifted. The city spent four years on them.');
    // An abbreviation before the cut is not a sentence end.
    expect(backSummary('Xi and Putin meet in Beijing on Tuesday. China wants to rival the U.S.…', 'en')).toBe('Xi and Putin meet in Beijing on Tuesday.');
    expect(backSummary('東京は晴れ。大阪は雨です。名古屋は…', 'ja')).toBe('東京は晴れ。大阪は雨です。');
    // Kept whole when it is not cut, or when its last sentence would leave too little.
    expect(backSummary('A whole summary.', 'en')).toBe('A whole summary.');
    const long = `Short. ${'word '.repeat(60)}…`;
    expect(backSummary(long, 'en')).toBe(long);
  });

  it('puts the summary on the back, above the barcode box', async () => {
    const book = await editionOnce();
    // The band of the back where the default skeleton sets the summary (its frame, 660 to 1580 of 2100 units).
    const band = (art: Awaited<ReturnType<typeof renderCoverArt>>) => {
      const { back } = art.geometry;
      const unit = back.height / 2100;
      return region(art.png, art.geometry.width, { x: back.x + 150 * unit, y: back.y + 660 * unit, width: 1100 * unit, height: 920 * unit });
    };
    const withSummary = await renderCoverArt(book, 120, 'white');
    const without = await renderCoverArt({ ...book, meta: { ...book.meta, description: '' } }, 120, 'white');
    expect(Math.max(...(await band(withSummary)).map((channel) => channel.max))).toBeGreaterThan(200);
    expect(Math.max(...(await band(without)).map((channel) => channel.max))).toBeLessThan(128);
    expect(withSummary.warnings).toEqual([]);
    expect(withSummary.geometry.barcode.y).toBeGreaterThan(withSummary.geometry.back.y + (1580 / 2100) * withSummary.geometry.back.height);
  }, 60_000);
});
