/**
 * The print cover's preflight: its PDF read back (media and trim boxes) and checked against
 * what the interior's page count, trim and paper say the cover must measure, with the numbers a
 * self-publisher types into KDP's cover calculator to compare.
 */
import { PDFDocument } from 'pdf-lib';
import { POINTS_PER_INCH } from '../pdf/geometry.js';
import { KDP_MIN_PAGES, length, type Length } from '../pdf/finalise/preflight.js';
import type { Paper } from '../types.js';
import { coverGeometry, KDP_MAX_PAGES, type CoverArt, type SpineText } from './print-cover.js';

/** How far a box read back may be from the formula, in points (a thousandth of an inch). */
export const COVER_SIZE_TOLERANCE_PT = POINTS_PER_INCH / 1000;

/** The print cover's report. */
export interface CoverPreflight {
  paper: Paper;
  /** Thickness per page, in inches, that the spine was worked out with. */
  inchesPerPage: number;
  /** The interior's page count and trim the cover was made for. */
  pages: number;
  trim: { width: Length; height: Length };
  spine: Length;
  bleed: Length;
  /** Width and height of the whole cover with bleed (media box), as the formula gives them. */
  width: Length;
  height: Length;
  /** The boxes read back from the PDF. */
  mediaBox: { width: Length; height: Length };
  trimBox: { width: Length; height: Length };
  spineText: SpineText;
  /** The clear box for the barcode: its size and its distance from the spine fold and the bottom trim. */
  barcode: { width: Length; height: Length; fromSpine: Length; fromBottom: Length };
  /** Pixels per inch of the cover picture. */
  ppi: number;
  /** The cover's size differs from what the interior asks for: the cover is not made. */
  rulesBroken: string[];
  /** What a print service would query, in words. */
  warnings: string[];
}

/** Reads the cover PDF's boxes back and checks them against the interior's page count and trim. */
export async function coverPreflight(bytes: Uint8Array, art: CoverArt, interior: { pages: number; trim: { width: number; height: number } }): Promise<CoverPreflight> {
  const expected = coverGeometry(interior.trim, interior.pages, art.geometry.paper);
  const page = (await PDFDocument.load(bytes, { updateMetadata: false })).getPage(0);
  const media = page.getMediaBox();
  const trim = page.getTrimBox();
  const rulesBroken: string[] = [];
  const compare = (what: string, found: number, wanted: number): void => {
    if (Math.abs(found - wanted) > COVER_SIZE_TOLERANCE_PT) {
      rulesBroken.push(
        `the cover's ${what} is ${(found / POINTS_PER_INCH).toFixed(4)} in; ${interior.pages} pages on ${expected.paper} paper need ${(wanted / POINTS_PER_INCH).toFixed(4)} in`,
      );
    }
  };
  compare('width with bleed', media.width, expected.width);
  compare('height with bleed', media.height, expected.height);
  compare('trimmed width', trim.width, expected.trim.width);
  compare('trimmed height', trim.height, expected.trim.height);
  const warnings = [...art.warnings];
  if (interior.pages < KDP_MIN_PAGES) warnings.push(`${interior.pages} pages: KDP prints paperbacks of ${KDP_MIN_PAGES} pages or more`);
  if (interior.pages > KDP_MAX_PAGES[expected.paper]) warnings.push(`${interior.pages} pages: KDP prints at most ${KDP_MAX_PAGES[expected.paper]} on ${expected.paper} paper`);
  const { barcode, back } = expected;
  return {
    paper: expected.paper,
    inchesPerPage: expected.inchesPerPage,
    pages: interior.pages,
    trim: { width: length(interior.trim.width), height: length(interior.trim.height) },
    spine: length(expected.spine),
    bleed: length(expected.bleed),
    width: length(expected.width),
    height: length(expected.height),
    mediaBox: { width: length(media.width), height: length(media.height) },
    trimBox: { width: length(trim.width), height: length(trim.height) },
    spineText: art.spineText,
    barcode: {
      width: length(barcode.width),
      height: length(barcode.height),
      fromSpine: length(back.x + back.width - barcode.x - barcode.width),
      fromBottom: length(back.y + back.height - barcode.y - barcode.height),
    },
    ppi: Math.round(art.widthPx / (media.width / POINTS_PER_INCH)),
    rulesBroken,
    warnings,
  };
}
