/**
 * Step 3b: runs become Knuth–Plass items. Words are boxes; spaces are glue (stretchable for
 * justified text, the ragged-right triple of Knuth & Plass §"ragged right" otherwise);
 * hyphenation points, hard hyphens, dashes and slashes are penalties; a word wider than the
 * line gets emergency break points between graphemes so that no line ever has to overflow.
 */
import LineBreaker from 'linebreak';
import { measure, SMALL_CAPS } from '../measure/index.js';
import { hyphenationPoints, type Hyphenator } from './hyphenate.js';
import type { Run, RunStyle } from '../model.js';
import { INFINITE_PENALTY, type Box, type Glue, type Penalty } from './knuth-plass.js';
import { FONT_EXPANSION_LIMIT, LETTER_SPACING_LIMIT, protrusionCode } from './microtype.js';

/**
 * Cost of breaking at a hyphenation point (TeX's `\hyphenpenalty`). Dearer hyphens trade
 * hyphens for looser lines: with ±2 % expansion, on the 184 scrapes (bench:typeset) 50 gave
 * 8.7 % hyphenated lines at a word-space p95 of ×1.84, 150 gave 7.3 % at ×1.86; with ±3 %
 * expansion, letter spacing and PRETOLERANCE 50 (without the page flow) 50 gives 3.2 % at
 * ×1.43 and 100 gives 2.5 % at ×1.45, the same trade as the pretolerance. TeX's value, then.
 */
export const HYPHEN_PENALTY = 50;
/** Cost of breaking after a hyphen or dash already in the text (TeX's `\exhyphenpenalty`). */
export const EXPLICIT_HYPHEN_PENALTY = 50;
/** Cost of breaking between two ideographs, where Chinese and Japanese lines break as a matter of course. */
export const IDEOGRAPHIC_BREAK_PENALTY = 0;
/**
 * Stretch between two ideographs of a justified line, in ems: a little, so that a line of text
 * without spaces can still be justified (JIS X 4051 spreads inter-character space the same way).
 */
export const IDEOGRAPHIC_STRETCH_EMS = 1 / 10;
/** Cost of breaking inside a word with no other way to fit it: a last resort. */
export const EMERGENCY_BREAK_PENALTY = 5_000;
/**
 * Stretch of an interword space in ems: Computer Modern's 1/6 em. Taken from the type size, not
 * the space, because some text faces (Literata: 0.2 em) have spaces too narrow to justify on.
 */
export const SPACE_STRETCH_EMS = 1 / 6;
/**
 * Shrink of an interword space as a fraction of its own width. TeX's fonts allow about a third;
 * Literata's space is narrow (0.2 em), and a third less of it reads as words run together, so no
 * space is ever squeezed below 80 % of its natural width (issue 11's target). Font expansion
 * takes the rest of a tight line.
 */
export const SPACE_SHRINK_RATIO = 0.2;
/** Stretch available at the end of a ragged line, in ems of the text size. */
export const RAGGED_STRETCH_EMS = 3;
/** Stretch of the glue that fills a paragraph's last line: large enough to act as infinite. */
const FILL_STRETCH_PT = 100_000;
/** Share of the line an emergency piece may fill, leaving room for kerning the sum of graphemes misses. */
const EMERGENCY_FILL_RATIO = 0.97;
/** The character drawn at a hyphenation break. */
const HYPHEN = '-';

/** A word or piece of one, with what painting needs. */
export interface TextBox extends Box {
  text: string;
  style: RunStyle;
  offset: number;
  link?: string;
}

/** A space (with its style) or an invisible adjustment (without). */
export interface SpaceGlue extends Glue {
  style?: RunStyle;
  /** The rag of a ragged line that may end inside a word (at a hyphen): part of the word, never a gap in it. */
  inWord?: boolean;
}

/** A break opportunity; `hyphen` is drawn at the line end when the break is taken there. */
export interface BreakPenalty extends Penalty {
  hyphen?: RunStyle;
}

/** An item with painting data. */
export type SetItem = TextBox | SpaceGlue | BreakPenalty;

