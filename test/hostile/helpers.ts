/** Helpers for the hostile-input tests: articles written to a temporary folder and built through the real stages. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildBook, type BookResult } from '../../pipeline/index.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article } from '../../pipeline/types.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

const folder = mkdtempSync(join(tmpdir(), 'galley-hostile-'));
let count = 0;

/** Writes an article to a fresh file and returns its path. */
export function articleFile(text: string | Uint8Array, ext: '.txt' | '.md' = '.md'): string {
  const path = join(folder, `article-${++count}${ext}`);
  writeFileSync(path, text);
  return path;
}

/** Reads and structures an article given as text. */
export async function prepare(text: string, ext: '.txt' | '.md' = '.md'): Promise<Article> {
  return prepareArticle(articleFile(text, ext), loadTemplate('default', ROOT));
}

/** Builds both books of one article file through `buildBook`. */
export async function build(file: string): Promise<BookResult & { epub: Uint8Array; pdf: Uint8Array }> {
  const result = await buildBook([file], { template: 'default', formats: ['epub', 'pdf'], cwd: ROOT });
  const bytes = (ext: string): Uint8Array => result.artifacts.find((artifact) => artifact.name.endsWith(ext))!.bytes;
  return { ...result, epub: bytes('.epub'), pdf: bytes('.pdf') };
}
