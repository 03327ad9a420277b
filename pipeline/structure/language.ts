/**
 * The article's language when its source does not say: trigram detection (franc) mapped to BCP 47.
 * On a short text franc cannot tell close languages apart (a 58-character Russian line scores
 * Serbian 1.00, Bulgarian 0.94, Russian 0.93), so there a plausible language (the one the source
 * declares, the template's) scored near franc's best is taken instead. The scripts (Latin,
 * Cyrillic, Arabic, Han, …) a text is written in decide which languages are candidates, and whether
 * a declared language can be the text's at all; extraction and structure both ask this module.
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

/** A writing system, the language assumed when detection is unsure, and its direction. */
export interface Script {
  name: string;
  letters: RegExp;
  fallbackLang: string;
  dir: 'ltr' | 'rtl';
  /** ISO 639-3 codes of the languages commonly written in it, when there are several to tell apart. */
  candidates?: string[];
  /** ISO 15924 codes a language written in it has as its likely script (CLDR's, through `Intl.Locale.maximize`). */
  iso: string[];
}

/** The scripts told apart; the order only breaks ties. Kana before Han, so Japanese is not taken for Chinese. */
const SCRIPTS: Script[] = [
  {
    name: 'Latin',
    iso: ['Latn'],
    letters: /\p{Script=Latin}/gu,
    fallbackLang: 'en',
    dir: 'ltr',
    candidates: [
      'eng',
      'fra',
      'deu',
      'spa',
      'ita',
      'por',
      'nld',
      'pol',
      'tur',
      'vie',
      'ind',
      'ron',
      'swe',
      'ces',
      'hun',
      'hrv',
      'slk',
      'tgl',
      'swh',
      'uzn',
      'azj',
      'som',
      'hau',
      'yor',
      'ibo',
    ],
  },
  { name: 'Cyrillic', iso: ['Cyrl'], letters: /\p{Script=Cyrillic}/gu, fallbackLang: 'ru', dir: 'ltr', candidates: ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd', 'kaz'] },
  { name: 'Greek', iso: ['Grek'], letters: /\p{Script=Greek}/gu, fallbackLang: 'el', dir: 'ltr' },
  { name: 'Hebrew', iso: ['Hebr'], letters: /\p{Script=Hebrew}/gu, fallbackLang: 'he', dir: 'rtl' },
  { name: 'Arabic', iso: ['Arab'], letters: /\p{Script=Arabic}/gu, fallbackLang: 'ar', dir: 'rtl', candidates: ['arb', 'pes', 'urd', 'pbu', 'skr'] },
  { name: 'Kana', iso: ['Jpan'], letters: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, fallbackLang: 'ja', dir: 'ltr' },
  { name: 'Han', iso: ['Hans', 'Hant', 'Hani', 'Jpan', 'Kore'], letters: /\p{Script=Han}/gu, fallbackLang: 'zh', dir: 'ltr' },
  { name: 'Hangul', iso: ['Kore'], letters: /\p{Script=Hangul}/gu, fallbackLang: 'ko', dir: 'ltr' },
  { name: 'Devanagari', iso: ['Deva'], letters: /\p{Script=Devanagari}/gu, fallbackLang: 'hi', dir: 'ltr', candidates: ['hin', 'mar', 'npi', 'mai', 'bho'] },
  { name: 'Thai', iso: ['Thai'], letters: /\p{Script=Thai}/gu, fallbackLang: 'th', dir: 'ltr' },
  { name: 'Armenian', iso: ['Armn'], letters: /\p{Script=Armenian}/gu, fallbackLang: 'hy', dir: 'ltr' },
  { name: 'Georgian', iso: ['Geor'], letters: /\p{Script=Georgian}/gu, fallbackLang: 'ka', dir: 'ltr' },
  { name: 'Syriac', iso: ['Syrc'], letters: /\p{Script=Syriac}/gu, fallbackLang: 'syr', dir: 'rtl' },
  { name: 'Thaana', iso: ['Thaa'], letters: /\p{Script=Thaana}/gu, fallbackLang: 'dv', dir: 'rtl' },
];

/** Share of a Han text that must be kana for it to count as Japanese (kanji outnumber kana in news prose). */
const KANA_SHARE_FOR_JAPANESE = 0.1;

/** The language of a whole article: trigram detection for Latin text, the languages of its script otherwise (franc-min knows no Hebrew, for one); `plausible` as for detectLanguage. */
export function articleLanguage(text: string, fallback: string, plausible: readonly string[] = []): string {
  const script = dominantScript(text);
  return !script || script.name === 'Latin' ? detectLanguage(text, fallback, plausible) : languageOf(text, script, plausible);
}

/**
 * Whether a language the source declares can be the language of its text: the language's likely
 * script (CLDR's, or the tag's own script subtag) is the text's, and on a long text franc scores it
 * near its best (declaredFits). A template's `lang="en"` left on a Chinese or Russian page is not,
 * nor `lang="de"` over an English article; "pt-BR" on a Portuguese page, "sr" on a Cyrillic one are.
 */
export function plausibleLanguage(tag: string, text: string): boolean {
  const script = dominantScript(text);
  if (!script) return true;
  let likely: string | undefined;
  try {
    likely = new Intl.Locale(tag.replace(/_/g, '-')).maximize().script;
  } catch {
    return false;
  }
  return (!likely || script.iso.includes(likely)) && declaredFits(tag, text);
}

/** The script most letters of a text are written in, or undefined for a text without letters. */
export function dominantScript(text: string): Script | undefined {
  let best: Script | undefined;
  let bestCount = 0;
  const counts = new Map<string, number>();
  for (const script of SCRIPTS) {
    const count = text.match(script.letters)?.length ?? 0;
    counts.set(script.name, count);
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  // Japanese mixes kanji with kana; a Han text with a fair share of kana is Japanese.
  const kana = counts.get('Kana') ?? 0;
  const han = counts.get('Han') ?? 0;
  if (best?.name === 'Han' && kana >= (kana + han) * KANA_SHARE_FOR_JAPANESE) return SCRIPTS.find((script) => script.name === 'Kana');
  return best;
}

/** The language of a block: detected among the languages of its script when the text is long enough, else the script's usual one. */
export function languageOf(text: string, script: Script, plausible: readonly string[] = []): string {
  return script.candidates ? detectAmong(text, script.candidates, script.fallbackLang, plausible) : script.fallbackLang;
}
