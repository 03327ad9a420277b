/**
 * The features of one scraped line that tell prose from web furniture without knowing the
 * article's words: length, the share of the language's stopwords (function words are dense in
 * sentences and rare in menus), sentence punctuation, and the template's furniture words.
 * Classes as in jusText (Pomikálek 2011): good, near-good, short, bad.
 */
import { createRequire } from 'node:module';
import { compileRules, type ExtractRules } from '../rules.js';

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
const MAX_JUNK_CHARS = 600;

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
  cls: LineClass;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A stopword test for a language; without a list, no word is a stopword (length and punctuation still work). */
export function stopwordsOf(lang: string): Set<string> {
  return new Set(STOPWORDS[lang.toLowerCase().split('-')[0]!] ?? []);
}

/** Measures and classifies one line on its own. */
export function describeLine(text: string, index: number, stopwords: Set<string>, rules: ExtractRules): Line {
  const compiled = compileRules(rules);
  const tokens = text.toLowerCase().split(/\s+/).map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
  const stop = tokens.filter((token) => stopwords.has(token)).length;
  const line: Line = {
    index,
    text,
    chars: text.length,
    words: tokens.length,
    stopwords: tokens.length ? stop / tokens.length : 0,
    sentence: /[.!?。！？…"”’»)\]״׳」』]$/u.test(text),
    cls: 'bad',
  };
  line.cls = classify(line, stopwords.size > 0, compiled.junk, compiled.boilerplate);
  return line;
}

function classify(line: Line, hasStopwords: boolean, junk: RegExp, boilerplate: RegExp[]): LineClass {
  if (line.chars < MAX_JUNK_CHARS && (junk.test(line.text) || boilerplate.some((pattern) => pattern.test(line.text)))) return 'junk';
  if (/©|&copy;/u.test(line.text)) return 'bad';
  const cjk = CJK.test(line.text) && (line.text.match(new RegExp(CJK.source, 'gu'))?.length ?? 0) > line.chars / 3;
  const [low, high] = cjk ? [CJK_LENGTH_LOW, CJK_LENGTH_HIGH] : [LENGTH_LOW, LENGTH_HIGH];
  if (line.chars < low) return 'short';
  if (cjk || !hasStopwords) return line.sentence ? (line.chars > high ? 'good' : 'near-good') : 'bad';
  if (line.stopwords >= STOPWORDS_HIGH) return line.chars > high ? 'good' : 'near-good';
  if (line.stopwords >= STOPWORDS_LOW) return 'near-good';
  return 'bad';
}
