import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { editionFromFile, SEED, text, unzip } from './helpers.js';

// Goldens make every change to the generated markup a reviewed diff (update with `vitest -u`).
describe('seed EPUB goldens', () => {
  it('matches the reviewed package, navigation and documents', async () => {
    const pages = [
      { page: 1, chapter: 0, block: 0, offset: 0 },
      { page: 2, chapter: 0, block: 4, offset: 132 },
    ];
    const zip = await unzip(await renderEpub(await editionFromFile(SEED), { pages, printEdition: 'the print edition' }));
    for (const file of ['content.opf', 'toc.xhtml', 'title-page.xhtml', 'chapter-1.xhtml', 'copyright.xhtml']) {
      await expect(await text(zip, `OEBPS/${file}`)).toMatchFileSnapshot(`./goldens/seed/${file}`);
    }
    expect(Object.keys(zip.files)).toEqual([
      'mimetype',
      'OEBPS/',
      'OEBPS/style.css',
      'OEBPS/title-page.xhtml',
      'OEBPS/chapter-1.xhtml',
      'OEBPS/copyright.xhtml',
      'META-INF/',
      'META-INF/container.xml',
      'OEBPS/content.opf',
      'OEBPS/toc.xhtml',
      'OEBPS/cover.png',
    ]);
  });
});
