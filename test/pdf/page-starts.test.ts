/** Page starts: each printed page's first body line, as a place in the mdast the EPUB can mark. */
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { editionFromFile, poppler, SEED } from './helpers.js';

describe('page starts', () => {
  it('point at the text that opens each page, including a page that starts mid-paragraph', async () => {
    const edition = await editionFromFile(SEED, 'large-print');
    const result = await renderPdf(edition);
    // Every page but the blank ones, the title page and the copyright page starts somewhere in the text.
    expect(result.pages.length).toBe(result.preflight.pages - result.preflight.blankPages - 2);
    expect(result.pages[0]?.page).toBe(3);
    expect(result.pages.some((start) => start.offset > 0)).toBe(true);
    for (const start of result.pages) {
      const block = edition.chapters[start.chapter]?.tree.children[start.block];
      expect(block, `page ${start.page}`).toBeDefined();
      const from = toString(block).slice(start.offset).replace(/\s+/g, ' ').trim();
      const page = await poppler('pdftotext', result.bytes, ['-f', String(start.page), '-l', String(start.page)]);
      // Skip the running head (upper case, shortened) when the page has one: all but the opening page.
      const lines = page
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      const body = start.page === result.pages[0]?.page ? lines : lines.slice(1);
      const firstWords = (body[0] ?? '').split(' ').slice(0, 3).join(' ').replace(/-$/, '');
      expect(from.startsWith(firstWords), `page ${start.page}: "${firstWords}" vs "${from.slice(0, 40)}"`).toBe(true);
    }
  });
});
