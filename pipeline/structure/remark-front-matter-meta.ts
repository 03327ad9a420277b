/** Reads a Markdown article's front matter into its metadata, refusing fields of the wrong shape. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ArticleMeta } from '../types.js';

type TextField = 'title' | 'lang' | 'rights' | 'publisher' | 'date' | 'description' | 'source';

/** Front matter keys accepted for each metadata field, first match wins. */
const FIELDS: Record<TextField, string[]> = {
  title: ['title', 'headline'],
  lang: ['lang', 'language'],
  rights: ['rights', 'copyright'],
  publisher: ['publisher'],
  date: ['date', 'published'],
  description: ['description', 'summary'],
  source: ['source', 'url', 'canonical'],
};

/** A remark plugin copying front matter (title, lang, rights, publisher, date, author, …) into the article's metadata. */
export function remarkFrontMatterMeta() {
  return (_tree: Root, file: VFile): void => {
    const data = file.data.frontMatter ?? {};
    const meta: Partial<ArticleMeta> = (file.data.meta ??= {});
    for (const [field, keys] of Object.entries(FIELDS) as Array<[TextField, string[]]>) {
      const key = keys.find((name) => data[name] !== undefined && data[name] !== null);
      if (key === undefined) continue;
      const value = data[key];
      if (value instanceof Date) meta[field] = value.toISOString().slice(0, 10);
      else if (typeof value === 'string' || typeof value === 'number') meta[field] = String(value).trim();
      else file.message(`front matter "${key}" should be text`, { ruleId: 'front-matter', source: 'galley' });
    }
    const authors = data.author ?? data.authors ?? data.byline;
    if (typeof authors === 'string') meta.byline = [authors.trim()];
    else if (Array.isArray(authors)) meta.byline = authors.filter((name): name is string => typeof name === 'string').map((name) => name.trim());
  };
}
