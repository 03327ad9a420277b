/** Expands the files and folders on the command line into article files, in a stable order. */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sourceKind } from '../read/index.js';
import { UsageError } from './args.js';

/** Lists the articles named or contained (recursively) in the inputs, sorted within each folder, never looking inside `out`. */
export async function expandInputs(inputs: string[], out?: string): Promise<string[]> {
  const skip = out === undefined ? undefined : resolve(out);
  const files: string[] = [];
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
    // The output folder inside an input folder holds Galley's own index.html, which is not an article.
    if (entry.isDirectory() && resolve(path) === skip) continue;
    if (entry.isDirectory() && !entry.name.endsWith('_files')) found.push(...(await articlesIn(path, skip)));
    else if (sourceKind(entry.name)) found.push(path);
  }
  return found;
}
