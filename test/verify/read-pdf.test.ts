/**
 * The PDF read-back has two readers: poppler's pdftotext (a process of its own, used when
 * installed) and pdf.js (the fallback). Both must read the same body text, and neither may count
 * running heads and folios as text of the article.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { readPdfText } from '../../pipeline/verify/read-pdf.js';
import { bagOf, joinHyphenatedLines, subtract, words } from '../../pipeline/verify/words.js';
import { galley, ROOT } from '../helpers/cli.js';
import { poppler } from '../pdf/helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/corpus');

async function book(name: string, cropMarks = false) {
  const template = loadTemplate('default', ROOT);
  const edition = layoutEdition([await prepareArticle(join(CORPUS, name), template)], template);
  return renderPdf(edition, { cropMarks });
}

async function wordsOf(pages: Promise<string[]>): Promise<Map<string, number>> {
  return bagOf(words(joinHyphenatedLines((await pages).join('\n'))));
}

describe('reading the PDF back', () => {
  for (const cropMarks of [false, true]) {
    it(`poppler inside the text band and pdf.js without artifacts read the same words${cropMarks ? ', with crop marks' : ''}`, async () => {
      const pdf = await book('very-long.md', cropMarks);
      const poppler = await wordsOf(readPdfText(pdf.bytes, { band: pdf.textBand, reader: 'poppler' }));
      const pdfjs = await wordsOf(readPdfText(pdf.bytes, { reader: 'pdfjs' }));
      expect(pdf.preflight.pages).toBeGreaterThan(4);
      expect(Object.fromEntries(subtract(poppler, pdfjs))).toEqual({});
      expect(Object.fromEntries(subtract(pdfjs, poppler))).toEqual({});
    });
  }

  it('leaves the running heads and folios out only because of the band', async () => {
    const pdf = await book('very-long.md');
    const inBand = await readPdfText(pdf.bytes, { band: pdf.textBand, reader: 'poppler' });
    const whole = await readPdfText(pdf.bytes, { reader: 'poppler' });
    expect(inBand).toHaveLength(pdf.preflight.pages);
    // Page 4 follows the opening page (page 3, after the title and copyright pages): it has a folio ("4") and a running head above the text.
    expect(whole[3]!.split('\n')).toContain('4');
    expect(inBand[3]!.split('\n')).not.toContain('4');
    expect(whole[3]!.length).toBeGreaterThan(inBand[3]!.length);
  });

  it('says so when poppler is asked for and cannot read the file', async () => {
    await expect(readPdfText(new TextEncoder().encode('%PDF-1.7\nnot a PDF'), { reader: 'poppler' })).rejects.toThrow(/pdftotext/);
  });
});

describe('the read-back from the command line', () => {
  it('falls back to pdf.js when poppler is not installed, and leaves no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'galley-no-poppler-'));
    try {
      // A PATH with a shell but no pdftotext; TMPDIR shows what the build leaves behind.
      const bin = join(dir, 'bin');
      const temp = join(dir, 'tmp');
      await mkdir(bin);
      await mkdir(temp);
      await symlink('/bin/sh', join(bin, 'sh'));
      const run = galley(['build', join(ROOT, 'test/fixtures/articles/seed/article.txt'), '--out', join(dir, 'out')], { env: { PATH: bin, TMPDIR: temp } });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads back with poppler and leaves no temporary files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'galley-poppler-'));
    try {
      const temp = join(dir, 'tmp');
      await mkdir(temp);
      const run = galley(['build', join(ROOT, 'test/fixtures/corpus/very-long.md'), '--out', join(dir, 'out')], { env: { TMPDIR: temp } });
      expect(run.status).toBe(0);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('when the two readers disagree', () => {
  // poppler takes a line of evenly spaced one-letter words for one letter-spaced word ("aaaa");
  // pdf.js reads the words. The check asks pdf.js before it calls words lost.
  it('builds a line of a thousand emphasised one-letter words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'galley-storm-'));
    try {
      const file = join(dir, 'storm.md');
      await writeFile(file, `# Storm\n\n${'*a* '.repeat(1000)}\n`);
      const template = loadTemplate('default', ROOT);
      const edition = layoutEdition([await prepareArticle(file, template)], template);
      const pdf = await renderPdf(edition);
      // Every space is a space glyph in the text layer, so poppler's word boxes are the words…
      const boxes = await poppler('pdftotext', pdf.bytes, ['-bbox']);
      expect(boxes.match(/<word [^>]*>a<\/word>/g)).toHaveLength(1000);
      // …but its plain text still runs evenly spaced one-letter words together.
      const plain = await wordsOf(readPdfText(pdf.bytes, { band: pdf.textBand, reader: 'poppler' }));
      expect(plain.get('a') ?? 0).toBeLessThan(1000);
      const problems = await verifyFidelity({ files: [file], diagnostics: [], pdf: pdf.bytes, pdfTextBand: pdf.textBand });
      expect(problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
