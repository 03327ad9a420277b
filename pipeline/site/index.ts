/**
 * Books → the downloads page (`index.html`). Built as a hast tree with hastscript and serialised
 * by hast-util-to-html, so every title, name and hash is escaped by the serialiser and never by
 * hand. Pure: the same books give the same bytes (no clock, no machine state).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { BookResult, ImageFile } from '../build/book.js';
import type { Artifact, BookFile } from '../types.js';
import { byKind, byTitle, describeFile, fileHref as href, isBook, siteFile } from './files.js';
import { OPDS_FEED, OPDS_TYPE } from './opds.js';

export { byKind, byTitle, describeFile, isBook, kindOf, siteFile, type FileKind } from './files.js';
export { OPDS_FEED, OPDS_TYPE, renderOpdsFeed, type OpdsOptions } from './opds.js';

/** One book on the page and in the catalogue: its metadata, cover, thumbnail and files. */
export interface SiteBook {
  slug: string;
  title: string;
  publisher?: string;
  /** BCP 47 language tag of the book. */
  lang: string;
  /** `urn:uuid:` identifier, the catalogue entry's id. */
  identifier: string;
  authors?: string[];
  /** ISO 8601 date of first publication. */
  date?: string;
  description?: string;
  /** ISO 8601 time the book was last changed (its entry's `updated`). */
  modified: string;
  /** The full-size cover PNG in the output folder, with its pixel size. */
  cover?: ImageFile;
  /** A small JPEG of the cover in the output folder, with its pixel size. */
  thumbnail?: ImageFile;
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

/** What the page and the catalogue need to know of a built book: its metadata and every file it wrote but its images. */
export function siteBook(result: BookResult): SiteBook {
  const images = new Set([result.cover?.name, result.thumbnail?.name]);
  return {
    slug: result.slug,
    title: result.title,
    ...(result.publisher ? { publisher: result.publisher } : {}),
    lang: result.lang,
    identifier: result.identifier,
    ...(result.authors.length ? { authors: result.authors } : {}),
    ...(result.date ? { date: result.date } : {}),
    description: result.description,
    modified: result.modified,
    ...(result.cover ? { cover: result.cover } : {}),
    ...(result.thumbnail ? { thumbnail: result.thumbnail } : {}),
    files: result.artifacts.filter((artifact) => !images.has(artifact.name)).map((artifact) => siteFile(artifact)),
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
          h('link', { rel: 'alternate', type: OPDS_TYPE, href: OPDS_FEED, title: `${options.title} (OPDS catalogue)` }),
          h('style', PAGE_CSS),
        ]),
        h('body', [
          h('header', [
            h('h1', options.title),
            h('p', sorted.length === 1 ? '1 book' : `${sorted.length} books`),
            h('p.catalogue', [
              'To browse and download these books in an e-reader app (KOReader, Moon+ Reader, Librera, Thorium), add the address of the ',
              h('a', { href: OPDS_FEED, type: OPDS_TYPE }, 'OPDS catalogue'),
              ' (',
              h('code', { translate: 'no' }, OPDS_FEED),
              ', beside this page) to the app’s catalogues.',
            ]),
          ]),
          h(
            'main',
            sorted.length === 0
              ? [h('p', 'No books have been built yet.')]
              : [
                  h(
                    'ul.books',
                    sorted.map((book, index) => bookItem(book, index)),
                  ),
                ],
          ),
          h('footer', [h('p', [`Made with ${options.generator}. To check a download, compare the output of `, h('code', 'sha256sum FILE'), ' with the SHA-256 shown.'])]),
        ]),
      ]),
    ],
  };
  const html = `${toHtml(tree)}\n`;
  return { name: 'index.html', mediaType: 'text/html', bytes: new TextEncoder().encode(html) };
}

/** Ids come from the position in the sorted list: slugs are file-name-safe but not promised to be unique. */
function bookItem(book: SiteBook, index: number): Element {
  const headingId = `book-${index + 1}`;
  const image = book.thumbnail ?? book.cover;
  // The thumbnail opens the full-size cover; its alt text is the link's name.
  const cover = image
    ? [
        h('a.cover', { href: href(book.cover?.name ?? image.name) }, [
          h('img', { src: href(image.name), alt: `Cover of ${book.title}`, width: image.width, height: image.height, decoding: 'async', loading: index < 4 ? 'eager' : 'lazy' }),
        ]),
      ]
    : [];
  const files = [...book.files].sort(byKind);
  return h('li', [
    h('article', { className: image ? ['book'] : ['book', 'no-cover'], ariaLabelledBy: headingId }, [
      ...cover,
      h('div.head', [
        h('h2', { id: headingId, lang: book.lang, dir: 'auto' }, book.title),
        ...(book.authors?.length ? [h('p.byline', { lang: book.lang, dir: 'auto' }, book.authors.join(', '))] : []),
        ...(book.publisher || book.date ? [h('p.publisher', { lang: book.lang, dir: 'auto' }, imprint(book))] : []),
        ...(book.description ? [h('p.summary', { lang: book.lang, dir: 'auto' }, book.description)] : []),
      ]),
      files.length === 0
        ? h('p.files', 'No files yet.')
        : h(
            'ul.files',
            files.map((file) => fileItem(book, file)),
          ),
    ]),
  ]);
}

/** Publisher and date of first publication, as "The Riverside Courier, 2024-05-14". */
function imprint(book: SiteBook): ElementContent[] {
  const date = book.date ? [h('time', { dateTime: book.date }, book.date)] : [];
  if (!book.publisher) return date;
  return [{ type: 'text', value: book.date ? `${book.publisher}, ` : book.publisher }, ...date];
}

/** The link's visible text names the format and size; the hidden part names the book, for screen readers' lists of links. */
function fileItem(book: SiteBook, file: BookFile): Element {
  const description = describeFile(file.name);
  return h('li', [
    h('a', { href: href(file.name), download: true, type: file.mediaType, ...(isBook(file.name) ? {} : { className: ['secondary'] }) }, [
      `Download ${file.label}`,
      h('span.visually-hidden', [' of ', h('span', { lang: book.lang, dir: 'auto' }, book.title)]),
      ' ',
      h('span.size', ['(', h('data', { value: String(file.bytes) }, formatSize(file.bytes)), ')']),
    ]),
    ...(description ? [h('p.description', description)] : []),
    h('p.sha', ['SHA-256 ', h('code', { translate: 'no' }, file.sha256)]),
  ]);
}

/** File size in the decimal units file managers show. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}
