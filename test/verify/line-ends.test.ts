/**
 * A line may legitimately end after an em dash ("travel—" / "bag"), an en dash ("1990–" /
 * "2000"), a slash ("and/" / "or") or a suspended hyphen ("browser-" / "and"); the read-back must
 * join the first two and leave the others apart, and never refuse the book.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { readPdfText } from '../../pipeline/verify/read-pdf.js';
import { bagOf, joinHyphenatedLines, words } from '../../pipeline/verify/words.js';
import { ROOT } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'galley-line-ends-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Builds a one-paragraph article and returns the PDF's text and the fidelity check's problems. */
async function check(name: string, paragraph: string): Promise<{ text: string; problems: string[] }> {
  const file = join(dir, `${name}.md`);
  await writeFile(file, `# Line ends\n\n${paragraph}\n`);
  const template = loadTemplate('default', ROOT);
  const edition = layoutEdition([await prepareArticle(file, template)], template);
  const pdf = await renderPdf(edition);
  const text = (await readPdfText(pdf.bytes, { band: pdf.textBand })).join('\n');
  const problems = await verifyFidelity({ files: [file], diagnostics: [], pdf: pdf.bytes, pdfTextBand: pdf.textBand });
  return { text, problems: problems.map((p) => p.message) };
}

describe('legitimate breaks at line ends', () => {
  // Words too short to hyphenate, repeated until some line ends at the break the case is about.
  const cases: Array<[string, string, RegExp]> = [
    ['em dash inside a word', Array.from({ length: 80 }, (_, i) => `bus\u2014${['bag', 'cart', 'van'][i % 3]}`).join(' '), /bus\u2014\n(bag|cart|van)/],
    ['en dash between names', Array.from({ length: 80 }, (_, i) => `Paris\u2013${['Rome', 'Oslo', 'Bern'][i % 3]}`).join(' '), /Paris\u2013\n(Rome|Oslo|Bern)/],
    ['slash', Array.from({ length: 80 }, (_, i) => `and/or${'s'.repeat(i % 4)}`).join(' '), /and\/\nor/],
    ['suspended hyphen', Array.from({ length: 60 }, (_, i) => (i % 2 ? 'dog-' : 'cat-')).join(' '), /-\n/],
    ['spaced em dash', Array.from({ length: 60 }, (_, i) => `word${i}`).join(' \u2014 '), /\u2014\n/],
  ];
  it('never ends a line inside a number range ("24–30", "5–2" read as one)', async () => {
    const { text, problems } = await check('number-range', Array.from({ length: 80 }, (_, i) => `${i * 7}\u2013${i * 1031}`).join(' '));
    expect(text).not.toMatch(/\d\u2013\n\d/);
    expect(problems).toEqual([]);
  });

  for (const [name, paragraph, lineEnd] of cases) {
    it(`passes the read-back with a line ending in a ${name}`, async () => {
      const { text, problems } = await check(name.replace(/ /g, '-'), paragraph);
      expect(text).toMatch(lineEnd);
      expect(problems).toEqual([]);
    });
  }
});

describe('joining line ends by the source words', () => {
  const source = new Set(words('representatives well-known travel—bag 1990–2000 browser and or in-com-prehensible top-of-the-line'));
  const isWord = (word: string): boolean => source.has(word);
  const cases: Array<[string, string[]]> = [
    ['repre-\nsentatives', ['representatives']],
    ['well-\nknown', ['wellknown']],
    ['travel\u2014\nbag', ['travelbag']],
    ['1990\u2013\n2000', ['19902000']],
    ['browser-\nand', ['browser', 'and']],
    ['browser- \n and', ['browser', 'and']],
    ['and/\nor', ['and', 'or']],
    ['in-\ncom-\nprehensible', ['incomprehensible']],
    ['the top-\nof-the-line model', ['the', 'topoftheline', 'model']],
    ['the top-of-\nthe-line model', ['the', 'topoftheline', 'model']],
  ];
  for (const [printed, expected] of cases) {
    it(`reads ${JSON.stringify(printed)} as ${expected.join(' ')}`, () => {
      expect(words(joinHyphenatedLines(printed, isWord))).toEqual(expected);
    });
  }
  it('without the source, joins only a hyphen between letters', () => {
    expect(words(joinHyphenatedLines('repre-\nsentatives 1990\u2013\n2000'))).toEqual(['representatives', '1990', '2000']);
  });
});

describe('words as the read-back compares them', () => {
  it('leaves out variation selectors (an emoji’s ✔️ is no word) and splits the kana length mark from Latin letters', () => {
    expect(words('Check ✔️ this ❤️ and ーwifi')).toEqual(['check', 'this', 'and', 'wifi', 'ー']);
  });
});

describe('Korean line ends', () => {
  it('reads a word broken between two syllables at a line end, as Korean typesetting breaks them', () => {
    expect(bagOf(words(joinHyphenatedLines('사진 공개에 대\n한 반응', () => false)))).toEqual(bagOf(words('사진 공개에 대한 반응')));
  });
});
