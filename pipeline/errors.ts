/** System problems (I/O, a broken template, refused input) as errors with a file and a cause. */

/** Base class of every error Galley raises on purpose; its message is one line fit for a user. */
export class GalleyError extends Error {
  /** The file the problem is about, when there is one. */
  readonly file: string | undefined;
  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.file = options.file;
  }
}

/** An input file that cannot be turned into a book (bad bytes, empty, too large, unsafe reference). */
export class InputError extends GalleyError {}

/** A template that is missing or does not match the schema. */
export class TemplateError extends GalleyError {}

/** A failure while rendering or writing a book that is not the input's fault. */
export class RenderError extends GalleyError {}

/** A file that cannot be written (a read-only or full output folder, a folder in the way); the message names the file and the cause. */
export class WriteError extends GalleyError {}
