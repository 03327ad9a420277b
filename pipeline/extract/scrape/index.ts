/**
 * A whole-page text scrape (everything Select All → Copy gives: menus, share buttons, related
 * links, footers) → the article in it. Lines are classified by their own features (lines.ts),
 * the article is the densest run of prose (a maximum-sum run over line weights, the idea of
 * Finn et al.'s Body Text Extraction, 2001, on jusText's classes), and short lines inside it are
 * kept or dropped by their neighbours, as jusText revises them. Before the run are the headline,
 * byline and dateline; after it, the copyright notice. Every other line is dropped and listed.
 */
import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ArticleMeta, Diagnostic } from '../../types.js';
import { MAX_BYLINE_CHARS } from '../byline.js';
import { normaliseDate } from '../dates.js';
import { compileRules, isBreadcrumb, type ExtractRules } from '../rules.js';
import { classifyLines, describeLine, stopwordsOf, type Line } from './lines.js';
import { bylineAfter, bylineNames, findHeader, isHeadline, type Header } from './header.js';
import { unwrapLines } from './unwrap.js';

/** Weights of the densest-run search, per line class. Prose counts by its length; furniture costs. */
const NEAR_GOOD_WEIGHT = 0.5;
const SHORT_COST = 70;
/** A short line with the marks of data (figures, code) costs less: lists, tables and listings are made of them. */
const MARKED_SHORT_COST = 20;
const BAD_WEIGHT = 0.6;
const JUNK_COST = 40;
/** The readers' comments begin: the article does not run on past this line. */
const COMMENTS_COST = 100_000;
/** At most this many lines of a scrape outside its densest run, furniture aside, and it is a tidy crop of the article. */
const TIDY_MAX_OUTSIDE = 6;
/** …and those lines hold at most this share of the run's characters. */
const TIDY_MAX_OUTSIDE_SHARE = 0.25;
/** A text of at most this many lines is too short to hold a page's menus and footers. */
const TIDY_ANY_LINES = 12;
/** A text of at most this many lines may be a tidy crop with short sentence lines outside its densest run. */
const TIDY_MAX_LINES = 40;
/** A line with at least this share of stopwords reads as a sentence, not a menu entry. */
const SENTENCE_STOPWORDS = 0.2;
/** A copyright notice is one short line. */
const MAX_NOTICE_CHARS = 240;
const NOTICE = /^(?:©|\(c\)\s|copyright\b)|©\s*(?:\d{4}|[\p{Lu}])/iu;

/** What the scrape extractor found: the article's lines as mdast, metadata and what it dropped. */
export interface ExtractedScrape {
  tree: Root;
  meta: Partial<ArticleMeta>;
  diagnostics: Diagnostic[];
}

