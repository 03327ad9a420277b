/**
 * Bylines ("By Jane Doe and John Roe, Staff Writers | May 3, 2024", "Von Max Muster",
 * "Par Jean Dupont et Marie Curie") → the names in them. A name is one to five words, each
 * capitalised or a family-name particle ("van", "de", "bin"); a part that reads as a job title
 * or a desk ends the list.
 */
import { findDate } from './dates.js';
import { compileRules, type ExtractRules } from './rules.js';

/** Words of a name that are written in lower case. */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'y', 'zu', 'ter', 'ten']);
/** Longest byline line: longer text is prose that happens to start with "By". */
export const MAX_BYLINE_CHARS = 160;
const MAX_NAME_WORDS = 5;
/** A degree or credential after a name ("Jane Doe, MS, RD", "John Roe, PhD"): two to four capitals, no name of its own. */
const CREDENTIAL = /^(?:(?:\p{Lu}\.?){2,4}|Ph\.?\s?D\.?)$/u;
/** Where a byline's names end and its date, place or desk begins. */
const TAIL =
  /\s*(?:[|•·—–@]|\s-\s|\s[Oo]n\s+\d|\s[Aa]t\s+\d|\b(?:[Uu]pdated|UPDATED|[Pp]ublished|PUBLISHED|[Pp]osted|POSTED)\b|\d{1,2}[:.]\d{2}|\d{4}|\((?![\p{Lu}][^()]*\)\s+\p{Lu})|\s[Ff]or\s+\p{Lu}|\s[Ii]n\s+\p{Lu}).*$/u;

/** A small number and its unit closing a line, perhaps among lower-case words: a relative time ("hace 2 horas", "vor 2 Stunden", "il y a 3 heures", "5 часов назад"). */
export const RELATIVE_TIME = /(?:\s+\p{Ll}+)*\s+\d{1,3}\s*\p{L}+(?:\s+\p{Ll}+)*\s*$/u;

/** Options of `parseByline`. */
export interface BylineOptions {
  /** Metadata values ("Jane Doe") need no opening "By"; a line of text does. */
  prefixOptional?: boolean;
}

/** The names a byline gives, or undefined when the text is not a byline. */
export function parseByline(text: string, rules: ExtractRules, lang: string, options: BylineOptions = {}): string[] | undefined {
  const compiled = compileRules(rules);
  // "by Lucas Nolan22 Dec 2016": a name run together with the date after it; "Jonathan GarberFOXBusiness": with the
  // site's name after it (a lower-case letter, then capitals and a word: "McDonald" and "LaToya" go on in lower case,
  // "WebMD" ends).
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\p{Ll})(\d)/gu, '$1 $2')
    .replace(/(\p{Ll})(?=\p{Lu}{2,}\p{Ll})/gu, '$1 | ');
  if (!line || line.length > MAX_BYLINE_CHARS) return undefined;
  const opened = compiled.byline.exec(line);
  if (!opened && !options.prefixOptional) return undefined;
  let opening = opened ? opened[1]! : line;
  // "作者：责任编辑：肖春芳", "By Author: Jane Doe": a label left empty before the next one; the names follow the last.
  for (let label = compiled.labelled.exec(opening); label && label[1]; label = compiled.labelled.exec(opening)) opening = label[1];
  // A date in the byline ("By Erin Cunningham March 18 at 3:57 PM") ends the names; a date is written with digits.
  const dated = /\d/.test(opening) ? findDate(opening, lang) : undefined;
  // A time the language's parser does not read ("hace 2 horas", "há 3 horas", "5 часов назад") ends the names too: names hold no number.
  const rest = (dated === undefined ? opening.replace(RELATIVE_TIME, '') : opening.slice(0, dated)).replace(TAIL, '').replace(/[\s,;:.]+$/u, '');
  const names: string[] = [];
  for (const part of rest.split(compiled.and)) {
    const name = part.trim();
    if (!name || (names.length > 0 && CREDENTIAL.test(name))) continue;
    if (compiled.role.test(name) || !isName(name)) {
      // "Mac & i", "Procter & Gamble": an ampersand inside one name (an organisation's), not between two people.
      if (names.length === 1 && /^[^,;]+\s&\s[^,;]+$/u.test(rest) && rest.split(' ').length <= MAX_NAME_WORDS && !/\d/.test(rest)) return [rest];
      break;
    }
    names.push(name);
  }
  return names.length ? names : undefined;
}

function isName(text: string): boolean {
  const words = text.split(' ');
  if (words.length > MAX_NAME_WORDS) return false;
  if (/[\d@/\\]|https?:/u.test(text)) return false;
  // CJK and other scripts without case: a short run of letters is a name.
  if (!/[\p{Lu}\p{Ll}]/u.test(text)) return /^[\p{L}\p{M}·・ ]{1,20}$/u.test(text);
  // A middle name in brackets ("Bruno (Henrique Zecchin) Rodrigues") is part of the name.
  return words.every((word) => /^\(?[\p{Lu}\p{Lt}]/u.test(word) || PARTICLES.has(word.toLowerCase()) || /^\p{Lu}\.$/u.test(word)) && /\p{Lu}/u.test(words[0]!);
}
