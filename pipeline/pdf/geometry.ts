/**
 * Page geometry: trim, bleed, mirrored margins and the gutter chosen from the page count.
 */
import type { PrintSettings } from '../types.js';

/** Points per inch. */
export const POINTS_PER_INCH = 72;

/**
 * KDP's minimum inside margin by final page count (../shared/notes/print-and-accessibility.md):
 * [highest page count, gutter in inches]; books under 24 pages take the first row.
 */
export const KDP_GUTTER_INCHES: ReadonlyArray<readonly [number, number]> = [
  [150, 0.375],
  [300, 0.5],
  [500, 0.625],
  [700, 0.75],
  [Infinity, 0.875],
];

/** Distance of crop marks from the trim edge when there is no bleed, in points (beyond the bleed otherwise). */
export const CROP_MARK_OFFSET_PT = 9;
/** Length of a crop mark, in points. */
export const CROP_MARK_LENGTH_PT = 18;

/** The inside margin for a book of `pages` pages: the template's, widened to KDP's minimum when asked. */
export function insideMargin(print: PrintSettings, pages: number): number {
  if (!print.gutterByPageCount) return print.margins.inside;
  const row = KDP_GUTTER_INCHES.find(([max]) => pages <= max) ?? KDP_GUTTER_INCHES[KDP_GUTTER_INCHES.length - 1];
  return Math.max(print.margins.inside, (row?.[1] ?? 0) * POINTS_PER_INCH);
}

/**
 * Least distance from the trim at which anything may print: KDP's outside margin, 0.25 in, or
 * 0.375 in when the pages bleed (the team's notes on print services). Running heads and folios
 * keep inside it, and preflight names a template margin that does not.
 */
export function liveMargin(bleed: number): number {
  return (bleed > 0 ? 0.375 : 0.25) * POINTS_PER_INCH;
}

/** Where everything on a page goes, in points from the media box's top left corner. */
export interface PageFrame {
  /** Media box size. */
  width: number;
  height: number;
  /** Trim box origin (top left) and size. */
  trimX: number;
  trimY: number;
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  /** Space around the bleed box for crop marks (0 without marks). */
  slug: number;
}

/** The media, bleed and trim boxes of every page. */
export function pageFrame(print: PrintSettings, cropMarks: boolean): PageFrame {
  const slug = cropMarks ? CROP_MARK_OFFSET_PT + CROP_MARK_LENGTH_PT : 0;
  const edge = print.bleed + slug;
  return {
    width: print.trim.width + 2 * edge,
    height: print.trim.height + 2 * edge,
    trimX: edge,
    trimY: edge,
    trimWidth: print.trim.width,
    trimHeight: print.trim.height,
    bleed: print.bleed,
    slug,
  };
}

/** The text column of a page: left edge (media box coordinates), width, top and height. */
export interface Column {
  x: number;
  width: number;
  top: number;
  height: number;
}

/** The text column of a right-hand (recto) or left-hand (verso) page; margins mirror. */
export function column(print: PrintSettings, frame: PageFrame, inside: number, recto: boolean): Column {
  const width = print.trim.width - inside - print.margins.outside;
  return {
    x: frame.trimX + (recto ? inside : print.margins.outside),
    width,
    top: frame.trimY + print.margins.top,
    height: print.trim.height - print.margins.top - print.margins.bottom,
  };
}
