/** Fingerprints of inputs and build state, read here because read/ is the only stage that reads input files. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/** SHA-256 over the named files' bytes (and names) plus extra strings such as a template hash and options. */
export async function fingerprint(files: string[], extra: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(await readFile(file));
  for (const value of extra) hash.update(`\0${value}`);
  return hash.digest('hex');
}

/** SHA-256 of each file's bytes, or null for a file that is not there (a missing image that may appear later). */
export async function hashFiles(files: string[]): Promise<Record<string, string | null>> {
  const hashes: Record<string, string | null> = {};
  for (const file of files) {
    try {
      hashes[file] = createHash('sha256')
        .update(await readFile(file))
        .digest('hex');
    } catch {
      hashes[file] = null;
    }
  }
  return hashes;
}

/** Reads a text file that may not exist yet (the previous build's manifest), or returns undefined. */
export async function readOptionalText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads a file that may not exist (an earlier build's downloads page), or returns undefined. */
export async function readOptionalBytes(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** Whether a regular file is at `path` (a book's file still in the output folder). */
export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
