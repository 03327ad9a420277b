import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import type { PageStart } from '../../pipeline/types.js';
import { editionFromFile, editionFromTree, epubcheck, parseXml, SEED, text, unzip } from './helpers.js';
import { figureEdition } from './fixtures/editions.js';

/** The text of an element up to a descendant, in document order. */
function textBefore(root: Node, stop: Node): string {
  let out = '';
  let done = false;
  const walk = (node: Node): void => {
    if (done) return;
    if (node === stop) {
      done = true;
      return;
    }
    if (node.nodeType === 3) out += node.nodeValue ?? '';
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return out;
}

describe('package, navigation and front matter', () => {
  it('states the article’s language, rights, identity, date and accessibility in the package', async () => {
    const edition = await editionFromFile(SEED);
    const zip = await unzip(await renderEpub(edition));
    const opf = parseXml(await text(zip, 'OEBPS/content.opf'));
    const pkg = opf.documentElement;
    expect(pkg?.getAttribute('xml:lang')).toBe(edition.meta.lang);
    const dc = (name: string) => Array.from(opf.getElementsByTagName(`dc:${name}`)).map((node) => node.textContent);
    expect(dc('rights')).toEqual(['© 2023 Washington Examiner']);
    expect(dc('identifier')).toEqual([edition.meta.identifier]);
    expect(dc('identifier')[0]).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(dc('description')[0]?.length).toBeGreaterThan(20);
    // Without a print edition there is no page list, so the source is the article's own.
    expect(dc('source')).toEqual(edition.meta.source ? [edition.meta.source] : []);
    const meta = (property: string) =>
      Array.from(opf.getElementsByTagName('meta'))
        .filter((node) => node.getAttribute('property') === property)
        .map((node) => node.textContent);
    expect(meta('dcterms:modified')).toEqual([edition.meta.modified]);
    expect(meta('schema:accessMode')).toEqual(['textual']);
    expect(meta('schema:accessibilityHazard')).toEqual(['none']);
    expect(meta('schema:accessibilityFeature')).not.toContain('alternativeText');
    expect(meta('schema:accessibilityFeature')).not.toContain('printPageNumbers');
    expect(meta('dcterms:conformsTo')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.2 Level AA']);
    expect(meta('a11y:certifiedBy')).toHaveLength(1);
    const source = await text(zip, 'OEBPS/content.opf');
    expect(source).not.toContain('All rights reserved');
    expect(source).not.toContain('image-placeholder');
  });

  it('makes a title page, a copyright page and a nav with toc and landmarks', async () => {
    const edition = await editionFromFile(SEED);
    const zip = await unzip(await renderEpub(edition));
    const title = parseXml(await text(zip, 'OEBPS/title-page.xhtml'));
    expect(title.getElementsByTagName('h1')[0]?.textContent).toBe(edition.meta.title);
    const copyright = parseXml(await text(zip, 'OEBPS/copyright.xhtml')).documentElement?.textContent ?? '';
    for (const fact of [edition.meta.rights, edition.meta.publisher, edition.meta.identifier]) expect(copyright).toContain(fact);
    const nav = parseXml(await text(zip, 'OEBPS/toc.xhtml'));
    const navs = Array.from(nav.getElementsByTagName('nav')).map((element) => [element.getAttribute('epub:type'), element.getAttribute('role')]);
    expect(navs).toEqual([
      ['toc', 'doc-toc'],
      ['landmarks', null],
    ]);
    for (const path of ['OEBPS/toc.xhtml', 'OEBPS/title-page.xhtml', 'OEBPS/chapter-1.xhtml', 'OEBPS/copyright.xhtml']) {
      const html = parseXml(await text(zip, path)).documentElement;
      expect([html?.getAttribute('lang'), html?.getAttribute('xml:lang'), html?.getAttribute('dir')]).toEqual(['en', 'en', 'ltr']);
    }
  });

  it('withholds the conformance claim when an image has no alt text', async () => {
    const edition = figureEdition();
    const figure = edition.chapters[0]?.tree.children[1];
    if (figure?.type !== 'figure' || !figure.image) throw new Error('fixture changed');
    figure.image.alt = '';
    const opf = await text(await unzip(await renderEpub(edition)), 'OEBPS/content.opf');
    expect(opf).not.toContain('dcterms:conformsTo');
    expect(opf).not.toContain('alternativeText');
  });

  it('marks right-to-left articles on every document', async () => {
    const edition = editionFromTree({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'مرحبا بالعالم' }] }] });
    edition.meta.lang = 'ar';
    edition.meta.dir = 'rtl';
    for (const chapter of edition.chapters) Object.assign(chapter.meta, { lang: 'ar', dir: 'rtl' });
    const zip = await unzip(await renderEpub(edition));
    expect(parseXml(await text(zip, 'OEBPS/content.opf')).documentElement?.getAttribute('xml:lang')).toBe('ar');
    for (const path of ['OEBPS/toc.xhtml', 'OEBPS/chapter-1.xhtml']) {
      expect(parseXml(await text(zip, path)).documentElement?.getAttribute('dir')).toBe('rtl');
    }
  });
});

