/** Fonts per script as template data, read back from the PDF: Japanese from a Japanese font with CJK leading, Arabic sized to the Latin x-height, bold headlines in every script. */
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { loadTemplate, printFor } from '../../pipeline/layout/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { editionFromFile, poppler, ROOT, textPage } from './helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/corpus');

/** Text items of the text's first page (after the title and copyright pages) with their size, baseline and font name. */
async function items(result: { bytes: Uint8Array; pages: Array<{ page: number }> }): Promise<Array<{ text: string; size: number; y: number }>> {
  const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
  const content = await (await doc.getPage(textPage(result))).getTextContent();
  const out = content.items.flatMap((item) =>
    'str' in item && item.str.trim() ? [{ text: item.str, size: Math.hypot(item.transform[0] as number, item.transform[1] as number), y: item.transform[5] as number }] : [],
  );
  await doc.destroy();
  return out;
}

describe('fonts per script', () => {
  it('sets Japanese in Noto Sans JP, its headline in the bold, its text with 1.7 leading', async () => {
    const edition = await editionFromFile(join(CORPUS, 'japanese-cjk.txt'));
    expect(edition.meta.lang).toBe('ja');
    expect(edition.print.styles.body.leading).toBeCloseTo(edition.print.styles.body.size * 1.7, 1);
    const result = await renderPdf(edition);
    const fonts = await poppler('pdffonts', result.bytes);
    expect(fonts).toMatch(/NotoSansJP-Bold/);
    expect(fonts).toMatch(/NotoSansJP-Regular/);
    const body = (await items(result)).filter((item) => Math.abs(item.size - edition.print.styles.body.size) < 0.01 && /[\p{Script=Han}\p{Script=Hiragana}]/u.test(item.text));
    const baselines = [...new Set(body.map((item) => Math.round(item.y * 100) / 100))].sort((a, b) => b - a);
    expect(baselines.length).toBeGreaterThan(2);
    const gaps = baselines.slice(1).map((y, index) => baselines[index]! - y);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(edition.print.styles.body.size * 1.69);
    // Chinese keeps its own font: the Japanese font comes first for Japanese only.
    const zh = printFor(loadTemplate('default'), 'zh-Hans');
    expect(zh.fallbackFonts.some((path) => /NotoSansSC/.test(path)) && !zh.fallbackFonts.some((path) => /NotoSansJP/.test(path))).toBe(true);
    expect(printFor(loadTemplate('default'), 'ko').fallbackFonts[0]).toMatch(/NotoSansKR/);
    expect(printFor(loadTemplate('default'), 'en')).toBe(loadTemplate('default').print);
  });

  it('sizes Arabic to the Latin x-height (about a fifth larger) and sets its headline bold', async () => {
    const edition = await editionFromFile(join(CORPUS, 'arabic.md'));
    const result = await renderPdf(edition);
    const fonts = await poppler('pdffonts', result.bytes);
    expect(fonts).toMatch(/NotoNaskhArabic-Bold/);
    const body = edition.print.styles.body.size;
    const arabic = (await items(result)).filter((item) => /\p{Script=Arabic}/u.test(item.text) && item.size < 20);
    expect(arabic.length).toBeGreaterThan(3);
    const sizes = [...new Set(arabic.map((item) => Math.round((item.size / body) * 100) / 100))];
    // Literata's x-height 507/1000 against the height of Naskh's heh, 433/1000.
    expect(sizes).toContain(1.17);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1.3);
  });

  it('sets a Hebrew headline in Noto Sans Hebrew Bold and never shrinks a fallback below its style’s size', async () => {
    const result = await renderPdf(await editionFromFile(join(CORPUS, 'hebrew.txt')));
    expect(await poppler('pdffonts', result.bytes)).toMatch(/NotoSansHebrew-Bold/);
    expect(result.preflight.smallestTypeSize).toBeGreaterThanOrEqual(7.5);
  });
});
