/** The layout stage: Article(s) + template → Edition. The only reader of `templates/`. */
import { toString } from 'mdast-util-to-string';
import type { Article, Asset, Edition, PrintSettings, StyleRole } from '../types.js';
import { loadTemplate, type Template } from './load-template.js';
import { editionMeta } from './metadata.js';
import { recaseCapitalHeadings } from './heading-capitals.js';
import { photoNotesLast } from './photo-notes.js';
import { slugify } from '../structure/slug.js';

export { BUILTIN_TEMPLATES, forgetTemplates, loadTemplate, type Template } from './load-template.js';
export { toPoints, TRIM_PRESETS } from './units.js';

/** Longest generated description, in characters: stores show about this much. */
const DESCRIPTION_CHARS = 300;

/** What layout needs beyond the articles and the template. */
export interface LayoutOptions {
  sourceDateEpoch?: number;
  /** Images read from each article's folder (one record per article, in order), keyed by the url as its tree writes it. */
  assets?: Array<Record<string, Asset>>;
  /** Title of an anthology; one article makes a book of its own when absent. */
  collectionTitle?: string;
  /** The book's publisher and rights statement (a flag), over the article's. */
  publisher?: string;
  rights?: string;
}

/** Lays out one book: a single article, or several as chapters of a collection. */
export function layoutEdition(articles: Article[], template: Template | string, options: LayoutOptions = {}): Edition {
  const resolved = typeof template === 'string' ? loadTemplate(template) : template;
  const first = articles[0];
  if (!first) throw new RangeError('layoutEdition needs at least one article');
  // A collection is no one article's: its publisher, rights and date are only what the flags say;
  // each chapter keeps its own article's notice.
  const own = options.collectionTitle
    ? {
        ...first.meta,
        title: options.collectionTitle,
        declaredTitle: undefined,
        slug: slugify(options.collectionTitle, 'collection'),
        subtitle: undefined,
        byline: undefined,
        rights: undefined,
        publisher: undefined,
        date: undefined,
        source: undefined,
        description: undefined,
        cover: undefined,
      }
    : first.meta;
  const base = { ...own, ...(options.rights ? { rights: options.rights } : {}), ...(options.publisher ? { publisher: options.publisher } : {}) };
  const meta = editionMeta(base, describe(articles), {
    ...(resolved.publisher ? { publisher: resolved.publisher } : {}),
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
  });
  return {
    meta,
    chapters: articles.map((article, index) => {
      const assets = options.assets?.[index] ?? {};
      const tree = resolved.headingCapitals === 'title-case' ? recaseCapitalHeadings(article.tree) : article.tree;
      return { id: `chapter-${index + 1}`, meta: article.meta, tree: photoNotesLast(tree, assets), assets };
    }),
    print: printFor(resolved, meta.lang),
    epub: resolved.epub,
    labels: resolved.labels,
    template: resolved.name,
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

/** Roles of running text, whose leading a language may open (CJK wants about 1.7). */
const RUNNING_TEXT: StyleRole[] = ['body', 'blockquote', 'listItem', 'table', 'caption', 'copyright'];
const printsByLanguage = new WeakMap<Template, Map<string, PrintSettings>>();

/**
 * The template's print settings for a book in `lang`: the language's own fonts tried before the
 * general fallbacks (Japanese glyph forms from a Japanese font, not the Chinese one), and its
 * leading for running text. One object per template and language, so caches keyed by it hold.
 */
export function printFor(template: Template, lang: string): PrintSettings {
  const primary = lang.toLowerCase().split('-')[0]!;
  const settings = template.languages[primary];
  if (!settings) return template.print;
  let byLanguage = printsByLanguage.get(template);
  if (!byLanguage) {
    byLanguage = new Map();
    printsByLanguage.set(template, byLanguage);
  }
  const found = byLanguage.get(primary);
  if (found) return found;
  const base = template.print;
  const styles = { ...base.styles };
  if (settings.leading) {
    for (const role of RUNNING_TEXT) styles[role] = { ...styles[role], leading: Math.max(styles[role].leading, Math.round(styles[role].size * settings.leading * 100) / 100) };
  }
  const print: PrintSettings = {
    ...base,
    fallbackFonts: [...new Set([...settings.fallbackFonts, ...base.fallbackFonts])],
    boldFallbackFonts: [...new Set([...settings.boldFallbackFonts, ...base.boldFallbackFonts])],
    styles,
  };
  byLanguage.set(primary, print);
  return print;
}
