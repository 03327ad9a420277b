/** The seed article's PDF read back with poppler: text in reading order, fonts, boxes, metadata. */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { editionFromFile, poppler, SEED } from './helpers.js';

let result: PdfResult;
let text: string;

beforeAll(async () => {
  result = await renderPdf(await editionFromFile(SEED));
  text = (await poppler('pdftotext', result.bytes)).replace(/-\n/g, '').replace(/\s+/g, ' ');
});

describe('the seed as a print PDF', () => {
  it('holds every element of the article in reading order', () => {
    const expected = [
      'China and Russia reinforce diplomatic front against Israel',
      'Presidents Xi Jinping and Vladimir Putin will meet in Beijing',
      'Still, both Xi and Putin are also focused',
      'AMID HEZBOLLAH CONCERNS, WATCH FOR ANY MOVEMENT OF 26TH MARINE EXPEDITIONARY UNIT',
      'China has adopted a similarly hostile strategy',
      'Speaking with his Russian counterpart Sergey Lavrov',
      'What Beijing and Moscow really want',
      'Nevertheless, this Sino-Russian strategy is risky.',
      // The scrape has the photo's caption and credit, not the photo: they close the article.
      'Russian President Vladimir Putin attends the talks',
      'VLADIMIR VORONIN/AP',
      '© 2023 Washington Examiner',
    ];
    let from = 0;
    for (const piece of expected) {
      const at = text.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(from);
      from = at + piece.length;
    }
  });

  it('sets the caption whose photo is not in the scrape in a note at the end, as a Note, not alone under the headline', async () => {
    const headline = text.indexOf('China and Russia reinforce');
    const caption = text.indexOf('Russian President Vladimir Putin attends the talks');
    expect(caption).toBeGreaterThan(text.indexOf('Nevertheless, this Sino-Russian strategy is risky.'));
    expect(caption).toBeGreaterThan(headline);
    const notes = result.model.pages.flatMap((page) => page.flow?.placed ?? []).filter((placed) => placed.set.block.group?.tag === 'Note');
    expect(notes.map((placed) => placed.set.block.kind === 'text' && placed.set.block.role)).toContain('credit');
  });

  it('prints neither the slug line nor the dropped boilerplate', () => {
    expect(text).not.toContain('Kyrgyzstan Russia');
    expect(text).not.toContain('Video Embed');
    expect(text).not.toContain('CLICK HERE');
    expect(text).not.toContain('Related Content');
  });

  it('embeds every font as a subset', async () => {
    const fonts = await poppler('pdffonts', result.bytes);
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((row) => row.trim().length > 0);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toContain('Literata-Regular');
    expect(result.preflight.fontsEmbedded).toContain('Literata-Regular');
  });

  it('is a 6 × 9 in book with a TrimBox and BleedBox on every page and an even page count', async () => {
    const info = await poppler('pdfinfo', result.bytes, ['-box', '-f', '1', '-l', '999']);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages % 2).toBe(0);
    expect(pages).toBe(result.preflight.pages);
    expect(info).toMatch(/Page\s+1 size:\s+432 x 648 pts/);
    expect(info.match(/Page\s+\d+ TrimBox:\s+0\.00\s+0\.00\s+432\.00\s+648\.00/g)?.length).toBe(pages);
    expect(info.match(/Page\s+\d+ BleedBox:/g)?.length).toBe(pages);
  });

  it('carries the title, publisher and dates of the edition', async () => {
    const info = await poppler('pdfinfo', result.bytes);
    expect(info).toMatch(/^Title:\s+China and Russia reinforce diplomatic front against Israel$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    const custom = await poppler('pdfinfo', result.bytes, ['-custom']);
    expect(custom).toMatch(/^Publisher:\s+\S/m);
  });

  it('opens the text on page 3, after the title and copyright pages, numbers the pages after it and says where each page begins', () => {
    expect(result.pages[0]).toEqual({ page: 3, chapter: 0, block: 0, offset: 0 });
    expect(result.pages.map((start) => start.page)).toEqual(result.pages.map((_, index) => index + 3));
    expect(text).toMatch(/ 4 ?$/);
  });

  it('keeps every flow rule on the seed', () => {
    const { widows, orphans, strandedHeadings, splitFigures, charactersNotCovered } = result.preflight;
    expect({ widows, orphans, strandedHeadings, splitFigures, charactersNotCovered }).toEqual({
      widows: 0,
      orphans: 0,
      strandedHeadings: 0,
      splitFigures: 0,
      charactersNotCovered: [],
    });
  });
});
