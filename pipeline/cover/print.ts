/** The print cover end to end: drawn (./print-cover.ts), placed on its PDF page (../pdf/paint/cover.ts), read back and checked (./cover-preflight.ts). */
import { paintCoverSheet } from '../pdf/paint/cover.js';
import type { Edition, Paper } from '../types.js';
import { coverPreflight, type CoverPreflight } from './cover-preflight.js';
import { renderCoverArt } from './print-cover.js';

export { coverGeometry, PAPER_INCHES_PER_PAGE, SPINE_TEXT_MIN_PAGES, type CoverGeometry } from './print-cover.js';
export type { CoverPreflight } from './cover-preflight.js';

/** The cover PDF for an interior of `pages` pages on `paper`, its preflight, and the characters no font had. */
export async function renderPrintCover(edition: Edition, pages: number, paper: Paper): Promise<{ bytes: Uint8Array; preflight: CoverPreflight; missing: string[] }> {
  const art = await renderCoverArt(edition, pages, paper);
  const { geometry } = art;
  const bytes = await paintCoverSheet(edition.meta, { png: art.png, width: geometry.width, height: geometry.height, trim: geometry.trim });
  return { bytes, preflight: await coverPreflight(bytes, art, { pages, trim: edition.print.trim }), missing: art.missing };
}
