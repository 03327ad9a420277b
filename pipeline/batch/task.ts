/** One book's build as a task a worker thread (or the main thread) runs: plain data in, plain data out. */
import { buildBook, type BookResult, type BuildOptions } from '../index.js';
import { GalleyError, TemplateError } from '../errors.js';

/** What to build. */
export interface BookTask {
  files: string[];
  options: BuildOptions;
}

/** A task's outcome; errors travel as data because thread boundaries drop error classes. */
export type TaskOutcome =
  | { ok: true; result: BookResult }
  | { ok: false; kind: 'input' | 'template' | 'internal'; message: string; stack?: string };

/** Builds one book and turns any failure into an outcome the caller can report. */
export async function runTask(task: BookTask): Promise<TaskOutcome> {
  try {
    return { ok: true, result: await buildBook(task.files, task.options) };
  } catch (error) {
    const kind = error instanceof TemplateError ? 'template' : error instanceof GalleyError ? 'input' : 'internal';
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ok: false, kind, message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) };
  }
}
