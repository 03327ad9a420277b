/**
 * The head of an article in a scrape: its headline, byline and dateline, which sit just before
 * the body text (or open it). The byline or dateline anchors the search when there is one: the
 * headline is the nearest headline-like line above it. A kicker ("BREAKING NEWS"), a slideshow
 * counter ("1 of 4"), a caption with a credit, a lede sentence or a section label is not a
 * headline; with no headline-like line, the article has none (structure then titles it from
 * the front matter or the file name).
 */
import { MAX_BYLINE_CHARS, parseByline } from '../byline.js';
import { isDateline, normaliseDate } from '../dates.js';
import { compileRules, type ExtractRules } from '../rules.js';
import { CJK, type Line } from './lines.js';

/** How far above the body text the head is looked for, in lines. */
const HEADER_WINDOW = 60;
/** How far into the body text a byline or dateline may sit (after a deck, a photo and its caption). */
const BODY_OVERLAP = 8;
/** Between a headline and its byline: a deck, a photo and its caption, share buttons. */
const MAX_HEADLINE_GAP = 8;
const MIN_HEADLINE_WORDS = 2;
const MAX_HEADLINE_WORDS = 30;
const MAX_HEADLINE_CHARS = 220;
/** Words run together this often ("NewsSportCulture") make a copied menu, not a headline ("iPhone", "McDonald" once). */
const MIN_RUN_TOGETHER = 3;
/** Longest line searched for a date as a dateline. */
const MAX_DATELINE_CHARS = 90;

/** Indexes (into the scrape's lines) of the head's parts. */
export interface Header {
  headline?: number;
  byline?: number;
  datelines: number[];
}

/** Finds headline, byline and datelines around the start of the body text. */
export function findHeader(lines: Line[], start: number, rules: ExtractRules, lang: string): Header {
  const compiled = compileRules(rules);
  const from = Math.max(0, start - HEADER_WINDOW);
  const to = Math.min(lines.length, start + BODY_OVERLAP);
  const header: Header = { datelines: [] };
  for (let index = from; index < to; index++) {
    const line = lines[index]!;
    // The byline nearest the body is the article's (others belong to teasers above it).
    const dateline = line.chars <= MAX_DATELINE_CHARS && isDateline(line.text, lang, compiled.dateline);
    if (line.chars <= MAX_BYLINE_CHARS && (parseByline(line.text, rules, lang) || postedBy(line, lang) || (dateline && namedDateline(line.text, rules, lang)))) {
      if (header.byline !== undefined && header.byline >= start) continue;
      header.byline = index;
      continue;
    }
    if (dateline || (line.chars <= MAX_DATELINE_CHARS && placedDateline(line.text, lang, compiled.dateline))) header.datelines.push(index);
  }
  header.byline ??= nameAboveBody(lines, start, rules, lang);
  // Datelines far from the byline are dates of other stories (related links, a ticker).
  const anchor = header.byline ?? header.datelines.find((index) => index >= start - MAX_HEADLINE_GAP);
  header.datelines = header.datelines.filter((index) => anchor === undefined || Math.abs(index - anchor) <= MAX_HEADLINE_GAP);
  const ceiling = Math.min(anchor ?? start, lines.length - 1);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.text.toLowerCase(), (counts.get(line.text.toLowerCase()) ?? 0) + 1);
  let best = MIN_HEADLINE_SCORE;
  const scores = new Map<number, number>();
  // The body's own first line may be the headline (a tidy crop such as the seed), so it is a candidate too.
  for (let index = from; index <= Math.max(ceiling, start); index++) {
    const line = lines[index]!;
    if (index === header.byline || header.datelines.includes(index) || !isHeadline(line, rules)) continue;
    const score = headlineScore(line, { anchor, start, repeated: (counts.get(line.text.toLowerCase()) ?? 0) > 1, lines });
    // A headline printed twice (title bar, then heading) is taken at its first place, so nothing between is lost.
    if (header.headline !== undefined && lines[header.headline]!.text === line.text) continue;
    if (score > best) {
      best = score;
      header.headline = index;
    }
    scores.set(index, score);
  }
  // A deck reads much as its headline does; the headline is the shorter line just above it.
  const chosen = header.headline;
  const above = chosen === undefined ? undefined : scores.get(chosen - 1);
  // A deck is written in sentence case; a line in title case under another is a headline among headlines (links to other stories).
  if (
    chosen !== undefined &&
    above !== undefined &&
    !titleCase(lines[chosen]!.text) &&
    above >= best - DECK_MARGIN &&
    lines[chosen - 1]!.words >= MIN_WORDS_ABOVE_DECK &&
    lines[chosen - 1]!.chars < lines[chosen]!.chars
  ) {
    header.headline = chosen - 1;
  }
  if (header.byline === undefined) header.byline = nameLine(lines, header, start, rules, lang);
  return header;
}

