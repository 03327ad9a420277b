/**
 * Typographer's quotes: straight double quotes in prose become the quotation marks of the
 * article's language, straight single quotes curly apostrophes and quotes. Code stays as typed.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** Opening and closing double quotation marks, by language (CLDR's delimiters): French with narrow no-break spaces inside. */
const DOUBLE_QUOTES: Record<string, [string, string]> = {
  en: ['\u201C', '\u201D'],
  de: ['\u201E', '\u201C'],
  fr: ['\u00AB\u202F', '\u202F\u00BB'],
  ru: ['\u00AB', '\u00BB'],
  uk: ['\u00AB', '\u00BB'],
  ar: ['\u00AB', '\u00BB'],
  ja: ['\u300C', '\u300D'],
};

/** The quotation marks of a language tag; English's for a language not listed. */
export function quotesFor(lang: string): [string, string] {
  return DOUBLE_QUOTES[lang.toLowerCase().split('-')[0]!] ?? DOUBLE_QUOTES.en!;
}

/** A remark plugin setting quotation marks in text nodes (never in code) for the article's language. */
export function remarkTypography({ lang = 'en' }: { lang?: string } = {}) {
  return (tree: Root): void => {
    visit(tree, 'text', (node) => {
      node.value = curlQuotes(node.value, lang);
    });
  };
}

/** Letters and digits: a quote between two of them is an apostrophe, or (double) a quote that the count decides. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const OPENS_AFTER = /[\s([{\u2014\u2013\-/]/u;

/**
 * Sets quotes by their neighbours: a double quote after a space, bracket or dash (or at the
 * start) opens, one before a space or punctuation (or at the end) closes, and one between
 * letters (Arabic بـ"الجيش) opens unless a quote is open. Single quotes curl as in English.
 */
export function curlQuotes(text: string, lang = 'en'): string {
  const [open, close] = quotesFor(lang);
  let inside = false;
  let out = '';
  const chars = [...text];
  chars.forEach((char, index) => {
    if (char !== '"') {
      out += char;
      return;
    }
    const before = chars[index - 1];
    const after = chars[index + 1];
    const opens = before === undefined || OPENS_AFTER.test(before) ? true : after === undefined || !WORD_CHAR.test(after) ? false : !inside;
    out += opens ? open : close;
    inside = opens;
  });
  return out.replace(/(^|[\s([{\u2014\u2013-])'/gu, '$1\u2018').replace(/'/g, '\u2019');
}
