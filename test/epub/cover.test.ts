import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderCover } from '../../pipeline/cover/index.js';
import { editionFromFile, SEED } from './helpers.js';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(Array.from(bytes.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('renderCover', () => {
  it('renders the template’s SVG as a 1400 × 2100 PNG, the same bytes every time', async () => {
    const edition = await editionFromFile(SEED);
    const first = await renderCover(edition);
    expect(pngSize(first)).toEqual([1400, 2100]);
    expect(
      createHash('sha256')
        .update(await renderCover(edition))
        .digest('hex'),
    ).toBe(createHash('sha256').update(first).digest('hex'));
  });

  // Unescaped markup would make the SVG malformed and resvg would refuse it; with system fonts off, a
  // different picture for a different title also proves the template's own fonts were found.
  it('draws the title: a different headline gives a different cover, and markup in it is escaped', async () => {
    const edition = await editionFromFile(SEED);
    const plain = await renderCover(edition);
    const hostile = await renderCover({ ...edition, meta: { ...edition.meta, title: 'Fish & chips <script>alert("x")</script> "quoted"' } });
    expect(pngSize(hostile)).toEqual([1400, 2100]);
    expect(Buffer.from(hostile).equals(Buffer.from(plain))).toBe(false);
  });

  it('refuses an edition whose template has no cover', async () => {
    const edition = await editionFromFile(SEED);
    await expect(renderCover({ ...edition, epub: { css: edition.epub.css } })).rejects.toThrow(/no cover/);
  });
});

/** A PNG's pixels as libvips (sharp) decodes them. */
async function pixels(png: Uint8Array): Promise<Buffer> {
  return sharp(png).raw().toBuffer();
}

describe('covers drawn in bands', () => {
  // The background is drawn once per template and only the bands holding the headline and the
  // publisher are drawn per book; the result must be the very pixels of drawing the whole cover
  // (the bytes differ: the background's rows are deflated harder, once).
  const titles = [
    'China and Russia reinforce diplomatic front against Israel',
    'Ünïcödé — “quotes”, façades and Ægir’s Çafé: Åå Ąą Ḉḉ',
    'Грецька і кирилиця: Ελληνικά γράμματα',
    'A headline so long that the cover has to cut it after the last line the template allows, however many words follow it here and there',
    'Tall letters: ÅÉÎ Ǻ ġ ţ ÿ ǰ (jgpqy) [brackets] {braces}',
    'ישראל ורוסיה: מגעים דיפלומטיים חדשים',
    'الصين وروسيا تعززان الجبهة الدبلوماسية',
    '中国とロシア、イスラエルに対する外交戦線を強化',
  ];
  for (const template of ['default', 'large-print']) {
    it(`gives the very pixels of drawing the whole cover, in fewer bytes (${template})`, async () => {
      const edition = await editionFromFile(SEED, template);
      for (const title of titles) {
        const book = { ...edition, meta: { ...edition.meta, title } };
        const banded = await renderCover(book);
        const whole = await renderCover(book, { inBands: false });
        expect((await pixels(banded)).equals(await pixels(whole)), title).toBe(true);
        expect(banded.length, title).toBeLessThan(whole.length);
      }
    });
  }
});