/** How items are made for one block. */
export interface ItemOptions {
  lineWidth: number;
  justify: boolean;
  /** First-line indent in points (0 for none). */
  indent: number;
  hyphenator: Hyphenator | undefined;
  /** Font expansion and protrusion (microtype.ts): for justified left-to-right text. */
  microtype?: boolean;
  /**
   * Whether the book hyphenates its language (not large print, which forbids split words): a word
   * too wide for the line, broken between two letters, then takes a hyphen, and a ragged line may
   * end at the text's own hyphen within tolerance.
   */
  hyphenates?: boolean;
  /** Display lines (a headline): a ragged line ends inside a word, at a hyphen, dash or slash, only as a last resort ("U.S.-/backed"). */
  display?: boolean;
}

interface Piece {
  text: string;
  style: RunStyle;
  offset: number;
  synthetic: boolean;
  link: string | undefined;
}

type BreakKind = 'hyphen' | 'explicit' | 'plain' | 'ideographic' | 'emergency';

const HARD_HYPHENS = new Set(['-', '\u2010', '\u2011']);
const DASHES_AND_SLASHES = new Set(['\u2013', '\u2014', '/']);
/** Dashes that open a word set between spaces (" — "), which a line may not start with. */
const SPACED_DASHES = new Set(['\u2013', '\u2014']);
const URL_LIKE = /:\/\/|^www\.|@|\.[a-z]{2,}(?:\/|$)/i;
/** A word of letters (apostrophes and hyphens inside, punctuation around it), not a code, a number or an address. */
const PLAIN_WORD = /^[\p{Ps}\p{Pi}"']*[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*[\p{Pe}\p{Pf}\p{Po}"']*$/u;
const LETTERS = /\p{L}+/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Scripts written without spaces between words, whose lines break between characters (UAX #14 classes ID, CJ, H2, H3). */
const WITHOUT_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/**
 * Korean is written in words separated by spaces, and its books break lines at the spaces only
 * (CSS's `word-break: keep-all`, the usual setting of Korean text): UAX #14 would break between
 * any two syllables, as between ideographs. In a word with Hangul, no line breaks between two
 * letters or digits (a particle after a Latin word or a Hanja stays with it); a word wider than
 * the line still breaks between syllables, as an emergency break.
 */
const HANGUL = /\p{Script=Hangul}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function shown(style: RunStyle, text: string): string {
  return style.uppercase ? text.toUpperCase() : text;
}

/** Width of text in a style, as painted. */
export function widthOf(style: RunStyle, text: string): number {
  return measure(style.font, style.size, style.tracking, shown(style, text), style.smallCaps ? SMALL_CAPS : undefined);
}

/** Break opportunities inside one word (offsets into its text). */
function wordBreaks(word: string, hyphenator: Hyphenator | undefined): Map<number, BreakKind> {
  const breaks = new Map<number, BreakKind>();
  const urlLike = URL_LIKE.test(word);
  for (let i = 1; i < word.length - 1; i++) {
    const char = word[i] ?? '';
    if (HARD_HYPHENS.has(char) && /\p{L}/u.test(word[i + 1] ?? '') && !urlLike) breaks.set(i + 1, 'explicit');
    // Never at a slash or dash between numbers ("24/7", "12/05/2024", "24–30", "5–2"): they read as one.
    else if (DASHES_AND_SLASHES.has(char) && !(/\p{N}/u.test(word[i - 1] ?? '') && /\p{N}/u.test(word[i + 1] ?? ''))) breaks.set(i + 1, 'plain');
  }
  if (WITHOUT_SPACES.test(word)) {
    // UAX #14 finds where such text may break, and where it may not (before 。 or after 「).
    const breaker = new LineBreaker(word);
    const keepAll = HANGUL.test(word);
    for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
      const at = found.position;
      if (at <= 0 || at >= word.length || breaks.has(at)) continue;
      if (keepAll && LETTER_OR_DIGIT.test(word[at - 1] ?? '') && LETTER_OR_DIGIT.test(word[at] ?? '')) continue;
      breaks.set(at, 'ideographic');
    }
  }
  if (urlLike || !hyphenator) return breaks;
  for (const match of word.matchAll(LETTERS)) {
    // Letters that touch digits or other letters' scripts are left alone with the rest.
    for (const point of hyphenationPoints(hyphenator, match[0])) {
      const at = (match.index ?? 0) + point;
      if (!breaks.has(at)) breaks.set(at, 'hyphen');
    }
  }
  return breaks;
}

/** Turns a block's runs into items for the line breaker. */
export function buildItems(runs: Run[], options: ItemOptions): SetItem[] {
  const items: SetItem[] = [];
  let word: Piece[] = [];
  let pendingSpace: RunStyle | undefined;
  const firstStyle = runs.find((run) => run.kind === 'text')?.style;
  if (options.indent > 0 && firstStyle) items.push({ type: 'box', width: options.indent, text: '', style: firstStyle, offset: 0 });

  const pushSpace = (style: RunStyle, noBreak: boolean): void => {
    const width = widthOf(style, ' ');
    // A penalty before glue makes it no break (Knuth & Plass: glue breaks only after a box).
    if (noBreak) items.push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false });
    if (options.justify) {
      // As painted, the gap between two words is the glue and the tracking after the last glyph of
      // the word before: a paragraph tracked tighter (flow) shrinks its spaces less, so that none is
      // ever painted narrower than the floor.
      const natural = style.tracking < 0 ? widthOf({ ...style, tracking: 0 }, ' ') : width;
      const shrink = Math.max(0, Math.min(width * SPACE_SHRINK_RATIO, width + style.tracking - (1 - SPACE_SHRINK_RATIO) * natural));
      items.push({ type: 'glue', width, stretch: Math.max(width / 2, style.size * SPACE_STRETCH_EMS), shrink, style });
    } else {
      const stretch = RAGGED_STRETCH_EMS * style.size;
      items.push({ type: 'glue', width: 0, stretch, shrink: 0 });
      items.push({ type: 'penalty', width: 0, penalty: noBreak ? INFINITE_PENALTY : 0, flagged: false });
      items.push({ type: 'glue', width, stretch: -stretch, shrink: 0, style });
    }
  };
  let hasWord = false;
  const endWord = (): void => {
    if (word.length === 0) return;
    // A spaced dash stays at the end of its line, never opens the next.
    if (pendingSpace && hasWord) pushSpace(pendingSpace, SPACED_DASHES.has(word[0]?.text.charAt(0) ?? ''));
    pendingSpace = undefined;
    pushWord(items, word, options);
    hasWord = true;
    word = [];
  };
  const forcedBreak = (): void => {
    endWord();
    pendingSpace = undefined;
    hasWord = false;
    items.push({ type: 'glue', width: 0, stretch: FILL_STRETCH_PT, shrink: 0 });
    items.push({ type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false });
  };

  for (const run of runs) {
    if (run.kind === 'break') {
      forcedBreak();
      continue;
    }
    let start = 0;
    const text = run.text;
    for (let i = 0; i <= text.length; i++) {
      const atEnd = i === text.length;
      if (atEnd || text[i] === ' ') {
        if (i > start) {
          word.push({ text: text.slice(start, i), style: run.style, offset: run.synthetic ? run.offset : run.offset + start, synthetic: run.synthetic ?? false, link: run.link });
        }
        if (!atEnd) {
          endWord();
          if (hasWord) pendingSpace = run.style;
        }
        start = i + 1;
      }
    }
  }
  endWord();
  items.push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false });
  items.push({ type: 'glue', width: 0, stretch: FILL_STRETCH_PT, shrink: 0 });
  items.push({ type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false });
  return items;
}

