/**
 * Step 3a: hyphenation points from Liang's TeX patterns (the `hyphen` package) in the article's
 * language, restricted to what a copy editor allows: words of six letters or more, never URLs,
 * capitalised words only in languages that capitalise nouns (German) or, elsewhere, when the line
 * breaker's last-resort passes ask for them (`{ capitalised: true }`), all-caps words never; and
 * no fragment shorter than the language's minimums (TeX's `\lefthyphenmin` and
 * `\righthyphenmin`, template data: English 2/3, so never "print-ed" or "real-ly").
 */
import { createRequire } from 'node:module';
import type { HyphenationRules } from '../../types.js';

/** Shortest word, in letters, that may be hyphenated. */
export const MIN_HYPHENATED_WORD_LETTERS = 6;
/**
 * Rules when the template gives none for a language: what the `hyphen` package applies by
 * itself (it keeps two letters on each side, ../shared/notes/microtype.md §4).
 */
export const DEFAULT_HYPHENATION: HyphenationRules = { left: 2, right: 2, capitalised: false };

/** Returns the offsets inside a word where a hyphen may be inserted; `capitalised` allows a capitalised word where the language's rules do not. */
export type Hyphenator = (word: string, options?: { capitalised?: boolean }) => number[];

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
const LOWERCASE_WORD = /^\p{Ll}+$/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;

/** The pattern modules to try for a BCP 47 tag, most specific first (`hyphen` names them its own way). */
function candidates(lang: string): string[] {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  const special: Record<string, string> = { en: 'en-us', de: 'de-1996', el: 'el-monoton', sr: 'sr-cyrl', mn: 'mn-cyrl' };
  const list = [tag, tag.split('-').slice(0, 2).join('-'), special[primary] ?? primary, primary];
  return [...new Set(list)].filter((name) => /^[a-z0-9-]+$/.test(name));
}

/** The rules of a language: its full tag's, else its primary subtag's, else the template's `default`, else DEFAULT_HYPHENATION. */
export function hyphenationRules(lang: string, table: Record<string, HyphenationRules> = {}): HyphenationRules {
  const tag = lang.toLowerCase();
  return table[tag] ?? table[tag.split('-')[0] ?? tag] ?? table.default ?? DEFAULT_HYPHENATION;
}

function load(lang: string, rules: HyphenationRules): Hyphenator | undefined {
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
    return (word, options) => {
      if (!LOWERCASE_WORD.test(word) && !((rules.capitalised || options?.capitalised) && CAPITALISED_WORD.test(word))) return [];
      let points = words.get(word);
      if (!points) {
        const marked = module.hyphenateSync(word.toLowerCase(), { hyphenChar: MARK, minWordLength: MIN_HYPHENATED_WORD_LETTERS });
        const letters = [...word].length;
        points = [];
        let at = 0;
        let count = 0;
        for (const char of marked) {
          if (char === MARK) {
            if (count >= rules.left && letters - count >= rules.right) points.push(at);
          } else {
            at += char.length;
            count += 1;
          }
        }
        if (words.size >= MAX_CACHED_WORDS) words.clear();
        words.set(word, points);
      }
      return points;
    };
  }
  return undefined;
}

/** The hyphenator for a language under the template's rules, or undefined when the package has no patterns for it. */
export function hyphenatorFor(lang: string, table: Record<string, HyphenationRules> = {}): Hyphenator | undefined {
  const rules = hyphenationRules(lang, table);
  const key = `${lang}\u0000${rules.left}/${rules.right}/${rules.capitalised ? 1 : 0}`;
  if (!hyphenators.has(key)) hyphenators.set(key, load(lang, rules));
  return hyphenators.get(key);
}

/** Where `word` (a run of letters) may take a hyphen under the house rules (empty for short words and words the language's rules leave whole). */
export function hyphenationPoints(hyphenator: Hyphenator | undefined, word: string): number[] {
  if (!hyphenator || word.length < MIN_HYPHENATED_WORD_LETTERS) return [];
  return hyphenator(word);
}
