import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { ace, editionFromTree, epubcheck, MARKDOWN, parseXml, ROOT, SEED, text, unzip } from './helpers.js';

describe('books of several chapters', () => {
  it('lists every chapter, marks pages in each and stays clean for EPUBCheck and Ace', async () => {
    const template = loadTemplate('default', ROOT);
    const articles = await Promise.all([SEED, MARKDOWN].map((file) => prepareArticle(file, template)));
    const edition = layoutEdition(articles, template, { collectionTitle: 'Two stories' });
    const pages = [
      { page: 1, chapter: 0, block: 0, offset: 0 },
      { page: 2, chapter: 0, block: 6, offset: 40 },
      { page: 3, chapter: 1, block: 0, offset: 0 },
      { page: 4, chapter: 1, block: 2, offset: 30 },
    ];
    const bytes = await renderEpub(edition, { pages });
    const zip = await unzip(bytes);
    const nav = parseXml(await text(zip, 'OEBPS/toc.xhtml'));
    const toc = Array.from(nav.getElementsByTagName('nav'))[0];
    expect(Array.from(toc?.getElementsByTagName('a') ?? []).map((a) => [a.getAttribute('href'), a.textContent])).toEqual(
      edition.chapters.map((chapter, index) => [`chapter-${index + 1}.xhtml`, chapter.meta.title]),
    );
    expect(await text(zip, 'OEBPS/chapter-2.xhtml')).toContain('id="page-4"');
    const messages = await epubcheck(bytes);
    expect(messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => `${m.ID} ${m.message}`)).toEqual([]);
    expect((await ace(bytes)).violations).toEqual([]);
  });
});

describe('hostile metadata', () => {
  it('escapes markup and drops XML-illegal characters in every generated document', async () => {
    const edition = editionFromTree({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Body.' }] }] });
    edition.meta.title = 'Fish & <b>chips</b>\u0001 "quoted"';
    edition.meta.publisher = 'Press <i>&</i> Co';
    edition.meta.rights = '© 2024 <script>x</script>';
    edition.meta.description = 'Desc\u0008ription';
    const zip = await unzip(await renderEpub(edition));
    for (const path of ['OEBPS/content.opf', 'OEBPS/toc.xhtml', 'OEBPS/title-page.xhtml', 'OEBPS/copyright.xhtml']) parseXml(await text(zip, path));
    const opf = parseXml(await text(zip, 'OEBPS/content.opf'));
    expect(opf.getElementsByTagName('dc:title')[0]?.textContent).toBe('Fish & <b>chips</b> "quoted"');
    expect(opf.getElementsByTagName('dc:rights')[0]?.textContent).toBe('© 2024 <script>x</script>');
    expect(opf.getElementsByTagName('dc:description')[0]?.textContent).toBe('Description');
    const title = parseXml(await text(zip, 'OEBPS/title-page.xhtml'));
    expect(title.getElementsByTagName('b')).toHaveLength(0);
    expect(title.getElementsByTagName('h1')[0]?.textContent).toBe('Fish & <b>chips</b> "quoted"');
  });
});
