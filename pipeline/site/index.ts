/**
 * Books → the downloads page (`index.html`). Built as a hast tree with hastscript and serialised
 * by hast-util-to-html, so every title, name and hash is escaped by the serialiser and never by
 * hand. Pure: the same books give the same bytes (no clock, no machine state).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Artifact, BookFile } from '../types.js';

/** One book on the page: its headline, cover and files. */
export interface SiteBook {
  slug: string;
  title: string;
  publisher?: string;
  /** BCP 47 language tag of the book. */
  lang: string;
  /** A PNG file in the output folder, with its pixel size. */
  cover?: { name: string; width: number; height: number };
  files: BookFile[];
}

/** What the page says about itself. */
export interface IndexPageOptions {
  title: string;
  /** Name and version of the program, e.g. "Galley 0.1.0", for `<meta name="generator">`. */
  generator: string;
}

/** Read once: the page's stylesheet, without its comments (they are for this repository's readers). */
const PAGE_CSS = readFileSync(join(PACKAGE_ROOT, 'pipeline/site/page.css'), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\n\s*/g, '\n')
  .trim();

/** Labels for the media types a build writes, used by {@link siteFile} when none is given. */
const LABELS: Record<string, string> = {
  'application/epub+zip': 'EPUB',
  'application/pdf': 'Print PDF',
  'application/json': 'Build report',
};

/** The books proper; other files (the build report) get a quieter link. */
const BOOK_TYPES = new Set(['application/epub+zip', 'application/pdf']);

/** One fixed collator, so the order does not depend on the machine's locale. */
const TITLE_ORDER = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Describes an artifact for the page: its size and SHA-256 computed from its bytes. */
export function siteFile(artifact: Artifact, label?: string): BookFile {
  return {
    name: artifact.name,
    mediaType: artifact.mediaType,
    bytes: artifact.bytes.length,
    sha256: createHash('sha256').update(artifact.bytes).digest('hex'),
    label: label ?? LABELS[artifact.mediaType] ?? artifact.name.slice(artifact.name.lastIndexOf('.') + 1).toUpperCase(),
  };
}

/** Renders the downloads page listing `books` (sorted by title) with covers, sizes, SHA-256 sums and download links. */
export function renderIndexPage(books: SiteBook[], options: IndexPageOptions): Artifact {
  const sorted = [...books].sort(byTitle);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: options.generator }),
          h('title', options.title),
          h('style', PAGE_CSS),
        ]),
        h('body', [
          h('header', [
            h('h1', options.title),
            h('p', sorted.length === 1 ? '1 book' : `${sorted.length} books`),
          ]),
          h('main', sorted.length === 0 ? [h('p', 'No books have been built yet.')] : [h('ul.books', sorted.map((book, index) => bookItem(book, index)))]),
          h('footer', [
            h('p', [`Made with ${options.generator}. To check a download, compare the output of `, h('code', 'sha256sum FILE'), ' with the SHA-256 shown.']),
          ]),
        ]),
      ]),
    ],
  };
  const html = `${toHtml(tree)}\n`;
  return { name: 'index.html', mediaType: 'text/html', bytes: new TextEncoder().encode(html) };
}

function byTitle(a: SiteBook, b: SiteBook): number {
  return TITLE_ORDER.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** Ids come from the position in the sorted list: slugs are file-name-safe but not promised to be unique. */
function bookItem(book: SiteBook, index: number): Element {
  const headingId = `book-${index + 1}`;
  const cover = book.cover
    ? [h('img', { src: href(book.cover.name), alt: `Cover of ${book.title}`, width: book.cover.width, height: book.cover.height, decoding: 'async' })]
    : [];
  return h('li', [
    h('article', { className: book.cover ? ['book'] : ['book', 'no-cover'], ariaLabelledBy: headingId }, [
      ...cover,
      h('div.head', [
        h('h2', { id: headingId, lang: book.lang, dir: 'auto' }, book.title),
        ...(book.publisher ? [h('p.publisher', { lang: book.lang, dir: 'auto' }, book.publisher)] : []),
      ]),
      book.files.length === 0 ? h('p.files', 'No files yet.') : h('ul.files', book.files.map((file) => fileItem(book, file))),
    ]),
  ]);
}

/** The link's visible text names the format and size; the hidden part names the book, for screen readers' lists of links. */
function fileItem(book: SiteBook, file: BookFile): Element {
  return h('li', [
    h('a', { href: href(file.name), download: true, type: file.mediaType, ...(BOOK_TYPES.has(file.mediaType) ? {} : { className: ['secondary'] }) }, [
      `Download ${file.label}`,
      h('span.visually-hidden', [' of ', h('span', { lang: book.lang, dir: 'auto' }, book.title)]),
      ' ',
      h('span.size', ['(', h('data', { value: String(file.bytes) }, formatSize(file.bytes)), ')']),
    ]),
    h('p.sha', ['SHA-256 ', h('code', { translate: 'no' }, file.sha256)]),
  ]);
}

/** Encodes each path segment, so spaces, `#`, `?` and non-ASCII in a name cannot change what the link points at. */
function href(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

/** File size in the decimal units file managers show. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}
