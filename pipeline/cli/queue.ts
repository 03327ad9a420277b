/** `galley queue …` and `galley worker`: the distributed mode's commands, printed as `galley build` prints. */
import { resolve } from 'node:path';
import type { BuildOptions } from '../build/index.js';
import { displayUrl, drainQueue, enqueue, QueueError, queueStatus, retryFailed, startWorker, waitForBatch, type BatchProgress, type QueueStatus } from '../queue/index.js';
import type { Command } from './args.js';
import { complain, say } from './console.js';
import { expandInputs } from './inputs.js';

/** Seconds between progress lines of `queue add --wait` when stderr is not a terminal. */
const PROGRESS_LINE_S = 2;

/** Runs `galley queue <action>` and returns the exit code. */
export async function queueCommand(command: Command, options: BuildOptions | undefined): Promise<number> {
  const redis = command.redis!;
  return reachingRedis(redis, async () => {
    if (command.action === 'status') {
      const status = await queueStatus(redis);
      say(command.json ? `${JSON.stringify(status, null, 2)}\n` : describeStatus(status));
      return 0;
    }
    if (command.action === 'retry-failed') {
      const count = await retryFailed(redis);
      say(count ? `queued ${count} failed job${count === 1 ? '' : 's'} again\n` : 'no failed jobs\n');
      return 0;
    }
    if (command.action === 'drain') {
      const count = await drainQueue(redis);
      say(`removed ${count} book${count === 1 ? '' : 's'} not yet started; running ones finish\n`);
      return 0;
    }
    return add(command, options!, redis);
  });
}

async function add(command: Command, options: BuildOptions, redis: string): Promise<number> {
  const { files, unreadable } = await expandInputs(command.inputs, command.out);
  if (unreadable.length)
    complain(`galley: skipped ${unreadable.length} file${unreadable.length === 1 ? '' : 's'} Galley cannot read (only .txt, .html and .md articles): ${unreadable.join(', ')}\n`);
  const absolute = files.map((file) => resolve(file));
  const books = command.collection ? [absolute] : absolute.map((file) => [file]);
  const result = await enqueue({ redis, books, options, out: resolve(command.out), force: command.force });
  const parts = [`${result.added} of ${books.length} book${books.length === 1 ? '' : 's'} queued${result.batch ? ` as batch ${result.batch}` : ''}`];
  if (result.unchanged) parts.push(`${result.unchanged} unchanged`);
  if (result.queued) parts.push(`${result.queued} already queued`);
  if (result.failedBefore.length) parts.push(`${result.failedBefore.length} failed before`);
  say(`${parts.join(', ')}\n`);
  for (const file of result.failedBefore) complain(`${file}: failed before with the same sources; galley queue retry-failed runs it again\n`);
  if (!command.wait || !result.batch) return result.failedBefore.length ? 1 : 0;
  const show = progressPrinter();
  const done = await waitForBatch(redis, result.batch, show);
  show(undefined);
  if (!done) throw new QueueError(`batch ${result.batch} is gone from the queue (drained or removed)`);
  for (const error of done.errors) complain(`${error}\n`);
  say(`batch ${result.batch}: ${done.built} built${done.failed ? `, ${done.failed} failed` : ''}\n`);
  return done.failed || result.failedBefore.length ? 1 : 0;
}

/** Progress on stderr: redrawn in place on a terminal, a line every few seconds on a pipe; undefined ends it. */
function progressPrinter(): (progress: BatchProgress | undefined) => void {
  const tty = Boolean(process.stderr.isTTY);
  let last = '';
  let lastAt = 0;
  return (progress) => {
    if (!progress) {
      if (tty && last) complain('\r\x1b[2K');
      return;
    }
    const line = `batch ${progress.id}: ${progress.built + progress.failed} of ${progress.books} done${progress.failed ? ` (${progress.failed} failed)` : ''}`;
    const now = Date.now();
    if (line === last || (!tty && now - lastAt < PROGRESS_LINE_S * 1000)) return;
    last = line;
    lastAt = now;
    complain(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
}

function describeStatus(status: QueueStatus): string {
  const lines = [
    `books: ${status.waiting} waiting, ${status.active} building, ${status.delayed} waiting to retry, ${status.completed} done, ${status.failed} failed (${status.workers} worker connection${status.workers === 1 ? '' : 's'})`,
  ];
  for (const batch of status.batches)
    lines.push(`batch ${batch.id} → ${batch.out}: ${batch.built + batch.failed} of ${batch.books} done${batch.failed ? `, ${batch.failed} failed` : ''}`);
  for (const failure of status.failures) lines.push(`failed: ${failure.error} (${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'})`);
  return `${lines.join('\n')}\n`;
}

/** Runs `galley worker` until SIGINT or SIGTERM, then lets the running books finish. */
export async function workerCommand(command: Command, workerFile: string): Promise<number> {
  const redis = command.redis!;
  const { availableParallelism } = await import('node:os');
  const concurrency = command.concurrency ?? availableParallelism();
  const worker = await startWorker({ redis, concurrency, workerFile, log: (line) => say(`${new Date().toISOString().slice(0, 19)}Z ${line}\n`) });
  say(`worker: building up to ${concurrency} book${concurrency === 1 ? '' : 's'} at once from ${displayUrl(redis)} (Ctrl-C stops after the running books)\n`);
  await new Promise<void>((done) => process.once('SIGINT', done).once('SIGTERM', done));
  say('worker: stopping after the running books\n');
  await worker.close();
  return 0;
}

/** Runs `action`, turning a lost Redis connection into one line (exit code 2) instead of an internal error. */
async function reachingRedis(redis: string, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof QueueError) throw error;
    const message = (error as Error).message ?? '';
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|Connection is closed/.test(message))
      throw new QueueError(`cannot reach Redis at ${displayUrl(redis)} (${message})`, { cause: error });
    throw error;
  }
}
