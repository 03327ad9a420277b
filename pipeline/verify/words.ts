/**
 * Words as the fidelity check compares them: a multiset of normalised words, blind to what
 * typesetting legitimately changes (quote shapes, dash shapes, letter case, compatibility
 * forms such as ligatures) and to where a line or a hyphen broke a word.
 */

/** Scripts written without spaces between words: compared letter by letter, since a line may break anywhere in them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/gu;
/** A word: letters, marks and digits, with apostrophes and hyphens inside it. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['-]+[\p{L}\p{M}\p{N}]+)*/gu;

/** A multiset of words: word → how many times it occurs. */
export type WordBag = Map<string, number>;

/** Unifies what typesetting may change: compatibility forms, quotes, dashes, case. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .toUpperCase()
    .toLowerCase();
}

/**
 * Joins words a printed line broke with a hyphen ("repre-" / "sentatives"); hyphens are
 * dropped from every word anyway, so a compound broken at its own hyphen matches too.
 */
export function joinHyphenatedLines(text: string): string {
  return text.replace(/([\p{L}\p{M}])-[ \t]*\n[ \t]*(?=[\p{L}\p{M}])/gu, '$1');
}

/** The normalised words of a text, in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of normaliseText(text).matchAll(WORD)) {
    const word = match[0].replace(/-/g, '').replace(/^'+|'+$/g, '');
    if (!word) continue;
    if (UNSPACED.test(word)) {
      // Keep the spaced parts (Latin digits inside CJK text) as words and the rest letter by letter.
      for (const part of word.split(UNSPACED_CHAR)) if (part) out.push(part);
      for (const char of word.match(UNSPACED_CHAR) ?? []) out.push(char);
    } else out.push(word);
  }
  return out;
}

/** Counts words into a multiset. */
export function bagOf(list: Iterable<string>): WordBag {
  const bag: WordBag = new Map();
  for (const word of list) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/** What `bag` holds beyond `excused`, each word as many times as it is in excess (a multiset difference). */
export function subtract(bag: WordBag, excused: WordBag): WordBag {
  const left: WordBag = new Map();
  for (const [word, count] of bag) {
    const rest = count - (excused.get(word) ?? 0);
    if (rest > 0) left.set(word, rest);
  }
  return left;
}
