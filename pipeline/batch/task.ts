/** One book's build as a task a worker thread (or the main thread) runs: plain data in, plain data out. */
import { buildBook, type BookResult, type BuildOptions } from '../index.js';
import { GalleyError, InputError, RenderError, TemplateError } from '../errors.js';

/** What to build. */
export interface BookTask {
  files: string[];
  options: BuildOptions;
}

/**
 * A task's outcome; errors travel as data because thread boundaries drop error classes. The
 * kinds: `input`, the article's fault (building it again fails again); `template`, the
 * template's; `system`, a fault of the machine or a render (I/O, a font that cannot be read),
 * which may pass when tried again; `internal`, a bug.
 */
export type TaskOutcome =
  | { ok: true; result: BookResult }
  | { ok: false; kind: 'input' | 'template' | 'system' | 'internal'; message: string; stack?: string };

/** Error codes of a read that may succeed when tried again (a busy or flaky shared filesystem). */
const TRANSIENT_CODES = new Set(['EIO', 'ESTALE', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ETIMEDOUT', 'ECONNRESET']);

/** Builds one book and turns any failure into an outcome the caller can report. */
export async function runTask(task: BookTask): Promise<TaskOutcome> {
  try {
    return { ok: true, result: await buildBook(task.files, task.options) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { ok: false, kind: kindOf(error), message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) };
  }
}

function kindOf(error: unknown): 'input' | 'template' | 'system' | 'internal' {
  if (error instanceof TemplateError) return 'template';
  if (error instanceof InputError) return TRANSIENT_CODES.has((error.cause as NodeJS.ErrnoException | undefined)?.code ?? '') ? 'system' : 'input';
  if (error instanceof RenderError) return 'system';
  return error instanceof GalleyError ? 'input' : 'internal';
}
