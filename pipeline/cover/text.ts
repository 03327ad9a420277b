/**
 * Cover text set here rather than by resvg: each character in a font that has it (the template's
 * face, then its display and text fallbacks: Hebrew, Arabic, CJK), shaped by fontkit, ordered by
 * the Unicode bidi algorithm (UAX #9, as the PDF's lines are), broken at UAX #14 opportunities
 * into lines of balanced length, at the largest size between the template's limits at which the
 * text fits its frame, and drawn as outlines. resvg then only fills paths: no font lookup of its
 * own, so no overlapping fallback glyphs and no text running through the frame.
 */
import type { GlyphRun } from 'fontkit';
import LineBreaker from 'linebreak';
import type { Direction } from '../pdf/blocks/bidi.js';
import { detectDirection, visualPieces } from '../pdf/blocks/bidi.js';
import type { LoadedFont } from '../pdf/measure/fonts.js';

/** Where and how large a text may be set. */
export interface Frame {
  /** Widest line, in user units. */
  width: number;
  /** Tallest block, first baseline's ascent to last baseline's descent, in user units. */
  height: number;
  /** Largest and smallest size tried, in user units. */
  maxSize: number;
  minSize: number;
  /** Baseline to baseline, as a multiple of the size. */
  lineHeight: number;
  /** Most lines; past them the text is cut with an ellipsis. */
  maxLines: number;
}

/** One line as set: its text (logical order), width and the outline of its glyphs relative to its start and baseline. */
export interface SetLine {
  text: string;
  width: number;
  /** Font of each run, in display order (PostScript names), for tests and reports. */
  fonts: string[];
  /** The glyphs' outlines, relative to the line's start and baseline (y down, as in SVG). */
  outline: Array<[command: string, points: number[]]>;
}

/** A line's outline as SVG path data, its start at `x` and its baseline at `y`. */
export function pathData(line: SetLine, x: number, y: number): string {
  return line.outline.map(([command, points]) => `${command}${points.map((value, index) => round(value + (index % 2 === 0 ? x : y))).join(' ')}`).join('');
}

/** A text fitted into a frame. */
export interface SetText {
  size: number;
  lines: SetLine[];
  direction: Direction;
  /** Whether the text was cut to fit (ellipsis). */
  cut: boolean;
  /** Characters no font has. */
  missing: string[];
}

/** Size steps tried between the largest and the smallest size, as a fraction of the size. */
const SIZE_STEP = 0.04;
const ELLIPSIS = '…';
/** A display line of one word, when the words could be shared out otherwise, costs as much as this much of the measure left empty. */
const LONE_WORD_PENALTY = 0.3;
/** Characters that belong to the character before them in a font run (marks, joiners, variation selectors). */
const CLINGS = /^[\p{M}\u200c\u200d\ufe00-\ufe0f]$/u;

/** Chooses the font for each character: the first of `fonts` that has it; spaces and marks stay in the run they are in. */
function fontRuns(text: string, fonts: LoadedFont[], missing: Set<string>): Array<{ text: string; font: LoadedFont }> {
  const runs: Array<{ text: string; font: LoadedFont }> = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const code = char.codePointAt(0) ?? 0;
    let font: LoadedFont | undefined;
    if (last && (/\s/u.test(char) || CLINGS.test(char)) && last.font.font.hasGlyphForCodePoint(code === 0x20 ? 0x20 : code)) font = last.font;
    font ??= fonts.find((candidate) => candidate.font.hasGlyphForCodePoint(code));
    if (!font) {
      // Left out rather than drawn as an empty box; the build names it in a warning.
      if (!/\s/u.test(char)) {
        missing.add(char);
        continue;
      }
      font = last?.font ?? fonts[0]!;
    }
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs;
}

