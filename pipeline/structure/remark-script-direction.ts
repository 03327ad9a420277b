/**
 * Marks blocks written in another script than the article's (a Hebrew quotation in an English
 * report, a Russian paragraph in a Greek one) with their own language and direction, as
 * `data.hProperties` that mdast-util-to-hast copies onto the element: reading systems then pick
 * fonts, hyphenation and bidi order for the block. Blocks in the article's own script are left
 * alone; they inherit the document's `lang` and `dir`.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { declaredFits, detectAmong, detectLanguage } from './language.js';

/** A writing system, the language assumed when detection is unsure, and its direction. */
interface Script {
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

/** Block types that carry their own `lang` and `dir` when their script differs. */
const BLOCKS = new Set(['paragraph', 'heading', 'figureCaption', 'tableCell', 'copyright']);

/** A remark plugin setting `lang` and `dir` on blocks whose script differs from the article's; `plausible`: BCP 47 tags preferred on a short block (the template's languages). */
export function remarkScriptDirection(plausible: readonly string[] = []) {
  return (tree: Root): void => {
    const main = dominantScript(toString(tree));
    if (!main) return;
    visit(tree, (node) => {
      if (!BLOCKS.has(node.type)) return;
      const text = toString(node);
      const script = dominantScript(text);
      if (!script || script.name === main.name) return;
      const lang = languageOf(text, script, plausible);
      const properties: Record<string, string> = { lang };
      if (script.dir !== main.dir) properties.dir = script.dir;
      node.data = { ...node.data, hProperties: { ...(node.data as { hProperties?: object } | undefined)?.hProperties, ...properties } };
    });
  };
}

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
function languageOf(text: string, script: Script, plausible: readonly string[] = []): string {
  return script.candidates ? detectAmong(text, script.candidates, script.fallbackLang, plausible) : script.fallbackLang;
}
