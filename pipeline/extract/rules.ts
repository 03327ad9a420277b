/**
 * The words extraction needs, as data from the template, one list per language: what opens a
 * byline ("By", "Von", "Par"), what joins two names, what marks a photo credit ("Photo",
 * "Foto"), what opens a dateline ("Published", "Aktualisiert"), web furniture ("Share",
 * "Anzeige") and job titles that follow a name. Compiled once per template into patterns that
 * accept every language's words: a page in one language often carries another's furniture.
 */
import type { ScrapeRules } from '../structure/index.js';

/** One language's words (see the module comment). */
export interface LanguageWords {
  byline: string[];
  and: string[];
  credit: string[];
  dateline: string[];
  junk: string[];
  roles: string[];
  /** Headings that open readers' comments, where an article has ended. */
  comments: string[];
}

/** What extraction reads from the template. */
export interface ExtractRules extends ScrapeRules {
  /** Language assumed when the article does not say and detection is unsure. */
  defaultLang: string;
  languages: Record<string, LanguageWords>;
}

/** The template's words compiled into patterns. */
export interface CompiledRules {
  /** A byline: its opening word, then the rest. */
  byline: RegExp;
  /** A byline word set as a label, with a colon ("Author:", "责任编辑："): the rest is group 1. */
  labelled: RegExp;
  /** Words that join names in a byline. */
  and: RegExp;
  /** A job title or desk after a name ("Staff Writer"). */
  role: RegExp;
  /** A line that is a dateline's opening word ("Published", "Updated 6:42 AM"). */
  dateline: RegExp;
  /** A line that opens the readers' comments ("Comments (12)", "[ 167 comments ]"). */
  comments: RegExp;
  /** A whole line of web furniture. */
  junk: RegExp;
  /** The template's own boilerplate patterns. */
  boilerplate: RegExp[];
  /** The template's credit patterns: a caption's trailing photo credit. */
  credits: RegExp[];
  /** A credit's label set as a label, not as words: "Credit…", or run into the name ("CreditCreditChang W. Lee"); group 1. */
  creditLabel: RegExp;
  /** A text that opens as a credit does: "Photo by", "Photo:", "Credit…", "CreditChang W. Lee". */
  creditOpening: RegExp;
  /** A line that is a photo credit alone ("Al Goldis, Associated Press"): see creditLinePattern. */
  creditLine: RegExp;
}

/** Longest line read as a breadcrumb when it ends in a separator. */
export const MAX_BREADCRUMB_CHARS = 60;

/**
 * A section name left open by its separator ("TRD NATIONAL /", "News ›", "Sport »") is a
 * breadcrumb or a "more" link, not a heading: a heading closes, a path points on. Marks, not words,
 * so it holds in every language.
 */
export function isBreadcrumb(text: string): boolean {
  return text.length <= MAX_BREADCRUMB_CHARS && /\S\s+[/|›»>]$/u.test(text);
}

const compiled = new WeakMap<ExtractRules, CompiledRules>();

