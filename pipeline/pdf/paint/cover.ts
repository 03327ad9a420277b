/**
 * The print cover's PDF: one page the size of the whole cover with bleed, the drawn cover over
 * all of it, and the trim and bleed boxes a print service reads (pdfkit writes only a MediaBox).
 */
import PDFDocument from 'pdfkit';
import type { EditionMeta } from '../../types.js';

/** A cover picture and the boxes of its page, in points (the trim box from the top left corner). */
export interface CoverSheet {
  png: Uint8Array;
  width: number;
  height: number;
  trim: { x: number; y: number; width: number; height: number };
}

/** Paints the cover picture edge to edge on one page and sets its trim and bleed boxes. */
export async function paintCoverSheet(meta: EditionMeta, sheet: CoverSheet): Promise<Uint8Array> {
  const date = new Date(meta.modified);
  const doc = new PDFDocument({
    size: [sheet.width, sheet.height],
    margin: 0,
    autoFirstPage: false,
    font: null,
    pdfVersion: '1.7',
    lang: meta.lang,
    info: {
      Title: `${meta.title} (cover)`,
      ...(meta.byline?.length ? { Author: meta.byline.join(', ') } : {}),
      Creator: 'Galley',
      Producer: 'Galley',
      // Pinned, as the interior's are: the same book gives the same bytes.
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
  // PDF boxes count from the bottom left; the trim is centred vertically, so only x needs care.
  const bottom = sheet.height - sheet.trim.y - sheet.trim.height;
  doc.page.dictionary.data.TrimBox = [sheet.trim.x, bottom, sheet.trim.x + sheet.trim.width, bottom + sheet.trim.height];
  doc.page.dictionary.data.BleedBox = [0, 0, sheet.width, sheet.height];
  doc.image(Buffer.from(sheet.png), 0, 0, { width: sheet.width, height: sheet.height });
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
