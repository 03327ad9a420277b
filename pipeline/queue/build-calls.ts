/**
 * The queue's only door into the build logic: fingerprints, the manifest, writing a book and the
 * downloads page. Everything here is what `galley build` does for one book; the queue only runs
 * it elsewhere.
 */
// To do (issue 13 §2): call pipeline/build/ here once the build layer lands, instead of these copies of cli/main.ts.
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { bookKey, emptyManifest, parseManifest, renderManifest, type Manifest, type ManifestEntry } from '../batch/index.js';
import { loadTemplate, renameBook, type BookResult, type BuildOptions } from '../index.js';
import { fingerprint, hashFiles, readOptionalText } from '../read/index.js';
import { renderIndexPage, siteFile, type SiteBook } from '../site/index.js';
import { writeArtifacts, type Written } from '../write/index.js';

export { bookKey, renameBook, type BookResult, type BuildOptions, type Manifest, type ManifestEntry };

/** Galley's version: part of every fingerprint, so a new version rebuilds everything. */
export const VERSION = packageJson.version;

/** The incremental build's fingerprint of one book: its sources, template, options and Galley's version. */
export async function bookFingerprint(sources: string[], options: BuildOptions): Promise<string> {
  const template = loadTemplate(options.template, options.cwd);
  return fingerprint(sources, [template.hash, VERSION, JSON.stringify({ ...options, cwd: undefined })]);
}

/** Whether the images a book was made from are as they were, and every file it wrote is still there as written. */
export async function isIntact(entry: ManifestEntry, out: string): Promise<boolean> {
  const inputs = await hashFiles(Object.keys(entry.inputs));
  if (Object.entries(entry.inputs).some(([file, sha256]) => inputs[file] !== sha256)) return false;
  const written = Object.entries(entry.written);
  const now = await hashFiles(written.map(([name]) => join(out, name)));
  return written.length > 0 && written.every(([name, sha256]) => now[join(out, name)] === sha256);
}

/** Writes a built book's files into `out`, each atomically (temporary name, then rename). */
export function writeBook(out: string, result: BookResult): Promise<Written[]> {
  return writeArtifacts(out, result.artifacts);
}

/** The manifest's record of a built book. */
export async function manifestEntry(result: BookResult, print: string): Promise<ManifestEntry> {
  return {
    slug: result.slug,
    title: result.title,
    lang: result.lang,
    ...(result.publisher ? { publisher: result.publisher } : {}),
    sources: result.sources,
    fingerprint: print,
    inputs: await hashFiles(result.inputs),
    written: Object.fromEntries(result.artifacts.map((artifact) => [artifact.name, siteFile(artifact).sha256])),
    files: result.artifacts.filter((artifact) => artifact.name !== result.cover?.name).map((artifact) => siteFile(artifact)),
    ...(result.cover ? { cover: result.cover } : {}),
  };
}

/** The output folder's manifest, or an empty one. */
export async function readManifest(out: string): Promise<Manifest> {
  return parseManifest(await readOptionalText(join(out, 'manifest.json')), VERSION);
}

/** A manifest with no books yet. */
export function newManifest(): Manifest {
  return emptyManifest(VERSION);
}

/** Writes the manifest and the downloads page listing its books, each atomically. */
export async function writeSite(out: string, manifest: Manifest): Promise<void> {
  const books: SiteBook[] = Object.values(manifest.books).map((entry) => ({
    slug: entry.slug,
    title: entry.title,
    ...(entry.publisher ? { publisher: entry.publisher } : {}),
    lang: entry.lang,
    ...(entry.cover ? { cover: entry.cover } : {}),
    files: entry.files,
  }));
  await writeArtifacts(out, [renderManifest(manifest), renderIndexPage(books, { title: 'Galley books', generator: `Galley ${VERSION}` })]);
}
