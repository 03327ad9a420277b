/**
 * The article's language when its source does not say: trigram detection (franc) mapped to BCP 47.
 * On a short text franc cannot tell close languages apart (a 58-character Russian line scores
 * Serbian 1.00, Bulgarian 0.94, Russian 0.93), so there a plausible language (the one the source
 * declares, the template's) scored near franc's best is taken instead.
 */
import { franc, francAll } from 'franc-min';
import { data as TRIGRAMS } from 'franc-min/data.js';

/** Below this many letters, detection guesses; the template's default language is used instead. */
const MIN_DETECT_CHARS = 40;
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv']);
/** Below this many letters a text is short: franc's first guess among close languages is not to be trusted. */
const SHORT_TEXT_LETTERS = 300;
/** On a short text, a plausible language scored within this much of franc's best (1 = best) is taken instead. */
const SHORT_TEXT_MARGIN = 0.1;

/** BCP 47 language → franc's ISO 639-3 code, for the languages franc-min has trigrams for ("ru" → "rus"). */
const FRANC_CODES = new Map<string, string>();
for (const codes of Object.values(TRIGRAMS)) for (const code of Object.keys(codes)) if (!FRANC_CODES.has(toBcp47(code))) FRANC_CODES.set(toBcp47(code), code);

/** franc's code (ISO 639-3) as BCP 47. CLDR's language aliases do it ("eng" → "en", "cmn" → "zh") without loading a 15 MB code table into every worker. */
function toBcp47(code: string): string {
  return Intl.getCanonicalLocales(code)[0] ?? code;
}

/** The language subtag of a BCP 47 tag ("pt-BR" → "pt"), lower-cased. */
export function baseLanguage(tag: string): string {
  try {
    return new Intl.Locale(tag.replace(/_/g, '-')).language;
  } catch {
    return tag.toLowerCase().split(/[-_]/)[0]!;
  }
}

/** Detects the language of a text as a BCP 47 tag, or returns the fallback when unsure. `plausible`: BCP 47 tags preferred on a short text. */
export function detectLanguage(text: string, fallback: string, plausible: readonly string[] = []): string {
  if (!plausible.length) {
    const code = franc(text, { minLength: MIN_DETECT_CHARS });
    return code === 'und' ? fallback : toBcp47(code);
  }
  const ranked = francAll(text, { minLength: MIN_DETECT_CHARS });
  const best = ranked[0];
  if (!best || best[0] === 'und') return fallback;
  return toBcp47(preferredOnShortText(text, ranked, plausible) ?? best[0]);
}

/** How much better (as franc scores it, 1 = best) the first guess must be than the second for a block's language to be named. */
const MIN_SCORE_MARGIN = 0.05;

/** Detects which of the given languages (ISO 639-3) a block is in, or returns the fallback when the text is short or the guess close. */
export function detectAmong(text: string, candidates: string[], fallback: string, plausible: readonly string[] = []): string {
  const ranked = francAll(text, { minLength: MIN_DETECT_CHARS, only: candidates });
  const [first, second] = ranked;
  if (!first || first[0] === 'und') return fallback;
  const preferred = preferredOnShortText(text, ranked, plausible);
  if (preferred) return toBcp47(preferred);
  if (second && first[1] - second[1] < MIN_SCORE_MARGIN) return fallback;
  return toBcp47(first[0]);
}

/** On a short text whose best guess is not plausible, the best plausible language scored within SHORT_TEXT_MARGIN of it (franc's code), if any. */
function preferredOnShortText(text: string, ranked: Array<[string, number]>, plausible: readonly string[]): string | undefined {
  if (!plausible.length || (text.match(/\p{L}/gu)?.length ?? 0) >= SHORT_TEXT_LETTERS) return undefined;
  const codes = new Set(plausible.flatMap((tag) => FRANC_CODES.get(baseLanguage(tag)) ?? []));
  const [best] = ranked;
  if (!best || codes.has(best[0])) return undefined;
  return ranked.find(([code, score]) => codes.has(code) && best[1] - score <= SHORT_TEXT_MARGIN)?.[0];
}

/** At least this many letters, a text is long enough for franc to judge a declared language: its scores for related languages then lie within a thousandth or so of each other, for unrelated ones some hundredths apart. */
const LONG_TEXT_LETTERS = 1000;
/** Characters of a text franc reads to judge a declared language. */
const JUDGE_SAMPLE_CHARS = 4000;
/** A declared language scored more than this below franc's best on a long text is not the text's (English declared on a German page: 0.970; Indonesian against Malay, the closest pair in the dataset: 0.999). */
const DECLARED_MARGIN = 0.01;

/**
 * Whether franc agrees that a long text may be in the declared language: true on a short text,
 * for a language franc-min has no trigrams for, or when the declared language scores near franc's
 * best. A page that declares `lang="de"` over an English article is judged so on its text.
 */
export function declaredFits(tag: string, text: string): boolean {
  const code = FRANC_CODES.get(baseLanguage(tag));
  const sample = text.slice(0, JUDGE_SAMPLE_CHARS);
  if (!code || (sample.match(/\p{L}/gu)?.length ?? 0) < LONG_TEXT_LETTERS) return true;
  const ranked = francAll(sample);
  const best = ranked[0];
  if (!best || best[0] === 'und' || best[0] === code) return true;
  const declared = ranked.find(([candidate]) => candidate === code);
  return !!declared && best[1] - declared[1] <= DECLARED_MARGIN;
}

/** The writing direction of a language tag. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
}
