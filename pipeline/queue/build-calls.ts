/**
 * The queue's only door into the build layer (`pipeline/build/`): what `galley build` does for
 * one book, which the queue only runs elsewhere. The one thing added here is a worker's view of
 * the manifest, read again only when a batch has changed it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GALLEY_VERSION, MANIFEST_NAME, readManifest, type Manifest } from '../build/index.js';

export {
  bookFingerprint,
  bookKey,
  claimsInFolder,
  GALLEY_VERSION,
  isIntact,
  isUpToDate,
  publishBooks,
  writeBook,
  type BookJob,
  type BuildOptions,
  type ManifestEntry,
} from '../build/index.js';

/** The output folder's manifest as it is now. */
export function currentManifest(out: string): Promise<Manifest> {
  return readManifest(out, GALLEY_VERSION);
}

const cached = new Map<string, { stamp: string; manifest: Manifest }>();

/**
 * The output folder's manifest for a worker's slug claims, parsed again only when the file
 * changed (it changes once per batch; a worker builds many books between): 100,000 books'
 * entries are not parsed for every book.
 */
export async function manifestForClaims(out: string): Promise<Manifest> {
  const info = await stat(join(out, MANIFEST_NAME)).catch(() => undefined);
  const stamp = info ? `${info.mtimeMs}:${info.size}` : 'none';
  const hit = cached.get(out);
  if (hit?.stamp === stamp) return hit.manifest;
  const manifest = await currentManifest(out);
  cached.set(out, { stamp, manifest });
  return manifest;
}
