/** The build manifest (`<out>/manifest.json`): what each book was made from and what it wrote, so unchanged books are skipped. */
import { join } from 'node:path';
import { readOptionalText } from '../read/index.js';
import type { SiteBook } from '../site/index.js';
import type { Artifact } from '../types.js';

/** One book's record: what the downloads page shows of it, plus what it was made from and what it wrote. */
export interface ManifestEntry extends SiteBook {
  sources: string[];
  /** SHA-256 over the sources' bytes, the template's files, Galley's version and the build options (see `bookFingerprint`). */
  fingerprint: string;
  /** The other files the book was made from (its images) and their SHA-256, null for one that was missing. */
  inputs: Record<string, string | null>;
  /** Every file the build wrote into the output folder (the cover too) and its SHA-256: a missing or changed one is rebuilt. */
  written: Record<string, string>;
}

/** The whole manifest, keyed by the book's sources (see `bookKey`), so a renamed headline still finds its entry. */
export interface Manifest {
  format: number;
  galley: string;
  books: Record<string, ManifestEntry>;
}

/** Bumped when the manifest's shape changes, so an older one is read as empty (everything rebuilds). */
const MANIFEST_FORMAT = 4;

/** The manifest's file name in the output folder. */
export const MANIFEST_NAME = 'manifest.json';

/** The key of a book in the manifest: its source files, in order. */
export function bookKey(sources: string[]): string {
  return sources.join('\n');
}

/** An empty manifest for a Galley version. */
export function emptyManifest(version: string): Manifest {
  return { format: MANIFEST_FORMAT, galley: version, books: {} };
}

/** Parses a manifest's JSON, treating anything unreadable or from another version as empty (everything rebuilds). */
export function parseManifest(json: string | undefined, version: string): Manifest {
  if (!json) return emptyManifest(version);
  try {
    const data = JSON.parse(json) as Manifest;
    return data.format === MANIFEST_FORMAT && data.galley === version && typeof data.books === 'object' && data.books ? data : emptyManifest(version);
  } catch {
    return emptyManifest(version);
  }
}

/** Reads `<out>/manifest.json`, or an empty manifest when there is none or it is from another version. */
export async function readManifest(out: string, version: string): Promise<Manifest> {
  return parseManifest(await readOptionalText(join(out, MANIFEST_NAME)), version);
}

/** Serialises the manifest deterministically (books sorted by key). */
export function renderManifest(manifest: Manifest): Artifact {
  const books = Object.fromEntries(Object.entries(manifest.books).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: MANIFEST_NAME, mediaType: 'application/json', bytes: new TextEncoder().encode(`${JSON.stringify({ ...manifest, books }, null, 2)}\n`) };
}