/** Lines between a headline and its body that hold only a name (and perhaps a date) are its byline, though no "By" opens them. */
const NAME_LINE_REACH = 4;

function nameLine(lines: Line[], header: Header, start: number, rules: ExtractRules, lang: string): number | undefined {
  // Just under the headline, or else just above the text.
  const from = header.headline !== undefined ? header.headline + 1 : Math.max(0, start - NAME_LINE_REACH);
  const to = Math.min(start, from + NAME_LINE_REACH, lines.length - 1);
  for (let index = from; index <= to; index++) if (isNameLine(lines[index]!, lines[index + 1], rules, lang)) return index;
  return undefined;
}

/** "New Delhi, Desk | Updated: 19 November 2019, 09:01 AM": a dateline after a place or a desk. */
function placedDateline(text: string, lang: string, opening: RegExp): boolean {
  const parts = text.split(/\s[|•·]\s/u);
  return parts.length > 1 && isDateline(parts.at(-1)!, lang, opening);
}

/** How far above the body a name line is looked for when no byline word opens one. */
const NAME_ANCHOR_REACH = 8;
/** …and how near the body a bare name under a headline must be. */
const NAME_UNDER_HEADLINE_REACH = 3;

/**
 * "Jane Doe", "Jane Doe 1 day ago": a line that is only a person's name, just above the body,
 * is its byline when its neighbours say so: a headline just above it with the body just below,
 * or a date or a job title below it (or in it). Two capitalised words alone ("Middle East") are not enough.
 */
function nameAboveBody(lines: Line[], start: number, rules: ExtractRules, lang: string): number | undefined {
  const compiled = compileRules(rules);
  for (let index = start - 1; index >= Math.max(0, start - NAME_ANCHOR_REACH); index--) {
    const line = lines[index]!;
    if (!isNameLine(line, lines[index + 1], rules, lang)) continue;
    let above: Line | undefined;
    for (let i = index - 1; i >= 0 && !above; i--) if (lines[i]!.cls !== 'junk') above = lines[i];
    const below = lines[index + 1];
    const dated = /\d/.test(line.text);
    const headed = start - index <= NAME_UNDER_HEADLINE_REACH && above !== undefined && isHeadline(above, rules) && above.words >= 4 && !isNameLine(above, line, rules, lang);
    const described = below !== undefined && (compiled.role.test(below.text) || isDateline(below.text, lang, compiled.dateline)) && below.chars <= MAX_DATELINE_CHARS;
    if (dated || headed || described) return index;
  }
  return undefined;
}

/** A short line holding one to three names of two to four words, and no sentence's words; not a wire photo's slug line ("Kyrgyzstan Russia") right above its caption. */
function isNameLine(line: Line, next: Line | undefined, rules: ExtractRules, lang: string): boolean {
  if (line.cls !== 'short' || line.stopwords > 0) return false;
  if (next && compileRules(rules).credits.some((pattern) => pattern.test(next.text))) return false;
  const names = parseByline(line.text, rules, lang, { prefixOptional: true });
  return names !== undefined && names.length <= 3 && names.every((name) => name.split(' ').length >= 2 && name.split(' ').length <= 4);
}

/** "Dan Goodin - Apr 16, 2015 8:02 pm UTC": a dateline opened by its author's name (one to three names of two words or more). */
function namedDateline(text: string, rules: ExtractRules, lang: string): boolean {
  const names = parseByline(text, rules, lang, { prefixOptional: true });
  return names !== undefined && names.length <= 3 && names.every((name) => name.split(' ').length >= 2);
}

/** "Posted on March 10, 2015 by Nikhil Marathe": a dated line naming its author after "by". */
function postedBy(line: Line, lang: string): boolean {
  return line.chars <= MAX_DATELINE_CHARS && /\s[Bb]y\s+\p{Lu}/u.test(line.text) && normaliseDate(line.text, lang) !== undefined;
}

/** The names a header line gives: after its opening word, after "by" in a dated line, or the whole line. */
export function bylineNames(text: string, rules: ExtractRules, lang: string): string[] {
  const by = /\s[Bb]y\s+(\p{Lu}.*)$/u.exec(text);
  return (
    parseByline(text, rules, lang) ??
    (by ? parseByline(by[1]!, rules, lang, { prefixOptional: true }) : undefined) ??
    parseByline(text, rules, lang, { prefixOptional: true }) ??
    []
  );
}

/** A line ending in an initialism ("…Underneath N.Y.C.") or an ellipsis does not end as a sentence ends. */
const INITIALISM_END = /(?:\b\p{Lu}\.){2,}$|\.\.\.$|…$/u;

