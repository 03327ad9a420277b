/**
 * Covers in every script, checked on the rendered PNG: the title's pixels inside the gold frame
 * and above the author, the text set in a font of its script and in bidi order, fitted by its
 * length, the author shown, the background chosen by the slug, legible at 150 px.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { backgroundColour, renderCover, renderCoverWithReport } from '../../pipeline/cover/index.js';
import { balancedStarts, setText, type Frame } from '../../pipeline/cover/text.js';
import { loadTemplate, printFor } from '../../pipeline/layout/index.js';
import { loadFont } from '../../pipeline/pdf/measure/fonts.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromFile, SEED } from './helpers.js';

const TITLES: Record<string, { title: string; lang: string; dir: 'ltr' | 'rtl'; font: RegExp }> = {
  Hebrew: { title: 'ישראל ורוסיה: מגעים דיפלומטיים חדשים בצל המלחמה בעזה', lang: 'he', dir: 'rtl', font: /^NotoSansHebrew-Bold$/ },
  Arabic: { title: 'الصين وروسيا تعززان الجبهة الدبلوماسية ضد إسرائيل بـ«الجيش الحر»', lang: 'ar', dir: 'rtl', font: /^NotoNaskhArabic-Bold$/ },
  Chinese: { title: '中国和俄罗斯加强针对以色列的外交战线', lang: 'zh', dir: 'ltr', font: /^NotoSansSC-Bold$/ },
  Japanese: { title: '中国とロシア、イスラエルに対する外交戦線を強化', lang: 'ja', dir: 'ltr', font: /^NotoSansJP-Bold$/ },
  Russian: { title: 'Китай и Россия укрепляют дипломатический фронт против Израиля', lang: 'ru', dir: 'ltr', font: /^SourceSans3-Bold$/ },
  long: {
    title:
      'Presidents Xi Jinping and Vladimir Putin will meet in Beijing on Tuesday, and Russia will push for greater Chinese support for its war in Ukraine, Beijing’s approval of a gas pipeline, and deeper economic cooperation; China wants to consolidate Russia’s status as its junior partner in challenging U.S. global leadership, while both are also focused on increasing international pressure on Israel to end its war against Hamas, as a twelve-line lede would',
    lang: 'en',
    dir: 'ltr',
    font: /^SourceSans3-Bold$/,
  },
};

/** The default cover's gold frame (user units = pixels at 1400 wide), and the author's first baseline. */
const FRAME = { left: 90, top: 90, right: 1310, bottom: 2010, stroke: 4 };
const AUTHOR_BASELINE = 1830;
const AUTHOR_SIZE = 60;

let base: Edition;
beforeAll(async () => {
  base = await editionFromFile(SEED);
});

function book(title: string, extra: Partial<Edition['meta']> = {}): Edition {
  // As layout makes it: a book in Japanese gets the template's Japanese fonts first.
  return { ...base, print: printFor(loadTemplate('default'), extra.lang ?? base.meta.lang), meta: { ...base.meta, title, byline: undefined, ...extra } };
}

async function raw(png: Uint8Array): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The box of the pixels where two pictures differ. */
async function differingBox(a: Uint8Array, b: Uint8Array): Promise<{ left: number; top: number; right: number; bottom: number } | undefined> {
  const [x, y] = [await raw(a), await raw(b)];
  let box: { left: number; top: number; right: number; bottom: number } | undefined;
  for (let row = 0; row < x.height; row++) {
    for (let col = 0; col < x.width; col++) {
      const i = (row * x.width + col) * 3;
      if (x.data[i] === y.data[i] && x.data[i + 1] === y.data[i + 1] && x.data[i + 2] === y.data[i + 2]) continue;
      box = box
        ? { left: Math.min(box.left, col), top: Math.min(box.top, row), right: Math.max(box.right, col), bottom: Math.max(box.bottom, row) }
        : { left: col, top: row, right: col, bottom: row };
    }
  }
  return box;
}