/** One word (pieces of possibly several styles) as boxes and in-word penalties. */
function pushWord(items: SetItem[], pieces: Piece[], options: ItemOptions): void {
  const flat = pieces.map((piece) => piece.text).join('');
  const breaks = wordBreaks(flat, options.hyphenator);
  // Cut points: every break and every change of style or link.
  const cuts = new Set<number>(breaks.keys());
  let at = 0;
  for (const piece of pieces) {
    at += piece.text.length;
    cuts.add(at);
  }
  cuts.delete(0);
  const sorted = [...cuts].filter((cut) => cut < flat.length).sort((a, b) => a - b);
  sorted.push(flat.length);

  // Boxes between cut points, each within one piece.
  interface Cut {
    box: TextBox;
    breakAfter: BreakKind | undefined;
  }
  const cutBoxes: Cut[] = [];
  let from = 0;
  let pieceIndex = 0;
  let pieceStart = 0;
  for (const to of sorted) {
    while (pieceIndex < pieces.length - 1 && from >= pieceStart + (pieces[pieceIndex]?.text.length ?? 0)) {
      pieceStart += pieces[pieceIndex]?.text.length ?? 0;
      pieceIndex += 1;
    }
    const piece = pieces[pieceIndex];
    if (!piece) break;
    const text = flat.slice(from, to);
    const offset = piece.synthetic ? piece.offset : piece.offset + (from - pieceStart);
    cutBoxes.push({
      box: { type: 'box', width: widthOf(piece.style, text), text, style: piece.style, offset, ...(piece.link ? { link: piece.link } : {}) },
      breakAfter: breaks.get(to),
    });
    from = to;
  }

  // Emergency breaks: a run of boxes with no break opportunity wider than a line is cut by graphemes.
  const limit = options.lineWidth - options.indent;
  let spanStart = 0;
  const result: Cut[] = [];
  const flushSpan = (end: number): void => {
    const span = cutBoxes.slice(spanStart, end + 1);
    const width = span.reduce((sum, cut) => sum + cut.box.width, 0);
    if (width <= limit) {
      result.push(...span);
    } else {
      span.forEach((cut, index) => {
        const pieces = splitBox(cut.box, limit, cut.breakAfter);
        // A word of many styled runs may be too wide although each run fits: it may also break between runs.
        const last = pieces[pieces.length - 1];
        if (last && index < span.length - 1) last.breakAfter ??= 'emergency';
        result.push(...pieces);
      });
    }
    spanStart = end + 1;
  };
  cutBoxes.forEach((cut, index) => {
    if (cut.breakAfter !== undefined || index === cutBoxes.length - 1) flushSpan(index);
  });

  // Only a word of letters takes a hyphen where it is broken: never a URL, a code or a number ("urn:uuid:a31b…").
  const hyphenable = options.hyphenates === true && PLAIN_WORD.test(flat);
  /**
   * A break inside a word in ragged text: the penalty between the glue of a ragged line's end
   * and its cancelling glue (Knuth & Plass's ragged right), as at a space. Without it a line
   * ending at a hyphen had no stretch at all, so it was infinitely bad unless it filled the
   * measure exactly: a narrow table cell could not end a line at a hyphen but in the last pass.
   * No break at the glue itself: that would break the word without its hyphen. A book that does
   * not hyphenate (large print) ends a line at the text's own hyphen only as a last resort, and
   * display lines end inside a word only so.
   */
  const inWord = (penalty: BreakPenalty, style: RunStyle): void => {
    if (options.justify || options.display || (penalty.flagged && !penalty.hyphen && !options.hyphenates)) {
      items.push(penalty);
      return;
    }
    const stretch = RAGGED_STRETCH_EMS * style.size;
    items.push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false });
    items.push({ type: 'glue', width: 0, stretch, shrink: 0, inWord: true });
    items.push(penalty);
    items.push({ type: 'glue', width: 0, stretch: -stretch, shrink: 0, inWord: true });
  };
  result.forEach((cut, index) => {
    items.push(options.microtype ? withMicrotype(cut.box) : cut.box);
    if (index === result.length - 1 || cut.breakAfter === undefined) return;
    const kind = cut.breakAfter;
    const style = cut.box.style;
    const width = widthOf(style, HYPHEN);
    const protrudeRight = options.microtype ? (protrusionCode(HYPHEN, 'right') * width) / 1000 : 0;
    const hyphen = { width, hyphen: style, ...(protrudeRight ? { protrudeRight } : {}) };
    if (kind === 'hyphen') {
      inWord({ type: 'penalty', penalty: HYPHEN_PENALTY, flagged: true, ...hyphen }, style);
    } else if (kind === 'emergency') {
      // A word broken between two letters of a script that hyphenates takes a hyphen, as a word broken at a hyphenation point does (not CJK).
      const next = result[index + 1]?.box.text.charAt(0) ?? '';
      const hyphenated = hyphenable && casedLetter(cut.box.text.charAt(cut.box.text.length - 1)) && casedLetter(next);
      inWord({ type: 'penalty', width: 0, penalty: EMERGENCY_BREAK_PENALTY, flagged: false, ...(hyphenated ? hyphen : {}) }, style);
    } else if (kind === 'ideographic') {
      if (options.justify) {
        const style = cut.box.style;
        items.push({ type: 'glue', width: 0, stretch: style.size * IDEOGRAPHIC_STRETCH_EMS, shrink: 0 });
      } else {
        // The ragged-right triple of a space, without the space: the line may end here, short.
        const stretch = RAGGED_STRETCH_EMS * cut.box.style.size;
        items.push({ type: 'glue', width: 0, stretch, shrink: 0 });
        items.push({ type: 'penalty', width: 0, penalty: IDEOGRAPHIC_BREAK_PENALTY, flagged: false });
        items.push({ type: 'glue', width: 0, stretch: -stretch, shrink: 0 });
      }
    } else if (kind === 'explicit') {
      inWord({ type: 'penalty', width: 0, penalty: EXPLICIT_HYPHEN_PENALTY, flagged: true }, style);
    } else {
      inWord({ type: 'penalty', width: 0, penalty: EXPLICIT_HYPHEN_PENALTY, flagged: false }, style);
    }
  });
}

