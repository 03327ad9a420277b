/**
 * Galley's public face: one article (or a collection) in, a book's files out, pure of printing
 * and exiting, so the CLI, a worker thread, a queue worker or a server can share it. The build
 * layer (`build/`) runs one book end to end; the stages are in their own folders.
 */
export type { Artifact, BookFile, Diagnostic, Edition, Paper, Sheet } from './types.js';
export type { BookletReport } from './booklet/index.js';
export type { CoverPreflight } from './cover/print.js';
export { GalleyError, InputError, RenderError, TemplateError, WriteError } from './errors.js';
export { loadTemplate } from './layout/index.js';
export { prepareArticle } from './prepare.js';
export * from './build/index.js';
