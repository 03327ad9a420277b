/**
 * The head of an article in a scrape: its headline, byline and dateline, which sit just before
 * the body text (or open it). The byline or dateline anchors the search when there is one: the
 * headline is the nearest headline-like line above it (over its deck, if it has one); a bare
 * name, which may be an author box above the headline, anchors it only with a date or a headline
 * beside it; the same name printed again nearer the body (under an author box and its links) is the byline. With no
 * byline, a dateline over the headline and its deck anchors it too. Other stories' headlines in a list (each with the
 * same few lines under it: a name, a time, "Read on") count less. A kicker ("BREAKING NEWS"), a slideshow
 * counter ("1 of 4"), a caption with a credit, a lede sentence or a section label is not a
 * headline; with no headline-like line, the article has none (structure then titles it from
 * the front matter or the file name).
 */
import { MAX_BYLINE_CHARS, parseByline, RELATIVE_TIME } from '../byline.js';
import { findDate, isDateline, isYearlessDateline, normaliseDate, wordsBesideDates } from '../dates.js';
import { compileRules, wordPattern, type ExtractRules } from '../rules.js';
import { CJK, stopwordsOf, type Line } from './lines.js';

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
/** Lines of one head (dateline, byline) are at most this far apart. */
const HEAD_LINE_GAP = 2;
/** Most words besides its date in a line that dates a name above it ("on Mar 27 · 14 min"). */
const MAX_WORDS_BESIDE_DATE = 2;
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
  const stopwords = stopwordsOf(lang);
  const from = Math.max(0, start - HEADER_WINDOW);
  // A byline after the body's second full paragraph belongs to what follows the article ("by Taboola" over promoted
  // links); the first may be a long caption or deck above the byline.
  const paragraph = lines.filter((line) => line.index >= start && line.cls === 'good')[1]?.index ?? Infinity;
  const to = Math.min(lines.length, start + BODY_OVERLAP, paragraph);
  const header: Header = { datelines: [] };
  for (let index = from; index < to; index++) {
    const line = lines[index]!;
    // The byline nearest the body is the article's (others belong to teasers above it).
    const dateline = line.chars <= MAX_DATELINE_CHARS && (isDateline(line.text, lang, compiled.dateline) || isYearlessDateline(line.text, lang, compiled.dateline));
    const byline = line.chars <= MAX_BYLINE_CHARS && (parseByline(line.text, rules, lang) || postedBy(line, rules, lang) || (dateline && namedDateline(line.text, rules, lang)));
    // "Author:" or "By" alone, the name on the next line.
    const named = byline ? undefined : nameAfterMarker(lines, index, rules, lang);
    if (byline || named !== undefined) {
      if (header.byline !== undefined && header.byline >= start) continue;
      header.byline = named ?? index;
      if (named !== undefined) index = named;
      continue;
    }
    if (dateline || (line.chars <= MAX_DATELINE_CHARS && placedDateline(line.text, lang, compiled.dateline))) header.datelines.push(index);
  }
  // An author box ("Written by Ana Ruiz" over links to her other stories) may stand above the article's own head: the
  // same name printed again nearer the body is the article's byline, and the head is looked for above it.
  if (header.byline !== undefined && header.byline < start) header.byline = sameNameNearer(lines, header.byline, start, rules, lang) ?? header.byline;
  const bare = header.byline === undefined ? nameAboveBody(lines, start, rules, lang) : undefined;
  const marked = header.byline ?? (bare?.anchors ? bare.index : undefined);
  header.byline ??= bare?.index;
  // Datelines far from the byline are dates of other stories (related links, a ticker).
  // Web furniture between (share buttons, "Log in") does not count as distance.
  const near = (index: number): boolean => lines.slice(index, start).filter((line) => line.cls !== 'junk').length <= MAX_HEADLINE_GAP;
  const author = header.byline ?? header.datelines.find(near);
  header.datelines = header.datelines.filter((index) => author === undefined || Math.abs(index - author) <= MAX_HEADLINE_GAP);
  // The headline stands above its byline, but a bare name (an author box) may stand above the headline too: only a
  // name with a byline word, a date ("Alex Perry 1 day ago") or a headline over it anchors the headline; else a
  // dateline does, or the body.
  const anchor = marked ?? header.datelines.find(near);
  // The head's lines: a dateline set above the byline ("Dec. 6, 2024" over "By Stella Kim") is as near the headline.
  const heads = anchor === undefined ? [] : [anchor, ...header.datelines.filter((index) => index < anchor && anchor - index <= HEAD_LINE_GAP)];
  const ceiling = Math.min(anchor ?? start, lines.length - 1);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.text.toLowerCase(), (counts.get(line.text.toLowerCase()) ?? 0) + 1);
  const own = new Set([header.byline, ...header.datelines].filter((index): index is number => index !== undefined));
  const teasers = teaserList(lines, from, Math.max(ceiling, start), own, rules);
  let best = MIN_HEADLINE_SCORE;
  const scores = new Map<number, number>();
  // The body's own first line may be the headline (a tidy crop such as the seed), so it is a candidate too.
  for (let index = from; index <= Math.max(ceiling, start); index++) {
    const line = lines[index]!;
    if (index === header.byline || header.datelines.includes(index) || !isHeadline(line, rules) || opensMidSentence(line, stopwords)) continue;
    const score = headlineScore(line, {
      anchor,
      heads,
      dated: marked === undefined,
      start,
      repeated: (counts.get(line.text.toLowerCase()) ?? 0) > 1,
      teaser: teasers.has(index),
      lines,
    });
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
    // …and has no deck of its own under it.
    !overDeck(lines[chosen]!, { anchor, dated: marked === undefined, start, lines }) &&
    above >= best - DECK_MARGIN &&
    lines[chosen - 1]!.words >= MIN_WORDS_ABOVE_DECK &&
    lines[chosen - 1]!.chars < lines[chosen]!.chars
  ) {
    header.headline = chosen - 1;
  } else if (
    // A few words in sentence case under a headline twice as long are its credit ("Detroit News wire services", "Staff report"), not the headline.
    chosen !== undefined &&
    above !== undefined &&
    above >= best - DECK_MARGIN &&
    !CJK.test(lines[chosen]!.text) &&
    !titleCase(lines[chosen]!.text) &&
    lines[chosen]!.words <= MAX_CREDIT_UNDER_HEADLINE_WORDS &&
    lines[chosen - 1]!.words >= 2 * lines[chosen]!.words
  ) {
    header.headline = chosen - 1;
  }
  if (header.byline === undefined) header.byline = nameLine(lines, header, start, rules, lang);
  return header;
}