/** Compiles (once per rules object) the per-language words into patterns. */
export function compileRules(rules: ExtractRules): CompiledRules {
  const cached = compiled.get(rules);
  if (cached) return cached;
  const all = (field: keyof LanguageWords): string => {
    const words = [...new Set(Object.values(rules.languages).flatMap((language) => language[field]))];
    // Longest first, so "Share this article" is tried before "Share".
    return (
      words
        .sort((a, b) => b.length - a.length)
        .map(wordPattern)
        .join('|') || '(?!)'
    );
  };
  const result: CompiledRules = {
    // A full-width colon is a colon in Chinese and Japanese text ("作者：").
    byline: new RegExp(`^(?:${all('byline')})(?=[\\s:：]|$)[\\s:：]*(.*)$`, 'iu'),
    labelled: new RegExp(`^(?:${all('byline')})\\s*[:：]\\s*(.*)$`, 'iu'),
    // Names are listed with commas (the last perhaps with "and" after it: "A, B, and C"), and in Chinese and Japanese with "、" or a full-width comma.
    and: new RegExp(`\\s*(?:[,;、，]\\s*(?:(?:${all('and')})\\s+)?|&|\\s(?:${all('and')})\\s)\\s*`, 'iu'),
    role: new RegExp(`(?:^|\\s)(?:${all('roles')})(?:\\s|$)`, 'iu'),
    // The word ends where no letter follows: \b knows only ASCII letters, so "Publié", "Опубликовано" and "发布时间" never ended there.
    dateline: new RegExp(`^(?:${all('dateline')})(?![\\p{L}\\p{N}_])`, 'iu'),
    comments: new RegExp(`^[\\[(\\s]*(?:\\d[\\d,.]*\\s*)?(?:${all('comments')})(?:\\s*[(\\[]?\\s*\\d[\\d,.]*\\s*[)\\]]?)?[\\s\\])]*$`, 'iu'),
    junk: new RegExp(`^(?:${all('junk')})(?:[\\s:|•·,/-]*(?:${all('junk')}|\\d{1,6}))*[\\s:|•·.!…>»-]*$`, 'iu'),
    boilerplate: rules.boilerplate.map((source) => new RegExp(source, 'iu')),
    credits: rules.creditPatterns.map((source) => new RegExp(source, 'u')),
    creditOpening: new RegExp(`^\\s*(?:${all('credit')})(?:\\s+by\\s|\\s*[:…]|\\.{2,}|(?=\\p{Lu}))`, 'u'),
    creditLabel: new RegExp(`^\\s*((?:(?:${all('credit')})(?:\\s*(?:\\.{2,}|…)\\s*|(?=\\p{Lu})))+)`, 'u'),
    creditLine: creditLinePattern(rules.creditLines),
  };
  compiled.set(rules, result);
  return result;
}

/** Puts every language's credit markers ("Photo|Foto|Crédit…") where a credit pattern says `{credit}`. */
export function expandCreditPatterns(patterns: string[], languages: Record<string, LanguageWords>): string[] {
  const words = [...new Set(Object.values(languages).flatMap((language) => language.credit))].sort((a, b) => b.length - a.length).map(wordPattern);
  return patterns.map((pattern) => pattern.replaceAll('{credit}', `(?:${words.join('|') || '(?!)'})`));
}

/**
 * A line that is a photo credit and nothing else: a photographer's name and an agency ("Al
 * Goldis, Associated Press", "Alex Wong | Getty Images", "JIM WATSON/AFP/Getty Images"), or
 * agencies alone ("AFP/Getty Images"). One agency alone ("Reuters") is not: that is a byline.
 */
export function creditLinePattern(creditLines: ScrapeRules['creditLines']): RegExp {
  // Once per template: the structure stage asks for it for every article.
  const cached = creditLineCache.get(creditLines);
  if (cached) return cached;
  const { agencies, nameParticles } = creditLines;
  const names = [...agencies].sort((a, b) => b.length - a.length).map(wordPattern);
  const agency = names.length > 0 ? `(?:${names.join('|')})` : '(?!)';
  const particles = nameParticles.length > 0 ? `(?:(?:${nameParticles.map(wordPattern).join('|')})\\s+)*` : '';
  // One to four capitalised words, with the particles names carry ("Bernd von Jutrczenka").
  const name = `[\\p{Lu}][\\p{L}.'’-]*(?:\\s+${particles}[\\p{Lu}][\\p{L}.'’-]*){0,3}`;
  const pattern = new RegExp(`^(?:${name}\\s*[,/|]\\s*${agency}|${agency}\\s*/\\s*${agency})(?:\\s*/\\s*${agency})*$`, 'u');
  creditLineCache.set(creditLines, pattern);
  return pattern;
}
const creditLineCache = new WeakMap<ScrapeRules['creditLines'], RegExp>();

/** A word or phrase of the template as a pattern: special characters escaped, any run of white space between its words. */
export function wordPattern(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
