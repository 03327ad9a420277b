/** Expands the files and folders on the command line into article files, in a stable order. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { sourceKind } from '../read/index.js';
import { UsageError } from './args.js';

/** Documents people put beside their articles that Galley cannot read: named, not skipped silently. */
const UNREADABLE_DOCUMENTS = new Set(['.docx', '.doc', '.odt', '.rtf', '.pdf', '.epub', '.mobi', '.azw3', '.pages']);

/** The articles found, and the documents in the folders that Galley cannot read. */
export interface Inputs {
  files: string[];
  unreadable: string[];
}

/** Lists the articles named or contained (recursively) in the inputs, sorted within each folder, never looking inside `out`. */
export async function expandInputs(inputs: string[], out?: string): Promise<Inputs> {
  const skip = out === undefined ? undefined : resolve(out);
  const files: string[] = [];
  const unreadable: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new UsageError(`${input}: no such file or folder`);
    if (info.isDirectory()) files.push(...(await articlesIn(input, skip, unreadable)));
    else files.push(input);
  }
  if (files.length === 0)
    throw new UsageError(`no .txt, .html or .md articles in ${inputs.join(', ')}${unreadable.length ? ` (Galley cannot read ${unreadable.join(', ')})` : ''}`);
  return { files: [...new Set(files)], unreadable };
}

async function articlesIn(folder: string, skip: string | undefined, unreadable: string[]): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    // A browser saves a page's pictures and frames in "<page>_files/": they are the page's, not articles.
    // The output folder inside an input folder holds Galley's own index.html, which is not an article.
    if (entry.isDirectory() && resolve(path) === skip) continue;
    if (entry.isDirectory() && !entry.name.endsWith('_files')) found.push(...(await articlesIn(path, skip, unreadable)));
    else if (sourceKind(entry.name)) found.push(path);
    else if (UNREADABLE_DOCUMENTS.has(extname(entry.name).toLowerCase())) unreadable.push(path);
  }
  return found;
}