/**
 * "in Featured Article ServiceWorkers WebAPI", "on March 10, 2015": a line opening with a function
 * word in lower case goes on from the line before it (a category, a date, a wrapped sentence);
 * a headline opens with a capital, or with a brand written in lower case ("iPhone"), not a stopword.
 */
function opensMidSentence(line: Line, stopwords: Set<string>): boolean {
  const first = /^\p{Ll}[\p{L}'’]*/u.exec(line.text)?.[0];
  return first !== undefined && stopwords.has(first);
}

/** Lines between a headline and its body that hold only a name (and perhaps a date) are its byline, though no "By" opens them. */
const NAME_LINE_REACH = 4;

function nameLine(lines: Line[], header: Header, start: number, rules: ExtractRules, lang: string): number | undefined {
  // Just under the headline, or else just above the text.
  const from = header.headline !== undefined ? header.headline + 1 : Math.max(0, start - NAME_LINE_REACH);
  const to = Math.min(start, from + NAME_LINE_REACH, lines.length - 1);
  for (let index = from; index <= to; index++) if (isNameLine(lines[index]!, nextLine(lines, index), rules, lang)) return index;
  return undefined;
}

/** Function words outside a date or a time ("Alex Perry 1 day ago", "Ana García hace 2 horas" have none) and initials ("John C. Welch": some lists make single letters stopwords). */
function hasStopwords(text: string, lang: string): boolean {
  const date = /\d/.test(text) ? findDate(text, lang) : undefined;
  const stopwords = stopwordsOf(lang);
  return words(text.slice(0, date).replace(RELATIVE_TIME, '')).some((word) => word.length > 1 && stopwords.has(word));
}

/** A line's words, lower case, without the marks around them. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** The next line past web furniture ("Follow", "Share"). */
function nextLine(lines: Line[], index: number): Line | undefined {
  return lines.slice(index + 1).find((line) => line.cls !== 'junk');
}

/** "Games Editor", "Feb. 21, 2019", "Mar 27 · 14 min": a line that says who a name above it is, or when they wrote. */
function describesName(line: Line | undefined, rules: ExtractRules, lang: string): boolean {
  if (line === undefined || line.chars > MAX_DATELINE_CHARS) return false;
  const compiled = compileRules(rules);
  return (
    compiled.role.test(line.text) ||
    isDateline(line.text, lang, compiled.dateline) ||
    (/\d/.test(line.text) && findDate(line.text, lang) !== undefined && wordsBesideDates(line.text, lang) <= MAX_WORDS_BESIDE_DATE)
  );
}

/** The name line after a line that is only a byline word ("By", "Author:", "Von"), or undefined. */
function nameAfterMarker(lines: Line[], index: number, rules: ExtractRules, lang: string): number | undefined {
  const marker = compileRules(rules).byline.exec(lines[index]!.text);
  if (!marker || marker[1]!.trim()) return undefined;
  const next = nextLine(lines, index);
  return next && isNameLine(next, nextLine(lines, next.index), rules, lang) ? next.index : undefined;
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
function nameAboveBody(lines: Line[], start: number, rules: ExtractRules, lang: string): { index: number; anchors: boolean } | undefined {
  // Share buttons between the name and the body ("SHARE", "TWEET", "EMAIL") do not count as distance.
  for (let index = start - 1, reach = 0; index >= 0 && reach < NAME_ANCHOR_REACH; index--) {
    const line = lines[index]!;
    if (line.cls === 'junk') continue;
    reach++;
    const below = nextLine(lines, index);
    if (!isNameLine(line, below, rules, lang)) continue;
    let above: Line | undefined;
    for (let i = index - 1; i >= 0 && !above; i--) if (lines[i]!.cls !== 'junk') above = lines[i];
    const dated = /\d/.test(line.text);
    const headed = start - index <= NAME_UNDER_HEADLINE_REACH && above !== undefined && isHeadline(above, rules) && above.words >= 4 && !isNameLine(above, line, rules, lang);
    if (dated || headed || describesName(below, rules, lang)) return { index, anchors: dated || headed };
  }
  return undefined;
}

/** How far below a byline the same name may be printed again, nearer the body (a byline under an author box). */
const SAME_NAME_REACH = 12;

/** The first line below a byline, above the body, that is a name line giving the byline's very names. */
function sameNameNearer(lines: Line[], byline: number, start: number, rules: ExtractRules, lang: string): number | undefined {
  const names = bylineNames(lines[byline]!.text, rules, lang).join('|').toLowerCase();
  if (!names) return undefined;
  for (let index = byline + 1; index < Math.min(start, byline + SAME_NAME_REACH); index++) {
    const line = lines[index]!;
    if (!isNameLine(line, nextLine(lines, index), rules, lang)) continue;
    if ((parseByline(line.text, rules, lang, { prefixOptional: true }) ?? []).join('|').toLowerCase() === names) return index;
  }
  return undefined;
}

/** A short line holding one to three names of two to four words, and no sentence's words; not a wire photo's slug line ("Kyrgyzstan Russia") right above its caption. */
function isNameLine(line: Line, next: Line | undefined, rules: ExtractRules, lang: string): boolean {
  if (line.cls !== 'short' || (line.stopwords > 0 && hasStopwords(line.text, lang))) return false;
  // Words and a year alone ("Calendário Stock Car 2018", "Tour Dates 2019") title a list; a name's date has a day.
  if (/^\D*\b\d{4}$/u.test(line.text)) return false;
  if (next && compileRules(rules).credits.some((pattern) => pattern.test(next.text))) return false;
  const names = parseByline(line.text, rules, lang, { prefixOptional: true });
  return names !== undefined && names.length <= 3 && names.every((name) => name.split(' ').length >= 2 && name.split(' ').length <= 4);
}

/** "Dan Goodin - Apr 16, 2015 8:02 pm UTC": a dateline opened by its author's name (one to three names of two words or more). */
function namedDateline(text: string, rules: ExtractRules, lang: string): boolean {
  // "Source: Russian Defense Ministry, October 25, 2019" credits a source.
  if (compileRules(rules).creditOpening.test(text)) return false;
  const names = parseByline(text, rules, lang, { prefixOptional: true });
  return names !== undefined && names.length <= 3 && names.every((name) => name.split(' ').length >= 2);
}

/** Where an article's signature may stand: among its last two lines (furniture aside; a link to the next post may follow it) or on the first line after it. */
const SIGNATURE_TAIL = 2;
const SIGNATURE_REACH = 1;

/**
 * A byline set at the article's end, when its head has none: a blog post's signature ("Jane Doe — 2013-09-29
 * — in Code — Permalink"), a Chinese page's editor in charge ("责任编辑：张三"): a line opened by a byline
 * word, or a name with a date after it between separators, among the article's last lines or on the first
 * line after it (share buttons aside). Further down, bylines are other stories' (teasers under "Related").
 */
export function bylineAfter(lines: Line[], start: number, end: number, rules: ExtractRules, lang: string): number | undefined {
  const tail: number[] = [];
  for (let index = end; index > start && tail.length < SIGNATURE_TAIL; index--) if (lines[index]!.cls !== 'junk') tail.unshift(index);
  for (let index = end + 1; index < lines.length && tail.length < SIGNATURE_TAIL + SIGNATURE_REACH; index++) if (lines[index]!.cls !== 'junk') tail.push(index);
  return tail.find((index) => lines[index]!.chars <= MAX_BYLINE_CHARS && (personal(parseByline(lines[index]!.text, rules, lang)) || signature(lines[index]!.text, rules, lang)));
}

/** One to three people's names: two words or more each ("by Taboola" names a widget), or a name in a script without spaces ("王小明"). */
function personal(names: string[] | undefined): boolean {
  return names !== undefined && names.length <= 3 && names.every((name) => name.split(' ').length >= 2 || (CJK.test(name) && !/\s/.test(name)));
}

/** "Jane Doe — 2013-09-29 — in Code — Permalink", "Jane Doe | March 3, 2024 | Comments": one to three names, then a date, between separators. */
function signature(text: string, rules: ExtractRules, lang: string): boolean {
  const [name, date] = text.split(/\s*[—|•·]\s*/u);
  if (name === undefined || date === undefined || compileRules(rules).creditOpening.test(text)) return false;
  return personal(parseByline(name, rules, lang, { prefixOptional: true })) && normaliseDate(date, lang) !== undefined;
}

const namesAfterCache = new WeakMap<ExtractRules, Map<string, RegExp>>();

/**
 * " by Nikhil Marathe", " par Marie Dubois", " por Ana García": the page language's one-word byline
 * words (the template's, and English "by") inside a line, a capitalised name after them (group 1).
 * " Autor: Jan Novák", "…来源：网易科学人作者：肖春芳": any of its byline words set as a label, with a
 * colon, and what follows (group 2); Chinese and Japanese put no space before the label.
 */
function namesAfterWord(rules: ExtractRules, lang: string): RegExp {
  const key = lang.toLowerCase().split('-')[0]!;
  let cache = namesAfterCache.get(rules);
  if (!cache) namesAfterCache.set(rules, (cache = new Map()));
  let pattern = cache.get(key);
  if (!pattern) {
    const own = rules.languages[key]?.byline ?? [];
    const words = [...new Set(['by', ...own].filter((word) => !/\s/.test(word)).flatMap((word) => [word, word.toLowerCase()]))];
    const labels = [...new Set(own.flatMap((word) => [word, word.toLowerCase()]))].map((word) => (CJK.test(word) ? '' : '(?<=^|\\s)') + wordPattern(word));
    const labelled = labels.length ? `|(?:${labels.join('|')})\\s*[:：]\\s*(\\S.*)` : '';
    pattern = new RegExp(`(?:\\s(?:${words.map(wordPattern).join('|')})\\s+(\\p{Lu}.*)${labelled})$`, 'u');
    cache.set(key, pattern);
  }
  return pattern;
}

/** "Posted on March 10, 2015 by Nikhil Marathe", "le 10 mars 2015 par Marie Dubois": a dated line naming its author after a byline word. */
function postedBy(line: Line, rules: ExtractRules, lang: string): boolean {
  return line.chars <= MAX_DATELINE_CHARS && namesAfterWord(rules, lang).test(line.text) && normaliseDate(line.text, lang) !== undefined;
}

/** The names a header line gives: after its opening word, after "by" in a dated line, or the whole line. */
export function bylineNames(text: string, rules: ExtractRules, lang: string): string[] {
  const by = namesAfterWord(rules, lang).exec(text);
  return (
    parseByline(text, rules, lang) ??
    (by ? parseByline((by[1] ?? by[2])!, rules, lang, { prefixOptional: true }) : undefined) ??
    parseByline(text, rules, lang, { prefixOptional: true }) ??
    []
  );
}

/** A line ending in an initialism ("…Underneath N.Y.C.") or an ellipsis does not end as a sentence ends. */
const INITIALISM_END = /(?:\b\p{Lu}\.){2,}$|\.\.\.$|…$/u;

/** What ending in an exclamation mark costs a candidate ("This API is so Fetching!" is a headline, "The refreshing autumn sky!" a subheading). */
const EXCLAMATION_COST = 1.5;
/** Most words of a pager's link ("Older Article", "Artículo siguiente"). */
const MAX_PAGER_WORDS = 3;
/** What standing over a deck adds. */
const DECK_BONUS = 1.5;
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
 * How much a headline-like line looks like this article's headline: near the byline (or the
 * dateline over it) or the body, of a headline's length, over its deck, repeated on the page
 * (the title bar and the heading), set in title case; a person's name alone (an author box), a
 * sentence (a deck, a pull quote) or a menu entry is not one.
 */
function headlineScore(
  line: Line,
  context: { anchor: number | undefined; heads: number[]; dated: boolean; start: number; repeated: boolean; teaser: boolean; lines: Line[] },
): number {
  const words = line.text.split(/\s+/);
  const cjk = CJK.test(line.text);
  let score = 0;
  const above = Math.min(...context.heads.filter((head) => head > line.index).map((head) => head - line.index));
  if (above <= 3) score += 4 - above;
  // A dateline set over the headline ("Sunday, Feb 1, 2015", the headline, its deck): with no byline to anchor the
  // head, the line right under the date and over a deck, above the body, is the headline as surely as one over the date.
  const under = context.heads.includes(line.index - 1) && context.dated && line.index < context.start && overDeck(line, context);
  if (under) score += UNDER_DATE_BONUS;

  // Headlines run to several words; a four-word line is as often a menu's or a footer's.
  if (cjk ? line.chars >= 10 : words.length >= 5) score += 2;
  else if (words.length === 4) score += 1.5;
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
  // A sentence under the headline is its deck; a quoted sentence ('"$53 million a week…."') a pull quote.
  if (/[.。]["”’»]?$/u.test(line.text) && !INITIALISM_END.test(line.text)) score -= 2.5;
  // An exclamation is a headline's as often as a deck's or a blog's subheading's.
  else if (/[!！]["”’»]?$/u.test(line.text)) score -= EXCLAMATION_COST;
  if (line.index > context.start) score -= 1.5;
  // A menu or a list of links: its neighbours open with the same words ("Link to … on X", "Link to … on Y"); a
  // header's menu is often printed again in the footer, so such a line gains nothing by being repeated.
  const opening = (other: Line | undefined): string | undefined => other?.text.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
  // A pager's pair ("Older Article" / "Newer Article", "Article précédent" / "Article suivant"): two short lines sharing their first or last word.
  const ends = (text: string): string[] => {
    const words = text.toLowerCase().split(/\s+/);
    return words.length <= MAX_PAGER_WORDS ? [words[0]!, words.at(-1)!] : [];
  };
  const paired = (other: Line): boolean => {
    const [first, last] = ends(other.text);
    const [ownFirst, ownLast] = ends(line.text);
    return first !== undefined && ownFirst !== undefined && (first === ownFirst || last === ownLast);
  };
  const sibling = (other: Line | undefined): boolean => other !== undefined && other.text !== line.text && (opening(other) === opening(line) || paired(other));
  // Another story's headline in a list of them: it gains nothing by being repeated (the list is printed twice) or by a blurb under it.
  if (context.teaser) score -= TEASER_COST;
  else if (sibling(context.lines[line.index - 1]) || sibling(context.lines[line.index + 1])) score -= SIBLING_COST;
  else {
    if (context.repeated) score += 1.5;
    if (overDeck(line, context)) score += DECK_BONUS;
  }
  score -= Math.abs((context.anchor ?? context.start) - line.index) * DISTANCE_COST;
  return score;
}

/** What standing right under the dateline, over a deck, adds (as much as standing right over it, less its deck bonus). */
const UNDER_DATE_BONUS = 1.5;

/** What being an item of a list of other stories' headlines costs. */
const TEASER_COST = 2;
/** Fewest items of such a list. */
const MIN_TEASERS = 3;
/** Most lines between two of its headlines (a kicker, a blurb, a name, a date, "Read on"). */
const MAX_TEASER_LINES = 4;

/**
 * Teasers: a list of other stories, each a headline-like line with the same few lines after it (a blurb, an author's
 * name, a time, "Read on", "on Jalopnik"), three times or more in a row. What is alike is the lines' shape: one with
 * figures (a date, a count), a few words (a name, a site, "Read on"), a longer one (a blurb). An article's headline
 * is followed by its own head and the body, not by another headline after the same lines. Returns the indexes of
 * the teasers' headlines.
 */
function teaserList(lines: Line[], from: number, to: number, own: Set<number>, rules: ExtractRules): Set<number> {
  const shape = (line: Line): string => {
    const words = line.text.split(/\s+/).length;
    if (/\p{N}/u.test(line.text)) return 'N';
    return words <= MAX_CREDIT_PART_WORDS ? 'W' : 'L';
  };
  // The head's own byline and datelines are not headlines, though some read as such ("Sunday, Feb 1, 2015 11:57 AM UTC").
  const headline = (line: Line): boolean => !own.has(line.index) && isHeadline(line, rules) && (CJK.test(line.text) ? line.chars >= 10 : line.words >= MIN_WORDS_ABOVE_DECK);
  const teasers = new Set<number>();
  let chain: number[] = [];
  let gap: string[] = [];
  let previous: string | undefined;
  const close = (): void => {
    if (chain.length >= MIN_TEASERS) for (const index of chain) teasers.add(index);
  };
  for (let index = from; index <= Math.min(to, lines.length - 1); index++) {
    const line = lines[index]!;
    if (line.cls === 'junk') continue;
    if (!headline(line)) {
      gap.push(shape(line));
      if (gap.length > MAX_TEASER_LINES && chain.length > 0) {
        close();
        chain = [];
        previous = undefined;
      }
      continue;
    }
    const key = gap.join('|');
    gap = [];
    // Headlines in a row with nothing between are as often a headline printed twice and its deck: a list's items have lines between.
    if (key === '') {
      close();
      chain = [index];
      previous = undefined;
      continue;
    }
    if (chain.length === 0 || previous === undefined || previous === key) {
      chain.push(index);
      previous = chain.length > 1 ? key : undefined;
      continue;
    }
    // Another list may begin at the last headline, with other lines between its items.
    close();
    chain = [chain.at(-1)!, index];
    previous = key;
  }
  close();
  return teasers;
}

/** Most words of a line under the headline taken for its credit rather than the headline itself. */
const MAX_CREDIT_UNDER_HEADLINE_WORDS = 4;

/** Fewest words of a deck (standfirst): a sentence or two under the headline. */
const MIN_DECK_WORDS = 8;
/** Fewest words of a deck that ends as a sentence does. */
const MIN_SENTENCE_DECK_WORDS = 5;
/** Share of stopwords that makes a deck read as a sentence. */
const DECK_STOPWORDS = 0.15;

/**
 * A headline stands over its deck: the next line (past furniture) is a longer sentence that is
 * still part of the head (above the byline or dateline, or above the body when there is none).
 */
function overDeck(line: Line, context: { anchor: number | undefined; dated: boolean; start: number; lines: Line[] }): boolean {
  const next = context.lines.slice(line.index + 1).find((other) => other.cls !== 'junk');
  // The head ends at its anchor (byline or dateline); under a dateline with no byline, where the body begins.
  const end = context.anchor === undefined ? context.start + 1 : context.anchor < line.index && context.dated ? context.start : context.anchor;
  if (!next || next.index > line.index + 2 || next.index >= end) return false;
  const cjk = CJK.test(next.text);
  if (cjk) return next.chars >= 2 * line.chars;
  // A deck is a sentence or two; a shorter one ends as a sentence does ("But only hardcore gamers will appreciate it.").
  const long = next.words >= MIN_DECK_WORDS || (next.words >= MIN_SENTENCE_DECK_WORDS && /[.!?]$/u.test(next.text));
  return line.words >= MIN_WORDS_ABOVE_DECK && long && next.stopwords >= DECK_STOPWORDS && !titleCase(next.text);
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

/** Most words of one part of a credit line between bars. */
const MAX_CREDIT_PART_WORDS = 4;

/** "Alex Wong | Getty Images", "Natalie Naccache | Bloomberg | Getty Images": a photo's credit (or a menu), names between bars. */
function namesBetweenBars(text: string): boolean {
  const parts = text.split(/\s+[|/•·]\s+/u);
  return parts.length > 1 && parts.every((part) => part.split(/\s+/).length <= MAX_CREDIT_PART_WORDS && capitalisedShare(part.split(/\s+/)) === 1);
}

/** "News » World", "More ›": guillemets without their partners are separators or pointers; «…» (or German »…«) quote. */
function pairedGuillemets(text: string): boolean {
  const count = (pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  return count(/«/gu) === count(/»/gu) && count(/‹/gu) === count(/›/gu) && !/[«‹][^«»‹›]*[|•·][^«»‹›]*[»›]/u.test(text);
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
  // "News » World", "» More": guillemets as separators or pointers; a quotation in «…» is a headline's own.
  if (!pairedGuillemets(text)) return false;
  // Menu entries run together when copied ("WorldBusinessSportCulture").
  if ((text.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) >= MIN_RUN_TOGETHER) return false;
  if (/[:,;]$|^[^\p{L}]*$/u.test(text)) return false;
  // "// Press enter", "* Click the link", "> More", "— David McKinley on Sunday": marks no headline opens with.
  if (/^[/*>#=+|\\•·—–-]/u.test(text)) return false;
  if (/\.$/u.test(text) && !INITIALISM_END.test(text) && (words > 14 || line.stopwords >= 0.3)) return false;
  if (cjk && /。$/u.test(text) && /[、，。]/u.test(text.slice(0, -1))) return false;
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((letter) => letter !== letter.toLowerCase()).length;
  if (letters.length && upper === letters.length && words <= 3) return false;
  if (compiled.credits.some((pattern) => pattern.test(text)) || namesBetweenBars(text)) return false;
  // A dateline's opening word without a figure after it is a headline's first word (French "Le pont…" against "Le 24 novembre 2017").
  if (/^(?:https?:|www\.)|@\w/.test(text) || compiled.byline.test(text) || (compiled.dateline.test(text) && /\p{N}/u.test(text))) return false;
  // A line of code ("FROM unnest(array[2, 3]) AS n", "fetch(url).then(show);", "status_code │ period") or of a table.
  if (/[\p{L}\p{N}_]\([^)]*\)|[{}=│┃┼─━]|[\p{L}\p{N}]_[\p{L}\p{N}]|[([{]$/u.test(text)) return false;
  // A caption run into its credit when copied ("…budget in 2023.CreditJeon Heon-Kyun/EPA"): a sentence's end glued to the next word.
  if (/[\p{Ll}\p{N}]{2}[.!?][\p{Lu}][\p{Ll}]{2}/u.test(text)) return false;
  return true;
}
