/**
 * Builds many books: in worker threads when there is more than one book and more than one
 * core, on the main thread otherwise (a worker's start-up would cost more than it saves).
 * Outcomes are handed back in input order, whatever order the threads finish in, so that
 * names and output are the same on every run.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runTask, type BookTask, type TaskOutcome } from './task.js';

export { bookKey, emptyManifest, parseManifest, renderManifest, type Manifest, type ManifestEntry, type ManifestFile } from './manifest.js';
export { runTask, type BookTask, type TaskOutcome } from './task.js';

/** How many tasks may be finished but not yet handed back, per thread: bounds memory when one book is slow. */
const WINDOW_PER_THREAD = 4;

/** Where the worker threads start: a module whose default export is `runTask` (Galley's bundle is one). */
export interface BatchOptions {
  workerFile: string;
  threads?: number;
}

/** Runs the tasks and calls `onOutcome` once per task, in the tasks' order. */
export async function runBatch(tasks: BookTask[], onOutcome: (outcome: TaskOutcome, index: number) => Promise<void>, options: BatchOptions): Promise<void> {
  const threads = options.threads ?? availableParallelism();
  if (tasks.length <= 1 || threads <= 1) {
    for (const [index, task] of tasks.entries()) await onOutcome(await runTask(task), index);
    return;
  }
  const pool = new Piscina<BookTask, TaskOutcome>({
    filename: options.workerFile,
    minThreads: Math.min(threads, tasks.length),
    maxThreads: Math.min(threads, tasks.length),
  });
  try {
    const window = threads * WINDOW_PER_THREAD;
    const pending = new Map<number, Promise<TaskOutcome>>();
    let next = 0;
    const submit = (): void => {
      while (next < tasks.length && pending.size < window) {
        const index = next++;
        pending.set(index, pool.run(tasks[index]!));
      }
    };
    for (let index = 0; index < tasks.length; index++) {
      submit();
      const outcome = await pending.get(index)!.catch((error: unknown): TaskOutcome => ({ ok: false, kind: 'internal', message: String(error) }));
      pending.delete(index);
      await onOutcome(outcome, index);
    }
  } finally {
    await pool.destroy();
  }
}
