/**
 * A saved page's own account of itself: JSON-LD (schema.org Article and its kinds), OpenGraph
 * and `<meta>` tags. Readability reads some of these too, but only a JSON-LD block whose `@type`
 * is a single string, and it never reads `<meta name="date">`-style dates or `inLanguage`.
 */
import type { PageIndex } from './dom.js';

/** What the page says of itself, each field from the first source that gives it. */
export interface PageMetadata {
  title?: string;
  authors: string[];
  /** The date as the page gives it (ISO 8601 as a rule). */
  published?: string;
  publisher?: string;
  lang?: string;
  /** Every language the page declares, in the order above (`<html lang>`, JSON-LD, og:locale, Content-Language, DC). */
  langs: string[];
  description?: string;
  url?: string;
  /** The page's first `<h1>`, the headline of a page that names none in its metadata. */
  heading?: string;
  /** The page's copyright line ("© 2024 The Riverside Courier. All rights reserved."), usually in its footer. */
  notice?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const ARTICLE_TYPE =
  /^(?:Article|NewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|BackgroundNewsArticle|Report|ScholarlyArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|TechArticle|MedicalScholarlyArticle|Review|WebPage)$/;

/** An account's user name, not a person's ("CC7567", "@jdoe_42"): one word ending in digits. The byline then comes from the page (Readability's, the visible one). */
export const USER_NAME = /^@?\S*\p{L}\S*\d{2,}$/u;

/** Reads JSON-LD, OpenGraph and meta tags; first source that says wins, JSON-LD first. */
export function pageMetadata(document: Document, html: string, index: PageIndex): PageMetadata {
  const ld = jsonLdArticle(index.jsonLd);
  // One pass over the <meta> elements: a selector per name took a fifth of extraction's time.
  const metas = new Map<string, string>();
  for (const element of index.metas) {
    const content = element.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  const meta = (...names: string[]): string | undefined => names.map((name) => metas.get(name)).find(Boolean);
  const ldAuthors = names(ld?.author ?? ld?.creator).filter((name) => !USER_NAME.test(name));
  const metaAuthor = meta('author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl');
  const authors = ldAuthors.length ? ldAuthors : metaAuthor && !/^https?:/i.test(metaAuthor) && !USER_NAME.test(metaAuthor) ? [metaAuthor] : [];
  const published =
    text(ld?.datePublished) ??
    meta(
      'article:published_time',
      'datePublished',
      'date',
      'pubdate',
      'publishdate',
      'dc.date.issued',
      'dc.date',
      'dcterms.created',
      'parsely-pub-date',
      'sailthru.date',
      'og:published_time',
    ) ??
    index.published?.getAttribute('datetime') ??
    undefined;
  const langs = [document.documentElement?.getAttribute('lang'), text(ld?.inLanguage), meta('og:locale'), meta('content-language'), meta('dc.language')].flatMap(
    (tag) => tag?.trim() || [],
  );
  const lang = langs[0];
  return {
    ...optional('title', text(ld?.headline) ?? meta('og:title', 'twitter:title')),
    authors,
    langs,
    ...optional('published', published?.trim()),
    ...optional('publisher', names(ld?.publisher)[0] ?? meta('og:site_name', 'application-name')),
    ...optional('lang', lang?.trim()),
    ...optional('description', text(ld?.description) ?? meta('og:description', 'description', 'twitter:description')),
    ...optional('url', index.canonical?.getAttribute('href') ?? meta('og:url')),
    ...optional('notice', copyrightLine(document, html, index.marks)),
    ...optional('heading', index.heading?.textContent ?? undefined),
  };
}

/** A copyright line opens with ©, "(c)" or "Copyright". */
export const COPYRIGHT_LINE = /^\s*(?:©|\(c\)\s|copyright\b)/iu;
/** Longest copyright line: a notice, not a paragraph of terms. */
const MAX_NOTICE_CHARS = 240;

const NOTICE_ELEMENTS = new Set(['P', 'SMALL', 'SPAN', 'DIV', 'LI']);

/**
 * The first short element (p, small, span, div, li) whose text opens with © or "Copyright", one
 * in a footer first. Found from the texts that hold the mark, up through their ancestors, rather
 * than by reading the text of every element of the page (which took a tenth of extraction's time).
 */
function copyrightLine(document: Document, html: string, marks: Text[]): string | undefined {
  if (!/©|&copy;|&#169;|&#xa9;|copyright/i.test(html) || !document.body) return undefined;
  const candidates: Element[] = [];
  for (const mark of marks) {
    // Every such ancestor, outermost first: the order a selector over the whole page finds them in.
    const chain: Element[] = [];
    for (let element = mark.parentElement; element; element = element.parentElement) {
      const text = element.textContent ?? '';
      if (text.length > MAX_NOTICE_CHARS * 2) break;
      if (NOTICE_ELEMENTS.has(element.tagName.toUpperCase()) && COPYRIGHT_LINE.test(text) && squash(text).length <= MAX_NOTICE_CHARS) chain.unshift(element);
    }
    for (const element of chain) if (!candidates.includes(element)) candidates.push(element);
  }
  const chosen = candidates.find((element) => element.closest('footer')) ?? candidates[0];
  return chosen ? squash(chosen.textContent ?? '') : undefined;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const clean = value?.replace(/\s+/g, ' ').trim();
  return clean ? ({ [key]: clean } as Record<K, string>) : {};
}

/** The first JSON-LD object that describes an article, searching arrays and `@graph`. */
function jsonLdArticle(scripts: Element[]): Record<string, Json> | undefined {
  for (const script of scripts) {
    let data: Json;
    try {
      data = JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json;
    } catch {
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findArticle(data: Json, depth: number): Record<string, Json> | undefined {
  if (depth > 4 || data === null || typeof data !== 'object') return undefined;
  const items = Array.isArray(data) ? data : [data, ...(Array.isArray(data['@graph']) ? data['@graph'] : [])];
  const objects = items.filter((item): item is Record<string, Json> => item !== null && typeof item === 'object' && !Array.isArray(item));
  // An article beats a WebPage in the same graph; a WebPage is used only when it names a headline.
  const typed = (pattern: (type: string) => boolean) => objects.find((item) => types(item).some(pattern) && (item.headline || item.name || item.author));
  return (
    typed((type) => ARTICLE_TYPE.test(type) && type !== 'WebPage') ??
    typed((type) => type === 'WebPage') ??
    (Array.isArray(data) ? objects.map((item) => findArticle(item, depth + 1)).find(Boolean) : undefined)
  );
}

function types(item: Record<string, Json>): string[] {
  const type = item['@type'];
  return (Array.isArray(type) ? type : [type]).filter((value): value is string => typeof value === 'string');
}

function text(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') return text(value['@value'] ?? value.name);
  return undefined;
}

/** Names of people or organisations: a string, `{ name }`, or a list of either. */
function names(value: Json | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => names(item));
  const name = typeof value === 'string' ? value : typeof value === 'object' ? text(value.name) : undefined;
  const clean = name?.replace(/\s+/g, ' ').trim();
  return clean && !/^https?:/i.test(clean) ? [clean] : [];
}
