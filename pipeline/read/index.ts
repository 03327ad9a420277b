/** The read stage: the only module that reads input files. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import type { Diagnostic } from '../types.js';
import { cleanText } from './clean.js';
import { decodeText } from './decode.js';

export { fingerprint, readOptionalText } from './fingerprint.js';
export { readAsset } from './read-asset.js';

/** Articles larger than this are refused: no news article comes close, and it bounds every later stage. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** The kinds of article Galley reads: a scraped page, or Markdown with YAML front matter. */
export type SourceKind = 'scrape' | 'markdown';

/** An article's text as read from disk, with what had to be removed on the way. */
export interface Source {
  file: string;
  kind: SourceKind;
  text: string;
  diagnostics: Diagnostic[];
}

/** Reads one article file strictly; throws `InputError` for anything that is not article text. */
export async function readSource(file: string): Promise<Source> {
  const kind = sourceKind(file);
  if (!kind) throw new InputError(`${file}: not an article (expected .txt or .md)`, { file });
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (cause) {
    throw new InputError(`${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file, cause });
  }
  if (size > MAX_SOURCE_BYTES) {
    throw new InputError(`${file}: ${size} bytes is over the ${MAX_SOURCE_BYTES}-byte limit for one article`, { file });
  }
  const bytes = await readFile(file);
  const decoded = decodeText(bytes, file);
  const cleaned = cleanText(decoded.text, file);
  const text = cleaned.text;
  const diagnostics = [...decoded.diagnostics, ...cleaned.diagnostics];
  if (!/[\p{L}\p{N}]/u.test(text)) throw new InputError(`${file}: no text to build (empty or only whitespace/punctuation)`, { file });
  return { file, kind, text, diagnostics };
}

/** Tells which kind of article a path names, from its extension. */
export function sourceKind(file: string): SourceKind | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.txt' ? 'scrape' : ext === '.md' || ext === '.markdown' ? 'markdown' : undefined;
}