/** Finds the article in a scrape's lines (one paragraph per non-empty line, as parse made them). */
export function extractScrape(parsed: Root, file: string, rules: ExtractRules, lang: string): ExtractedScrape {
  const nodes = unwrapLines(parsed.children as Paragraph[]);
  const stopwords = stopwordsOf(lang);
  const lines = nodes.map((node, index) => describeLine(toString(node), index, stopwords));
  classifyLines(lines, rules);
  slideCaptions(lines);
  const diagnostics: Diagnostic[] = [];
  const drop = (line: Line, rule: string, why: string): void => {
    const position = nodes[line.index]!.position?.start;
    diagnostics.push({
      severity: 'info',
      rule,
      message: `dropped ${why}: "${line.text}"`,
      file,
      ...(position ? { line: position.line, column: position.column } : {}),
      text: line.text,
    });
  };
  const comments = compileRules(rules).comments;
  let run = bridgeShortLines(lines, densestRun(lines, comments), comments);
  const tidy = isTidyCrop(lines, run);
  const first = lines.find((line) => line.cls !== 'junk')?.index ?? 0;
  let header = findHeader(lines, run[0], rules, lang);
  const thread = threadAfterHead(lines, header, run, comments);
  if (thread) {
    run = thread;
    header = findHeader(lines, run[0], rules, lang);
  }
  if (tidy && header.headline === undefined && lines[first] && isHeadline(lines[first]!, rules) && !lines[first]!.sentence) header.headline = first;
  // A tidy crop keeps everything from its headline on; a whole page only its densest run.
  // An article that is a list (a race calendar, a table of results) under its head, with no prose of its own.
  const under = tidy ? [] : listUnderHead(lines, header, run[0], comments);
  // The head is looked for again above the list (its headline was looked for near the prose).
  if (under.length > 0) header = findHeader(lines, under[0]!, rules, lang);
  const joined = under.length > 0 && run[0] - under.at(-1)! <= LIST_JOIN_GAP;
  const after = tidy || (under.length > 0 && !joined) ? [] : listAfter(lines, run[1], comments);
  const list = [...under, ...after];
  const [start, end]: [number, number] = tidy
    ? [header.headline ?? first, lines.length - 1]
    : under.length > 0
      ? [under[0]!, joined ? (after.at(-1) ?? run[1]) : under.at(-1)!]
      : [run[0], after.at(-1) ?? run[1]];
  // No byline in the head: the article may be signed under its prose.
  if (header.byline === undefined) header.byline = bylineAfter(lines, run[0], run[1], rules, lang);
  const meta: Partial<ArticleMeta> = {};
  const kept = new Set<number>();
  const children: RootContent[] = [];
  if (header.headline !== undefined) {
    const node = nodes[header.headline]!;
    const heading: Heading = { type: 'heading', depth: 1, children: node.children, position: node.position };
    children.push(heading);
    meta.title = lines[header.headline]!.text;
    kept.add(header.headline);
  }
  if (header.byline !== undefined) {
    meta.byline = bylineNames(lines[header.byline]!.text, rules, lang);
    drop(lines[header.byline]!, 'byline', 'byline (set under the headline)');
    kept.add(header.byline);
  }
  for (const index of header.datelines) {
    const date = normaliseDate(lines[index]!.text, lang);
    if (date && !meta.date) meta.date = date;
    drop(lines[index]!, 'dateline', date ? 'dateline (kept as the date)' : 'dateline (it writes no year, so the books give no date from it)');
    kept.add(index);
  }
  // "Par Alexandre Hervaud — 24 novembre 2017 à 18:42": a byline may carry the date.
  if (!meta.date && header.byline !== undefined) {
    const date = normaliseDate(lines[header.byline]!.text, lang);
    if (date) meta.date = date;
  }
  // The body opens under the head; an author's name above the headline (an author box) opens nothing.
  const firstBody = Math.min(
    start,
    ...[header.headline, header.byline !== undefined && header.byline > (header.headline ?? -1) ? header.byline : undefined, ...header.datelines]
      .filter((i): i is number => i !== undefined)
      .map((i) => i + 1),
  );
  const notice = findNotice(lines, end);
  const echoes = echoedOutside(lines, firstBody, end);
  for (const line of lines) {
    if (kept.has(line.index)) continue;
    const inside = line.index >= firstBody && line.index <= end;
    if (line.index === notice) {
      children.push(nodes[line.index]!);
      continue;
    }
    if (!inside) {
      drop(
        line,
        line.index < firstBody ? 'dropped-before-article' : 'dropped-after-article',
        line.index < firstBody ? 'page text before the article' : 'page text after the article',
      );
      continue;
    }
    if (list.includes(line.index)) {
      children.push(nodes[line.index]!);
      continue;
    }
    if (!tidy && echoes.has(line.index)) {
      drop(line, 'dropped-repeated', 'page text the page repeats outside the article');
      continue;
    }
    // A count between the head and the prose ("0", "1.2K": comments, shares) is the page's, not the article's.
    if (COUNT.test(line.text) && !lines.slice(firstBody, line.index).some((other) => !kept.has(other.index) && (other.cls === 'good' || other.cls === 'near-good'))) {
      drop(line, 'dropped-furniture', 'web furniture inside the article');
      continue;
    }
    const verdict = tidy ? (line.cls === 'junk' ? 'junk' : 'keep') : judgeInside(lines, line, start, firstBody, kept);
    if (verdict === 'keep') children.push(nodes[line.index]!);
    else if (verdict === 'drop') drop(line, 'dropped-furniture', 'web furniture inside the article');
    else if (isBreadcrumb(line.text)) drop(line, 'dropped-breadcrumb', 'breadcrumb');
    else drop(line, 'dropped-boilerplate', 'web boilerplate');
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { tree: { type: 'root', children: sectionHeadings(children, lines, nodes, rules) }, meta, diagnostics };
}

/** A slideshow's counter opening a line: "12/50 Rogue trader freed", "3 of 20", "4 von 12". */
const SLIDE_COUNTER = /^(\d+)\s*(?:of|\/|von|de|di|из)\s*(\d+)\b/iu;
/** Fewest slides of one slideshow (counters out of the same total) whose captions are set apart. */
const MIN_SLIDES = 5;

/**
 * A slideshow printed into the page ("1/50 United goin down", its caption, its credit; "2/50 …") is other stories
 * told in pictures: its captions are prose, and fifty of them outweigh the article. The prose line right after each
 * counter of a slideshow of five slides or more (counters out of the same total) weighs as a short line.
 */
function slideCaptions(lines: Line[]): void {
  const totals = new Map<string, number>();
  for (const line of lines) {
    const total = SLIDE_COUNTER.exec(line.text)?.[2];
    if (total !== undefined) totals.set(total, (totals.get(total) ?? 0) + 1);
  }
  lines.forEach((line, index) => {
    const total = SLIDE_COUNTER.exec(line.text)?.[2];
    if (total === undefined || (totals.get(total) ?? 0) < MIN_SLIDES) return;
    const caption = lines.slice(index + 1).find((other) => other.cls !== 'junk');
    if (caption && caption.index <= index + 2 && (caption.cls === 'good' || caption.cls === 'near-good')) caption.cls = 'short';
  });
}

/**
 * A tidy crop (the article and a few stray lines, as the seed is) keeps every line but
 * furniture. Menus and link lists are what a whole page adds: short lines without the function
 * words of sentences; a short text's sentence-like lines outside the run are the article's own.
 */
function isTidyCrop(lines: Line[], run: [number, number]): boolean {
  const small = lines.length <= TIDY_MAX_LINES;
  const outside = lines.filter(
    (line) => (line.index < run[0] || line.index > run[1]) && line.cls !== 'junk' && !NOTICE.test(line.text) && !(small && line.stopwords >= SENTENCE_STOPWORDS),
  );
  if (outside.length > TIDY_MAX_OUTSIDE) return false;
  const runChars = lines.slice(run[0], run[1] + 1).reduce((sum, line) => sum + line.chars, 0);
  return lines.length <= TIDY_ANY_LINES || outside.reduce((sum, line) => sum + line.chars, 0) <= runChars * TIDY_MAX_OUTSIDE_SHARE;
}

/** The run of lines with the greatest sum of weights (Kadane's algorithm): where the prose is densest. A comments heading is never crossed. */
function densestRun(lines: Line[], comments: RegExp): [number, number] {
  let best = -Infinity;
  let bestRange: [number, number] = [0, lines.length - 1];
  let sum = 0;
  let from = 0;
  lines.forEach((line, index) => {
    if (sum <= 0) {
      sum = 0;
      from = index;
    }
    sum += comments.test(line.text) ? -COMMENTS_COST : weight(line);
    if (sum > best) {
      best = sum;
      bestRange = [from, index];
    }
  });
  return bestRange;
}

/** Prose (in weight, about characters) an article must have for the text after its comments heading to be the readers'. */
const MIN_PROSE_BEFORE_COMMENTS = 300;

/**
 * The densest run may be the readers' comments under the article (a long thread outweighs a
 * short story). When the head (headline, byline) sits above a comments heading with prose
 * between them, and the run is below it, the article is that prose.
 */
function threadAfterHead(lines: Line[], header: Header, run: [number, number], comments: RegExp): [number, number] | undefined {
  const head = Math.max(header.headline ?? -1, header.byline ?? -1, ...header.datelines);
  if (head < 0 || head >= run[0]) return undefined;
  const heading = lines.slice(head + 1, run[0]).find((line) => comments.test(line.text))?.index;
  if (heading === undefined) return undefined;
  const [from, to] = densestRun(lines.slice(head + 1, heading), comments).map((index) => index + head + 1) as [number, number];
  const prose = lines.slice(from, to + 1).reduce((sum, line) => sum + weight(line), 0);
  return prose >= MIN_PROSE_BEFORE_COMMENTS ? [from, to] : undefined;
}

/** The most lines a gap between two parts of an article may hold that are neither data nor code (a chart's labels, a listing's keywords). */
const MAX_BRIDGED_LINES = 20;
/** Prose beyond such a gap, less what the gap costs, must weigh this much (a paragraph) to be taken in. */
const MIN_BRIDGED_WEIGHT = 150;
/** Short lines in a row that read as a menu (a few words, no figures, no code, no sentence): the page's furniture, never crossed. */
const MAX_MENU_RUN = 4;
/** What a line of data or code costs a gap: a chart's figure, a listing's line, a table's row. */
const DATA_COST = 2;
/** Words a short line needs to be a piece of a sentence (a line wrapped in the copy) rather than a menu entry. */
const MIN_FRAGMENT_WORDS = 4;

/**
 * A chart, a table of figures or a code listing inside an article is a run of short lines that
 * splits its prose in two, and the densest run holds only the larger part. The gap is crossed
 * when what lies beyond it is prose worth more than the gap costs: lines of data or code (figures,
 * code marks, a table's rules) and a table of contents' entries (subheadings of the text beyond) cost almost nothing, pieces of sentences (short lines dense in
 * stopwords, as jusText reads them) nothing, a menu-like line as much as in the densest run. A
 * menu (several such lines in a row), furniture or a comments heading ends the search. The scan
 * crosses the smaller gaps between the prose beyond (an article may alternate prose and listings).
 */
function bridgeShortLines(lines: Line[], run: [number, number], comments: RegExp): [number, number] {
  const [start, end] = run;
  // A table of contents above the text: its entries are the text's own subheadings (short lines over prose) below.
  const contents = new Set(
    lines
      .slice(start)
      .filter((line, i, below) => line.cls === 'short' && (below[i + 1]?.cls === 'good' || below[i + 1]?.cls === 'near-good'))
      .map((line) => line.text),
  );
  const beyond = (from: number, step: number): number | undefined => {
    const first = lines[from];
    if (first === undefined || !bridgeable(first, comments)) return undefined;
    let sum = 0;
    let best = 0;
    let reach: number | undefined;
    let menu = 0;
    let plain = 0;
    let gap = true;
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines[i]!;
      if ((line.cls === 'junk' && /\p{L}/u.test(line.text)) || comments.test(line.text)) break;
      const kind = step < 0 && contents.has(line.text) ? 'data' : gapKind(line, lines);
      gap &&= bridgeable(line, comments);
      // The gap next to the run is free when it is short lines only (a chart, a list of steps); past the first prose, lines are counted.
      if (gap) {
        if (kind !== 'data' && ++plain > MAX_BRIDGED_LINES) return undefined;
        continue;
      }
      menu = kind === 'menu' ? menu + 1 : 0;
      if (menu > MAX_MENU_RUN) break;
      sum += kind === 'data' ? -DATA_COST : kind === 'fragment' ? 0 : weight(line);
      if (sum > best && (line.cls === 'good' || line.cls === 'near-good')) {
        best = sum;
        reach = i;
      }
    }
    return best >= MIN_BRIDGED_WEIGHT ? reach : undefined;
  };
  const before = beyond(start - 1, -1);
  const after = beyond(end + 1, +1);
  // An article with several charts or code listings is crossed one gap at a time.
  return before === undefined && after === undefined ? run : bridgeShortLines(lines, [before ?? start, after ?? end], comments);
}

