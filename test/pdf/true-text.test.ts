/**
 * True text for shaped scripts: Arabic drawn from shared dotless shapes and separate dots, and
 * Hebrew drawn right to left, read back by poppler and pdf.js as the source's words, so copying,
 * search, screen readers and the fidelity check get them; and the page lines of an Arabic fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, typeset, type PdfResult } from '../../pipeline/pdf/index.js';
import { needsActualText } from '../../pipeline/pdf/paint/text.js';
import { readPdfText, verifyFidelity, words } from '../../pipeline/verify/index.js';
import { editionFromFile, onPage, pageLines, poppler, ROOT, textPage } from './helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/corpus');
const ARABIC = join(CORPUS, 'arabic-news.md');
const HEBREW = join(CORPUS, 'hebrew.txt');

/** The words of a source file in a right-to-left script, each as often as it occurs. */
function rtlWords(file: string): string[] {
  return words(readFileSync(file, 'utf8')).filter((word) => /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(word));
}

/** The source's right-to-left words a reading lacks (a word counts as often as it occurs). */
function lacking(file: string, text: string): string[] {
  const found = words(text);
  return rtlWords(file).filter((word) => {
    const at = found.indexOf(word);
    if (at < 0) return true;
    found.splice(at, 1);
    return false;
  });
}

describe('true text for shaped scripts', () => {
  let arabic: PdfResult;
  let hebrew: PdfResult;
  beforeAll(async () => {
    [arabic, hebrew] = await Promise.all([renderPdf(await editionFromFile(ARABIC)), renderPdf(await editionFromFile(HEBREW))]);
  });

  it('reads every Arabic word back with poppler, in reading order, and with pdf.js', async () => {
    expect(rtlWords(ARABIC).length).toBeGreaterThan(80);
    const fromPoppler = (await readPdfText(arabic.bytes, { reader: 'poppler' })).join('\n');
    const fromPdfJs = (await readPdfText(arabic.bytes, { reader: 'pdfjs' })).join('\n');
    expect(lacking(ARABIC, fromPoppler)).toEqual([]);
    expect(lacking(ARABIC, fromPdfJs)).toEqual([]);
    // Seen and sheen, beh and yeh with hamza, share one dotless shape in Noto Naskh Arabic.
    for (const text of [fromPoppler, fromPdfJs]) {
      expect(words(text)).toEqual(expect.arrayContaining(['مسلحة', 'بشار', 'الشمالية', 'رئيس', 'مسؤول']));
      expect(words(text)).not.toContain('مشلحة');
    }
    const page = await poppler('pdftotext', arabic.bytes, onPage(textPage(arabic)));
    expect(page.replace(/[\u200e\u200f\u202a-\u202e\u2060]/g, '')).toContain('قالت مصادر محلية يوم الأحد إن مجموعات مسلحة اشتبكت مع قوات الأمن');
  });

  it('reads every Hebrew word back with poppler and pdf.js', async () => {
    expect(rtlWords(HEBREW).length).toBeGreaterThan(30);
    expect(lacking(HEBREW, (await readPdfText(hebrew.bytes, { reader: 'poppler' })).join('\n'))).toEqual([]);
    expect(lacking(HEBREW, (await readPdfText(hebrew.bytes, { reader: 'pdfjs' })).join('\n'))).toEqual([]);
  });

  it('lets the fidelity check find a missing Arabic word instead of skipping Arabic', async () => {
    const source = readFileSync(ARABIC, 'utf8').replace(/^---\n[^]*?\n---\n/, '');
    const check = (text: string) =>
      verifyFidelity({ files: [ARABIC], texts: { [ARABIC]: text }, diagnostics: arabic.diagnostics, pdf: arabic.bytes, pdfTextBand: arabic.textBand });
    expect(await check(source)).toEqual([]);
    const problems = await check(`${source}\n\nزيتون\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', rule: 'fidelity' });
    expect(problems[0]!.message).toContain('"زيتون"');
  });

  it('writes ActualText only for glyphs drawn out of the text’s order, not for ligatures or right-to-left runs', () => {
    const glyphs = (...codePoints: number[][]) => codePoints.map((points) => ({ codePoints: points }));
    // A ligature, and dots that stand for no letter: the ToUnicode map reads them back.
    expect(needsActualText('fix', glyphs([0x66, 0x69], [0x78]))).toBe(false);
    expect(needsActualText('شا', glyphs([0x627], [], [0x634]))).toBe(false);
    // Drawn reversed, as every right-to-left run is: the readers put it in reading order.
    expect(needsActualText('בית', glyphs([0x5ea], [0x5d9], [0x5d1]))).toBe(false);
    // A vowel sign drawn before its consonant (Devanagari "कित"): only ActualText gives it back.
    expect(needsActualText('कित', glyphs([0x93f], [0x915], [0x924]))).toBe(true);
  });

  it('sets the Arabic fixture in the reviewed page lines', async () => {
    await expect(pageLines(typeset(await editionFromFile(ARABIC)).model)).toMatchFileSnapshot('./goldens/arabic-news.lines.txt');
  });
});
