/**
 * Preflight: what a print service checks before it accepts an interior, computed from our own
 * layout (not by re-reading the file): pages, boxes, fonts, type sizes and the flow rules.
 */
import type { FlowReport } from './flow.js';
import type { PageFrame } from './geometry.js';
import { POINTS_PER_INCH } from './geometry.js';

/** Fewest pages KDP prints; fewer is reported, not padded (padding a short article with 20 blank pages helps no one). */
export const KDP_MIN_PAGES = 24;
/** Smallest type size KDP accepts, in points. */
export const KDP_MIN_TYPE_PT = 7;

/** A length in points and inches. */
export interface Length {
  pt: number;
  in: number;
}

/** The preflight report of one PDF. */
export interface Preflight {
  pages: number;
  blankPages: number;
  trim: { width: Length; height: Length };
  bleed: Length;
  /** Media box, which includes bleed and the room for crop marks. */
  media: { width: Length; height: Length };
  /** Inside margin used (the gutter), after the page-count rule. */
  gutter: Length;
  /** PostScript names of the embedded fonts. */
  fontsEmbedded: string[];
  smallestTypeSize: number;
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
  fonts: string[];
  smallestSize: number;
  flow: FlowReport;
  missing: Map<string, number>;
  hyphenatedLines: number;
  rulesBroken: string[];
  pdfa: boolean;
  cropMarks: boolean;
}): Preflight {
  const warnings: string[] = [];
  if (input.pages < KDP_MIN_PAGES) warnings.push(`${input.pages} pages: KDP prints books of ${KDP_MIN_PAGES} pages or more`);
  if (input.smallestSize < KDP_MIN_TYPE_PT) warnings.push(`type as small as ${input.smallestSize} pt: KDP asks for ${KDP_MIN_TYPE_PT} pt or more`);
  if (input.cropMarks) warnings.push('crop marks are drawn: KDP, IngramSpark and Lulu reject files with marks');
  if (input.missing.size > 0) warnings.push(`${input.missing.size} characters have no glyph in any font`);
  const { widows, orphans, strandedHeadings, splitFigures } = input.flow;
  if (widows + orphans + strandedHeadings + splitFigures > 0) {
    warnings.push(`flow rules broken: ${widows} widows, ${orphans} orphans, ${strandedHeadings} stranded headings, ${splitFigures} split figures`);
  }
  return {
    pages: input.pages,
    blankPages: input.blankPages,
    trim: { width: length(input.frame.trimWidth), height: length(input.frame.trimHeight) },
    bleed: length(input.frame.bleed),
    media: { width: length(input.frame.width), height: length(input.frame.height) },
    gutter: length(input.gutter),
    fontsEmbedded: input.fonts,
    smallestTypeSize: input.smallestSize,
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
