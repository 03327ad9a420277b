/**
 * Step 1b: widths of words, shaped by fontkit with the font's default OpenType features (kern,
 * liga, ...), exactly as pdfkit shapes them when it paints; cached per font and string.
 */
import type { LoadedFont } from './fonts.js';

interface Shape {
  /** Advance in font units. */
  advance: number;
  glyphs: number;
}

/** Distinct strings remembered per font before the cache is emptied (bounds memory on huge input). */
const MAX_CACHED_SHAPES = 200_000;

const shapes = new Map<string, Map<string, Shape>>();

/**
 * The OpenType feature of small capitals drawn from capitals (c2sc): text set in small caps is
 * upper-cased first, so one glyph never stands for both a capital and a small letter (smcp would
 * map the small capital R of "Russia" and of "reinforce" to one glyph, read back as "R" in both).
 */
export const SMALL_CAPS = ['c2sc'];

function shape(font: LoadedFont, text: string, features?: string[]): Shape {
  let perFont = shapes.get(font.path);
  if (!perFont) {
    perFont = new Map();
    shapes.set(font.path, perFont);
  }
  const key = features ? `${features.join(',')}\0${text}` : text;
  let found = perFont.get(key);
  if (!found) {
    const run = features ? font.font.layout(text, features) : font.font.layout(text);
    found = { advance: run.advanceWidth, glyphs: run.glyphs.length };
    if (perFont.size >= MAX_CACHED_SHAPES) perFont.clear();
    perFont.set(key, found);
  }
  return found;
}

/** Width in points of `text` set in `font` at `size` with `tracking` points after every glyph (and OpenType `features` on, when given). */
export function measure(font: LoadedFont, size: number, tracking: number, text: string, features?: string[]): number {
  if (text.length === 0) return 0;
  const { advance, glyphs } = shape(font, text, features);
  return (advance * size) / font.font.unitsPerEm + tracking * glyphs;
}

/** Ascender and descender (positive, below the baseline) of a font at a size, in points. */
export function verticalMetrics(font: LoadedFont, size: number): { ascent: number; descent: number } {
  const upm = font.font.unitsPerEm;
  return { ascent: (font.font.ascent * size) / upm, descent: (-font.font.descent * size) / upm };
}