function luminance(r: number, g: number, b: number): number {
  const channel = (value: number): number => ((value /= 255) <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The fonts a cover's bold title tries, in order, for a book in `lang` (the language's own fonts first). */
const fonts = (lang = 'en'): ReturnType<typeof loadFont>[] => {
  const print = printFor(loadTemplate('default'), lang);
  const paths = [print.fonts.display!.bold!, ...print.boldFallbackFonts, ...print.fallbackFonts];
  return paths.map(loadFont);
};
const TITLE_FRAME: Frame = { width: 1100, height: 1080, maxSize: 136, minSize: 72, lineHeight: 1.15, maxLines: 12 };

describe('covers in every script', () => {
  for (const [script, { title, lang, dir, font }] of Object.entries(TITLES)) {
    it(`keeps a ${script} title inside the frame, above the author, in a font of its script`, async () => {
      const edition = book(title, { lang, dir, slug: `cover-${script}` });
      const cover = await renderCover(edition);
      const empty = await renderCover(book('', { lang, dir, slug: `cover-${script}` }));
      const box = await differingBox(cover, empty);
      expect(box, script).toBeDefined();
      expect(box!.left).toBeGreaterThan(FRAME.left + FRAME.stroke);
      expect(box!.right).toBeLessThan(FRAME.right - FRAME.stroke);
      expect(box!.top).toBeGreaterThan(FRAME.top + FRAME.stroke);
      expect(box!.bottom).toBeLessThan(AUTHOR_BASELINE - AUTHOR_SIZE);
      // Right-to-left titles are set flush right in the frame, others flush left.
      if (dir === 'rtl') expect(box!.right).toBeGreaterThan(1230);
      else expect(box!.left).toBeLessThan(160);

      const set = setText(title, fonts(lang), TITLE_FRAME, dir);
      expect(set.missing).toEqual([]);
      expect(set.direction).toBe(dir);
      for (const line of set.lines)
        expect(
          line.fonts.filter((name) => !/^SourceSans3/.test(name) || script === 'Russian' || script === 'long'),
          line.text,
        ).toSatisfy((names: string[]) => names.every((name) => font.test(name)));
      if (script === 'long') {
        expect(set.cut).toBe(true);
        expect(set.lines.length).toBeLessThanOrEqual(12);
        const shown = set.lines.map((line) => line.text).join(' ');
        expect(shown.endsWith('…')).toBe(true);
        expect(title.replace(/\s+/g, ' ').startsWith(shown.slice(0, -1).trimEnd())).toBe(true);
      } else {
        expect(set.cut).toBe(false);
        // The text drawn is the title, every character of it, in its lines.
        const joined = set.lines.map((line) => line.text).join(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(title) ? '' : ' ');
        expect(joined).toBe(title);
      }
      // Legible at 150 px: capitals at least 4 px tall there (cap height about 0.66 em).
      expect(set.size * 0.66 * (150 / 1400)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('sizes a title by its length and balances its lines', () => {
    const short = setText('Harbour cranes return to the old port', fonts(), TITLE_FRAME);
    const long = setText(TITLES.Russian!.title, fonts(), TITLE_FRAME);
    expect(short.size).toBeGreaterThan(long.size);
    expect(short.size).toBe(136);
    const widths = short.lines.map((line) => line.width);
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.5);
    expect(short.lines.every((line) => line.text.split(' ').length >= 2)).toBe(true);
    // Balancing keeps the fewest lines and evens them out.
    const w = { full: [5, 5, 5, 5, 5].map((x) => x + 1), trimmed: [5, 5, 5, 5, 5] };
    expect(balancedStarts(w, 24)).toEqual([0, 3]);
    expect(balancedStarts(w, 100)).toEqual([0]);
  });

  it('shows the author when the article names one', async () => {
    const plain = book('Harbour cranes return to the old port');
    const withAuthor = { ...plain, meta: { ...plain.meta, byline: ['Maria Keller'] } };
    const box = await differingBox(await renderCover(withAuthor), await renderCover(plain));
    expect(box).toBeDefined();
    expect(box!.top).toBeGreaterThan(AUTHOR_BASELINE - AUTHOR_SIZE * 1.2);
    expect(box!.bottom).toBeLessThan(AUTHOR_BASELINE + AUTHOR_SIZE * 0.5);
    expect(box!.right).toBeLessThan(FRAME.right - FRAME.stroke);
  });

  it('fits a long publisher name on one line inside the frame', async () => {
    const long = {
      ...book('Harbour cranes'),
      meta: { ...book('Harbour cranes').meta, publisher: 'The Very Long Name of a Regional Newspaper Group and Its Many Subsidiary Titles Incorporated' },
    };
    const short = { ...long, meta: { ...long.meta, publisher: '' } };
    const box = await differingBox(await renderCover(long), await renderCover(short));
    expect(box!.right).toBeLessThan(FRAME.right - FRAME.stroke);
    expect(box!.bottom).toBeLessThan(FRAME.bottom - FRAME.stroke);
  });

  it('takes the background from the template’s palette by the slug, so a shelf is not all one colour', async () => {
    const svg = base.epub.coverSvg!;
    const slugs = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const colours = new Set(slugs.map((slug) => backgroundColour(svg, slug)));
    expect(colours.size).toBeGreaterThanOrEqual(4);
    expect(backgroundColour(svg, 'a')).toBe(backgroundColour(svg, 'a'));
    const cover = await raw(await renderCover(book('Harbour cranes', { slug: 'a' })));
    const hex = `#${[0, 1, 2].map((i) => cover.data[(20 * cover.width + 20) * 3 + i]!.toString(16).padStart(2, '0')).join('')}`;
    expect(hex).toBe(backgroundColour(svg, 'a'));
  });

  it('stays legible at 150 px: the title contrasts with its background at AA', async () => {
    for (const slug of ['a', 'b', 'c', 'd']) {
      const small = await sharp(await renderCover(book('Harbour cranes return to the old port', { slug })))
        .resize(150)
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { data, info } = small;
      const at = (x: number, y: number): number => luminance(data[(y * info.width + x) * 3]!, data[(y * info.width + x) * 3 + 1]!, data[(y * info.width + x) * 3 + 2]!);
      const background = at(2, 2);
      let brightest = 0;
      for (let y = Math.floor(560 * 0.107); y < Math.floor(1000 * 0.107); y++) for (let x = 16; x < 134; x++) brightest = Math.max(brightest, at(x, y));
      expect((brightest + 0.05) / (background + 0.05), slug).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('still fits a skeleton written before fitting (data-wrap, data-line-height in user units, no palette)', async () => {
    const skeleton = (title: string): string =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="2100" viewBox="0 0 1400 2100"><rect width="1400" height="2100" fill="#1d2733"/><text x="150" y="640" font-family="Source Sans 3" font-weight="700" font-size="104" fill="#ffffff" data-wrap="20" data-line-height="124" data-max-lines="8">${title}</text></svg>`;
    const edition = book(TITLES.Russian!.title);
    const cover = await renderCover({ ...edition, epub: { ...edition.epub, coverSvg: skeleton('{{title}}') } });
    const empty = await renderCover({ ...edition, epub: { ...edition.epub, coverSvg: skeleton('') } });
    const box = await differingBox(cover, empty);
    expect(box!.left).toBeGreaterThanOrEqual(140);
    expect(box!.right).toBeLessThanOrEqual(1260);
    // Lines 124 units apart, as the skeleton says: four or five lines of Russian stay well above the middle of the cover.
    expect(box!.bottom).toBeLessThan(640 + 5 * 124);
  });

  it('leaves out and names the characters no font has', async () => {
    const { missing } = await renderCoverWithReport(book('Hieroglyphs 𓀀 on the cover'));
    expect(missing).toEqual(['𓀀']);
  });
});
