/** The build manifest (`output/manifest.json`): what each book was built from, so unchanged books are skipped. */
import type { SiteBook, SiteFile } from '../site/index.js';
import type { Artifact } from '../types.js';

/** A file a book consists of, as the downloads page and the catalogue list it. */
export type ManifestFile = SiteFile;

/** One book's entry: what the page and the catalogue show of it, its inputs' fingerprint and the files it produced. */
export interface ManifestEntry extends SiteBook {
  sources: string[];
  /** SHA-256 over the sources' bytes, the template's hash, Galley's version and the build options. */
  fingerprint: string;
  /** The other files the book was made from (its images) and their SHA-256, null for one that was missing. */
  inputs: Record<string, string | null>;
  /** Every file the build wrote into the output folder (the cover too) and its SHA-256: a missing or changed one is rebuilt. */
  written: Record<string, string>;
}

/** Bumped when the manifest's shape changes, so an older one is read as empty (everything rebuilds). */
const MANIFEST_FORMAT = 4;

/** The whole manifest, keyed by the book's sources (joined), so a renamed headline still finds its entry. */
export interface Manifest {
  format: number;
  galley: string;
  books: Record<string, ManifestEntry>;
}

/** The key of a book in the manifest. */
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

/** Serialises the manifest deterministically (books sorted by key). */
export function renderManifest(manifest: Manifest): Artifact {
  const books = Object.fromEntries(Object.entries(manifest.books).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { name: 'manifest.json', mediaType: 'application/json', bytes: new TextEncoder().encode(`${JSON.stringify({ ...manifest, books }, null, 2)}\n`) };
}
