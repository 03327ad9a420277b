/**
 * The build layer: one book end to end, incrementally, written atomically. Every runner uses
 * it: the CLI's batch (worker threads build, the main thread writes), a queue worker in another
 * process or on another machine, a test. Nothing here prints or exits.
 *
 * For a runner of many books:
 * 1. `bookFingerprint(job)` without building: the job's id (a queue's `jobId`), and with the
 *    manifest's entry and `isUpToDate` whether it needs building at all.
 * 2. `buildAndWriteBook(job, out)` builds one book and writes its files atomically, returning a
 *    JSON-safe record with its manifest entry; or, split in two, `buildBook` (in memory, e.g.
 *    on a worker thread) then `writeBook` (where the files are written).
 * 3. `publishBooks(out, entries)` once per batch: the manifest, the downloads page and the OPDS catalogue.
 */
import { join } from 'node:path';
import { GalleyError, TemplateError, WriteError } from '../errors.js';
import { isFile, readOptionalBytes } from '../read/index.js';
import { renderIndexPage, renderOpdsFeed, siteBook, siteFile } from '../site/index.js';
import type { Diagnostic } from '../types.js';
import { removeLeftoverTemporaries, writeArtifacts, type Written } from '../write/index.js';
import { bookChecks, buildBook, renameBook, type BookChecks, type BookResult } from './book.js';
import { claimsInFolder, type SlugClaims } from './claims.js';
import { bookFingerprint, GALLEY_VERSION, isUpToDate, type BookJob } from './incremental.js';
import { bookKey, emptyManifest, readManifest, renderManifest, type ManifestEntry } from './manifest.js';

export { buildBook, FORMATS, renameBook, type BookResult, type BuildOptions, type Format } from './book.js';
export { claimsInFolder, claimsInMemory, type SlugClaims } from './claims.js';
export { bookFingerprint, GALLEY_VERSION, isIntact, isUpToDate, type BookJob } from './incremental.js';
export { bookKey, emptyManifest, parseManifest, readManifest, renderManifest, MANIFEST_NAME, type Manifest, type ManifestEntry } from './manifest.js';
export type { BookReport } from './report.js';
export type { Written } from '../write/index.js';

/** A book built and written (or found up to date), as plain JSON-safe data: no bytes, so it crosses threads, processes and queues. */
export interface WrittenBook extends BookChecks {
  /** The book's key in the manifest (`bookKey(sources)`). */
  key: string;
  /** False when the book was up to date and nothing was built or written. */
  built: boolean;
  entry: ManifestEntry;
  /** The files written, with their sizes (empty when not built). */
  written: Written[];
  /** What the build said about the book (empty when not built). */
  diagnostics: Diagnostic[];
  /** Milliseconds per stage (empty when not built). */
  timings: Record<string, number>;
}

/** Where and how `writeBook` writes a built book. */
export interface WriteTarget {
  /** The output folder. */
  out: string;
  /** The job's fingerprint, from `bookFingerprint` before the build. */
  fingerprint: string;
  /** Who decides the slug when another book has the same headline. */
  claims: SlugClaims;
}

/** A failed book as data (thread and process boundaries drop error classes); `write` means the output folder could not be written, which stops a batch. */
export interface BookFailure {
  kind: 'input' | 'template' | 'write' | 'internal';
  /** One line naming the file and the cause (for `internal`, the bug's message). */
  message: string;
  stack?: string;
}

/**
 * Writes a book built by `buildBook`: claims its slug (renaming its files when another book has
 * that one), writes every file atomically (all to temporary names, then renamed; a failure leaves
 * the earlier files as they were and throws `WriteError`) and returns its manifest entry.
 */
export async function writeBook(result: BookResult, target: WriteTarget): Promise<WrittenBook> {
  const key = bookKey(result.sources);
  const slug = await target.claims.claim(key, result.slug);
  const book = slug === result.slug ? result : renameBook(result, slug);
  const written = await writeArtifacts(target.out, book.artifacts);
  const entry: ManifestEntry = {
    ...siteBook(book),
    sources: book.sources,
    fingerprint: target.fingerprint,
    inputs: book.inputs,
    written: Object.fromEntries(book.artifacts.map((artifact) => [artifact.name, siteFile(artifact).sha256])),
  };
  return {
    key,
    built: true,
    entry,
    written,
    diagnostics: book.diagnostics,
    ...bookChecks(book),
    timings: book.timings,
  };
}

/**
 * Builds one book into `out` unless it is up to date (then returns its recorded entry with
 * `built: false`), for a runner in any process. The manifest is read for the book's earlier
 * entry; slugs are claimed through `claims` (default: files in `out`, safe across processes).
 * Throws a `GalleyError` (`InputError`, `TemplateError`, `RenderError`, `WriteError`) for a book
 * that cannot be built or written; `describeFailure` turns it into data.
 */
export async function buildAndWriteBook(job: BookJob, out: string, options: { force?: boolean; claims?: SlugClaims } = {}): Promise<WrittenBook> {
  const fingerprint = await bookFingerprint(job);
  const manifest = await readManifest(out, GALLEY_VERSION);
  const key = bookKey(job.sources);
  const earlier = manifest.books[key];
  if (!options.force && earlier && (await isUpToDate(earlier, fingerprint, out))) return { key, built: false, entry: earlier, written: [], diagnostics: [], timings: {} };
  const result = await buildBook(job.sources, job.options);
  return writeBook(result, { out, fingerprint, claims: options.claims ?? claimsInFolder(out, manifest) });
}

/**
 * Brings `<out>/manifest.json`, `<out>/index.html` and `<out>/opds.xml` up to date with exactly
 * these books (keyed by `bookKey`), once per batch, after its books are written: each file is
 * written atomically, and only when it changes. A book one of whose files is no longer in `out`
 * is left out of all three, so the page never links a missing file; its key is returned.
 * Galley's temporary files left by killed writers are removed.
 */
export async function publishBooks(out: string, books: Record<string, ManifestEntry>, options: { title?: string } = {}): Promise<{ left: string[] }> {
  const manifest = emptyManifest(GALLEY_VERSION);
  const left: string[] = [];
  for (const [key, entry] of Object.entries(books)) {
    const present = await Promise.all(Object.keys(entry.written).map((name) => isFile(join(out, name))));
    if (present.every(Boolean)) manifest.books[key] = entry;
    else left.push(key);
  }
  const site = { title: options.title ?? 'Galley books', generator: `Galley ${GALLEY_VERSION}` };
  const listed = Object.values(manifest.books);
  // Unchanged files are not rewritten: a build with nothing to do leaves the folder alone.
  const files = [renderManifest(manifest), renderIndexPage(listed, site), renderOpdsFeed(listed, site)];
  const changed = await Promise.all(files.map(async (file) => (Buffer.from((await readOptionalBytes(join(out, file.name))) ?? []).equals(file.bytes) ? [] : [file])));
  await writeArtifacts(out, changed.flat());
  await removeLeftoverTemporaries(out);
  return { left };
}

/** Turns what a build threw into data a runner can report or send back. */
export function describeFailure(error: unknown): BookFailure {
  const kind = error instanceof TemplateError ? 'template' : error instanceof WriteError ? 'write' : error instanceof GalleyError ? 'input' : 'internal';
  const failure = error instanceof Error ? error : new Error(String(error));
  return { kind, message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) };
}
