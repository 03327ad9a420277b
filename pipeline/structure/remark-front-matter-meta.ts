/** Reads a Markdown article's front matter into its metadata, refusing fields of the wrong shape. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ArticleMeta } from '../types.js';

type TextField = 'title' | 'subtitle' | 'lang' | 'rights' | 'publisher' | 'date' | 'description' | 'source' | 'cover';

/** Front matter keys accepted for each metadata field, first match wins. */
const FIELDS: Record<TextField, string[]> = {
  title: ['title', 'headline'],
  subtitle: ['subtitle', 'dek'],
  lang: ['lang', 'language'],
  rights: ['rights', 'copyright'],
  publisher: ['publisher'],
  date: ['date', 'published'],
  description: ['description', 'summary'],
  source: ['source', 'url', 'canonical'],
  cover: ['cover'],
};

/** Keys read for the authors; with the fields' keys, everything else in the front matter is unknown and said so. */
const AUTHOR_KEYS = ['author', 'authors', 'byline'];

const KNOWN_KEYS = new Set([...Object.values(FIELDS).flat(), ...AUTHOR_KEYS]);

/** A date Galley can put in a book as it is: a year, a month or a day in ISO 8601, optionally with a time. */
const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** A remark plugin copying front matter (title, lang, rights, publisher, date, author, …) into the article's metadata. */
export function remarkFrontMatterMeta() {
  return (_tree: Root, file: VFile): void => {
    const data = file.data.frontMatter ?? {};
    const meta: Partial<ArticleMeta> = (file.data.meta ??= {});
    for (const [field, keys] of Object.entries(FIELDS) as Array<[TextField, string[]]>) {
      const key = keys.find((name) => data[name] !== undefined && data[name] !== null);
      if (key === undefined) continue;
      const value = data[key];
      let text: string;
      if (value instanceof Date) text = Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
      else if (typeof value === 'string' || typeof value === 'number') text = String(value).trim();
      else {
        file.message(`front matter "${key}" should be text`, { ruleId: 'front-matter', source: 'galley' });
        continue;
      }
      if (field === 'lang' && !isLanguageTag(text)) {
        file.message(`front matter "${key}: ${text}" is not a BCP 47 language tag (such as en, fr-CA or zh-Hant); the detected language is used`, {
          ruleId: 'front-matter-lang',
          source: 'galley',
        });
        continue;
      }
      if (field === 'date' && !isReadableDate(text)) {
        file.message(`front matter "${key}: ${text}" is not a date Galley can read (write it as YYYY-MM-DD); the book has no date`, {
          ruleId: 'front-matter-date',
          source: 'galley',
        });
        continue;
      }
      const refused = field === 'cover' ? coverRefusal(text) : undefined;
      if (refused) {
        file.message(`front matter "${key}: ${text}" refused: ${refused}; the generated cover is used`, { ruleId: 'front-matter-cover', source: 'galley' });
        continue;
      }
      if (text) meta[field] = text;
    }
    const authors = data.author ?? data.authors ?? data.byline;
    if (typeof authors === 'string') meta.byline = [authors.trim()];
    else if (Array.isArray(authors))
      meta.byline = authors
        .filter((name): name is string => typeof name === 'string')
        .map((name) => name.trim())
        .filter(Boolean);
    const unknown = Object.keys(data).filter((key) => !KNOWN_KEYS.has(key));
    if (unknown.length) {
      const known = [...KNOWN_KEYS].join(', ');
      file.message(`front matter ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((key) => `"${key}"`).join(', ')} not known, so left out (known: ${known})`, {
        ruleId: 'front-matter-unknown',
        source: 'galley',
      });
    }
  };
}

/**
 * Why a `cover:` value cannot name a picture in the article's own folder, or undefined when it
 * can: URLs (nothing is fetched), absolute paths and `..` steps are refused before any file is
 * looked at; whether the file exists and is a picture is the reader's business (read/read-asset.ts).
 */
function coverRefusal(value: string): string | undefined {
  let path = value;
  try {
    // The reader decodes %-escapes, so "%2e%2e/x.png" is "../x.png".
    path = decodeURIComponent(value);
  } catch {
    return 'not a file name';
  }
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path)) return "absolute paths are not allowed; name a picture in the article's folder";
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return "only a picture in the article's folder can be its cover, never a URL";
  if (path.split(/[\\/]/).includes('..')) return "it leads outside the article's folder";
  return undefined;
}

/** Whether a tag is a well-formed BCP 47 language tag (Intl refuses malformed ones). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Whether a date is ISO 8601 and a real day (no 31 February). */
function isReadableDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year!, month! - 1, day));
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}
