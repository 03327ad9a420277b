/** What the queue's jobs carry: paths and options, never an article's text (workers read it from shared storage). */
import type { BookJob, ManifestEntry } from './build-calls.js';

/** A book job: build these sources (absolute paths, the same on every worker's machine) into `out`. Its job id is the book's fingerprint. */
export interface BookJobData extends BookJob {
  /** Absolute output folder, shared by the workers. */
  out: string;
}

/** What a book job returns: its manifest entry, which the batch job gathers. */
export interface BookJobResult {
  key: string;
  entry: ManifestEntry;
}

/** A batch job: the flow parent of one `queue add`'s books; it brings the manifest and downloads page of `out` up to date. */
export interface BatchJobData {
  out: string;
  books: number;
}

/** What a batch job returns. */
export interface BatchJobResult {
  built: number;
  failed: number;
  /** The failed books' one-line errors. */
  errors: string[];
}

/** Attempts of a book job whose fault is the system's (I/O, a crashed render); a bad article fails on its first. */
export const BOOK_ATTEMPTS = 4;
/** First delay before a retry, in ms; each next one doubles (1 s, 2 s, 4 s). */
export const RETRY_DELAY_MS = 1000;
/** Completed book jobs are kept this long (seconds) so that adding them again is recognised; the manifest keeps the rest. */
export const KEEP_COMPLETED_S = 7 * 24 * 3600;
