/**
 * Golden page lines: every line of the seed and of a German article as set (its text, where it
 * ends, an inserted hyphen shown), so that every change to line breaking or page make-up is a
 * reviewed diff (update with `vitest -u`). The Arabic fixture's are in true-text.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeset } from '../../pipeline/pdf/index.js';
import { editionFromFile, pageLines, ROOT, SEED } from './helpers.js';

describe('page lines', () => {
  it('sets the seed in the reviewed lines', async () => {
    await expect(pageLines(typeset(await editionFromFile(SEED)).model)).toMatchFileSnapshot('./goldens/seed.lines.txt');
  });

  it('sets a German article, its compounds and capitalised nouns hyphenated, in the reviewed lines', async () => {
    const lines = pageLines(typeset(await editionFromFile(join(ROOT, 'test/fixtures/corpus/german-news.md'))).model);
    await expect(lines).toMatchFileSnapshot('./goldens/german-news.lines.txt');
    // German nouns are hyphenated (a capitalised word may break), never leaving fewer than two letters.
    const hyphenated = lines.split('\n').filter((line) => line.endsWith('-') && !line.endsWith(' -'));
    expect(hyphenated.length).toBeGreaterThan(0);
  });

  it('sets a Korean article in the reviewed lines, breaking at spaces only (keep-all), never inside a word', async () => {
    const edition = await editionFromFile(join(ROOT, 'test/fixtures/corpus/korean-news.md'));
    const model = typeset(edition).model;
    await expect(pageLines(model)).toMatchFileSnapshot('./goldens/korean-news.lines.txt');
    let broken = 0;
    let lines = 0;
    for (const page of model.pages) {
      for (const placed of page.flow?.placed ?? []) {
        const block = placed.set.block;
        if (block.kind !== 'text' || page.flow!.chapter < 0) continue;
        const next = placed.set.lines[placed.line + 1];
        if (!next) continue;
        lines += 1;
        // A line ends where the next begins: at a space of the source, not between two syllables.
        if (!/\s/u.test(block.plain.charAt(next.offset - 1)) && !/\s/u.test(block.plain.charAt(next.offset))) broken += 1;
      }
    }
    expect(lines).toBeGreaterThan(10);
    expect(broken).toBe(0);
  });
});
