/** Template lengths ("6in", "148mm", "10.5pt", "1em") → PDF points. */

const POINTS_PER: Record<string, number> = { pt: 1, in: 72, mm: 72 / 25.4, cm: 72 / 2.54, pc: 12 };

/** Trim presets in inches (width × height): the print services' common sizes. */
export const TRIM_PRESETS: Record<string, [number, number]> = {
  '5x8': [5, 8],
  '5.25x8': [5.25, 8],
  '5.5x8.5': [5.5, 8.5],
  '6x9': [6, 9],
  '7x10': [7, 10],
  '8.5x11': [8.5, 11],
  A5: [148 / 25.4, 210 / 25.4],
};

/** Converts a length to points; `em` is relative to `emSize` (the style's own type size). */
export function toPoints(length: string, emSize = 0): number {
  const match = /^(\d+(?:\.\d+)?)(pt|in|mm|cm|pc|em)$/.exec(length);
  if (!match) throw new RangeError(`not a length: ${length}`);
  const value = Number(match[1]);
  return match[2] === 'em' ? value * emSize : value * POINTS_PER[match[2]!]!;
}
