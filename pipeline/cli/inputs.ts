/** Expands the files and folders on the command line into article files, in a stable order. */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sourceKind } from '../read/index.js';
import { UsageError } from './args.js';

/**
 * Lists the articles named or contained (recursively) in the inputs, sorted within each folder.
 * The output folder is never searched: its downloads page is HTML, but not an article.
 */
export async function expandInputs(inputs: string[], outDir?: string): Promise<string[]> {
  const files: string[] = [];
  const skip = outDir === undefined ? undefined : resolve(outDir);
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) files.push(...(await articlesIn(input, skip)));
    else files.push(input);
  }
  if (files.length === 0) throw new UsageError(`no .txt, .html or .md articles in ${inputs.join(', ')}`);
  return [...new Set(files)];
}

async function articlesIn(folder: string, skip: string | undefined): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    // A browser saves a page's pictures and frames in "<page>_files/": they are the page's, not articles.
    if (entry.isDirectory() && !entry.name.endsWith('_files') && resolve(path) !== skip) found.push(...(await articlesIn(path, skip)));
    else if (sourceKind(entry.name)) found.push(path);
  }
  return found;
}
