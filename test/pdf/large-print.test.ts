/** Large print that is large print: sizes, faces, case and alignment read back from the PDF, and a preflight that fails a book breaking the rules. */
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../../pipeline/index.js';
import { isAllCapitals, titleCase } from '../../pipeline/layout/heading-capitals.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { fitRunningHead } from '../../pipeline/pdf/finalise/index.js';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { checkPrintRules, hasSerifs, isItalic } from '../../pipeline/pdf/finalise/print-rules.js';
import { loadFont } from '../../pipeline/pdf/measure/fonts.js';
import { editionFromFile, onPage, png, poppler, ROOT, SEED, textPage, withPhoto } from './helpers.js';

const KITCHEN_SINK = join(ROOT, 'test/epub/fixtures/kitchen-sink.md');

/** Every piece of text pdf.js reads from the PDF, with its size in points and its page. */
async function textItems(bytes: Uint8Array): Promise<Array<{ text: string; size: number; page: number }>> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const items: Array<{ text: string; size: number; page: number }> = [];
  for (let page = 1; page <= doc.numPages; page++) {
    const content = await (await doc.getPage(page)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const [a, b] = item.transform as number[];
      items.push({ text: item.str, size: Math.hypot(a!, b!), page });
    }
  }
  await doc.destroy();
  return items;
}

let seed: PdfResult;
/** The seed with its photo, so that its caption and credit are set as a figure (without the picture they close the article in a note). */
let pictured: PdfResult;
let sink: PdfResult;

beforeAll(async () => {
  const edition = await editionFromFile(SEED, 'large-print');
  seed = await renderPdf(edition);
  pictured = await renderPdf(withPhoto(edition));
  sink = await renderPdf(await editionFromFile(KITCHEN_SINK, 'large-print'));
});

describe('the large-print PDF', () => {
  it('sets nothing under 16 pt: body, captions, credits, running heads and folios', async () => {
    for (const result of [seed, pictured, sink]) {
      expect(result.preflight.smallestTypeSize).toBeGreaterThanOrEqual(16);
      const items = await textItems(result.bytes);
      expect(items.length).toBeGreaterThan(20);
      const smallest = items.reduce((min, item) => (item.size < min.size ? item : min));
      expect(smallest.size, `"${smallest.text}" on page ${smallest.page}`).toBeGreaterThanOrEqual(15.99);
      // Running heads and folios are among the items read back (a page's first and last lines): the folio of the text's second page.
      const second = textPage(result) + 1;
      expect(items.some((item) => item.page === second && item.text.trim() === String(second))).toBe(true);
    }
  });

  it("prints every word, running heads and folios too, inside KDP's live area, 0.25 in from the trim (16 pt heads two lines up printed 6 pt from it)", async () => {
    for (const result of [seed, sink]) {
      const html = await poppler('pdftotext', result.bytes, ['-bbox']);
      const live = 18 - 0.01;
      let words = 0;
      for (const page of html.split('<page ').slice(1)) {
        const height = Number(/height="([\d.]+)"/.exec(page)![1]);
        for (const word of page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)) {
          words += 1;
          expect(Number(word[1]), `"${word[3]}" above the live area`).toBeGreaterThanOrEqual(live);
          expect(height - Number(word[2]), `"${word[3]}" below the live area`).toBeGreaterThanOrEqual(live);
        }
      }
      expect(words).toBeGreaterThan(100);
      expect(result.preflight.warnings.join(' ')).not.toMatch(/live area/);
    }
  });

  it('embeds only upright sans faces, emphasis included (the kitchen sink has italics, quotes and captions)', async () => {
    for (const result of [seed, sink]) {
      const fonts = await poppler('pdffonts', result.bytes);
      expect(fonts).toMatch(/SourceSans3/);
      expect(fonts).not.toMatch(/Italic|Literata/);
      expect(result.preflight.rulesBroken).toEqual([]);
      expect(result.preflight.hyphenatedLines).toBe(0);
    }
  });

  it('sets headings written in capitals in title case, and running heads without capitals or an ellipsis', async () => {
    const text = await poppler('pdftotext', seed.bytes);
    expect(text).toContain('Amid Hezbollah Concerns, Watch');
    expect(text).not.toMatch(/AMID HEZBOLLAH|CHINA AND RUSSIA/);
    expect(text).not.toContain('…');
    const third = (await poppler('pdftotext', seed.bytes, onPage(textPage(seed) + 2))).trimStart();
    expect(third).toMatch(/^Amid Hezbollah Concerns, Watch For Any Movement\n/);
  });

  it('sets the same headings in title case in the EPUB', async () => {
    const JSZip = (await import('jszip')).default;
    const { renderEpub } = await import('../../pipeline/epub/index.js');
    const zip = await JSZip.loadAsync(await renderEpub(await editionFromFile(SEED, 'large-print')));
    const chapter = await zip.file('OEBPS/chapter-1.xhtml')!.async('string');
    expect(chapter).toContain('Amid Hezbollah Concerns, Watch For Any Movement Of 26th Marine Expeditionary Unit');
    expect(chapter).not.toContain('AMID HEZBOLLAH');
  });

  it('fails the preflight of a book that breaks the rules: the default design under large print’s rules breaks every one', async () => {
    const rules = loadTemplate('large-print').print.rules!;
    const edition = withPhoto(await editionFromFile(SEED, 'default'));
    const result = await renderPdf({ ...edition, print: { ...edition.print, rules } });
    const broken = result.preflight.rulesBroken.join('\n');
    for (const what of ['type under', 'leading tighter', 'italic type', 'a line set in capitals', 'justified lines', 'serif type']) expect(broken).toContain(what);
    expect(result.diagnostics.filter((d) => d.rule === 'print-rules' && d.severity === 'error').length).toBe(result.preflight.rulesBroken.length);
    // The same rules kept by the large-print book.
    expect(seed.preflight.rulesBroken).toEqual([]);
  });

  it('fails the build of a large-print book whose template lets a 12 pt italic caption through', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const cwd = mkdtempSync(join(tmpdir(), 'galley-large-'));
    mkdirSync(join(cwd, 'templates/careless'), { recursive: true });
    const caption = { family: 'text', face: 'italic', size: '12pt', leading: '16pt' };
    const fonts = {
      text: {
        regular: '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf',
        italic: '@expo-google-fonts/source-sans-3/400Regular_Italic/SourceSans3_400Regular_Italic.ttf',
      },
    };
    writeFileSync(join(cwd, 'templates/careless/template.json'), JSON.stringify({ extends: 'large-print', fonts, styles: { caption } }));
    // The caption is set with its photo.
    mkdirSync(join(cwd, 'article'));
    writeFileSync(join(cwd, 'article/photo.png'), png(1800, 1200).bytes);
    const article = join(cwd, 'article/article.md');
    writeFileSync(
      article,
      '---\ntitle: Cranes over the harbour\nlang: en\n---\n\nThe north quay at dawn.\n\n![Two cranes](photo.png "The cranes at dawn. Photo: Ana Ruiz")\n\nDock workers watched.\n',
    );
    await expect(buildBook([article], { template: 'careless', formats: ['pdf'], cwd, verify: false })).rejects.toThrow(
      /preflight failed: .*type under.*12 pt.*italic type \(\d+×, first SourceSans3-Italic/,
    );
    await expect(buildBook([SEED], { template: 'large-print', formats: ['pdf'], verify: false })).resolves.toMatchObject({ preflight: { rulesBroken: [] } });
  });
});

