/**
 * Step 3 (microtypography): font expansion and character protrusion after Hàn Thế Thành,
 * "Micro-typographic extensions to the TeX typesetting system", dissertation, Masaryk University
 * Brno, 2000, as pdfTeX and LaTeX's microtype package apply them (../shared/notes/microtype.md):
 *
 * - expansion: every glyph of a justified line may be widened or narrowed by the same ratio, up
 *   to FONT_EXPANSION_LIMIT (±3 %, a step past microtype's ±2 %), in steps of FONT_EXPANSION_STEP; the line breaker takes this off a
 *   line's shortfall or excess before it stretches or shrinks the spaces (pdfTeX's
 *   `\pdfadjustspacing=2`), and paint writes the ratio into the text matrix;
 * - protrusion: punctuation at a line's edge hangs into the margin by a share of its own width
 *   (microtype's `default` set), so the edge looks straight; the breaker counts it
 *   (`\pdfprotrudechars=2`).
 */

/**
 * Largest share by which a glyph is widened or narrowed: ±3 %, the edge of what Adobe's InDesign
 * manual calls subtle glyph scaling ("97–100–103"; beyond 3 % letter shapes distort), a step past
 * microtype's default 20 thousandths (its manual: more than 2 % "should be justified by a
 * typographically trained eye"). The reason is Literata's narrow space (0.2 em against Latin
 * Modern's 0.33 em): with spaces that never shrink below 80 %, expansion is most of what a tight
 * line has. On the 184 scrapes' body paragraphs (without the page flow, before letter spacing)
 * 2 % gave 8.4 % hyphenated lines at a word-space p95 of ×1.82, 3 % gave 5.4 % at ×1.64, 4 %
 * 2.8 % at ×1.47, but with glyph widths that differ visibly from line to line.
 */
export const FONT_EXPANSION_LIMIT = 0.03;
/**
 * Largest letter spacing a justified line may add or take away after every glyph, as a share of
 * its font's word space (the unit of InDesign's letter spacing; −3 %…+3 % is a usual book
 * setting, and Bringhurst allows about 3 % in intercharacter spacing against about 2 % in glyph
 * width). On Literata's 0.2 em space that is 0.006 em a glyph: far below what the eye reads as
 * letterspacing, but 60 glyphs give a line about a third more room than the expansion alone.
 * The line breaker counts it with the expansion; a line takes the same share of both.
 */
export const LETTER_SPACING_LIMIT = 0.03;
/** Expansion ratios are multiples of this (pdfTeX ≥ 1.40 with microtype: step 1, thousandths). */
export const FONT_EXPANSION_STEP = 0.001;

/**
 * How far a character at the start (left) or end (right) of a line hangs into the margin, in
 * thousandths of its own width: microtype 3.0f's `default` protrusion set (`microtype.cfg`),
 * straight quotes taken as their curly forms.
 */
export const PROTRUSION: ReadonlyMap<string, readonly [left: number, right: number]> = new Map<string, readonly [number, number]>([
  ['-', [500, 500]],
  ['\u2010', [500, 500]],
  ['\u2011', [500, 500]],
  ['.', [0, 700]],
  [',', [0, 500]],
  [':', [0, 500]],
  [';', [0, 300]],
  ['!', [0, 100]],
  ['?', [0, 100]],
  ['\u2013', [200, 200]],
  ['\u2014', [150, 150]],
  ['\u2018', [300, 400]],
  ['\u2019', [300, 400]],
  ["'", [300, 400]],
  ['\u201C', [300, 300]],
  ['\u201D', [300, 300]],
  ['"', [300, 300]],
  ['\u201E', [400, 400]],
  ['\u201A', [400, 400]],
  ['\u00AB', [200, 200]],
  ['\u00BB', [200, 200]],
  ['(', [100, 0]],
  [')', [0, 200]],
  ['A', [50, 50]],
  ['T', [50, 50]],
  ['V', [50, 50]],
  ['W', [50, 50]],
  ['X', [50, 50]],
  ['Y', [50, 50]],
  ['v', [50, 50]],
  ['w', [50, 50]],
  ['x', [50, 50]],
  ['1', [50, 50]],
  ['4', [50, 50]],
  ['7', [50, 50]],
]);

/** Thousandths of its width by which `char` hangs out at the given side of a line (0 for most characters). */
export function protrusionCode(char: string, side: 'left' | 'right'): number {
  const codes = PROTRUSION.get(char);
  return codes ? codes[side === 'left' ? 0 : 1] : 0;
}

/** The expansion ratio (1 ± at most FONT_EXPANSION_LIMIT, on the step) that takes up as much of `gap` as `expandable` allows. */
export function expansionFor(gap: number, expandable: number): number {
  if (expandable <= 0 || gap === 0) return 1;
  const share = Math.max(-1, Math.min(1, gap / expandable));
  // Rounded towards zero, so the spaces take the remainder and the line never overfills.
  const steps = Math.trunc((share * FONT_EXPANSION_LIMIT) / FONT_EXPANSION_STEP + (share > 0 ? 1e-9 : -1e-9));
  return 1 + steps * FONT_EXPANSION_STEP;
}
