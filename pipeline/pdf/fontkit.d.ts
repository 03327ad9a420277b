/**
 * The part of fontkit 2.0.4 the PDF renderer uses; fontkit ships no type declarations.
 */
declare module 'fontkit' {
  /** One glyph of a laid-out run. */
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    /** The outline in font units, y up. */
    path: { commands: Array<{ command: string; args: number[] }> };
  }

  /** Where a glyph sits relative to the pen, in font units. */
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }

  /** The result of shaping a string (OpenType substitution and positioning applied). */
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }

  /** A parsed TrueType or OpenType font. */
  export interface Font {
    type: string;
    postscriptName: string;
    familyName: string;
    fullName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    /** The OS/2 table, where the font says where and how thick a strike line is (font units). */
    'OS/2'?: { yStrikeoutPosition: number; yStrikeoutSize: number; usWeightClass?: number; fsSelection?: { italic: boolean; oblique: boolean } };
    /** Slant of the upright strokes in degrees, counter-clockwise; 0 in a roman. */
    italicAngle: number;
    /** Height of the small letters, in font units (0 when the font does not say). */
    xHeight: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }

  /** A TrueType collection or dfont holding several fonts. */
  export interface FontCollection {
    type: 'TTC' | 'DFont';
    fonts: Font[];
  }

  /** Parses font bytes; a collection when the file holds several fonts. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
