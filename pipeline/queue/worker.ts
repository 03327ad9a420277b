/**
 * `galley worker`: takes book jobs and batch jobs from Redis until stopped.
 *
 * Books are typeset on worker threads (the pool `galley build` uses), never on the thread that
 * talks to Redis, so a long typesetting run cannot starve BullMQ's lock renewal. The worker
 * process keeps the job's bookkeeping: the slug claim (a claim file in the shared output
 * folder), the atomic writes, the manifest entry.
 */
import { basename, join } from 'node:path';
import type { Job } from 'bullmq';
import { BOOKS_IN_FLIGHT_PER_THREAD, startPool } from '../batch/index.js';
import { bookKey, claimsInFolder, currentManifest, manifestForClaims, publishBooks, writeBook } from './build-calls.js';
import { BATCHES_QUEUE, BOOKS_QUEUE, connectionFor, displayUrl, loadBullmq } from './connection.js';
import { BOOK_ATTEMPTS, type BatchJobData, type BatchJobResult, type BookJobData, type BookJobResult } from './jobs.js';

/**
 * How long a job's lock lasts without renewal, in ms. The thread that renews it only waits on
 * I/O, so it can be short: a killed worker's job is taken over 10–20 s later, not 15–60 s.
 */
const LOCK_MS = 10_000;
/** How often workers look for jobs whose worker stopped renewing their lock, in ms. */
const STALLED_CHECK_MS = 5_000;
/** How many times a job may lose its worker (killed, machine gone) before it is failed. */
const MAX_STALLS = 2;
/**
 * Jobs taken beyond what the threads build at once, per thread: each waits in the pool's queue,
 * so a thread starts its next book the moment one ends instead of after that book's files are
 * written and its job is finished in Redis (the thread pool's batch builds ahead the same way).
 */
const JOBS_AHEAD_PER_THREAD = 1;
/**
 * Young-generation heap of the worker's threads, in MB. They build every book, where
 * `galley build`'s main thread builds half of them with Node's default; with the batch's lean
 * 8 MB, the same 40 books on two threads took 365 scavenges and 53 full collections, with
 * 32 MB 100 and 45 (the CPU this saves was within a shared machine's noise). It costs at most
 * 24 MB more a thread.
 */
const THREAD_YOUNG_MB = 32;
/** The same Redis error is logged at most once in this many ms (an outage is one line, not one per retry). */
const ERROR_LOG_QUIET_MS = 10_000;

/** How to run a worker. */
export interface WorkerOptions {
  redis: string;
  /** Threads typesetting books at once on this machine. */
  concurrency: number;
  /** The module whose default export builds a book on a thread (Galley's bundle). */
  workerFile: string;
  /** Receives one line per book, per batch and per Redis problem. */
  log(line: string): void;
}

/** A running worker. */
export interface RunningWorker {
  /** Stops taking jobs, lets the running ones finish, and closes the threads and connections. */
  close(): Promise<void>;
}

/** Starts a worker; it runs until closed. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { Queue, Worker, UnrecoverableError } = await loadBullmq();
  const connection = connectionFor(options.redis, 'worker');
  const pool = await startPool(options.workerFile, options.concurrency, { youngMb: THREAD_YOUNG_MB });
  const booksQueue = new Queue<BookJobData, BookJobResult>(BOOKS_QUEUE, { connection });
  const batches = new Queue<BatchJobData, BatchJobResult>(BATCHES_QUEUE, { connection });
  const settings = { connection, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLS };
  const log = options.log;

  const buildOne = async (job: Job<BookJobData, BookJobResult>): Promise<BookJobResult> => {
    const started = performance.now();
    const { sources, options: build, out } = job.data;
    const label = build.collectionTitle ?? sources.join(', ');
    const took = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    // One line naming the article: the build's own messages already start with its path.
    const named = (message: string): string => (message.startsWith(sources[0]!) || message.startsWith(label) ? message : `${label}: ${message}`);
    try {
      const outcome = await pool.run({ sources, options: build });
      if (!outcome.ok) {
        const message = outcome.kind === 'internal' ? `internal error (a bug in Galley, please report it): ${outcome.message}` : outcome.message;
        // The article's or the template's fault fails at once; a write that failed or a crash is tried again.
        throw outcome.kind === 'input' || outcome.kind === 'template' ? new UnrecoverableError(named(message)) : new Error(named(message));
      }
      const claims = claimsInFolder(out, await manifestForClaims(out));
      const book = await writeBook(outcome.result, { out, fingerprint: job.id!, claims });
      log(
        `built  ${label} → ${book.written
          .map((file) => basename(file.path))
          .filter((name) => /\.(epub|pdf)$/.test(name))
          .join(', ')}  (${took()})`,
      );
      return { key: book.key, entry: book.entry };
    } catch (error) {
      const attempt = job.attemptsMade + 1;
      const final =
        error instanceof UnrecoverableError
          ? 'not retried'
          : attempt < BOOK_ATTEMPTS
            ? `attempt ${attempt} of ${BOOK_ATTEMPTS}, will retry`
            : `attempt ${attempt} of ${BOOK_ATTEMPTS}, giving up`;
      log(`failed ${named(error instanceof Error ? error.message : String(error))}  (${took()}, ${final})`);
      throw error;
    }
  };

  const finishBatch = async (job: Job<BatchJobData, BatchJobResult>): Promise<BatchJobResult> => {
    const out = job.data.out;
    const built = Object.values(await job.getChildrenValues<BookJobResult>());
    const ignored = await job.getIgnoredChildrenFailures();
    const failures = Object.keys(ignored);
    const books = { ...(await currentManifest(out)).books };
    for (const value of built) books[value.key] = value.entry;
    // A book that failed is no longer listed, as after `galley build`: its files may be of older sources.
    for (const childKey of failures) {
      const child = await booksQueue.getJob(childKey.slice(childKey.lastIndexOf(':') + 1));
      if (child) delete books[bookKey(child.data.sources)];
    }
    await publishBooks(out, books);
    log(`batch ${job.id}: ${built.length} built, ${failures.length} failed; ${join(out, 'manifest.json')} and index.html updated`);
    return { built: built.length, failed: failures.length, errors: Object.values(ignored) };
  };

  const bookWorker = new Worker<BookJobData, BookJobResult>(BOOKS_QUEUE, buildOne, {
    ...settings,
    concurrency: options.concurrency * (BOOKS_IN_FLIGHT_PER_THREAD + JOBS_AHEAD_PER_THREAD),
  });
  const batchWorker = new Worker<BatchJobData, BatchJobResult>(BATCHES_QUEUE, finishBatch, { ...settings, concurrency: 1 });
  let lastError = '';
  let lastErrorAt = 0;
  const onError = (error: Error): void => {
    const now = Date.now();
    if (error.message === lastError && now - lastErrorAt < ERROR_LOG_QUIET_MS) return;
    lastError = error.message;
    lastErrorAt = now;
    log(`redis  ${displayUrl(options.redis)}: ${error.message} (retrying)`);
  };
  booksQueue.on('error', onError);
  batches.on('error', onError);
  bookWorker.on('error', onError);
  batchWorker.on('error', onError);
  bookWorker.on('stalled', (id: string) => log(`stalled job ${id}: its worker stopped; it is queued again`));
  // Batches write one manifest per output folder: one at a time across every worker, so no update is lost.
  await batches.setGlobalConcurrency(1);

  return {
    async close(): Promise<void> {
      await Promise.allSettled([bookWorker.close(), batchWorker.close()]);
      await Promise.allSettled([booksQueue.close(), batches.close(), pool.destroy()]);
    },
  };
}