/** Below this, no line is taken for a headline. */
const MIN_HEADLINE_SCORE = 0.5;
/** What each line of distance from the body costs a candidate. */
const DISTANCE_COST = 0.08;
/** What a line like its neighbours (a menu entry) costs. */
const SIBLING_COST = 2;
/** A headline over a deck has at least this many words (a kicker fewer). */
const MIN_WORDS_ABOVE_DECK = 4;
/** How much lower the headline above a deck may score than the deck (which sits nearer the byline). */
const DECK_MARGIN = 1.5;
/** Share of capitalised words that makes a line title case. */
const TITLE_CASE_SHARE = 0.6;

/**
 * How much a headline-like line looks like this article's headline: near the byline or the
 * body, of a headline's length, repeated on the page (the title bar and the heading), set in
 * title case; a person's name alone (an author box) or a menu entry is not one.
 */
function headlineScore(line: Line, context: { anchor: number | undefined; start: number; repeated: boolean; lines: Line[] }): number {
  const words = line.text.split(/\s+/);
  const cjk = CJK.test(line.text);
  let score = 0;
  if (context.anchor !== undefined && line.index < context.anchor && context.anchor - line.index <= 3) score += 4 - (context.anchor - line.index);
  if (context.repeated) score += 1.5;
  if (cjk ? line.chars >= 10 : words.length >= 4) score += 2;
  else if (words.length === 3) score += 0.5;
  else score -= 1;
  const capitalised = capitalisedShare(words);
  if (titleCase(line.text)) score += 1;
  if (!cjk && words.length <= 3 && capitalised === 1 && line.stopwords === 0) score -= 3;
  if (/[|•·]|\s[/»›>]\s/u.test(line.text)) score -= 2;
  // A label and a list ("Topics: uber, libertarians, …") is a tag line.
  if (/^[\p{L} ]{2,20}:\s[^,]+,[^,]+,/u.test(line.text)) score -= 2;
  // Promos and kickers shout; headlines rarely do.
  if (!cjk && capitalised === 1 && line.text === line.text.toUpperCase() && /\p{Lu}/u.test(line.text)) score -= 2;
  // A sentence under the headline is its deck.
  if (/[.!。！]$/u.test(line.text) && !INITIALISM_END.test(line.text)) score -= 2.5;
  if (line.index > context.start) score -= 1.5;
  // A menu or a list of links: its neighbours open with the same words ("Link to … on X", "Link to … on Y").
  const opening = (other: Line | undefined): string | undefined => other?.text.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
  const sibling = (other: Line | undefined): boolean => other !== undefined && other.text !== line.text && opening(other) === opening(line);
  if (sibling(context.lines[line.index - 1]) || sibling(context.lines[line.index + 1])) score -= SIBLING_COST;
  score -= Math.abs((context.anchor ?? context.start) - line.index) * DISTANCE_COST;
  return score;
}

/** The share of words that open with a capital or a digit. */
function capitalisedShare(words: string[]): number {
  return words.filter((word) => /^[\p{Lu}\p{N}"“‘']/u.test(word)).length / words.length;
}

/** "Mac Pro Shipping in December": most words of four or more capitalised. */
function titleCase(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 4 && capitalisedShare(words) >= TITLE_CASE_SHARE;
}

/** A line that reads as a headline: a few words, no sentence-ending full stop, not furniture, a kicker, a counter or a caption. */
export function isHeadline(line: Line, rules: ExtractRules): boolean {
  const compiled = compileRules(rules);
  const text = line.text;
  if (line.cls === 'junk' || line.chars > MAX_HEADLINE_CHARS) return false;
  const words = text.split(/\s+/).length;
  const cjk = CJK.test(text);
  if (cjk ? text.length < 6 : words < MIN_HEADLINE_WORDS || words > MAX_HEADLINE_WORDS) return false;
  if (/^\d+\s*(?:of|\/|von|de|di|из)\s*\d+\b/iu.test(text)) return false;
  if (/[«»‹›]/u.test(text)) return false;
  // Menu entries run together when copied ("WorldBusinessSportCulture").
  if ((text.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) >= MIN_RUN_TOGETHER) return false;
  if (/[:,;]$|^[^\p{L}]*$/u.test(text)) return false;
  // "// Press enter", "* Click the link", "> More": marks no headline opens with.
  if (/^[/*>#=+|\\]/u.test(text)) return false;
  if (/\.$/u.test(text) && !INITIALISM_END.test(text) && (words > 14 || line.stopwords >= 0.3)) return false;
  if (cjk && /。$/u.test(text) && /[、，。]/u.test(text.slice(0, -1))) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((letter) => letter !== letter.toLowerCase()).length;
  if (letters.length && upper === letters.length && words <= 3) return false;
  if (compiled.credits.some((pattern) => pattern.test(text))) return false;
  if (/^(?:https?:|www\.)|@\w/.test(text) || compiled.byline.test(text) || compiled.dateline.test(text)) return false;
  return true;
}