/** Figures, code marks or a table's rules: a line of a chart, a table or a listing. */
const DATA_MARKS = /[\p{N}{}();=<>[\]│┃┼─━|+*\/\\]|[,;]$|[\p{L}\p{N}]_[\p{L}\p{N}]/u;
/** Code marks or a table's rules: a long line of a listing or a table rather than of a menu (figures alone are as often a teaser's date). */
const CODE_MARKS = /[{};=<>│┃┼─━]|[\p{L}\p{N}_]\(|[,;{(]$/u;

/**
 * What a line is in a gap between parts of an article: prose, a line of data or code, a piece of
 * a sentence wrapped in the copy ("a much nicer API to Headers."), or a menu-like line (a few
 * words, no marks, not a sentence's: a menu entry, another story's headline). A bare word or two between
 * lines of code ("else", "FROM" then "series") are the listing's.
 */
function gapKind(line: Line, lines: Line[]): 'prose' | 'data' | 'fragment' | 'menu' | 'other' {
  const kind = ownGapKind(line);
  if (kind !== 'menu') return kind;
  // Up to MAX_WORDS_IN_CODE such lines in a row ("FROM", "series") between lines of code.
  const data = (step: number): boolean => {
    for (let i = line.index + step, seen = 1; i >= 0 && i < lines.length; i += step) {
      const other = ownGapKind(lines[i]!);
      if (other === 'data') return true;
      if (other !== 'menu' || ++seen > MAX_WORDS_IN_CODE) return false;
    }
    return false;
  };
  return data(-1) && data(+1) ? 'data' : 'menu';
}

/** Bare words in a row a code listing may hold between its lines of code ("FROM" then "series"). */
const MAX_WORDS_IN_CODE = 2;

function ownGapKind(line: Line): 'prose' | 'data' | 'fragment' | 'menu' | 'other' {
  if (line.cls === 'good' || line.cls === 'near-good') return 'prose';
  if (line.cls === 'junk') return 'data';
  if (line.cls === 'bad') return CODE_MARKS.test(line.text) && !NOTICE.test(line.text) ? 'data' : 'other';
  if (line.words >= MIN_FRAGMENT_WORDS && line.stopwords >= SENTENCE_STOPWORDS && /[.!?:;,…]$|^\p{Ll}/u.test(line.text)) return 'fragment';
  if (DATA_MARKS.test(line.text)) return 'data';
  return 'menu';
}

/** Most lines of a list taken in after the article's prose. */
const MAX_LIST_LINES = 100;
/** Items a list needs after a colon ("Tour dates:"), and after a title without one. */
const MIN_ANNOUNCED_ITEMS = 2;
const MIN_LIST_ITEMS = 3;

/**
 * A list that ends the article, right after its prose: lines that each carry figures or code (a
 * calendar, a table of results, a listing) under a line that announces them ("Tour dates:",
 * "Die Termine", "Calendário da temporada:"). The list ends at the first line without figures,
 * at furniture or at prose. A colon announces a list, so two items will do; a title without one
 * needs three; lines with figures and no title are as likely the next stories' teasers. Returns
 * the title and the items, or nothing.
 */
function listAfter(lines: Line[], end: number, comments: RegExp): number[] {
  const next = lines[end + 1];
  const colon = /:$/u.test(lines[end]!.text) || (next !== undefined && next.cls !== 'junk' && /:$/u.test(next.text));
  // A title, not a link onwards ("Back to home >>", "More ›").
  const title = next !== undefined && next.cls === 'short' && !next.marked && !/[>»›|/]$/u.test(next.text) && !comments.test(next.text) ? [end + 1] : [];
  const items: number[] = [];
  for (let index = end + 1 + title.length; index < lines.length && items.length < MAX_LIST_LINES; index++) {
    const line = lines[index]!;
    if ((line.cls !== 'short' && line.cls !== 'bad') || !line.marked || comments.test(line.text)) break;
    items.push(index);
  }
  if (!colon && title.length === 0) return [];
  return items.length >= (colon ? MIN_ANNOUNCED_ITEMS : MIN_LIST_ITEMS) ? [...title, ...items] : [];
}

/** Fewest items of a list that is an article of its own, under its head. */
const MIN_LIST_UNDER_HEAD = 5;
/** Most short unmarked lines (a section label, a tag) between a head and its list. */
const MAX_LABELS_OVER_LIST = 2;
/** A list under the head joins the densest run when the run starts right under it; else the run is another text's (a comments notice, a footer). */
const LIST_JOIN_GAP = 1;

/**
 * A list right under the article's head (a headline with its dateline or byline): five or more
 * lines that each carry figures, printed once ("1a etapa: 10 de março – Interlagos", "12. Bayern
 * 28 Pkt."), past furniture and a label or two. Such a page's article is the list, though the
 * densest prose is elsewhere (a comments notice, a footer). A headline without a dateline or
 * byline is not sure enough to vouch for a list under it.
 */
function listUnderHead(lines: Line[], header: Header, start: number, comments: RegExp): number[] {
  // The byline or dateline: the headline was chosen near the prose, and may be an item of the list.
  const head = Math.max(header.byline ?? -1, ...header.datelines);
  if (head < 0 || head >= start) return [];
  let index = head + 1;
  let labels = 0;
  for (; index < start && (lines[index]!.cls === 'junk' || (lines[index]!.cls === 'short' && !lines[index]!.marked)); index++) {
    if (lines[index]!.cls === 'short' && ++labels > MAX_LABELS_OVER_LIST) return [];
  }
  const items: number[] = [];
  for (; index < lines.length && items.length < MAX_LIST_LINES; index++) {
    const line = lines[index]!;
    if ((line.cls !== 'short' && line.cls !== 'bad') || !line.marked || comments.test(line.text)) break;
    items.push(index);
  }
  return items.length >= MIN_LIST_UNDER_HEAD ? items : [];
}

/** A line a chart, a table or a code listing is made of: short, only marks ("});"), or a long line of code; no comments heading. */
function bridgeable(line: Line, comments: RegExp): boolean {
  if (comments.test(line.text)) return false;
  return line.cls === 'short' || (line.cls === 'junk' && !/\p{L}/u.test(line.text)) || (line.cls === 'bad' && ownGapKind(line) === 'data');
}

function weight(line: Line): number {
  switch (line.cls) {
    case 'good':
      return line.chars;
    case 'near-good':
      return line.chars * NEAR_GOOD_WEIGHT;
    case 'short':
      return line.marked ? -MARKED_SHORT_COST : -SHORT_COST;
    case 'bad':
      return -line.chars * BAD_WEIGHT;
    case 'junk':
      // Only marks ("});"): a code listing's line, not a menu's.
      return /\p{L}/u.test(line.text) ? -JUNK_COST : -MARKED_SHORT_COST;
  }
}

/**
 * A line inside the article's run: prose stays; furniture goes; a short line stays when prose
 * is its nearest neighbour on both sides (jusText's context rule), which keeps subheadings,
 * captions and credits and drops a "Share" between paragraphs.
 */
function judgeInside(lines: Line[], line: Line, start: number, firstBody: number, head: Set<number>): 'keep' | 'junk' | 'drop' {
  if (line.cls === 'good' || line.cls === 'near-good') return 'keep';
  if (line.cls === 'junk') return 'junk';
  const before = neighbour(lines, line.index, -1);
  const after = neighbour(lines, line.index, +1);
  const prose = (other: Line | undefined): boolean => other !== undefined && (other.cls === 'good' || other.cls === 'near-good');
  if (line.cls === 'bad') return prose(before) && prose(after) ? 'keep' : 'drop';
  if (!prose(after)) return 'drop';
  if (prose(before)) return 'keep';
  // Above the prose, under the head: a caption and its credit, not a list of links to other stories.
  const lead = lines.slice(Math.max(firstBody, (before?.index ?? -1) + 1), after!.index).filter((other) => other.cls === 'short' && !head.has(other.index)).length;
  return (before?.index ?? -1) < start && lead < MAX_LEAD_SHORT ? 'keep' : 'drop';
}

/** A line that is a count alone: "0", "12", "1,204", "7.1K". */
const COUNT = /^\d[\d.,]*\s*[KkMm]?$/u;

/** Short lines between the head and the prose that are kept (a photo's caption and credit); a longer stack is a list of links. */
const MAX_LEAD_SHORT = 3;

/** The nearest line that is prose or furniture: short lines, marks and long lines of code or a table ("│ 2020-08-01 │ 400 │") are passed over. */
function neighbour(lines: Line[], index: number, step: number): Line | undefined {
  for (let i = index + step; i >= 0 && i < lines.length; i += step) {
    const line = lines[i]!;
    if (line.cls !== 'short' && line.cls !== 'junk' && !(line.cls === 'bad' && ownGapKind(line) === 'data')) return line;
  }
  return undefined;
}

/**
 * Lines inside the article whose very text also stands outside it, above the article or below
 * it: a share label, a section name or a menu the page repeats ("Sdílet článek", "Copy link"),
 * or the headline again. An article's own lines are not printed in the page's furniture. Prose
 * (a good line) is left alone: a teaser may quote the article.
 */
function echoedOutside(lines: Line[], firstBody: number, end: number): Set<number> {
  const outside = new Set(lines.filter((line) => line.index < firstBody || line.index > end).map((line) => line.text));
  return new Set(lines.filter((line) => line.index >= firstBody && line.index <= end && line.cls !== 'good' && outside.has(line.text)).map((line) => line.index));
}

/** The copyright notice: the first short © line after the article, else the last one before it. */
function findNotice(lines: Line[], end: number): number | undefined {
  const notices = lines.filter((line) => line.chars <= MAX_NOTICE_CHARS && NOTICE.test(line.text));
  return (notices.find((line) => line.index > end) ?? notices[notices.length - 1])?.index;
}

/**
 * A short line between paragraphs that does not end as a sentence ends, and is followed by
 * prose, is a section heading even when it is not in capitals ("What happens next").
 */
function sectionHeadings(children: RootContent[], lines: Line[], nodes: Paragraph[], rules: ExtractRules): RootContent[] {
  const { credits, creditLine } = compileRules(rules);
  const indexOf = (node: RootContent): number => nodes.indexOf(node as Paragraph);
  return children.map((node, position) => {
    if (node.type !== 'paragraph' || position === 0) return node;
    const line = lines[indexOf(node)];
    const next = children[position + 1];
    const nextLine = next ? lines[indexOf(next)] : undefined;
    if (!line || !nextLine || line.cls !== 'short' || line.sentence || /[:,;]$/.test(line.text) || line.words < 2 || line.words > 12) return node;
    if (nextLine.cls !== 'good' && nextLine.cls !== 'near-good') return node;
    if (credits.some((pattern) => pattern.test(nextLine.text.slice(-MAX_NOTICE_CHARS)))) return node;
    // A photo credit on its own line ("Michael Conroy, AP") is no heading.
    if (creditLine.test(line.text)) return node;
    if (!/^[\p{Lu}\p{N}"“‘'¿¡]/u.test(line.text) || line.chars > MAX_BYLINE_CHARS) return node;
    return { type: 'heading', depth: 2, children: node.children, position: node.position } satisfies Heading;
  });
}