/** A letter of a script with capitals and small letters (Latin, Greek, Cyrillic, Armenian, Georgian): the scripts whose words are hyphenated. */
function casedLetter(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/** How far a character of a style hangs out at one side of a line, in points. */
export function protrusionOf(style: RunStyle, char: string, side: 'left' | 'right'): number {
  const code = protrusionCode(shown(style, char), side);
  return code ? (code * widthOf(style, char)) / 1000 : 0;
}

/** A box with its expansion capacity (glyph width and letter spacing) and the protrusion of its first and last characters. */
function withMicrotype(box: TextBox): TextBox {
  if (!box.text) return box;
  const chars = [...box.text];
  const protrudeLeft = protrusionOf(box.style, chars[0]!, 'left');
  const protrudeRight = protrusionOf(box.style, chars[chars.length - 1]!, 'right');
  const spacing = chars.length * widthOf(box.style, ' ') * LETTER_SPACING_LIMIT;
  return { ...box, expansion: box.width * FONT_EXPANSION_LIMIT + spacing, ...(protrudeLeft ? { protrudeLeft } : {}), ...(protrudeRight ? { protrudeRight } : {}) };
}

/** Cuts an over-long box into grapheme pieces no wider than `limit` (at least one grapheme each). */
function splitBox(box: TextBox, limit: number, breakAfter: BreakKind | undefined): Array<{ box: TextBox; breakAfter: BreakKind | undefined }> {
  if (box.width <= limit) return [{ box, breakAfter }];
  const out: Array<{ box: TextBox; breakAfter: BreakKind | undefined }> = [];
  let current = '';
  let currentWidth = 0;
  let start = 0;
  let consumed = 0;
  const emit = (): void => {
    const text = current;
    out.push({ box: { ...box, text, width: widthOf(box.style, text), offset: box.offset + start }, breakAfter: 'emergency' });
    start = consumed;
    current = '';
    currentWidth = 0;
  };
  for (const { segment } of graphemes.segment(box.text)) {
    const width = widthOf(box.style, segment);
    // Room is left for the hyphen drawn at the break.
    if (current.length > 0 && currentWidth + width > limit * EMERGENCY_FILL_RATIO - widthOf(box.style, HYPHEN)) emit();
    current += segment;
    currentWidth += width;
    consumed += segment.length;
  }
  if (current.length > 0) emit();
  const last = out[out.length - 1];
  if (last) last.breakAfter = breakAfter;
  return out;
}
