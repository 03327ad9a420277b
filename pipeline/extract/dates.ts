/**
 * Dates as pages give them ("2019-11-20T10:43:00-05:00", "Updated 3:27 am PST, Wednesday,
 * November 20, 2019", "Publiziert am 13. Januar 2014") → the calendar date printed, ISO 8601.
 * chrono-node reads the page's language; English is tried after it, as pages often mix.
 * Only a date whose year, month and day are all written is accepted: an implied year would
 * be invented.
 */
import * as chrono from 'chrono-node';

type Parser = { parse: (text: string, ref?: Date) => chrono.ParsedResult[] };

const PARSERS: Record<string, Parser> = {
  en: chrono.en,
  de: chrono.de,
  fr: chrono.fr,
  es: chrono.es,
  it: chrono.it,
  pt: chrono.pt,
  ru: chrono.ru,
  nl: chrono.nl,
  ja: chrono.ja,
  zh: chrono.zh,
  sv: chrono.sv,
  uk: chrono.uk,
  fi: chrono.fi,
  vi: chrono.vi,
  id: chrono.id,
} as unknown as Record<string, Parser>;

/** A fixed reference, so relative words ("today") never make a book depend on the day it is built. */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/** Longest text searched for a date: a dateline, not a paragraph. */
const MAX_DATE_TEXT = 200;

/** The calendar date (YYYY-MM-DD) a text gives, as printed (its own time zone), or undefined. */
export function normaliseDate(text: string, lang: string): string | undefined {
  // "21.dez.2018": a site's dots between day, month name and year.
  const value = text
    .trim()
    .slice(0, MAX_DATE_TEXT)
    .replace(/\b(\d{1,2})\.(\p{L}{3,})\.(\d{4})\b/u, '$1 $2 $3')
    // "Yahoo FinanceOctober 13, 2016": a site's name run into the date when the page was copied.
    .replace(/(\p{Ll})(\p{Lu}\p{Ll}+\.?\s+\d)/gu, '$1 $2');
  // Every date accepted writes its year in ASCII digits, two at least: a text without them is not read (chrono-node is slow).
  if (!/\d\d/.test(value)) return undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s]|$)/.exec(value);
  if (iso) return validDate(+iso[1]!, +iso[2]!, +iso[3]!);
  // "1. 11. 2021", "21.12.2018": numbers between dots are day, month, year wherever they are written so.
  const dotted = /^(?:\D{0,40}?\s)?(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/u.exec(value);
  if (dotted) return validDate(+dotted[3]!, +dotted[2]!, +dotted[1]!);
  const language = lang.toLowerCase().split('-')[0]!;
  for (const parser of [PARSERS[language], language === 'en' ? undefined : chrono.en].filter(Boolean) as Parser[]) {
    for (const result of parser.parse(value, REFERENCE)) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
      // "Now", "today", "2 days ago" are certain only of the reference day: a date must write its year.
      if (!writesYear(result.text, start.get('year')!)) continue;
      const date = validDate(start.get('year')!, start.get('month')!, start.get('day')!);
      if (date) return date;
    }
  }
  return undefined;
}

/** Most words beside the dates of a dateline that writes no year ("Updated", "Posted", "EST"). */
const MAX_WORDS_BESIDE_YEARLESS = 3;

/**
 * "Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM": a dateline's opening word and a day or a
 * time without the year. It is the head's furniture as any dateline is, but gives no date (its
 * year would be invented).
 */
export function isYearlessDateline(text: string, lang: string, opening: RegExp): boolean {
  if (!opening.test(text) || !/\d/.test(text)) return false;
  const dates = datesIn(text, lang);
  return dates.some((date) => date.yearless) && wordsBeside(text, dates) <= MAX_WORDS_BESIDE_YEARLESS;
}

/** Where in a text a date written in it begins (in the text's language or English), or undefined. */
export function findDate(text: string, lang: string): number | undefined {
  return datesIn(text, lang)[0]?.index;
}

/** Words (runs of letters) a text holds besides the dates written in it: "on Mar 27 · 14 min" has two, "4 Things to Do in October" four. */
export function wordsBesideDates(text: string, lang: string): number {
  return wordsBeside(text, datesIn(text, lang));
}

/** Words of a text besides the dates already found in it (each date read once). */
function wordsBeside(text: string, dates: FoundDate[]): number {
  let rest = ungluedDay(text).value;
  for (const date of dates) rest = rest.replace(date.text, ' ');
  return rest.match(/\p{L}+/gu)?.length ?? 0;
}

/**
 * "on Feb 244 min", "Mar 2714 min": a day run into the figure after it (a reading time) when the
 * page was copied, three or four digits between a word and a unit. The day is taken as two digits
 * when they make one (10–31), else as one; the rest is the other figure. Four digits that make a
 * year ("March 2014 sales") are left alone. Only the position of a date is read from such a text:
 * it writes no year, so it never dates an article. Returns the text and where spaces were put in it.
 */
function ungluedDay(text: string): { value: string; inserted: number[] } {
  const inserted: number[] = [];
  let added = 0;
  const value = text.replace(/(\p{L}\.?\s+)(\d{3,4})(?=\s*\p{L})/gu, (whole, word: string, digits: string, offset: number) => {
    if (digits.length === 4 && +digits >= 1800 && +digits <= 2200) return whole;
    const two = +digits.slice(0, 2);
    const day = two >= 10 && two <= 31 ? 2 : 1;
    inserted.push(offset + added + word.length + day);
    added++;
    return `${word}${digits.slice(0, day)} ${digits.slice(day)}`;
  });
  return { value, inserted };
}

/** A date found in a text: where it starts (in the text as given) and its words (as read, a day unglued). */
interface FoundDate {
  index: number;
  text: string;
  /** A day and month without the year ("Nov 19"); "22 hours ago" is certain of its year (counted back from the reference) and is not one. */
  yearless: boolean;
}

/** The dates (a month or a year certain) written in a text, in the text's language or English, first first. */
function datesIn(text: string, lang: string): FoundDate[] {
  const language = lang.toLowerCase().split('-')[0]!;
  const found: FoundDate[] = [];
  const { value, inserted } = ungluedDay(text.slice(0, MAX_DATE_TEXT));
  for (const parser of [PARSERS[language], language === 'en' ? undefined : chrono.en].filter(Boolean) as Parser[]) {
    for (const result of parser.parse(value, REFERENCE)) {
      if (!result.start.isCertain('month') && !result.start.isCertain('year')) continue;
      found.push({
        index: result.index - inserted.filter((at) => at < result.index).length,
        text: result.text,
        yearless: result.start.isCertain('day') && !result.start.isCertain('year'),
      });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * A dateline: a date and little else ("Published 6:42 AM EDT, March 3, 2024", "20/11/2019 /
 * 11:42 am"), or a date after a dateline's opening word ("Updated").
 */
export function isDateline(text: string, lang: string, opening: RegExp, maxWords = 7): boolean {
  if (!/\d/.test(text)) return false;
  const words = text
    .replace(/[\d:.,/|•·()-]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  // The shape first: reading a date (chrono-node) costs far more than counting words.
  return (opening.test(text) || words.length <= maxWords) && normaliseDate(text, lang) !== undefined;
}

function writesYear(text: string, year: number): boolean {
  return text.includes(String(year)) || new RegExp(`(?:^|\\D)${String(year % 100).padStart(2, '0')}(?:\\D|$)`).test(text);
}

function validDate(year: number, month: number, day: number): string | undefined {
  if (year < 1800 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
