/**
 * The features of one scraped line that tell prose from web furniture without knowing the
 * article's words: length, the share of the language's stopwords (function words are dense in
 * sentences and rare in menus), sentence punctuation, and the template's furniture words.
 * Classes as in jusText (Pomikálek 2011): good, near-good, short, bad.
 */
import { createRequire } from 'node:module';
import { compileRules, isBreadcrumb, type ExtractRules } from '../rules.js';

const require = createRequire(import.meta.url);
const STOPWORDS = require('stopwords-iso') as Record<string, string[]>;

/** jusText's thresholds (its defaults: LENGTH_LOW 70, LENGTH_HIGH 200, STOPWORDS_LOW 0.30, STOPWORDS_HIGH 0.32). */
export const LENGTH_LOW = 70;
export const LENGTH_HIGH = 200;
export const STOPWORDS_LOW = 0.3;
export const STOPWORDS_HIGH = 0.32;
/** Scripts written without spaces pack a sentence into fewer characters. */
const CJK_LENGTH_LOW = 25;
const CJK_LENGTH_HIGH = 60;

/** Longest line tested against the furniture words and patterns (a cookie notice runs to a few sentences). */
const MAX_JUNK_CHARS = 1000;

/** A line's class before its neighbours are looked at. */
export type LineClass = 'good' | 'near-good' | 'short' | 'bad' | 'junk';

/** One non-empty line of a scrape and what it looks like. */
export interface Line {
  /** Index among the scrape's non-empty lines. */
  index: number;
  text: string;
  chars: number;
  words: number;
  stopwords: number;
  /** Ends as a sentence does. */
  sentence: boolean;
  /**
   * Carries the marks of data rather than of navigation: a figure or code punctuation, on a line
   * the page prints once. A menu entry or a link to another story seldom has them; a line of a
   * results table, a race calendar, a recipe or a code listing has.
   */
  marked: boolean;
  cls: LineClass;
}

/** Scripts written without spaces between words. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CHARS = new RegExp(CJK.source, 'gu');

/** A stopword test for a language; without a list, no word is a stopword (length and punctuation still work). */
export function stopwordsOf(lang: string): Set<string> {
  return new Set(STOPWORDS[lang.toLowerCase().split('-')[0]!] ?? []);
}

/** Measures one line (its class is set by `classifyLines`, which needs the whole page). */
export function describeLine(text: string, index: number, stopwords: Set<string>): Line {
  const tokens = text
    .toLowerCase()
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  const stop = tokens.filter((token) => stopwords.has(token)).length;
  return {
    index,
    text,
    chars: text.length,
    words: tokens.length,
    stopwords: tokens.length ? stop / tokens.length : 0,
    sentence: /[.!?。！？…"”’»)\]״׳」』]$/u.test(text),
    marked: /[\p{N}{}();=<>[\]]/u.test(text),
    cls: 'bad',
  };
}

/** A line opening as a member of a JSON object does: a quoted key and a colon. */
const JSON_MEMBER = /^"[^"\s]{1,40}"\s*:\s*["[{\d]/u;

/** Below this median stopword share of a page's long lines, the list does not fit the text (Hebrew and Arabic join function words to the next word). */
const MIN_MEDIAN_STOPWORDS = 0.12;
/** jusText's thresholds suit English prose; a page whose prose has fewer stopwords gets thresholds this far below its own median. */
const HIGH_SHARE_OF_MEDIAN = 0.8;
const LOW_SHARE_OF_MEDIAN = 0.7;

/**
 * Classifies every line of a page on its own features. The stopword thresholds are jusText's,
 * lowered for a language whose list catches fewer words of its prose (measured as the median
 * share in the page's long lines); without a fitting list, sentence punctuation tells prose.
 */
export function classifyLines(lines: Line[], rules: ExtractRules): void {
  const compiled = compileRules(rules);
  const long = lines
    .filter((line) => line.words >= 10)
    .map((line) => line.stopwords)
    .sort((a, b) => a - b);
  const median = long.length ? long[Math.floor(long.length / 2)]! : 0;
  const thresholds =
    median < MIN_MEDIAN_STOPWORDS ? undefined : { high: Math.min(STOPWORDS_HIGH, median * HIGH_SHARE_OF_MEDIAN), low: Math.min(STOPWORDS_LOW, median * LOW_SHARE_OF_MEDIAN) };
  for (const line of lines) line.cls = classify(line, thresholds, compiled.junk, compiled.boilerplate);
  // Words the page prints more than once ("Tuesday November 19, 2019" under every teaser) are a template's, not a list's; a code listing's "});" may recur.
  const seen = new Map<string, number>();
  for (const line of lines) seen.set(line.text, (seen.get(line.text) ?? 0) + 1);
  for (const line of lines) if (seen.get(line.text)! > 1 && /\p{L}/u.test(line.text)) line.marked = false;
}

function classify(line: Line, stopwords: { high: number; low: number } | undefined, junk: RegExp, boilerplate: RegExp[]): LineClass {
  if (line.chars < MAX_JUNK_CHARS && (junk.test(line.text) || boilerplate.some((pattern) => pattern.test(line.text)))) return 'junk';
  if (isBreadcrumb(line.text)) return 'junk';
  if (/©|&copy;/u.test(line.text)) return 'bad';
  const cjk = CJK.test(line.text) && (line.text.match(CJK_CHARS)?.length ?? 0) > line.chars / 3;
  const [low, high] = cjk ? [CJK_LENGTH_LOW, CJK_LENGTH_HIGH] : [LENGTH_LOW, LENGTH_HIGH];
  if (line.chars < low) return 'short';
  // A member of a JSON object ('"articleBody": "The council said…"', a page's JSON-LD printed as text) is data, though its value is prose.
  if (JSON_MEMBER.test(line.text)) return 'bad';
  if (cjk || !stopwords) return line.sentence ? (line.chars > high ? 'good' : 'near-good') : 'bad';
  if (line.stopwords >= stopwords.high) return line.chars > high ? 'good' : 'near-good';
  if (line.stopwords >= stopwords.low) return 'near-good';
  return 'bad';
}
