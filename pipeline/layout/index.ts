/** The layout stage: Article(s) + template → Edition. The only reader of `templates/`. */
import { toString } from 'mdast-util-to-string';
import type { Article, Asset, Edition } from '../types.js';
import { loadTemplate, type Template } from './load-template.js';
import { editionMeta } from './metadata.js';
import { recaseCapitalHeadings } from './heading-capitals.js';
import { slugify } from '../structure/slug.js';

export { BUILTIN_TEMPLATES, forgetTemplates, loadTemplate, type Template } from './load-template.js';
export { toPoints, TRIM_PRESETS } from './units.js';

/** Longest generated description, in characters: stores show about this much. */
const DESCRIPTION_CHARS = 300;

/** What layout needs beyond the articles and the template. */
export interface LayoutOptions {
  sourceDateEpoch?: number;
  /** Images read from the articles' folders, keyed by the figure's url. */
  assets?: Record<string, Asset>;
  /** Title of an anthology; one article makes a book of its own when absent. */
  collectionTitle?: string;
}

/** Lays out one book: a single article, or several as chapters of a collection. */
export function layoutEdition(articles: Article[], template: Template | string, options: LayoutOptions = {}): Edition {
  const resolved = typeof template === 'string' ? loadTemplate(template) : template;
  const first = articles[0];
  if (!first) throw new RangeError('layoutEdition needs at least one article');
  const base = options.collectionTitle
    ? { ...first.meta, title: options.collectionTitle, slug: slugify(options.collectionTitle, 'collection'), byline: undefined, rights: undefined, source: undefined, description: undefined }
    : first.meta;
  const meta = editionMeta(base, describe(articles), {
    publisher: resolved.publisher,
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
  });
  return {
    meta,
    chapters: articles.map((article, index) => ({
      id: `chapter-${index + 1}`,
      meta: article.meta,
      tree: resolved.headingCapitals === 'title-case' ? recaseCapitalHeadings(article.tree) : article.tree,
    })),
    print: resolved.print,
    epub: resolved.epub,
    labels: resolved.labels,
    template: resolved.name,
    assets: options.assets ?? {},
  };
}

function describe(articles: Article[]): string {
  const text = articles
    .flatMap((article) => article.tree.children.filter((node) => node.type === 'paragraph'))
    .map((node) => toString(node))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= DESCRIPTION_CHARS) return text;
  return `${text.slice(0, DESCRIPTION_CHARS).replace(/\s+\S*$/, '')}…`;
}
