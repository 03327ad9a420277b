/** Book metadata every renderer shares, derived from the article so that builds are reproducible. */
import { v5 as uuidv5 } from 'uuid';
import type { ArticleMeta, EditionMeta } from '../types.js';

/** Namespace of Galley's book identifiers (UUID v5 of the article's canonical URL or slug). */
const GALLEY_NAMESPACE = uuidv5('https://galley.invalid/books', uuidv5.URL);
/** The "modified" timestamp EPUB requires when neither the article nor SOURCE_DATE_EPOCH gives a date: fixed, so bytes never depend on the clock. It is never shown or given as a publication date. */
const FALLBACK_TIMESTAMP = '2000-01-01T00:00:00Z';

/** Options that decide the book's identity and timestamps. */
export interface MetadataOptions {
  /** A house template's publisher, used when the article names none. */
  publisher?: string;
  /** Seconds since the epoch, from SOURCE_DATE_EPOCH; wins over the article's date for timestamps. */
  sourceDateEpoch?: number;
}

/** Completes an article's metadata: stable identifier, description and timestamp. Publisher and rights are the article's own (or a house template's publisher): never invented. */
export function editionMeta(meta: ArticleMeta, description: string, options: MetadataOptions): EditionMeta {
  const publisher = meta.publisher ?? options.publisher;
  return {
    ...meta,
    identifier: `urn:uuid:${uuidv5(meta.source ?? meta.slug, GALLEY_NAMESPACE)}`,
    ...(publisher ? { publisher } : {}),
    description: meta.description ?? meta.subtitle ?? description,
    modified: timestamp(meta.date, options.sourceDateEpoch),
  };
}

function timestamp(date: string | undefined, sourceDateEpoch: number | undefined): string {
  if (sourceDateEpoch !== undefined) return new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (date) {
    const iso = /^\d{4}$/.test(date) ? `${date}-01-01` : date;
    const parsed = new Date(/T/.test(iso) ? iso : `${iso}T00:00:00Z`);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return FALLBACK_TIMESTAMP;
}
