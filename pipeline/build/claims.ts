/**
 * Slug claims: two books whose headlines give the same slug must not write the same files. The
 * first to claim a slug keeps it, the next gets `slug-2`, and a book keeps the numbered slug it
 * had before (from the manifest) while its headline gives the same stem, so names stay put.
 */
import { join } from 'node:path';
import { createExclusive } from '../write/index.js';
import type { Manifest, ManifestEntry } from './manifest.js';

/** Where the claims shared between processes are kept, inside the output folder (hidden: never served, never taken for an article). */
const CLAIMS_FOLDER = join('.galley', 'claims');

/** Decides the slug (file-name stem) of each book written to one output folder. */
export interface SlugClaims {
  /** The slug the book `key` gets for the slug its headline gives (`wanted`): its earlier one if still its own, else `wanted`, `wanted-2`, `wanted-3`, … whichever is free. */
  claim(key: string, wanted: string): Promise<string>;
}

/**
 * Claims within one process (the CLI's batch, which claims in input order so names are the same
 * on every run). The slugs the manifest gives the books of `keys` are reserved for them from the
 * start, so a new book with the same headline never takes the files of one built before.
 */
export function claimsInMemory(earlier: Record<string, ManifestEntry>, keys: Iterable<string>): SlugClaims {
  const holders = new Map<string, string>();
  for (const key of keys) {
    const slug = earlier[key]?.slug;
    if (slug !== undefined && !holders.has(slug)) holders.set(slug, key);
  }
  return {
    async claim(key, wanted) {
      for (const slug of candidates(earlier[key]?.slug, wanted)) {
        const holder = holders.get(slug);
        if (holder !== undefined && holder !== key) continue;
        holders.set(slug, key);
        return slug;
      }
      throw new Error('unreachable: the candidates never end');
    },
  };
}

/**
 * Claims shared by every process writing to `out` (queue workers on one machine or a shared
 * disk): a claim is a file `<out>/.galley/claims/<slug>` holding the book's key, created only if
 * absent (`O_EXCL`), so two workers never get the same slug. A slug the manifest gives another
 * book is taken too. Claims are never released: a slug stays with the first book that had it.
 */
export function claimsInFolder(out: string, manifest: Manifest): SlugClaims {
  const holders = new Map(Object.entries(manifest.books).map(([key, entry]) => [entry.slug, key]));
  return {
    async claim(key, wanted) {
      for (const slug of candidates(manifest.books[key]?.slug, wanted)) {
        const holder = holders.get(slug);
        if (holder !== undefined && holder !== key) continue;
        const existing = await createExclusive(out, join(CLAIMS_FOLDER, slug), key);
        if (existing === undefined || existing === key) return slug;
      }
      throw new Error('unreachable: the candidates never end');
    },
  };
}

/** The slugs to try, in order: the earlier one when it is `wanted` or a numbered form of it, then `wanted`, `wanted-2`, `wanted-3`, … without end. */
function* candidates(earlier: string | undefined, wanted: string): Generator<string> {
  if (earlier !== undefined && (earlier === wanted || (earlier.startsWith(`${wanted}-`) && /^\d+$/.test(earlier.slice(wanted.length + 1))))) yield earlier;
  yield wanted;
  for (let n = 2; ; n++) yield `${wanted}-${n}`;
}
