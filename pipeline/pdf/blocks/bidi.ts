/**
 * Step 3d: right-to-left text. Lines are broken in logical order; each line is then reordered
 * for display by the Unicode Bidirectional Algorithm (UAX #9, rules L1–L2, levels from
 * `bidi-js`). fontkit already reverses the glyphs of a run in a right-to-left script when it
 * shapes it, so the reordering here moves whole runs: words and the spaces between them.
 */
import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';

/** Writing direction of a paragraph. */
export type Direction = 'ltr' | 'rtl';

// The package's types declare an ES default export, but its UMD build sets `module.exports` to the factory itself.
const bidiFactory = createRequire(import.meta.url)('bidi-js') as () => Bidi;
const bidi = bidiFactory();

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, N'Ko, ... and presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Whether text holds a right-to-left character (a line without one in an LTR paragraph needs no reordering). */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/** The direction of a paragraph declared `auto` (or not at all): that of its first strong character. */
export function detectDirection(text: string, fallback: Direction): Direction {
  const { paragraphs } = bidi.getEmbeddingLevels(text, 'auto');
  const first = paragraphs[0];
  if (!first || !/[\p{L}]/u.test(text)) return fallback;
  return first.level % 2 === 1 ? 'rtl' : 'ltr';
}

/** A piece of one logical part of a line, in display order. */
export interface VisualPiece {
  /** Index of the part in the logical list. */
  part: number;
  /** The piece's text as it should be handed to the shaper (mirrored and reversed when fontkit will not). */
  text: string;
  /** Start and end (exclusive) in the part's text. */
  start: number;
  end: number;
  /** Resolved embedding level: odd is right to left. */
  level: number;
}

/**
 * Reorders a line given as logical parts (words, and gaps as a single space) into display
 * order: each part split where its embedding level changes, then rule L2 (from the highest
 * level down to the lowest odd one, reverse every run at that level or higher).
 */
export function visualPieces(parts: string[], direction: Direction): VisualPiece[] {
  const text = parts.join('');
  const levels = bidi.getEmbeddingLevels(text, direction);
  const paragraphLevel = direction === 'rtl' ? 1 : 0;
  const pieces: VisualPiece[] = [];
  let at = 0;
  parts.forEach((part, index) => {
    let start = 0;
    for (let i = 1; i <= part.length; i++) {
      if (i === part.length || levels.levels[at + i] !== levels.levels[at + start]) {
        const level = levels.levels[at + start] ?? paragraphLevel;
        pieces.push({ part: index, text: part.slice(start, i), start, end: i, level });
        start = i;
      }
    }
    at += part.length;
  });
  // Rule L1: spaces at the end of the line take the paragraph's level.
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i];
    if (!piece || piece.text.trim().length > 0) break;
    piece.level = paragraphLevel;
  }
  const highest = Math.max(paragraphLevel, ...pieces.map((piece) => piece.level));
  const lowestOdd = Math.min(...pieces.map((piece) => piece.level).filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    let from = 0;
    while (from < pieces.length) {
      if ((pieces[from]?.level ?? 0) < level) {
        from++;
        continue;
      }
      let to = from;
      while (to < pieces.length && (pieces[to]?.level ?? 0) >= level) to++;
      const reversed = pieces.slice(from, to).reverse();
      pieces.splice(from, to - from, ...reversed);
      from = to;
    }
  }
  for (const piece of pieces) {
    // fontkit reverses runs of a right-to-left script itself; a right-to-left run of neutrals
    // (brackets, punctuation) it would set left to right, so it is reversed and mirrored here.
    if (piece.level % 2 === 1 && !hasRightToLeft(piece.text)) {
      piece.text = [...piece.text]
        .reverse()
        .map((char) => bidi.getMirroredCharacter(char) ?? char)
        .join('');
    }
  }
  return pieces;
}

/** An alignment as seen on the page: start and end swap for right-to-left paragraphs. */
export function physicalAlign<T extends string>(align: T, direction: Direction): T {
  if (direction === 'ltr') return align;
  if (align === 'left') return 'right' as T;
  if (align === 'right') return 'left' as T;
  return align;
}