describe('the checks themselves', () => {
  it('tells italic from upright and serif from sans by the fonts’ own data', () => {
    const font = (path: string) => loadFont(join(ROOT, 'node_modules/@expo-google-fonts', path)).font;
    expect(isItalic(font('source-sans-3/400Regular_Italic/SourceSans3_400Regular_Italic.ttf'))).toBe(true);
    expect(isItalic(font('literata/400Regular_Italic/Literata_400Regular_Italic.ttf'))).toBe(true);
    expect(isItalic(font('source-sans-3/600SemiBold/SourceSans3_600SemiBold.ttf'))).toBe(false);
    expect(hasSerifs(font('literata/400Regular/Literata_400Regular.ttf'))).toBe(true);
    expect(hasSerifs(font('source-sans-3/400Regular/SourceSans3_400Regular.ttf'))).toBe(false);
    expect(hasSerifs(font('noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf'))).toBe(false);
  });

  it('finds nothing on pages that keep the rules', () => {
    expect(checkPrintRules([], { minTypeSize: 16, minLeading: 1.2, forbid: ['italic', 'capitals', 'justified', 'hyphenation', 'serif'] })).toEqual([]);
  });

  it('sets capitals in title case, keeping abbreviations, numbers and the length of the text', () => {
    const heading = 'AMID HEZBOLLAH CONCERNS, WATCH FOR ANY MOVEMENT OF 26TH MARINE EXPEDITIONARY UNIT';
    expect(titleCase(heading)).toBe('Amid Hezbollah Concerns, Watch For Any Movement Of 26th Marine Expeditionary Unit');
    expect(titleCase('U.S. AND PRO-HAMAS PROTESTS')).toBe('U.S. And Pro-Hamas Protests');
    expect(titleCase('ПУТИН И СИ')).toBe('Путин И Си');
    expect(titleCase(heading).length).toBe(heading.length);
    expect(isAllCapitals(heading)).toBe(true);
    expect(isAllCapitals('NATO')).toBe(true);
    expect(isAllCapitals('UN')).toBe(false);
    expect(isAllCapitals('Talks in NATO')).toBe(false);
  });

  it('shortens a running head at a clause or a word, never with an ellipsis, and drops short trailing words', () => {
    const fits = (limit: number) => (text: string) => text.length <= limit;
    expect(fitRunningHead('China and Russia reinforce diplomatic front against Israel', fits(100))).toBe('China and Russia reinforce diplomatic front against Israel');
    expect(fitRunningHead('China and Russia reinforce diplomatic front against Israel', fits(50))).toBe('China and Russia reinforce diplomatic front');
    expect(fitRunningHead('Cranes return to the port: a summer of work', fits(30))).toBe('Cranes return to the port');
    expect(fitRunningHead('Amid Hezbollah Concerns, Watch For Any Movement Of 26th Marine', fits(52))).toBe('Amid Hezbollah Concerns, Watch For Any Movement');
    expect(fitRunningHead('Supercalifragilistic', fits(5))).toBe('');
  });
});
