/** The article's language when its source does not say: trigram detection (franc) mapped to BCP 47. */
import { franc, francAll } from 'franc-min';

/** Below this many letters, detection guesses; the template's default language is used instead. */
const MIN_DETECT_CHARS = 40;
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv']);

/** Detects the language of a text as a BCP 47 tag, or returns the fallback when unsure. */
export function detectLanguage(text: string, fallback: string): string {
  const code = franc(text, { minLength: MIN_DETECT_CHARS });
  if (code === 'und') return fallback;
  // CLDR's language aliases turn franc's ISO 639-3 codes into BCP 47 ones ("eng" → "en", "cmn" → "zh"),
  // without loading a 15 MB code table into every worker.
  return Intl.getCanonicalLocales(code)[0] ?? code;
}

/** How much better (as franc scores it, 1 = best) the first guess must be than the second for a block's language to be named. */
const MIN_SCORE_MARGIN = 0.05;

/** Detects which of the given languages (ISO 639-3) a block is in, or returns the fallback when the text is short or the guess close. */
export function detectAmong(text: string, candidates: string[], fallback: string): string {
  const [first, second] = francAll(text, { minLength: MIN_DETECT_CHARS, only: candidates });
  if (!first || first[0] === 'und' || (second && first[1] - second[1] < MIN_SCORE_MARGIN)) return fallback;
  return Intl.getCanonicalLocales(first[0])[0] ?? first[0];
}

/** The writing direction of a language tag. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
}
