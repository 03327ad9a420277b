import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { ace, editionFromFile, KITCHEN_SINK, MARKDOWN, SEED } from './helpers.js';
import { figureEdition } from './fixtures/editions.js';

describe('Ace by DAISY', () => {
  it('reports no violation on the seed with a page list', async () => {
    const edition = await editionFromFile(SEED);
    const bytes = await renderEpub(edition, {
      pages: [
        { page: 1, chapter: 0, block: 0, offset: 0 },
        { page: 2, chapter: 0, block: 3, offset: 200 },
      ],
    });
    const result = await ace(bytes);
    expect(result.violations).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it('reports no violation on a Markdown article', async () => {
    const result = await ace(await renderEpub(await editionFromFile(MARKDOWN)));
    expect(result.violations).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it('reports no violation on a Markdown article using every construct', async () => {
    const result = await ace(await renderEpub(await editionFromFile(KITCHEN_SINK)));
    expect(result.violations).toEqual([]);
    expect(result.outcome).toBe('pass');
  });

  it('reports no violation on a book with images', async () => {
    const result = await ace(await renderEpub(figureEdition()));
    expect(result.violations).toEqual([]);
    expect(result.outcome).toBe('pass');
  });
});
