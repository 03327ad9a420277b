/**
 * `galley queue add`: one job per book that needs building, all children of one batch job (a
 * BullMQ flow) that updates the manifest and downloads page once they have all finished.
 *
 * A book's job id is its fingerprint, so adding it again while its job is waiting, running,
 * done or failed does no work twice; a book the manifest shows built and intact gets no job.
 */
import type { FlowJob, FlowJobNode, Job } from 'bullmq';
import { bookFingerprint, bookKey, currentManifest, isIntact, isUpToDate, type BuildOptions } from './build-calls.js';
import { BATCHES_QUEUE, BOOKS_QUEUE, connectionFor, loadBullmq, reachable } from './connection.js';
import { BOOK_ATTEMPTS, KEEP_COMPLETED_S, RETRY_DELAY_MS, type BatchJobData, type BookJobData, type BookJobResult } from './jobs.js';

/** What to enqueue: books as lists of absolute source paths, all built with the same options into `out`. */
export interface EnqueueRequest {
  redis: string;
  books: string[][];
  options: BuildOptions;
  /** Absolute output folder on shared storage. */
  out: string;
  /** Build even books that are unchanged and intact. */
  force: boolean;
}

/** What `queue add` did with each book. */
export interface EnqueueResult {
  /** The batch job's id, when any book was added. */
  batch?: string;
  added: number;
  /** Built before, unchanged and intact: no job. */
  unchanged: number;
  /** Already waiting or running in the queue. */
  queued: number;
  /** The first source of books whose job already failed with the same sources (`queue retry-failed` runs them again). */
  failedBefore: string[];
}

/** Adds the books that need building as one batch. */
export async function enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
  const { Queue, FlowProducer } = await loadBullmq();
  const connection = connectionFor(request.redis, 'command');
  const books = new Queue<BookJobData, BookJobResult>(BOOKS_QUEUE, { connection });
  const flows = new FlowProducer({ connection });
  const result: EnqueueResult = { added: 0, unchanged: 0, queued: 0, failedBefore: [] };
  try {
    await reachable(request.redis, books, flows);
    const manifest = await currentManifest(request.out);
    const children: FlowJobNode[] = [];
    for (const sources of request.books) {
      const key = bookKey(sources);
      const print = await bookFingerprint({ sources, options: request.options });
      if (!request.force && (await isUpToDate(manifest.books[key], print, request.out))) {
        result.unchanged++;
        continue;
      }
      const existing = await books.getJob(print);
      if (existing) {
        const verdict = await judgeExisting(existing, request);
        if (verdict === 'unchanged') result.unchanged++;
        else if (verdict === 'queued') result.queued++;
        else if (verdict === 'failed') result.failedBefore.push(sources[0]!);
        if (verdict !== 'stale') continue;
        await existing.remove();
      }
      children.push(bookJob({ sources, options: request.options, out: request.out }, print));
    }
    if (children.length) {
      const flow = await flows.add(batchFlow(request.out, children));
      result.batch = flow.job.id;
      result.added = children.length;
    }
    return result;
  } finally {
    await Promise.allSettled([books.close(), flows.close()]);
  }
}

/** A batch: the flow parent of `children`, run once they have all finished (retried on a fault, as a book is). */
export function batchFlow(out: string, children: FlowJobNode[]): FlowJob {
  const data: BatchJobData = { out, books: children.length };
  return { name: 'batch', queueName: BATCHES_QUEUE, data, opts: { attempts: BOOK_ATTEMPTS, backoff: { type: 'exponential', delay: RETRY_DELAY_MS } }, children };
}

/** A book job for a flow: retried with backoff on a system fault, kept when done so adding it again is a no-op. */
export function bookJob(data: BookJobData, id: string): FlowJobNode {
  return {
    name: 'book',
    queueName: BOOKS_QUEUE,
    data,
    opts: {
      jobId: id,
      attempts: BOOK_ATTEMPTS,
      backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
      removeOnComplete: { age: KEEP_COMPLETED_S },
      // A book that fails must not hold up its batch: the batch still updates the manifest with the others.
      ignoreDependencyOnFailure: true,
    },
  };
}

/** What an existing job with the same id means: done and still intact, in the queue, failed, or done but its files changed since. */
async function judgeExisting(job: Job<BookJobData, BookJobResult>, request: EnqueueRequest): Promise<'unchanged' | 'queued' | 'failed' | 'stale'> {
  const state = await job.getState();
  if (state === 'completed') return !request.force && job.returnvalue && (await isIntact(job.returnvalue.entry, request.out)) ? 'unchanged' : 'stale';
  if (state === 'failed') return request.force ? 'stale' : 'failed';
  return state === 'unknown' ? 'stale' : 'queued';
}
