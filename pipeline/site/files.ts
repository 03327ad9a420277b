/**
 * What kind of file each of a book's files is, told by its name: `<slug>.epub`,
 * `<slug>.pdf` (the interior), `<slug>.cover.pdf` (the print cover), `<slug>.booklet.pdf`
 * (imposed for a home printer) and `<slug>.report.json`. The downloads page and the catalogue
 * list whatever a book's record holds, in this order, with these words.
 */
import { createHash } from 'node:crypto';
import type { Artifact, BookFile } from '../types.js';

/** The kinds of file a book can have, in the order they are offered. */
export type FileKind = 'epub' | 'pdf' | 'cover' | 'booklet' | 'report' | 'other';

/** How a kind is named and described to a reader, and whether it is a book (as opposed to a by-product). */
interface KindInfo {
  kind: FileKind;
  /** The end of the file name that marks the kind; the longest match wins. */
  suffix: string;
  label: string;
  description: string;
  book: boolean;
}

const KINDS: KindInfo[] = [
  { kind: 'epub', suffix: '.epub', label: 'EPUB', book: true, description: 'For e-readers, phones and Send to Kindle: the text reflows to fit the screen.' },
  {
    kind: 'pdf',
    suffix: '.pdf',
    label: 'Print PDF',
    book: true,
    description: 'The printed book’s pages at their trim size: for a print-on-demand service, or to read as laid out.',
  },
  {
    kind: 'cover',
    suffix: '.cover.pdf',
    label: 'Print cover PDF',
    book: true,
    description: 'Back cover, spine and front cover on one sheet with bleed, to upload beside the interior.',
  },
  {
    kind: 'booklet',
    suffix: '.booklet.pdf',
    label: 'Booklet PDF',
    book: true,
    description: 'For a home printer: two pages to a side in booklet order. Print on both sides, flipping on the short edge, then fold and staple.',
  },
  { kind: 'report', suffix: '.report.json', label: 'Build report', book: false, description: 'What the build left out of the source and what the preflight checks found (JSON).' },
];

const OTHER: KindInfo = { kind: 'other', suffix: '', label: '', book: false, description: '' };

/** The kind of a file, from the end of its name. */
export function kindOf(name: string): FileKind {
  return infoOf(name).kind;
}

function infoOf(name: string): KindInfo {
  let best = OTHER;
  for (const info of KINDS) if (name.endsWith(info.suffix) && info.suffix.length > best.suffix.length) best = info;
  return best;
}

/** The sentence the downloads page prints under a file's link ("" for a kind it has no words for). */
export function describeFile(name: string): string {
  return infoOf(name).description;
}

/** Whether a file is a book a reader came for (EPUB, PDFs), rather than a by-product such as the report. */
export function isBook(name: string): boolean {
  return infoOf(name).book;
}

/** Sorts files in the order their kinds are offered (EPUB, interior, cover, booklet, report, others), then by name. */
export function byKind(a: { name: string }, b: { name: string }): number {
  const rank = (name: string): number => {
    const index = KINDS.indexOf(infoOf(name));
    return index < 0 ? KINDS.length : index;
  };
  return rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Describes an artifact for the page: its size and SHA-256 computed from its bytes, and its label from its kind. */
export function siteFile(artifact: Artifact, label?: string): BookFile {
  return {
    name: artifact.name,
    mediaType: artifact.mediaType,
    bytes: artifact.bytes.length,
    sha256: createHash('sha256').update(artifact.bytes).digest('hex'),
    label: label ?? (infoOf(artifact.name).label || artifact.name.slice(artifact.name.lastIndexOf('.') + 1).toUpperCase()),
  };
}

/** Encodes each path segment, so spaces, `#`, `?` and non-ASCII in a name cannot change what a link points at. */
export function fileHref(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

/** One fixed collator, so the order does not depend on the machine's locale. */
const TITLE_ORDER = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Orders books by title, ignoring case, then by slug: the page and the catalogue list them alike. */
export function byTitle(a: { title: string; slug: string }, b: { title: string; slug: string }): number {
  return TITLE_ORDER.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}
