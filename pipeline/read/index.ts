/** The read stage: the only module that reads input files. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import type { Diagnostic } from '../types.js';
import { cleanText } from './clean.js';
import { decodeText } from './decode.js';

export { fingerprint, hashFiles, isFile, readOptionalBytes, readOptionalText } from './fingerprint.js';
export { readAsset } from './read-asset.js';

/** Articles larger than this are refused: no news article comes close, and it bounds every later stage. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
/** Saved web pages carry markup, styles and inline scripts around the article: they may be larger, within bounds. */
export const MAX_HTML_BYTES = 12 * 1024 * 1024;

/** The kinds of article Galley reads: a scraped page's text, a saved web page, or Markdown with YAML front matter. */
export type SourceKind = 'scrape' | 'html' | 'markdown';

/** A `.txt` whose first characters are these is a saved web page, not a scrape of one. */
const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<!--[^]*?-->\s*<(?:!doctype|html))/i;

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
  if (!kind) throw new InputError(`${file}: not an article (expected .txt, .html or .md)`, { file });
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (cause) {
    throw new InputError(`${file}: cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file, cause });
  }
  const limit = kind === 'html' ? MAX_HTML_BYTES : MAX_SOURCE_BYTES;
  if (size > limit) {
    throw new InputError(`${file}: ${size} bytes is over the ${limit}-byte limit for one article`, { file });
  }
  const bytes = await readFile(file);
  const decoded = decodeText(bytes, file);
  const cleaned = cleanText(decoded.text, file);
  const text = cleaned.text;
  const diagnostics = [...decoded.diagnostics, ...cleaned.diagnostics];
  if (!/[\p{L}\p{N}]/u.test(text)) throw new InputError(`${file}: no text to build (empty or only whitespace/punctuation)`, { file });
  if (kind === 'scrape' && HTML_START.test(text.slice(0, 4096))) {
    diagnostics.push({ severity: 'info', rule: 'html-in-txt', message: 'the .txt file is a saved web page (it starts with HTML markup), so it is read as HTML', file });
    return { file, kind: 'html', text, diagnostics };
  }
  return { file, kind, text, diagnostics };
}

/** Tells which kind of article a path names, from its extension. */
export function sourceKind(file: string): SourceKind | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.txt') return 'scrape';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  return ext === '.md' || ext === '.markdown' ? 'markdown' : undefined;
}
