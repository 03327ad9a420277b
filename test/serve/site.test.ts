import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSize, renderIndexPage, siteFile, type SiteBook } from '../../pipeline/site/index.js';
import { sha256 } from './helpers.js';

const OPTIONS = { title: 'Galley downloads', generator: 'Galley 0.1.0' };

const HOSTILE: SiteBook = {
  slug: 'hostile',
  identifier: 'urn:uuid:00000000-0000-5000-8000-000000000001',
  modified: '2024-05-14T10:00:00Z',
  title: 'Zebras <script>alert(1)</script> & "friends"',
  publisher: 'Smith & <b>Sons</b>',
  lang: 'en',
  cover: { name: 'covers/zebra cover #1.png', width: 1400, height: 2100 },
  files: [
    { name: 'zebras & "friends"?.epub', mediaType: 'application/epub+zip', bytes: 245_312, sha256: 'a'.repeat(64), label: 'EPUB' },
    { name: 'zébras.pdf', mediaType: 'application/pdf', bytes: 1_234_567, sha256: 'b'.repeat(64), label: 'Print PDF' },
  ],
};

const ARABIC: SiteBook = {
  slug: 'arabic',
  identifier: 'urn:uuid:00000000-0000-5000-8000-000000000002',
  modified: '2024-05-15T10:00:00Z',
  title: 'أخبار اليوم',
  lang: 'ar',
  files: [{ name: 'arabic.pdf', mediaType: 'application/pdf', bytes: 999, sha256: 'c'.repeat(64), label: 'Print PDF' }],
};
const APPLE: SiteBook = {
  slug: 'apple',
  identifier: 'urn:uuid:00000000-0000-5000-8000-000000000003',
  modified: '2000-01-01T00:00:00Z',
  title: 'apples in autumn',
  lang: 'en',
  files: [],
};

function page(books: SiteBook[]): string {
  const artifact = renderIndexPage(books, OPTIONS);
  expect(artifact.name).toBe('index.html');
  expect(artifact.mediaType).toBe('text/html');
  return new TextDecoder().decode(artifact.bytes);
}

