/**
 * The e-reader catalogue (`opds.xml`), built by the real `galley` command: parsed by two
 * independent OPDS parsers (NYPL's opds-feed-parser, opds-ts), checked for the elements OPDS 1.2
 * and Atom require, and every link followed on a running `galley serve` server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import OpdsFeedParser from 'opds-feed-parser';
import { Feed } from 'opds-ts/v1.2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../pipeline/serve/index.js';
import { OPDS_TYPE, renderOpdsFeed, type SiteBook } from '../../pipeline/site/index.js';
import { galley, ROOT } from '../helpers/cli.js';
import { sha256 } from './helpers.js';

// CommonJS: Node's ESM loader puts the class on `.default`, vitest's interop hands it over directly.
const OpdsParser = ((OpdsFeedParser as unknown as { default?: unknown }).default ?? OpdsFeedParser) as typeof OpdsFeedParser.default;
/** What the test reads of opds-feed-parser's result (its own typings give a union of feed and entry). */
interface ParsedFeed {
  id: string;
  title: string;
  links: Array<{ rel: string; type: string }>;
  entries: Array<{ title: string; language: string; authors: Array<{ name: string }>; summary: { content: string }; links: Array<{ rel: string; type: string }> }>;
}
const ATOM = 'http://www.w3.org/2005/Atom';
const DC = 'http://purl.org/dc/terms/';
const ACQUISITION = 'http://opds-spec.org/acquisition';
const SEED = join(ROOT, 'test/fixtures/articles/seed/article.txt');
const MARKDOWN = join(ROOT, 'test/fixtures/articles/markdown-front-matter/article.md');

let dir: string;
/** Two articles built as two books. */
let books: string;
/** The same two built as one collection. */
let collection: string;
let server: RunningServer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'galley-opds-'));
  books = join(dir, 'books');
  collection = join(dir, 'collection');
  for (const args of [
    [SEED, MARKDOWN, '--out', books],
    [SEED, MARKDOWN, '--collection', 'Weekend Reading', '--out', collection],
  ]) {
    const run = galley(['build', ...args]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function feedXml(folder: string): string {
  return readFileSync(join(folder, 'opds.xml'), 'utf8');
}

function parse(xml: string): ReturnType<DOMParser['parseFromString']> {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'application/xml');
  expect(errors).toEqual([]);
  return doc;
}

/** Child elements of `parent` in namespace `ns` named `name` (direct children only, as Atom means them). */
function children(parent: Element, ns: string, name: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === node.ELEMENT_NODE && (node as Element).namespaceURI === ns && (node as Element).localName === name,
  );
}

function text(parent: Element, ns: string, name: string): string | undefined {
  return children(parent, ns, name)[0]?.textContent ?? undefined;
}

describe('opds.xml read by independent parsers', () => {
  it('is an acquisition feed with self and start links to NYPL’s opds-feed-parser', async () => {
    const feed = (await new OpdsParser().parse(feedXml(books))) as unknown as ParsedFeed;
    expect(feed.constructor.name).toBe('AcquisitionFeed');
    expect(feed.title).toBe('Galley books');
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(feed.links.map((link) => [link.rel, link.type])).toEqual([
      ['self', OPDS_TYPE],
      ['start', OPDS_TYPE],
      ['alternate', 'text/html'],
    ]);
    expect(feed.entries.map((entry) => entry.title)).toEqual(['China and Russia reinforce diplomatic front against Israel', 'Harbour cranes return to the old port']);
    const harbour = feed.entries[1]!;
    expect(harbour.language).toBe('en');
    expect(harbour.authors.map((author) => author.name)).toEqual(['Maria Keller']);
    expect(harbour.summary.content).toMatch(/^After twenty years of silence/);
    const kinds = harbour.links.map((link) => [link.constructor.name, link.type]);
    expect(kinds).toEqual([
      ['OPDSArtworkLink', 'image/png'],
      ['OPDSArtworkLink', 'image/jpeg'],
      ['OPDSAcquisitionLink', 'application/epub+zip'],
      ['OPDSAcquisitionLink', 'application/pdf'],
    ]);
  });

  it('parses with opds-ts, which refuses a feed without id or title', () => {
    const feed = Feed.fromXml(feedXml(books));
    const entries = feed.getEntries();
    expect(entries).toHaveLength(2);
    const json = JSON.parse(JSON.stringify(entries[1])) as { options: { title: string; dcMetadata: Record<string, string>; links: Array<{ rel: string; type: string }> } };
    expect(json.options.title).toBe('Harbour cranes return to the old port');
    expect(json.options.dcMetadata).toMatchObject({ language: 'en', issued: '2024-05-14', publisher: 'The Riverside Courier' });
    expect(json.options.links.filter((link) => link.rel === ACQUISITION).map((link) => link.type)).toEqual(['application/epub+zip', 'application/pdf']);
    expect(() => Feed.fromXml(feedXml(books).replace(/<id>urn:uuid:[^<]*<\/id>/, ''))).toThrow();
  });
});

