/**
 * Typography of prose: straight double quotes become the quotation marks of the article's
 * language, straight single quotes curly apostrophes and quotes; a spaced hyphen or a double
 * hyphen becomes the dash the language sets; a hyphen between two numbers (a range, "24-30",
 * a score, "5-2") becomes an en dash. Code stays as typed.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/** What a spaced dash is set as, by primary language subtag: news English takes a spaced em dash (AP style), the rest a spaced en dash. */
export const SPACED_DASH: Readonly<Record<string, string>> = { en: ' \u2014 ' };
/** A spaced en dash, what most European languages set between clauses. */
const SPACED_EN_DASH = ' \u2013 ';

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

/** A remark plugin setting quotation marks and dashes in text nodes (never in code) for the article's language. */
export function remarkTypography({ lang = 'en' }: { lang?: string } = {}) {
  return (tree: Root): void => {
    visit(tree, 'text', (node) => {
      node.value = setDashes(curlQuotes(node.value, lang), lang);
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

/**
 * Dashes: " - " and " -- " become the language's spaced dash, "--" between words an em dash,
 * and a hyphen between two numbers an en dash, unless the numbers are part of a longer chain
 * (a date 2024-05-14, a telephone number 1-800-555-0100) or look like one (555-0100).
 */
export function setDashes(text: string, lang: string): string {
  const spaced = SPACED_DASH[lang.toLowerCase().split('-')[0] ?? ''] ?? SPACED_EN_DASH;
  return text
    .replace(/ +-{1,2} +/g, spaced)
    .replace(/(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])/gu, '\u2014')
    .replace(/(?<![\p{L}\p{N}\-/.,:])(\d{1,4})-(\d{1,4})(?![\p{L}\p{N}\-/:]|[.,]\d)/gu, (whole, from: string, to: string) =>
      from.length === 3 && to.length === 4 ? whole : `${from}\u2013${to}`,
    );
}
