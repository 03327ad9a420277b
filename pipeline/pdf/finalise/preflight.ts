/**
 * Preflight: what a print service checks before it accepts an interior, computed from our own
 * layout (not by re-reading the file): pages, boxes, fonts, type sizes and the flow rules.
 */
import type { FlowReport } from '../flow/index.js';
import type { PageFrame } from '../geometry.js';
import { liveMargin, POINTS_PER_INCH } from '../geometry.js';

/** Fewest pages KDP prints; fewer is reported, and padded only when asked (`--min-pages`, the template's `page.minPages`). */
export const KDP_MIN_PAGES = 24;
/** Smallest type size KDP accepts, in points. */
export const KDP_MIN_TYPE_PT = 7;
/** Thinnest line KDP prints, in points ("lines at least 0.75 pt", a secondary source in the team's notes on print services); a thinner one may print broken or not at all. */
export const KDP_MIN_LINE_PT = 0.75;
/** Fewest pages IngramSpark prints, in even counts (its help pages, as collected in the team's notes on print services). */
export const INGRAMSPARK_MIN_PAGES = 18;
/**
 * Most blank pages in a row KDP accepts at the end of an interior ("no more than 2 consecutive
 * blank pages at the start or middle … and/or 10 consecutive blank pages at the end", KDP's
 * Mandatory Print Book Distribution Requirements as quoted on Lulu's forum: a secondary source).
 */
export const KDP_MAX_TRAILING_BLANK_PAGES = 10;

/** The page count a book is padded to with blank pages, and who asked for it. */
export interface MinimumPages {
  pages: number;
  /** `option`: the caller (the command line's --min-pages); `template`: the template's `page.minPages`. */
  from: 'option' | 'template';
}

/** A length in points and inches. */
export interface Length {
  pt: number;
  in: number;
}

/** The preflight report of one PDF. */
export interface Preflight {
  pages: number;
  blankPages: number;
  /** The minimum page count that applied (0 pages: none), and the blank pages added at the end to reach it. */
  minimum: MinimumPages & { padding: number };
  trim: { width: Length; height: Length };
  bleed: Length;
  /** Media box, which includes bleed and the room for crop marks. */
  media: { width: Length; height: Length };
  /** Inside margin used (the gutter), after the page-count rule. */
  gutter: Length;
  /** PostScript names of the embedded fonts. */
  fontsEmbedded: string[];
  smallestTypeSize: number;
  /** The thinnest line drawn (a table's rule, a strike line), in points; 0 when none is. */
  thinnestLine: number;
  widows: number;
  orphans: number;
  strandedHeadings: number;
  splitFigures: number;
  /** Characters no font covers, as `U+XXXX c`. */
  charactersNotCovered: string[];
  hyphenatedLines: number;
  /** The template's print rules (large print) this book breaks, in words: the book fails when there is any. */
  rulesBroken: string[];
  pdfa: boolean;
  cropMarks: boolean;
  /** What a print service would query, in words. */
  warnings: string[];
}

/** A length in points as points and inches, rounded as the report gives them. */
export function length(points: number): Length {
  return { pt: Math.round(points * 1000) / 1000, in: Math.round((points / POINTS_PER_INCH) * 10_000) / 10_000 };
}

/** Names a character by code point and glyph. */
export function describeCharacter(char: string): string {
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} ${char}`;
}

/** Assembles the preflight report. */
export function preflight(input: {
  pages: number;
  blankPages: number;
  frame: PageFrame;
  gutter: number;
  /** The template's margins, in points (the inside one before the page-count rule). */
  margins: Record<'top' | 'bottom' | 'inside' | 'outside', number>;
  fonts: string[];
  smallestSize: number;
  thinnestLine: number;
  flow: FlowReport;
  missing: Map<string, number>;
  hyphenatedLines: number;
  rulesBroken: string[];
  pdfa: boolean;
  cropMarks: boolean;
  minimum: MinimumPages;
  /** Blank pages at the end of the book, in a row. */
  trailingBlankPages: number;
  /** Pages added to reach the minimum. */
  padding: number;
}): Preflight {
  const warnings: string[] = [];
  if (input.pages < KDP_MIN_PAGES) {
    const hint = input.minimum.pages === 0 ? `; --min-pages ${KDP_MIN_PAGES} pads it with blank pages at the end` : '';
    warnings.push(`${input.pages} pages: KDP prints books of ${KDP_MIN_PAGES} pages or more${hint}`);
  }
  if (input.trailingBlankPages > KDP_MAX_TRAILING_BLANK_PAGES) {
    warnings.push(
      `${input.trailingBlankPages} blank pages in a row at the end: KDP accepts at most ${KDP_MAX_TRAILING_BLANK_PAGES}, so a book this short needs more text or a service with a lower minimum (IngramSpark's is ${INGRAMSPARK_MIN_PAGES})`,
    );
  }
  const live = liveMargin(input.frame.bleed);
  const shallow = (['top', 'bottom', 'outside'] as const).filter((side) => input.margins[side] < live - 0.001);
  if (shallow.length > 0) {
    const sides = shallow.map((side) => `${side} ${length(input.margins[side]).in} in`).join(', ');
    warnings.push(`margins nearer the trim than KDP's live area of ${length(live).in} in (${sides}): text there may be cut off`);
  }
  if (input.smallestSize < KDP_MIN_TYPE_PT) warnings.push(`type as small as ${input.smallestSize} pt: KDP asks for ${KDP_MIN_TYPE_PT} pt or more`);
  // Rounded as the report gives lengths, so 0.75 pt computed as 0.7499… passes.
  if (input.thinnestLine > 0 && length(input.thinnestLine).pt < KDP_MIN_LINE_PT) {
    warnings.push(`lines as thin as ${length(input.thinnestLine).pt} pt: KDP asks for ${KDP_MIN_LINE_PT} pt or more (the template's page.minLineWeight)`);
  }
  if (input.cropMarks) warnings.push('crop marks are drawn: KDP, IngramSpark and Lulu reject files with marks');
  if (input.missing.size > 0) warnings.push(`${input.missing.size} characters have no glyph in any font`);
  const { widows, orphans, strandedHeadings, splitFigures } = input.flow;
  if (widows + orphans + strandedHeadings + splitFigures > 0) {
    warnings.push(`flow rules broken: ${widows} widows, ${orphans} orphans, ${strandedHeadings} stranded headings, ${splitFigures} split figures`);
  }
  return {
    pages: input.pages,
    blankPages: input.blankPages,
    minimum: { ...input.minimum, padding: input.padding },
    trim: { width: length(input.frame.trimWidth), height: length(input.frame.trimHeight) },
    bleed: length(input.frame.bleed),
    media: { width: length(input.frame.width), height: length(input.frame.height) },
    gutter: length(input.gutter),
    fontsEmbedded: input.fonts,
    smallestTypeSize: input.smallestSize,
    thinnestLine: length(input.thinnestLine).pt,
    widows,
    orphans,
    strandedHeadings,
    splitFigures,
    charactersNotCovered: [...input.missing.keys()].map(describeCharacter),
    hyphenatedLines: input.hyphenatedLines,
    rulesBroken: input.rulesBroken,
    pdfa: input.pdfa,
    cropMarks: input.cropMarks,
    warnings,
  };
}
