/**
 * Known bugs in the PDF renderer that the fidelity check found. Each test flips (and must then
 * become a plain `it`) when its bug is fixed; until then it documents the failing input.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFile, build, ROOT } from './helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/corpus');

describe('PDF renderer bugs found by the fidelity check', () => {
  /*
   * Fonts are parsed once per process and the fontkit Font is shared by every pdfkit document.
   * pdfkit's subsetter asks fontkit for the components of composite glyphs (Literata's Cyrillic
   * а, е, о are built on the Latin ones) without code points, fontkit caches those glyph
   * objects, and a later document that lays out Latin "a" gets the cached glyph with no code
   * points: its ToUnicode map lacks the letter and its text reads back as "M\u0002r\u0002th\u0006n",
   * though the page looks right. A glyph cache cleared per document, or a Font per document,
   * would fix it. Batches (several books per worker) hit it.
   */
  it('reads a Latin article back after a Cyrillic one was built in the same process', async () => {
    await build(join(CORPUS, 'cyrillic.md'));
    const book = await build(join(CORPUS, 'getty-credit.txt'));
    expect(book.diagnostics.filter((d) => d.rule === 'fidelity')).toEqual([]);
  });

  /*
   * A long word made of many styled runs (here 1,200 alternating roman and italic runs, 2,400
   * characters) is not broken: it is set as one line running off the page, and the rest of the
   * paragraph is lost from print. A single-run word of the same length is broken correctly.
   */
  it('prints all of a long word made of many styled runs', async () => {
    await build(articleFile(`# Runs\n\nStart ${'ab*cd*'.repeat(600)} end of it.\n`));
  });

  /*
   * Tables: at the top level the PDF prints a table as one plain paragraph with the cells run
   * together ("ColumnOtherab"); inside a quote or a list item it drops the table without a word.
   */
  it('prints every cell of a table, at the top level and inside a quote', async () => {
    await build(articleFile('# Tables\n\n| Column | Other |\n|---|---|\n| a | b |\n\n> | cell | other |\n> |---|---|\n> | alpha | beta |\n'));
  });
});
