/** `--format epub` typesets the print edition for the EPUB's page list but paints no PDF. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildBook } from '../../pipeline/build/book.js';
import { ROOT, SEED } from '../helpers/editions.js';

describe('an EPUB-only build', () => {
  it('makes the same EPUB, page list included, as a build with the PDF, without painting one', async () => {
    const epubOnly = await buildBook([SEED], { template: 'default', formats: ['epub'], cwd: ROOT, sourceDateEpoch: 1_700_000_000 });
    const both = await buildBook([SEED], { template: 'default', formats: ['epub', 'pdf'], cwd: ROOT, sourceDateEpoch: 1_700_000_000 });
    expect(epubOnly.artifacts.some((artifact) => artifact.mediaType === 'application/pdf')).toBe(false);
    expect(epubOnly.timings['pdf.flow']).toBeGreaterThan(0);
    expect(epubOnly.timings['pdf.paint']).toBeUndefined();
    expect(both.timings['pdf.paint']).toBeGreaterThan(0);
    const epub = (result: typeof both): Uint8Array | undefined => result.artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')?.bytes;
    expect(epub(epubOnly)).toEqual(epub(both));
    expect(epubOnly.preflight?.pages).toBe(both.preflight?.pages);
    expect(epubOnly.preflight?.fontsEmbedded).toEqual(both.preflight?.fontsEmbedded);
    // The page list is there, with a marker for every printed page of the text.
    const zip = await JSZip.loadAsync(epub(epubOnly)!);
    const documents = await Promise.all(
      Object.values(zip.files)
        .filter((file) => file.name.endsWith('html'))
        .map((file) => file.async('string')),
    );
    const markers = documents.join('').match(/epub:type="pagebreak"/g) ?? [];
    expect(documents.join('')).toContain('epub:type="page-list"');
    expect(markers.length).toBeGreaterThanOrEqual(2);
  });
});
