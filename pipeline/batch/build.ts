/**
 * A batch on this machine: the books that changed are built on worker threads and written by
 * the main thread in input order (so slugs are claimed the same way on every run), then the
 * manifest and the downloads page are published once. A book that cannot be built is reported
 * and the others still are; an output folder that cannot be written stops the batch.
 */
import {
  bookFingerprint,
  bookKey,
  claimsInMemory,
  describeFailure,
  GALLEY_VERSION,
  isIntact,
  isUpToDate,
  publishBooks,
  readManifest,
  writeBook,
  type BookFailure,
  type BookJob,
  type ManifestEntry,
  type WrittenBook,
} from '../build/index.js';
import { TemplateError, WriteError } from '../errors.js';
import { runBatch } from './threads.js';

/** What to build, where, and how. */
export interface Batch {
  jobs: BookJob[];
  out: string;
  /** Build every book, changed or not. */
  force?: boolean;
  /** Threads to build on (default: one per core). */
  threads?: number;
  /** The module the worker threads start (its default export is `runTask`). */
  workerFile: string;
}

/** What a runner hears as the batch goes: the plan, each book written or failed, in input order. */
export interface BatchEvents {
  planned?(stale: number, unchanged: number): void;
  written?(book: WrittenBook): void;
  failed?(job: BookJob, failure: BookFailure): void;
}

/** How the batch went. */
export interface BatchSummary {
  books: number;
  built: number;
  unchanged: number;
  failed: number;
  /** The first write that failed: the batch stopped there, the books written before it are in the manifest, it and the rest are not. */
  writeFailure?: BookFailure;
}

/** Builds every job that is not up to date, writes it, and publishes the manifest and downloads page; throws `TemplateError` for a broken template. */
export async function buildBatch(batch: Batch, events: BatchEvents = {}): Promise<BatchSummary> {
  const previous = await readManifest(batch.out, GALLEY_VERSION);
  const books: Record<string, ManifestEntry> = {};
  const stale: Array<{ job: BookJob; fingerprint: string }> = [];
  for (const job of batch.jobs) {
    const key = bookKey(job.sources);
    const fingerprint = await bookFingerprint(job);
    const entry = previous.books[key];
    if (!batch.force && entry && (await isUpToDate(entry, fingerprint, batch.out))) books[key] = entry;
    else stale.push({ job, fingerprint });
  }
  const summary: BatchSummary = { books: batch.jobs.length, built: 0, unchanged: batch.jobs.length - stale.length, failed: 0 };
  events.planned?.(stale.length, summary.unchanged);
  const claims = claimsInMemory(
    previous.books,
    batch.jobs.map((job) => bookKey(job.sources)),
  );
  const failed = new Set<string>();
  try {
    await runBatch(
      stale.map(({ job }) => job),
      async (outcome, index) => {
        const { job, fingerprint } = stale[index]!;
        if (!outcome.ok) {
          if (outcome.kind === 'template') throw new TemplateError(outcome.message);
          summary.failed++;
          failed.add(bookKey(job.sources));
          events.failed?.(job, outcome);
          return;
        }
        const book = await writeBook(outcome.result, { out: batch.out, fingerprint, claims });
        books[book.key] = book.entry;
        summary.built++;
        events.written?.(book);
      },
      { workerFile: batch.workerFile, ...(batch.threads !== undefined ? { threads: batch.threads } : {}) },
    );
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    summary.writeFailure = describeFailure(error);
    // A book not written (the one refused, the ones after it) keeps its earlier entry while the files
    // that records are intact: a write that fails before its renames leaves them so.
    for (const { job } of stale) {
      const key = bookKey(job.sources);
      const earlier = previous.books[key];
      if (!books[key] && !failed.has(key) && earlier && (await isIntact(earlier, batch.out))) books[key] = earlier;
    }
  }
  try {
    await publishBooks(batch.out, books);
  } catch (error) {
    // Publishing into a folder that just refused a book fails the same way: that was said once already.
    if (!(error instanceof WriteError) || !summary.writeFailure) throw error;
  }
  return summary;
}