/** Shapes and draws one line at `size`: outline path relative to (0, baseline), and its advance width. */
function drawLine(text: string, fonts: LoadedFont[], size: number, direction: Direction, missing: Set<string>): SetLine {
  const parts = text.split(/(\s+)/u).filter((part) => part.length > 0);
  const pieces = visualPieces(parts, direction);
  let x = 0;
  const outline: SetLine['outline'] = [];
  const used: string[] = [];
  for (const piece of pieces) {
    const runs = fontRuns(piece.text, fonts, missing);
    if (piece.level % 2 === 1) runs.reverse();
    for (const run of runs) {
      const font = run.font.font;
      const scale = size / font.unitsPerEm;
      const shaped = shape(run.font, run.text);
      shaped.glyphs.forEach((glyph, index) => {
        const position = shaped.positions[index]!;
        const ox = x + position.xOffset * scale;
        const oy = -position.yOffset * scale;
        for (const { command, args } of glyph.path.commands) {
          const points: number[] = [];
          for (let i = 0; i + 1 < args.length; i += 2) points.push(ox + args[i]! * scale, oy - args[i + 1]! * scale);
          outline.push([COMMANDS[command] ?? '', points]);
        }
        x += position.xAdvance * scale;
      });
      if (used[used.length - 1] !== font.postscriptName) used.push(font.postscriptName);
    }
  }
  return { text, width: x, fonts: used, outline };
}

const COMMANDS: Record<string, string> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Shaped runs by font and text: fontkit takes a few tenths of a millisecond per call, and a title's words are measured, then drawn. */
const shaped = new Map<string, GlyphRun>();
const MAX_SHAPED = 20_000;

function shape(font: LoadedFont, text: string): GlyphRun {
  const key = `${font.path}\0${text}`;
  let run = shaped.get(key);
  if (!run) {
    run = font.font.layout(text);
    if (shaped.size >= MAX_SHAPED) shaped.clear();
    shaped.set(key, run);
  }
  return run;
}

/** Shaped advances at size 1, by font list and text: titles share most of their words with the sizes tried. */
const advances = new Map<string, number>();
const MAX_ADVANCES = 10_000;

/** The advance width of a text at size 1, each character in the first font that has it. */
function advance(text: string, fonts: LoadedFont[]): number {
  const key = `${fonts.map((font) => font.path).join('\n')}\0${text}`;
  let width = advances.get(key);
  if (width === undefined) {
    width = fontRuns(text, fonts, new Set()).reduce((sum, run) => sum + shape(run.font, run.text).advanceWidth / run.font.font.unitsPerEm, 0);
    if (advances.size >= MAX_ADVANCES) advances.clear();
    advances.set(key, width);
  }
  return width;
}

/** The text cut at its UAX #14 break opportunities: each piece keeps the spaces after it. */
export function breakPieces(text: string): string[] {
  const breaker = new LineBreaker(text);
  const pieces: string[] = [];
  let from = 0;
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    if (next.position > from) pieces.push(text.slice(from, next.position));
    from = next.position;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}

/** Widths of the pieces of a text: with the spaces after them, and without (as the last on a line). */
interface PieceWidths {
  full: number[];
  trimmed: number[];
}

function lineWidth(widths: PieceWidths, from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to - 1; i++) width += widths.full[i]!;
  return to > from ? width + widths.trimmed[to - 1]! : 0;
}

/** Greedy lines of pieces no wider than `limit` (a piece wider than the limit has a line of its own); the start of each line. */
function greedy(widths: PieceWidths, limit: number): number[] {
  const starts = [0];
  for (let index = 1; index < widths.full.length; index++) {
    if (lineWidth(widths, starts[starts.length - 1]!, index + 1) > limit) starts.push(index);
  }
  return starts;
}

/**
 * Lines of balanced length: the fewest lines the width allows, broken where the squared room
 * left on the lines adds up least, a line of a single word costing extra (so neither "port" is
 * left alone on the last line nor "Harbour" on the first); the start of each line.
 */
