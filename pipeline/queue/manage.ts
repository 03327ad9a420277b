/** `galley queue status`, `retry-failed` and `drain`: looking at the queue and tidying it. */
import type { FlowProducer, Job, Queue } from 'bullmq';
import { BATCHES_QUEUE, BOOKS_QUEUE, connectionFor, loadBullmq, QueueError, reachable } from './connection.js';
import { batchFlow, bookJob } from './enqueue.js';
import { type BatchJobData, type BatchJobResult, type BookJobData, type BookJobResult } from './jobs.js';

/** A book job that failed for good, with its one-line error. */
export interface Failure {
  id: string;
  sources: string[];
  error: string;
  attempts: number;
}

/** A batch still running: how many of its books are done. */
export interface BatchProgress {
  id: string;
  out: string;
  books: number;
  built: number;
  failed: number;
}

/** What `galley queue status` reports (and prints as JSON with `--json`). */
export interface QueueStatus {
  waiting: number;
  active: number;
  /** Waiting for a retry after a system fault. */
  delayed: number;
  completed: number;
  failed: number;
  /** Workers connected to the queue now. */
  workers: number;
  batches: BatchProgress[];
  failures: Failure[];
}

/** How many of a batch's books are done, from its flow dependencies. */
async function progressOf(batch: Job<BatchJobData, BatchJobResult>): Promise<BatchProgress> {
  const deps = await batch.getDependenciesCount({ processed: true, ignored: true, failed: true });
  return { id: batch.id!, out: batch.data.out, books: batch.data.books, built: deps.processed ?? 0, failed: (deps.ignored ?? 0) + (deps.failed ?? 0) };
}

type Books = Queue<BookJobData, BookJobResult>;
type Batches = Queue<BatchJobData, BatchJobResult>;

/** Opens the two queues (and a flow producer), runs `action`, and closes them. */
async function withQueues<T>(redis: string, action: (books: Books, batches: Batches, flows: FlowProducer) => Promise<T>): Promise<T> {
  const { Queue, FlowProducer } = await loadBullmq();
  const connection = connectionFor(redis, 'command');
  const books: Books = new Queue(BOOKS_QUEUE, { connection });
  const batches: Batches = new Queue(BATCHES_QUEUE, { connection });
  const flows = new FlowProducer({ connection });
  try {
    await reachable(redis, books, batches, flows);
    return await action(books, batches, flows);
  } finally {
    await Promise.allSettled([books.close(), batches.close(), flows.close()]);
  }
}

/** Counts of book jobs by state, the running batches' progress, and every failure with its error. */
export function queueStatus(redis: string): Promise<QueueStatus> {
  return withQueues(redis, async (books, batches) => {
    const counts = await books.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const running = await batches.getJobs(['waiting-children', 'waiting', 'active', 'delayed']);
    const progress: BatchProgress[] = [];
    for (const batch of running) progress.push(await progressOf(batch));
    const failed = await books.getFailed(0, -1);
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      workers: (await books.getWorkers()).length,
      batches: progress,
      failures: failed
        .filter((job): job is Job<BookJobData, BookJobResult> => Boolean(job))
        .map((job) => ({ id: job.id!, sources: job.data.sources, error: job.failedReason, attempts: job.attemptsMade })),
    };
  });
}

/** Runs every failed book again, as new batches (one per output folder) so the manifest is updated when they finish; returns how many. */
export function retryFailed(redis: string): Promise<number> {
  return withQueues(redis, async (books, batches, flows) => {
    const failed = (await books.getFailed(0, -1)).filter(Boolean);
    const byOut = new Map<string, Array<Job<BookJobData, BookJobResult>>>();
    for (const job of failed) byOut.set(job.data.out, [...(byOut.get(job.data.out) ?? []), job]);
    for (const [out, jobs] of byOut) {
      for (const job of jobs) await job.remove();
      await flows.add(
        batchFlow(
          out,
          jobs.map((job) => bookJob(job.data, job.id!)),
        ),
      );
    }
    // A batch that failed (its manifest could not be written) is tried again as it is.
    const failedBatches = (await batches.getFailed(0, -1)).filter(Boolean);
    for (const batch of failedBatches) await batch.retry();
    return failed.length + failedBatches.length;
  });
}

/**
 * Removes every book job not yet started (waiting, or delayed for a retry); running ones
 * finish. A batch whose remaining books were removed then runs, so the manifest lists what
 * was built. Returns how many jobs were removed.
 */
export function drainQueue(redis: string): Promise<number> {
  return withQueues(redis, async (books) => {
    const before = await books.getJobCounts('waiting', 'prioritized', 'delayed');
    await books.drain(true);
    return Object.values(before).reduce((sum, count) => sum + count, 0);
  });
}

/**
 * Waits for a batch to finish, reporting its progress every `pollMs`; resolves with what it
 * did, or undefined if it no longer exists. The batch's end wakes it at once (a QueueEvents
 * subscription), so a caller timing the batch does not wait for the next poll.
 */
export function waitForBatch(redis: string, id: string, onProgress: (progress: BatchProgress) => void, pollMs = 500): Promise<BatchJobResult | undefined> {
  return withQueues(redis, async (_books, batches) => {
    const { QueueEvents } = await loadBullmq();
    const events = new QueueEvents(BATCHES_QUEUE, { connection: connectionFor(redis, 'command') });
    let ended = false;
    let wake = (): void => {};
    const onEnd = ({ jobId }: { jobId: string }): void => {
      if (jobId !== id) return;
      ended = true;
      wake();
    };
    events.on('completed', onEnd);
    events.on('failed', onEnd);
    try {
      await reachable(redis, events);
      for (;;) {
        const batch = await batches.getJob(id);
        if (!batch) return undefined;
        const state = await batch.getState();
        onProgress(await progressOf(batch));
        if (state === 'completed') return batch.returnvalue;
        if (state === 'failed') throw new QueueError(`batch ${id} failed: ${batch.failedReason}`);
        if (!ended)
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        ended = false;
      }
    } finally {
      await events.close();
    }
  });
}
