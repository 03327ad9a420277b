/**
 * Step 3a: hyphenation points from Liang's TeX patterns (the `hyphen` package) in the article's
 * language, restricted to what a copy editor allows: lowercase words of six letters or more,
 * never URLs or capitalised words (proper nouns).
 */
import { createRequire } from 'node:module';

/** Shortest word, in letters, that may be hyphenated. */
export const MIN_HYPHENATED_WORD_LETTERS = 6;

/** Returns the offsets inside a word where a hyphen may be inserted. */
export type Hyphenator = (word: string) => number[];

interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

function isHyphenModule(value: unknown): value is HyphenModule {
  return typeof value === 'object' && value !== null && 'hyphenateSync' in value && typeof value.hyphenateSync === 'function';
}

const require = createRequire(import.meta.url);
const hyphenators = new Map<string, Hyphenator | undefined>();
/** Words remembered per language before the cache is emptied. */
const MAX_CACHED_WORDS = 100_000;
/** A character no word contains, used as the hyphen marker between the package and us. */
const MARK = '\u0001';
const WORD_ONLY = /^\p{Ll}+$/u;

/** The pattern modules to try for a BCP 47 tag, most specific first (`hyphen` names them its own way). */
function candidates(lang: string): string[] {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  const special: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton', sr: 'sr-cyrl', mn: 'mn-cyrl' };
  const list = [tag, tag.split('-').slice(0, 2).join('-'), special[primary] ?? primary, primary];
  return [...new Set(list)].filter((name) => /^[a-z0-9-]+$/.test(name));
}

function load(lang: string): Hyphenator | undefined {
  for (const name of candidates(lang)) {
    let loaded: unknown;
    try {
      loaded = require(`hyphen/${name}`);
    } catch {
      continue;
    }
    if (!isHyphenModule(loaded)) continue;
    const module = loaded;
    const words = new Map<string, number[]>();
    return (word) => {
      let points = words.get(word);
      if (!points) {
        const marked = module.hyphenateSync(word, { hyphenChar: MARK, minWordLength: MIN_HYPHENATED_WORD_LETTERS });
        points = [];
        let at = 0;
        for (const char of marked) {
          if (char === MARK) points.push(at);
          else at += char.length;
        }
        if (words.size >= MAX_CACHED_WORDS) words.clear();
        words.set(word, points);
      }
      return points;
    };
  }
  return undefined;
}

/** The hyphenator for a language, or undefined when the package has no patterns for it. */
export function hyphenatorFor(lang: string): Hyphenator | undefined {
  if (!hyphenators.has(lang)) hyphenators.set(lang, load(lang));
  return hyphenators.get(lang);
}

/** Where `word` may take a hyphen under the house rules (empty for proper nouns, URLs, short words). */
export function hyphenationPoints(hyphenator: Hyphenator | undefined, word: string): number[] {
  if (!hyphenator || word.length < MIN_HYPHENATED_WORD_LETTERS) return [];
  if (!WORD_ONLY.test(word)) return [];
  return hyphenator(word);
}
