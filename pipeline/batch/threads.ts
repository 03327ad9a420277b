/**
 * Builds many books on all cores: the main thread builds too, beside one worker thread per
 * other core (a worker costs a whole copy of the fonts and libraries, so none is started for
 * the main thread's share, nor at all for a single book). Outcomes are handed back in input
 * order, whatever order the threads finish in, so names and output are the same on every run.
 */
import { availableParallelism } from 'node:os';
import { describeFailure, type BookJob } from '../build/index.js';
import { runTask, type TaskOutcome } from './task.js';

/** How many books may be finished but not yet handed back, per thread: bounds memory when one book is slow. */
const WINDOW_PER_THREAD = 4;
/**
 * Books each thread builds at once. A book waits for work off its thread (resvg drawing the
 * cover background, pdftotext reading the PDF back, files being written); a second book uses
 * the thread meanwhile.
 */
export const BOOKS_IN_FLIGHT_PER_THREAD = 2;
/** Old-generation heap of a worker, in MB: enough for a 4 MB article, small enough that 1,000 books stay lean. */
const WORKER_HEAP_MB = 192;
/** Young-generation heap of a worker, in MB: small books die young, and a small nursery keeps the process lean. */
const WORKER_YOUNG_MB = 8;

/** Where the worker threads start: a module whose default export is `runTask` (Galley's bundle is one). */
export interface BatchOptions {
  workerFile: string;
  threads?: number;
}

/** Runs the tasks and calls `onOutcome` once per task, in the tasks' order; when `onOutcome` throws, no further task is started and the error is thrown once the running ones end. */
export async function runBatch(tasks: BookJob[], onOutcome: (outcome: TaskOutcome, index: number) => Promise<void>, options: BatchOptions): Promise<void> {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length));
  const runners: Array<(task: BookJob) => Promise<TaskOutcome>> = [runTask];
  const pool = threads > 1 ? await startPool(options.workerFile, threads - 1) : undefined;
  if (pool) for (let i = 1; i < threads; i++) runners.push((task) => pool.run(task));
  const window = threads * WINDOW_PER_THREAD;
  // Outcomes hold whole books: each is dropped as soon as it is handed back, or 1,000 books would stay in memory.
  const settled = new Map(tasks.map((_, index) => [index, deferred<TaskOutcome>()]));
  let next = 0;
  let handedBack = 0;
  let advanced = deferred<void>();
  const slot = async (run: (task: BookJob) => Promise<TaskOutcome>): Promise<void> => {
    while (next < tasks.length) {
      if (next >= handedBack + window) {
        await advanced.promise;
        continue;
      }
      const index = next++;
      const outcome = await run(tasks[index]!).catch((error: unknown): TaskOutcome => ({ ok: false, ...describeFailure(error), kind: 'internal' }));
      settled.get(index)!.resolve(outcome);
    }
  };
  const slots = Promise.all(runners.flatMap((run) => Array.from({ length: BOOKS_IN_FLIGHT_PER_THREAD }, () => slot(run))));
  try {
    for (let index = 0; index < tasks.length; index++) {
      const outcome = await settled.get(index)!.promise;
      settled.delete(index);
      handedBack = index + 1;
      advanced.resolve();
      advanced = deferred<void>();
      await onOutcome(outcome, index);
    }
  } finally {
    next = tasks.length;
    advanced.resolve();
    await slots;
    await pool?.destroy();
  }
}

/** Worker threads that build books; `galley build` adds the main thread, a queue worker keeps it free for Redis. */
export interface BookPool {
  run(task: BookJob): Promise<TaskOutcome>;
  destroy(): Promise<void>;
}

/** How a pool's threads are sized. */
export interface PoolOptions {
  /** Young-generation heap of each thread, in MB (default 8, for a lean batch beside the main thread's builds). */
  youngMb?: number;
}

/** Starts `threads` worker threads running `workerFile`'s default export (`runTask`), each building up to two books at once. */
export async function startPool(workerFile: string, threads: number, options: PoolOptions = {}): Promise<BookPool> {
  // Loaded only for real batches: a single book never pays for the pool.
  const { Piscina } = await import('piscina');
  return new Piscina<BookJob, TaskOutcome>({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: BOOKS_IN_FLIGHT_PER_THREAD,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: options.youngMb ?? WORKER_YOUNG_MB },
  });
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