describe('renderIndexPage', () => {
  it('gives the same bytes for the same books, whatever their order', () => {
    const one = renderIndexPage([HOSTILE, ARABIC, APPLE], OPTIONS).bytes;
    const two = renderIndexPage([APPLE, ARABIC, HOSTILE], OPTIONS).bytes;
    expect(sha256(one)).toBe(sha256(two));
  });

  it('is an HTML5 document with a language, a title, landmarks and headings', () => {
    const html = page([HOSTILE]);
    expect(html).toMatch(/^<!doctype html><html lang="en"><head><meta charset="utf-8">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="generator" content="Galley 0.1.0">');
    expect(html).toContain('<title>Galley downloads</title>');
    for (const landmark of ['<header>', '<main>', '<footer>', '<h1>Galley downloads</h1>', '<h2 id="book-1" lang="en" dir="auto">']) expect(html).toContain(landmark);
    expect(html).toContain('<article class="book" aria-labelledby="book-1">');
  });

  it('escapes every value, in text and in attributes', () => {
    const html = page([HOSTILE]);
    // Inside a quoted attribute only `"` and `&` need escaping; everywhere else no tag may appear.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script>');
    expect(outsideAttributes).not.toContain('<b>');
    expect(html).toContain('Zebras &#x3C;script>alert(1)&#x3C;/script> &#x26; "friends"');
    expect(html).toContain('alt="Cover of Zebras <script>alert(1)</script> &#x26; &#x22;friends&#x22;"');
    expect(html).toContain('Smith &#x26; &#x3C;b>Sons&#x3C;/b>');
  });

  it('links each file with download, its media type and a URL-encoded name, and shows size and SHA-256', () => {
    const html = page([HOSTILE]);
    expect(html).toContain('<a href="zebras%20%26%20%22friends%22%3F.epub" download type="application/epub+zip">Download EPUB');
    expect(html).toContain('<a href="z%C3%A9bras.pdf" download type="application/pdf">Download Print PDF');
    expect(html).toContain('(<data value="245312">245.3 kB</data>)');
    expect(html).toContain('(<data value="1234567">1.2 MB</data>)');
    expect(html).toContain(`<p class="sha">SHA-256 <code translate="no">${'a'.repeat(64)}</code></p>`);
    // Screen readers' lists of links need the book's name in each link.
    expect(html).toContain('<span class="visually-hidden"> of <span lang="en" dir="auto">Zebras');
  });

  it('shows the cover with alt text and its pixel size, keeping folders in its path', () => {
    expect(page([HOSTILE])).toContain('<img src="covers/zebra%20cover%20%231.png" alt="Cover of Zebras');
    expect(page([HOSTILE])).toContain('width="1400" height="2100"');
    expect(page([ARABIC])).not.toContain('<img');
  });

  it('sorts books by title, ignoring case, and marks each title with its language', () => {
    const html = page([HOSTILE, ARABIC, APPLE]);
    const order = ['apples in autumn', 'Zebras', 'أخبار اليوم'].map((title) => html.indexOf(title));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<h2 id="book-3" lang="ar" dir="auto">أخبار اليوم</h2>');
  });

  it('gives files other than books a quieter link', () => {
    const report: SiteBook = { ...APPLE, files: [{ name: 'apple.report.json', mediaType: 'application/json', bytes: 10, sha256: 'd'.repeat(64), label: 'Build report' }] };
    expect(page([report])).toContain('<a href="apple.report.json" download type="application/json" class="secondary">Download Build report');
  });

  it('lists every file a book has, by kind: EPUB, interior, print cover, booklet, then the report, each with what it is for', () => {
    const names = ['apple.report.json', 'apple.booklet.pdf', 'apple.cover.pdf', 'apple.pdf', 'apple.epub'];
    const files = names.map((name) =>
      siteFile({ name, mediaType: name.endsWith('.json') ? 'application/json' : name.endsWith('.epub') ? 'application/epub+zip' : 'application/pdf', bytes: new Uint8Array(10) }),
    );
    const html = page([{ ...APPLE, files }]);
    const links = [...html.matchAll(/<a href="([^"]+)" download[^>]*>Download ([^<]+)</g)].map((match) => [match[1], match[2]]);
    expect(links).toEqual([
      ['apple.epub', 'EPUB'],
      ['apple.pdf', 'Print PDF'],
      ['apple.cover.pdf', 'Print cover PDF'],
      ['apple.booklet.pdf', 'Booklet PDF'],
      ['apple.report.json', 'Build report'],
    ]);
    expect(html.match(/<p class="description">/g)).toHaveLength(5);
    expect(html).toContain('flipping on the short edge, then fold and staple');
    expect(html).toContain('spine');
  });

  it('shows the thumbnail, linked to the full-size cover, and links the e-reader catalogue', () => {
    const html = page([{ ...HOSTILE, thumbnail: { name: 'hostile.thumbnail.jpg', width: 300, height: 450 } }]);
    expect(html).toContain('<a class="cover" href="covers/zebra%20cover%20%231.png"><img src="hostile.thumbnail.jpg" alt="Cover of Zebras');
    expect(html).toContain('width="300" height="450"');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="opds.xml"');
    expect(html).toContain('<a href="opds.xml" type="application/atom+xml;profile=opds-catalog;kind=acquisition">OPDS catalogue</a>');
  });

  it('says so when there is nothing to download', () => {
    expect(page([])).toContain('<main><p>No books have been built yet.</p></main>');
    expect(page([APPLE])).toContain('No files yet.');
  });

  it('inlines its stylesheet without comments, with a layout for phones and one for wider screens', () => {
    const html = page([HOSTILE]);
    const css = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).toContain('@media (min-width: 40rem)');
    expect(css).toContain('prefers-color-scheme: dark');
    expect(css).not.toContain('/*');
  });
});

describe('the Nu Html Checker (vnu)', () => {
  it('finds no error or warning in the page, with hostile, right-to-left, empty and no books', () => {
    const jar = join(dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
    const dir = mkdtempSync(join(tmpdir(), 'galley-site-'));
    try {
      const files = [[HOSTILE, ARABIC, APPLE], []].map((books, index) => {
        const path = join(dir, `page-${index}.html`);
        writeFileSync(path, renderIndexPage(books, OPTIONS).bytes);
        return path;
      });
      // Java straight from PATH: vnu-jar's own launcher would try to download a Java if none were found.
      const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...files], { encoding: 'utf8', timeout: 60_000 });
      expect(run.error).toBeUndefined();
      const report = JSON.parse(run.stdout) as { messages: Array<{ type: string; message: string }> };
      expect(report.messages).toEqual([]);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('siteFile', () => {
  it('measures an artifact and labels it by kind', () => {
    const bytes = new TextEncoder().encode('%PDF-1.7');
    expect(siteFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes })).toEqual({
      name: 'a.pdf',
      mediaType: 'application/pdf',
      bytes: 8,
      sha256: sha256(bytes),
      label: 'Print PDF',
    });
    expect(siteFile({ name: 'a.epub', mediaType: 'application/epub+zip', bytes }, 'E-book').label).toBe('E-book');
    expect(siteFile({ name: 'a.mobi', mediaType: 'application/x-mobipocket-ebook', bytes }).label).toBe('MOBI');
  });
});

describe('formatSize', () => {
  it('uses decimal units', () => {
    expect([0, 999, 1000, 245_312, 1_234_567, 3_000_000_000].map(formatSize)).toEqual(['0 B', '999 B', '1.0 kB', '245.3 kB', '1.2 MB', '3.00 GB']);
  });
});