describe('page list matching print', () => {
  const pages: PageStart[] = [
    { page: 1, chapter: 0, block: 0, offset: 0 },
    { page: 2, chapter: 0, block: 1, offset: 0 },
    { page: 3, chapter: 0, block: 3, offset: 217 },
    { page: 4, chapter: 0, block: 3, offset: 560 },
    { page: 5, chapter: 0, block: 7, offset: 1 },
  ];

  it('puts a marker where each printed page begins, a page-list nav and the pagination source', async () => {
    const edition = await editionFromFile(SEED);
    const zip = await unzip(await renderEpub(edition, { pages, printEdition: 'the 6 × 9 in print edition' }));
    const doc = parseXml(await text(zip, 'OEBPS/chapter-1.xhtml'));
    const markers = Array.from(doc.getElementsByTagName('span')).filter((span) => span.getAttribute('epub:type') === 'pagebreak');
    expect(markers.map((span) => [span.getAttribute('id'), span.getAttribute('role'), span.getAttribute('aria-label')])).toEqual(
      pages.map((start) => [`page-${start.page}`, 'doc-pagebreak', String(start.page)]),
    );
    const tree = edition.chapters[0]?.tree;
    if (!tree) throw new Error('no chapter');
    const section = doc.getElementsByTagName('section')[0] as unknown as Node;
    const blocks = Array.from(section.childNodes).filter((node) => node.nodeType === 1 && (node as Element).localName !== 'span');
    for (const start of pages.filter((page) => page.offset > 0)) {
      const marker = markers.find((span) => span.getAttribute('id') === `page-${start.page}`) as unknown as Node;
      // Found by its text: a photo's caption without the photo moves to the end of the chapter.
      const block = blocks.find((node) => node.textContent?.startsWith(toString(tree.children[start.block]).slice(0, 40))) as Node;
      expect(textBefore(block, marker)).toBe(toString(tree.children[start.block]).slice(0, start.offset));
    }
    // Offset 0 puts the marker just before its block, outside any heading.
    let next = markers[0]?.nextSibling ?? null;
    while (next && next.nodeType !== 1) next = next.nextSibling;
    expect((next as Element | null)?.localName).toBe('h1');
    expect(markers[0]?.parentNode).toBe(section);
    const nav = parseXml(await text(zip, 'OEBPS/toc.xhtml'));
    const pageList = Array.from(nav.getElementsByTagName('nav')).find((element) => element.getAttribute('epub:type') === 'page-list');
    expect(pageList?.getAttribute('role')).toBe('doc-pagelist');
    expect(Array.from(pageList?.getElementsByTagName('a') ?? []).map((a) => [a.getAttribute('href'), a.textContent])).toEqual(
      pages.map((start) => [`chapter-1.xhtml#page-${start.page}`, String(start.page)]),
    );
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).toContain('<dc:source id="source">the 6 × 9 in print edition</dc:source>');
    expect(opf).toContain('<meta refines="#source" property="source-of">pagination</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
  });

  it('passes EPUBCheck with a page list', async () => {
    const messages = await epubcheck(await renderEpub(await editionFromFile(SEED), { pages }));
    const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
    expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message}`)).toEqual([]);
  });

  it('refuses a page start outside the edition', async () => {
    const edition = await editionFromFile(SEED);
    await expect(renderEpub(edition, { pages: [{ page: 9, chapter: 0, block: 99, offset: 0 }] })).rejects.toThrow(/block 99/);
    await expect(renderEpub(edition, { pages: [{ page: 9, chapter: 3, block: 0, offset: 0 }] })).rejects.toThrow(/chapter 3/);
  });
});
