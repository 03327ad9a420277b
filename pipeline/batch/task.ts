/** One book's build as a task a worker thread (or the main thread) runs: plain data in, plain data out. */
import { buildBook, describeFailure, type BookFailure, type BookJob, type BookResult } from '../build/index.js';

/** A task's outcome; errors travel as data because thread boundaries drop error classes. */
export type TaskOutcome = { ok: true; result: BookResult } | ({ ok: false } & BookFailure);

/** Builds one book in memory (the main thread writes it) and turns any failure into an outcome the caller can report. */
export async function runTask(job: BookJob): Promise<TaskOutcome> {
  try {
    return { ok: true, result: await buildBook(job.sources, job.options) };
  } catch (error) {
    return { ok: false, ...describeFailure(error) };
  }
}
