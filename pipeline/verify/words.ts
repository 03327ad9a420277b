/**
 * Words as the fidelity check compares them: a multiset of normalised words, blind to what
 * typesetting legitimately changes (quote shapes, dash shapes, letter case, compatibility
 * forms such as ligatures) and to where a line or a hyphen broke a word.
 */

/**
 * Scripts whose lines may break between any two letters: compared letter by letter. Chinese,
 * Japanese (with the kana length mark, whose script is Common) and Thai are written without
 * spaces; Korean is spaced, but a line may break between two syllables of a word.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Hangul}\u30FC\uFF70]/u;
const UNSPACED_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Hangul}\u30FC\uFF70]/gu;
/** A word: letters, marks and digits, with apostrophes and hyphens inside it. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['-]+[\p{L}\p{M}\p{N}]+)*/gu;

/** A multiset of words: word → how many times it occurs. */
export type WordBag = Map<string, number>;

/** Unifies what typesetting may change: compatibility forms, quotes, dashes, case; invisible characters (soft hyphens, joiners, variation selectors) are not compared. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F]|\uDB40[\uDD00-\uDDEF]/g, '')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .toUpperCase()
    .toLowerCase();
}

/** Hyphens and dashes a printed line may end with, inside a word or after it. */
const LINE_END_DASH = '-\u2010\u2011\u2013\u2014';
const PART = `[\\p{L}\\p{M}\\p{N}'\u2019]`;
const BREAK = `[${LINE_END_DASH}][ \\t]*\\n[ \\t]*`;
/** A word (letters, digits, inner hyphens or dashes, on either side of a break: "top-\nof-the-line") broken at the ends of one or more lines after a hyphen or dash. */
const BROKEN_WORD = new RegExp(`(?:${PART}|[${LINE_END_DASH}](?=${PART}))*${PART}(?:${BREAK}${PART}+(?:[${LINE_END_DASH}]${PART}+)*)+`, 'gu');

/**
 * Joins words that a printed line broke after a hyphen or dash. A line end after "repre-",
 * "well-" (of "well-known"), "travel—" (of "travel—bag") or "1990–" (of "1990–2000") is inside a
 * word, but one after the suspended hyphen of "browser- and" or a spaced dash is between two
 * words, and the printed text alone cannot tell them apart. With `isWord`, which says whether a
 * normalised word is one the source holds, a line end is joined only when the joined word is
 * one; without it, a hyphen between letters is joined, as a reader would.
 */
export function joinHyphenatedLines(text: string, isWord?: (word: string) => boolean): string {
  if (!isWord) return text.replace(/([\p{L}\p{M}])-[ \t]*\n[ \t]*(?=[\p{L}\p{M}])/gu, '$1');
  const single = (candidate: string): boolean => {
    const found = words(candidate);
    return found.length === 1 && isWord(found[0]!);
  };
  const unbreak = (part: string): string => part.replace(new RegExp(`([${LINE_END_DASH}])[ \\t]*\\n[ \\t]*`, 'gu'), '$1');
  return text.replace(BROKEN_WORD, (whole) => {
    if (single(unbreak(whole))) return unbreak(whole);
    // Several line ends inside one stretch (a narrow column): each is judged with its neighbours.
    const parts = whole.split(new RegExp(`(${BREAK})`, 'u'));
    let out = parts[0] ?? '';
    for (let i = 1; i + 1 < parts.length; i += 2) {
      const left = out.split(/\s/).pop() ?? '';
      const right = parts[i + 1] ?? '';
      const dash = (parts[i] ?? '').charAt(0);
      out += single(`${left}${dash}${right}`) ? `${dash}${right}` : `${parts[i]}${right}`;
    }
    return out;
  });
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