export function balancedStarts(widths: PieceWidths, width: number): number[] {
  const count = widths.full.length;
  const lines = greedy(widths, width).length;
  if (lines <= 1 || count === 0) return [0];
  // best[k][i]: least cost of setting pieces 0..i-1 as k lines; from[k][i]: where the last of them starts.
  const best = Array.from({ length: lines + 1 }, () => new Array<number>(count + 1).fill(Infinity));
  const from = Array.from({ length: lines + 1 }, () => new Array<number>(count + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= lines; k++) {
    for (let i = 1; i <= count; i++) {
      for (let j = i - 1; j >= 0; j--) {
        const w = lineWidth(widths, j, i);
        if (w > width && i - j > 1) break;
        const alone = i - j === 1 && count > lines ? (LONE_WORD_PENALTY * width) ** 2 : 0;
        const cost = best[k - 1]![j]! + (width - Math.min(w, width)) ** 2 + alone;
        if (cost < best[k]![i]!) {
          best[k]![i] = cost;
          from[k]![i] = j;
        }
      }
    }
  }
  const starts: number[] = [];
  for (let k = lines, i = count; k > 0; k--) {
    const j = from[k]![i]!;
    if (j < 0) return greedy(widths, width);
    starts.unshift(j);
    i = j;
  }
  return starts;
}

/** Sets text into a frame: the largest size at which its balanced lines fit, or the smallest size cut to the frame with an ellipsis. */
export function setText(text: string, fonts: LoadedFont[], frame: Frame, fallbackDirection: Direction = 'ltr'): SetText {
  const clean = text.replace(/\s+/gu, ' ').trim();
  const direction = detectDirection(clean, fallbackDirection);
  const missing = new Set<string>();
  const pieces = breakPieces(clean);
  const lineOf = (from: number, to: number): string => pieces.slice(from, to).join('').trim();
  const fitsHeight = (lines: number, size: number): boolean => lines <= frame.maxLines && (lines - 1) * frame.lineHeight * size + size <= frame.height;
  // Widths scale with the size, so pieces are measured once, at size 1 (order does not change a width).
  const measure = (piece: string): number => advance(piece, fonts);
  const unit: PieceWidths = { full: pieces.map(measure), trimmed: pieces.map((piece) => measure(piece.trimEnd())) };
  const at = (size: number): PieceWidths => ({ full: unit.full.map((w) => w * size), trimmed: unit.trimmed.map((w) => w * size) });
  const lines = (size: number): string[] => {
    const starts = balancedStarts(at(size), frame.width);
    return starts.map((start, index) => lineOf(start, starts[index + 1] ?? pieces.length));
  };
  for (let size = frame.maxSize; size >= frame.minSize - 1e-9; size -= frame.maxSize * SIZE_STEP) {
    const candidate = lines(size);
    if (!fitsHeight(candidate.length, size)) continue;
    const set = candidate.map((line) => drawLine(line, fonts, size, direction, missing));
    if (fitsHeight(set.length, size) && set.every((line) => line.width <= frame.width + 0.5)) return { size, lines: set, direction, cut: false, missing: [...missing] };
  }
  // Past the limit: the smallest size, as many lines as fit, the last one ending in an ellipsis.
  const size = frame.minSize;
  const starts = greedy(at(size), frame.width);
  let room = 1;
  while (room < starts.length && fitsHeight(room + 1, size)) room++;
  const kept = starts.slice(0, room).map((start, index) => lineOf(start, starts[index + 1] ?? pieces.length));
  const last = starts[room - 1]!;
  let end = room < starts.length ? starts[room]! : pieces.length;
  let tail = `${lineOf(last, end)}${ELLIPSIS}`;
  while (end > last + 1 && advance(tail, fonts) * size > frame.width) {
    end--;
    tail = `${lineOf(last, end).replace(/[\s,;:.–—-]+$/u, '')}${ELLIPSIS}`;
  }
  kept[room - 1] = tail;
  return { size, lines: kept.map((line) => drawLine(line, fonts, size, direction, missing)), direction, cut: true, missing: [...missing] };
}
