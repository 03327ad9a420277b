/**
 * Incremental builds: a book is skipped only when its fingerprint (sources, template files,
 * options, Galley's version) is the one the manifest recorded, none of its images changed, and
 * every file it wrote is still in the output folder with the bytes it was written with.
 */
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { loadTemplate } from '../layout/index.js';
import { fingerprint, hashFiles } from '../read/index.js';
import type { BuildOptions } from './book.js';
import type { ManifestEntry } from './manifest.js';

/** Galley's version: part of every fingerprint, and the manifest of another version is read as empty. */
export const GALLEY_VERSION: string = packageJson.version;

/** One book to build: its source files (several make a collection, with `options.collectionTitle`) and the options. */
export interface BookJob {
  sources: string[];
  options: BuildOptions;
}

/**
 * SHA-256 (hex) over the job's source files (names and bytes), the hash of every file of its
 * template and of the templates it extends, Galley's version and the options (but `cwd`, which
 * only says where names are resolved). Loads the template, so a broken one throws `TemplateError`.
 * The same job gives the same fingerprint in any process: a queue can use it as the job id.
 */
export async function bookFingerprint(job: BookJob): Promise<string> {
  const template = loadTemplate(job.options.template, job.options.cwd);
  return fingerprint(job.sources, [template.hash, GALLEY_VERSION, canonicalJson({ ...job.options, cwd: undefined })]);
}

/** Whether the book recorded in `entry` needs no build: same fingerprint, same images, and every file it wrote still there as written. */
export async function isUpToDate(entry: ManifestEntry | undefined, fingerprint: string, out: string): Promise<boolean> {
  if (!entry || entry.fingerprint !== fingerprint) return false;
  const inputs = await hashFiles(Object.keys(entry.inputs));
  if (Object.entries(entry.inputs).some(([file, sha256]) => inputs[file] !== sha256)) return false;
  return isIntact(entry, out);
}

/** Whether every file the book recorded in `entry` wrote is in `out` with the bytes it was written with. */
export async function isIntact(entry: ManifestEntry, out: string): Promise<boolean> {
  const written = Object.entries(entry.written);
  const now = await hashFiles(written.map(([name]) => join(out, name)));
  return written.length > 0 && written.every(([name, sha256]) => now[join(out, name)] === sha256);
}

/** JSON with object keys sorted and undefined left out, so options built in another order fingerprint the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );
}
