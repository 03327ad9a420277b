/**
 * The write stage: artifacts → files. The only stage that writes. Each file appears whole or
 * not at all, and a set of files (one book) is written in two steps: every file to a temporary
 * name first, then each renamed into place, so a full or read-only folder leaves the earlier
 * files as they were. A process killed mid-write leaves only hidden temporary files, which the
 * next write to the folder removes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { WriteError } from '../errors.js';
import type { Artifact } from '../types.js';

/** A file the build wrote: where and how big. */
export interface Written {
  path: string;
  bytes: number;
}

/** A temporary file older than this is left over from a crash even when its writer's process cannot be checked (another machine). */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** The host and process in every temporary name, so a leftover can be told from a file another writer is still writing. */
const HOST = hostname().replace(/[^A-Za-z0-9-]/g, '_');

/** Galley's temporary names: `.galley.<host>.<pid>.<random>.tmp`. */
const TEMPORARY = /^\.galley\.([A-Za-z0-9_-]+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** What the system's error codes mean to someone choosing an output folder. */
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the folder is on a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than this system allows (file size limit)',
  EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  ENAMETOOLONG: 'the name is too long',
};

/** Writes artifacts under `outDir`: all to temporary names, then each renamed into place. Throws `WriteError` naming the file and the cause. */
export async function writeArtifacts(outDir: string, artifacts: Artifact[]): Promise<Written[]> {
  const root = resolve(outDir);
  const staged: Array<{ temporary: string; path: string; bytes: number }> = [];
  try {
    for (const artifact of artifacts) {
      const path = resolve(root, artifact.name);
      if (!path.startsWith(root + sep)) throw new WriteError(`${artifact.name}: refusing to write outside ${root}`, { file: path });
      const temporary = join(dirname(path), `.galley.${HOST}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      await attempt(path, () => mkdir(dirname(path), { recursive: true }));
      staged.push({ temporary, path, bytes: artifact.bytes.length });
      await attempt(path, () => writeFile(temporary, artifact.bytes));
    }
    const written: Written[] = [];
    for (const { temporary, path, bytes } of staged) {
      await attempt(path, () => rename(temporary, path));
      written.push({ path, bytes });
    }
    return written;
  } finally {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true }).catch(() => undefined)));
  }
}

/**
 * Creates the file `name` under `outDir` holding `text` only if no file of that name exists
 * (`O_EXCL`, atomic even between processes on one disk): a lock or a claim. Returns undefined when
 * it was created, else the text the existing file holds.
 */
export async function createExclusive(outDir: string, name: string, text: string): Promise<string | undefined> {
  const path = resolve(outDir, name);
  await attempt(path, () => mkdir(dirname(path), { recursive: true }));
  try {
    await writeFile(path, text, { flag: 'wx' });
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error);
    return readFile(path, 'utf8').catch(() => '');
  }
}

/** Removes temporary files left in `outDir` (and its subfolders) by writers that died: this machine's whose process is gone, and any over an hour old. */
export async function removeLeftoverTemporaries(outDir: string): Promise<string[]> {
  const root = resolve(outDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const alive = match[1] === HOST ? isRunning(Number(match[2])) : Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0) < STALE_TEMPORARY_MS;
    if (alive) continue;
    await rm(path, { force: true });
    removed.push(relative(root, path));
  }
  return removed;
}

async function attempt(path: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (cause) {
    throw writeError(path, cause);
  }
}

/** One line naming the file and, in words, why the system refused it. */
function writeError(path: string, cause: unknown): WriteError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  return new WriteError(`${path}: cannot write: ${CAUSES[code] ?? (cause as Error).message} (${code})`, { file: path, cause });
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
