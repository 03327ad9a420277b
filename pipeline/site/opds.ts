/**
 * Books → `opds.xml`, an OPDS 1.2 acquisition feed (Atom, RFC 4287) beside the downloads page,
 * so e-reader apps (KOReader, Moon+ Reader, Librera, Thorium) can browse and download the books.
 * One entry per book (a collection is one book); every file the book has is an acquisition link
 * with its media type, the cover and thumbnail are image links. Links are relative to the feed,
 * so the folder can be served from any address. Built as an xast tree and serialised by
 * xast-util-to-xml, so every value is escaped by the serialiser. Pure: same books, same bytes.
 *
 * Spec: OPDS Catalog 1.2 (specs.opds.io/opds-1.2), §5 entries, §5.2–5.3 acquisition links,
 * §7.1 media types.
 */
import type { Element, ElementContent, Text } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import { v5 as uuidv5 } from 'uuid';
import type { Artifact } from '../types.js';
import { byKind, byTitle, fileHref as href } from './files.js';
import type { SiteBook } from './index.js';

/** The feed's file name, beside `index.html`. */
export const OPDS_FEED = 'opds.xml';
/** Media type of an OPDS 1.2 acquisition feed (OPDS §7.1). */
export const OPDS_TYPE = 'application/atom+xml;profile=opds-catalog;kind=acquisition';

const ATOM = 'http://www.w3.org/2005/Atom';
const DC_TERMS = 'http://purl.org/dc/terms/';
const OPDS = 'http://opds-spec.org/2010/catalog';
const ACQUISITION = 'http://opds-spec.org/acquisition';
const IMAGE = 'http://opds-spec.org/image';
const THUMBNAIL = 'http://opds-spec.org/image/thumbnail';
/** Namespace of the feeds' own ids (UUID v5 of the catalogue's title). */
const FEED_NAMESPACE = uuidv5('https://galley.invalid/catalogues', uuidv5.URL);
/** The feed's `updated` when it lists no book: nothing in it has changed since the epoch. */
const EPOCH = '1970-01-01T00:00:00Z';

/** What the feed says about itself. */
export interface OpdsOptions {
  /** The catalogue's title, as the downloads page's. */
  title: string;
  /** Name and version of the program, e.g. "Galley 0.1.0". */
  generator: string;
}

/** Renders the acquisition feed listing `books`, sorted as the downloads page sorts them (by title). */
export function renderOpdsFeed(books: SiteBook[], options: OpdsOptions): Artifact {
  const sorted = [...books].sort(byTitle);
  const updated =
    sorted
      .map((book) => atomDate(book.modified))
      .sort()
      .at(-1) ?? EPOCH;
  const feed = x(
    'feed',
    { xmlns: ATOM, 'xmlns:dc': DC_TERMS, 'xmlns:opds': OPDS },
    lines([
      x('id', `urn:uuid:${uuidv5(options.title, FEED_NAMESPACE)}`),
      x('title', options.title),
      x('updated', updated),
      // Atom wants an author on the feed unless every entry has one; the catalogue speaks for itself.
      x('author', [x('name', options.title)]),
      x('generator', options.generator),
      x('link', { rel: 'self', href: OPDS_FEED, type: OPDS_TYPE }),
      x('link', { rel: 'start', href: OPDS_FEED, type: OPDS_TYPE }),
      x('link', { rel: 'alternate', href: 'index.html', type: 'text/html' }),
      ...sorted.map(entry),
    ]),
  );
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n${toXml(feed, { closeEmptyElements: true })}\n`;
  return { name: OPDS_FEED, mediaType: OPDS_TYPE, bytes: new TextEncoder().encode(xml) };
}

function entry(book: SiteBook): Element {
  const summary = book.description ?? '';
  return x(
    'entry',
    lines([
      x('title', book.title),
      x('id', book.identifier),
      x('updated', atomDate(book.modified)),
      ...(book.authors ?? []).map((name) => x('author', [x('name', name)])),
      x('dc:language', book.lang),
      ...(book.publisher ? [x('dc:publisher', book.publisher)] : []),
      ...(book.date ? [x('dc:issued', book.date)] : []),
      ...(summary ? [x('summary', { type: 'text' }, summary)] : []),
      // Atom asks an entry without content for an alternate link; the book's summary is its content.
      x('content', { type: 'text' }, summary || book.title),
      ...(book.cover ? [x('link', { rel: IMAGE, href: href(book.cover.name), type: mediaTypeOfImage(book.cover.name) })] : []),
      ...(book.thumbnail ? [x('link', { rel: THUMBNAIL, href: href(book.thumbnail.name), type: mediaTypeOfImage(book.thumbnail.name) })] : []),
      ...[...book.files]
        .sort(byKind)
        .filter((file) => file.mediaType !== 'application/json')
        .map((file) => x('link', { rel: ACQUISITION, href: href(file.name), type: file.mediaType, title: file.label, length: String(file.bytes) })),
    ]),
  );
}

/** One element to a line, so the feed reads well in a text editor and diffs line by line. */
function lines(children: Element[]): ElementContent[] {
  return [NEWLINE, ...children.flatMap((child) => [child, NEWLINE])];
}

const NEWLINE: Text = { type: 'text', value: '\n' };

/** Atom dates are RFC 3339 date-times; the books' `modified` is one already, but a bare date gets midnight UTC. */
function atomDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

function mediaTypeOfImage(name: string): string {
  return /\.jpe?g$/i.test(name) ? 'image/jpeg' : 'image/png';
}