describe('opds.xml has what OPDS 1.2 and Atom require', () => {
  it('gives the feed an id, a title, an updated time, an author and typed self and start links', () => {
    const feed = parse(feedXml(books)).documentElement!;
    expect(feed.namespaceURI).toBe(ATOM);
    expect(feed.localName).toBe('feed');
    expect(text(feed, ATOM, 'id')).toMatch(/^urn:uuid:/);
    expect(text(feed, ATOM, 'title')).toBe('Galley books');
    // The latest of the entries' times, so the feed says when it last changed.
    expect(text(feed, ATOM, 'updated')).toBe('2024-05-14T00:00:00Z');
    expect(children(feed, ATOM, 'author').map((author) => text(author, ATOM, 'name'))).toEqual(['Galley books']);
    for (const rel of ['self', 'start']) {
      const link = children(feed, ATOM, 'link').find((candidate) => candidate.getAttribute('rel') === rel);
      expect(link?.getAttribute('type')).toBe(OPDS_TYPE);
    }
  });

  it('gives every entry an id, a title, an updated time, a language, text summary and content, and typed acquisition links', () => {
    const entries = children(parse(feedXml(books)).documentElement!, ATOM, 'entry');
    expect(entries).toHaveLength(2);
    const ids = new Set<string>();
    for (const entry of entries) {
      ids.add(text(entry, ATOM, 'id') ?? '');
      expect(text(entry, ATOM, 'id')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(text(entry, ATOM, 'title')).toBeTruthy();
      expect(text(entry, ATOM, 'updated')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(text(entry, DC, 'language')).toBe('en');
      // OPDS §5.1: a text summary with no child elements; Atom: no content means an alternate link is needed, so there is content.
      const [summary] = children(entry, ATOM, 'summary');
      expect(summary?.getAttribute('type')).toBe('text');
      expect(Array.from(summary!.childNodes).every((node) => node.nodeType === node.TEXT_NODE)).toBe(true);
      expect(children(entry, ATOM, 'content')[0]?.getAttribute('type')).toBe('text');
      const acquisitions = children(entry, ATOM, 'link').filter((link) => link.getAttribute('rel') === ACQUISITION);
      expect(acquisitions.map((link) => link.getAttribute('type'))).toEqual(['application/epub+zip', 'application/pdf']);
      for (const link of acquisitions) expect(Number(link.getAttribute('length'))).toBeGreaterThan(1000);
    }
    expect(ids.size).toBe(2);
    // dc:issued is the article's own date, given only when it has one (the seed gives none).
    expect(entries.map((entry) => text(entry, DC, 'issued'))).toEqual([undefined, '2024-05-14']);
  });

  it('lists a collection as one entry with its own title and one EPUB and one PDF', () => {
    const entries = children(parse(feedXml(collection)).documentElement!, ATOM, 'entry');
    expect(entries).toHaveLength(1);
    expect(text(entries[0]!, ATOM, 'title')).toBe('Weekend Reading');
    expect(children(entries[0]!, ATOM, 'link').filter((link) => link.getAttribute('rel') === ACQUISITION)).toHaveLength(2);
  });

  it('escapes every value and lists print cover and booklet PDFs when a book has them', () => {
    const book: SiteBook = {
      slug: 'x',
      identifier: 'urn:uuid:00000000-0000-5000-8000-000000000001',
      modified: '2024-05-14T10:00:00Z',
      title: 'Fish & <chips> "here"',
      lang: 'de',
      authors: ['A <b>', 'B & C'],
      description: 'One ]]> two <three>',
      files: ['x.booklet.pdf', 'x.cover.pdf', 'x.pdf', 'x.epub', 'x.report.json'].map((name) => ({
        name,
        mediaType: name.endsWith('.json') ? 'application/json' : name.endsWith('.epub') ? 'application/epub+zip' : 'application/pdf',
        bytes: 1234,
        sha256: 'a'.repeat(64),
        label: name,
      })),
    };
    const xml = new TextDecoder().decode(renderOpdsFeed([book], { title: 'Books & more', generator: 'Galley test' }).bytes);
    const entry = children(parse(xml).documentElement!, ATOM, 'entry')[0]!;
    expect(text(entry, ATOM, 'title')).toBe('Fish & <chips> "here"');
    expect(children(entry, ATOM, 'author').map((author) => text(author, ATOM, 'name'))).toEqual(['A <b>', 'B & C']);
    expect(text(entry, ATOM, 'summary')).toBe('One ]]> two <three>');
    // Interior, cover and booklet in the order the page offers them; the build report is not a book.
    expect(children(entry, ATOM, 'link').map((link) => link.getAttribute('href'))).toEqual(['x.epub', 'x.pdf', 'x.cover.pdf', 'x.booklet.pdf']);
  });
});

describe('opds.xml on the running server', () => {
  it('is sent with the OPDS acquisition media type, and every link it has resolves to the file it names', async () => {
    server = await startServer({ root: books });
    const feedUrl = new URL('opds.xml', server.url);
    const response = await fetch(feedUrl, { headers: { Accept: 'application/atom+xml;profile=opds-catalog', 'Accept-Encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(OPDS_TYPE);
    const xml = await response.text();
    expect(xml).toBe(feedXml(books));
    const links = Array.from(parse(xml).getElementsByTagNameNS(ATOM, 'link'));
    expect(links.length).toBe(3 + 2 * 4);
    for (const link of links) {
      const target = new URL(link.getAttribute('href')!, feedUrl);
      const got = await fetch(target);
      expect(got.status, target.href).toBe(200);
      const type = link.getAttribute('type')!;
      expect(got.headers.get('content-type')?.split(';')[0]).toBe(type.split(';')[0]);
      const bytes = new Uint8Array(await got.arrayBuffer());
      if (link.getAttribute('length')) expect(bytes.length).toBe(Number(link.getAttribute('length')));
      expect(sha256(bytes)).toBe(sha256(readFileSync(join(books, decodeURIComponent(target.pathname.slice(1))))));
    }
  });
});
