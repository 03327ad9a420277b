/**
 * The extract stage: the article inside what was read. A saved web page goes through
 * Readability and the page's metadata (html/); a whole-page text scrape through the line
 * classifier (scrape/); Markdown is already an article and passes through. Everything dropped
 * is listed with its line and rule; metadata found here is never invented, only read.
 */
import type { Root } from 'mdast';
import type { ParsedArticle } from '../parse/index.js';
import type { Source } from '../read/index.js';
import { detectLanguage } from '../structure/language.js';
import type { ArticleMeta, Diagnostic } from '../types.js';
import { extractHtml } from './html/index.js';
import type { ExtractRules } from './rules.js';
import { extractScrape } from './scrape/index.js';

export type { ExtractRules, LanguageWords } from './rules.js';
export { expandCreditPatterns } from './rules.js';
export { normaliseDate } from './dates.js';
export { parseByline } from './byline.js';

/** An article found in its source: its tree, what the page said of it, and what was dropped. */
export interface ExtractedArticle extends ParsedArticle {
  /** Metadata the page gives (headline, byline, date, publisher, language…). */
  meta: Partial<ArticleMeta>;
  diagnostics: Diagnostic[];
  /** For HTML: the article's own text, which the books must keep (a page's other text is not the article's). */
  text?: string;
}

/** Most characters of a scrape's longest lines used to guess its language: prose, not menus. */
const LANGUAGE_SAMPLE_CHARS = 3000;

/** Finds the article in a parsed source. */
export function extractArticle(parsed: ParsedArticle, source: Source, rules: ExtractRules): ExtractedArticle {
  if (source.kind === 'html') {
    const found = extractHtml(source.text, source.file, rules);
    return { tree: found.tree, frontMatter: {}, meta: found.meta, diagnostics: found.diagnostics, text: found.text };
  }
  if (source.kind === 'scrape') {
    const lang = scrapeLanguage(parsed.tree, rules.defaultLang, Object.keys(rules.languages));
    const found = extractScrape(parsed.tree, source.file, rules, lang);
    return { tree: found.tree, frontMatter: {}, meta: found.meta, diagnostics: found.diagnostics };
  }
  return { ...parsed, meta: {}, diagnostics: [] };
}

/** A scrape's language from its longest lines; on a short scrape the template's languages are preferred (see detectLanguage). */
function scrapeLanguage(tree: Root, fallback: string, plausible: string[]): string {
  const lines = tree.children.flatMap((node) => (node.type === 'paragraph' && node.children[0]?.type === 'text' ? [node.children[0].value] : []));
  lines.sort((a, b) => b.length - a.length);
  let sample = '';
  for (const line of lines) {
    if (sample.length > LANGUAGE_SAMPLE_CHARS) break;
    sample += `${line}\n`;
  }
  return detectLanguage(sample, fallback, [fallback, ...plausible]);
}
