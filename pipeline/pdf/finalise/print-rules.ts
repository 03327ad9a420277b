/**
 * Step 7a: the template's print rules checked on the typeset pages, every line of text and of
 * page furniture included. A large-print template forbids what the APH Guidelines for Print
 * Document Design and RNIB's Clear Print guidelines say makes text harder to read: type under its
 * floor, italics, lines of capitals, justified lines, hyphenated line ends, serif type, tight
 * leading. The checks read what will be drawn (fonts, sizes, the letters shown), not the
 * template's intentions, so a fallback font or a capitalised source line is caught too.
 */
import type { Font } from 'fontkit';
import type { PrintRule, PrintRules } from '../../types.js';
import type { PageSpec } from './index.js';
import type { Line } from '../model.js';

/** Cased letters in a line, all capitals, that make it a line of capitals rather than an acronym ("NATO", "AP"). */
const MIN_CAPITALS = 8;
/** How far printed sizes may differ from the floor and still meet it (rounding in the template's units). */
const SIZE_TOLERANCE_PT = 0.01;

/** One broken rule, with how often and where it first happened. */
export interface RuleBreach {
  rule: PrintRule | 'minTypeSize' | 'minLeading';
  count: number;
  /** The first case: page, and what was drawn. */
  example: string;
}

const italicCache = new WeakMap<Font, boolean>();
const serifCache = new WeakMap<Font, boolean>();

/** Whether a font is an italic or oblique face (by its slant or its OS/2 flags). */
export function isItalic(font: Font): boolean {
  let italic = italicCache.get(font);
  if (italic === undefined) {
    const selection = font['OS/2']?.fsSelection;
    italic = font.italicAngle !== 0 || Boolean(selection?.italic || selection?.oblique);
    italicCache.set(font, italic);
  }
  return italic;
}

/**
 * Whether a font's Latin letters have serifs, judged by its capital I: a sans draws it with
 * straight lines only, a serif face's bracketed serifs need curves. (A slab serif with unbracketed
 * serifs would pass; none is shipped.) Fonts without a Latin I are not judged.
 */
export function hasSerifs(font: Font): boolean {
  let serif = serifCache.get(font);
  if (serif === undefined) {
    serif = font.hasGlyphForCodePoint(0x49) && font.glyphForCodePoint(0x49).path.commands.some((command) => /^(?:quadratic|bezier)/.test(command.command));
    serifCache.set(font, serif);
  }
  return serif;
}

/** Every rule of `rules` broken on the pages, each with a count and its first case; empty when the book keeps them all. */
export function checkPrintRules(pages: PageSpec[], rules: PrintRules): RuleBreach[] {
  const forbidden = new Set(rules.forbid);
  const breaches = new Map<RuleBreach['rule'], RuleBreach>();
  const breach = (rule: RuleBreach['rule'], example: string): void => {
    const found = breaches.get(rule);
    if (found) found.count++;
    else breaches.set(rule, { rule, count: 1, example });
  };
  const checkLine = (line: Line, page: number, align: string | undefined): void => {
    const text = line.segments.map((segment) => (segment.style.uppercase ? segment.text.toUpperCase() : segment.text)).join(' ');
    const where = `page ${page}: "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
    for (const segment of line.segments) {
      const { font, size } = segment.style;
      if (size < rules.minTypeSize - SIZE_TOLERANCE_PT) breach('minTypeSize', `${size} pt on ${where}`);
      if (forbidden.has('italic') && isItalic(font.font)) breach('italic', `${font.font.postscriptName} on ${where}`);
      if (forbidden.has('serif') && /\p{Script=Latin}/u.test(segment.text) && hasSerifs(font.font)) breach('serif', `${font.font.postscriptName} on ${where}`);
      if (line.leading < rules.minLeading * size - SIZE_TOLERANCE_PT) breach('minLeading', `${line.leading} pt leading for ${size} pt type on ${where}`);
    }
    if (forbidden.has('capitals') && isLineOfCapitals(text)) breach('capitals', where);
    if (forbidden.has('hyphenation') && line.hyphenated) breach('hyphenation', where);
    if (forbidden.has('justified') && align === 'justify') breach('justified', where);
  };
  for (const page of pages) {
    for (const placed of page.flow?.placed ?? []) {
      if (placed.line < 0 || placed.set.block.kind !== 'text') continue;
      const line = placed.set.lines[placed.line];
      if (line) checkLine(line, page.number, placed.set.block.style.align);
    }
    for (const furniture of page.furniture) checkLine(furniture.line, page.number, undefined);
  }
  return [...breaches.values()];
}

/** A line whose cased letters are all capitals, and enough of them to be more than an acronym. */
function isLineOfCapitals(text: string): boolean {
  const cased = (text.match(/\p{L}/gu) ?? []).filter((letter) => letter.toLowerCase() !== letter.toUpperCase());
  return cased.length >= MIN_CAPITALS && cased.every((letter) => letter === letter.toUpperCase());
}

/** A breach in words, for the preflight report and the build's error. */
export function describeBreach(breach: RuleBreach): string {
  const what: Record<RuleBreach['rule'], string> = {
    minTypeSize: 'type under the template’s smallest size',
    minLeading: 'leading tighter than the template allows',
    italic: 'italic type',
    capitals: 'a line set in capitals',
    justified: 'justified lines',
    hyphenation: 'hyphenated line ends',
    serif: 'serif type',
  };
  return `${what[breach.rule]} (${breach.count}×, first ${breach.example})`;
}
