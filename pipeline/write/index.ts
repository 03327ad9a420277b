/** The write stage: artifacts → files. The only stage that writes; each file appears whole or not at all. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { RenderError } from '../errors.js';
import type { Artifact } from '../types.js';

/** A file the build wrote: where and how big. */
export interface Written {
  path: string;
  bytes: number;
}

/** Writes artifacts under `outDir`, each to a temporary name first and then renamed into place. */
export async function writeArtifacts(outDir: string, artifacts: Artifact[]): Promise<Written[]> {
  const root = resolve(outDir);
  const written: Written[] = [];
  for (const artifact of artifacts) {
    const path = resolve(root, artifact.name);
    if (!path.startsWith(root + sep)) throw new RenderError(`${artifact.name}: refusing to write outside ${root}`);
    const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temporary, artifact.bytes);
      await rename(temporary, path);
    } catch (cause) {
      await rm(temporary, { force: true });
      throw new RenderError(`${path}: cannot write (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { file: path, cause });
    }
    written.push({ path, bytes: artifact.bytes.length });
  }
  return written;
}
