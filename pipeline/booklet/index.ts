/**
 * Edition → a booklet for a home printer: the book set again at the half-sheet trim (5.5×8.5 in
 * on Letter, A5 on A4) so its type keeps its size, then imposed two pages to a side on landscape
 * sheets in saddle-stitch order (../shared/notes/channels.md §2), padded with blank pages at the
 * end to a multiple of 4. Printed on both sides, flipping on the short edge, the stack folds
 * into the book and takes two staples.
 *
 * Imposition is pdf-lib's: each page of the typeset PDF becomes a Form XObject drawn at its
 * place on a sheet, so the typesetter and painter stay as they are (tags, links and furniture
 * are drawn once, for the interior). The page copies pdf-lib leaves behind unreferenced are
 * swept before saving (see sweep()).
 */
import { PDFArray, PDFDict, PDFDocument, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { POINTS_PER_INCH } from '../pdf/geometry.js';
import { renderPdf, type PdfOptions } from '../pdf/index.js';
import type { Edition, PrintSettings, Sheet } from '../types.js';

const MM = POINTS_PER_INCH / 25.4;

/** Each sheet's landscape size and the page it folds to, in points. */
export const SHEETS: Record<Sheet, { sheet: { width: number; height: number }; page: { width: number; height: number } }> = {
  letter: { sheet: { width: 11 * POINTS_PER_INCH, height: 8.5 * POINTS_PER_INCH }, page: { width: 5.5 * POINTS_PER_INCH, height: 8.5 * POINTS_PER_INCH } },
  a4: { sheet: { width: 297 * MM, height: 210 * MM }, page: { width: 148 * MM, height: 210 * MM } },
};

/** Pages a saddle-stitched booklet may have before it is too thick to fold flat with two staples (20 sheets of 80 g/m² paper). */
export const MAX_SADDLE_STITCH_PAGES = 80;

/** One side of a sheet: the pages on its left and right half (1-based; beyond the book's last page is blank). */
export interface Side {
  sheet: number;
  face: 'front' | 'back';
  left: number;
  right: number;
}

/** Sheet k of n pages (n a multiple of 4): front (n − 2k + 2, 2k − 1), back (2k, n − 2k + 1). */
export function bookletOrder(pages: number): Side[] {
  const n = Math.ceil(pages / 4) * 4;
  const sides: Side[] = [];
  for (let k = 1; k <= n / 4; k++) {
    sides.push({ sheet: k, face: 'front', left: n - 2 * k + 2, right: 2 * k - 1 });
    sides.push({ sheet: k, face: 'back', left: 2 * k, right: n - 2 * k + 1 });
  }
  return sides;
}

const bookletPrints = new WeakMap<PrintSettings, Map<Sheet, PrintSettings>>();

/**
 * The print settings of the booklet: the template's type, margins and furniture at the half
 * sheet's trim, without bleed, crop marks or PDF/A, and the template's own gutter (a saddle
 * stitch opens flat; KDP's gutter table is for glued spines). One object per template and sheet,
 * so the typesetter's caches keyed by it hold.
 */
export function bookletPrint(print: PrintSettings, sheet: Sheet): PrintSettings {
  let bySheet = bookletPrints.get(print);
  if (!bySheet) bookletPrints.set(print, (bySheet = new Map()));
  let found = bySheet.get(sheet);
  if (!found) {
    found = { ...print, trim: SHEETS[sheet].page, bleed: 0, cropMarks: false, pdfa: false, gutterByPageCount: false };
    bySheet.set(sheet, found);
  }
  return found;
}

/** What the booklet is: its sheet, its pages and blanks, and how many sheets to print. */
export interface BookletReport {
  sheet: Sheet;
  /** Page size in inches, as set (the half sheet). */
  page: { width: number; height: number };
  /** Pages of the book, and blank pages added at the end to make a multiple of 4. */
  pages: number;
  blanks: number;
  sheets: number;
  /** Typesetting, imposition and the whole, in milliseconds. */
  timings: { typeset: number; impose: number };
  warnings: string[];
}

/** Sets the book at the half-sheet trim and imposes it; `coverImage` as for the interior (a template's cover page). */
export async function renderBooklet(edition: Edition, sheet: Sheet, options: Pick<PdfOptions, 'coverImage'> = {}): Promise<{ bytes: Uint8Array; report: BookletReport }> {
  let started = performance.now();
  const pdf = await renderPdf({ ...edition, print: bookletPrint(edition.print, sheet) }, { pdfa: false, cropMarks: false, ...options });
  const typeset = performance.now() - started;
  started = performance.now();
  const bytes = await impose(pdf.bytes, sheet, edition.meta);
  const pages = pdf.preflight.pages;
  const sides = bookletOrder(pages);
  const warnings =
    pages > MAX_SADDLE_STITCH_PAGES ? [`${pages} pages: a stapled booklet folds flat up to about ${MAX_SADDLE_STITCH_PAGES} (${MAX_SADDLE_STITCH_PAGES / 4} sheets)`] : [];
  const { page } = SHEETS[sheet];
  return {
    bytes,
    report: {
      sheet,
      page: { width: Math.round((page.width / POINTS_PER_INCH) * 100) / 100, height: Math.round((page.height / POINTS_PER_INCH) * 100) / 100 },
      pages,
      blanks: sides.length * 2 - pages,
      sheets: sides.length / 2,
      timings: { typeset, impose: performance.now() - started },
      warnings,
    },
  };
}

/** Imposes a PDF of half-sheet pages two to a side, in booklet order, each page at its full size (centred in its half). */
export async function impose(bytes: Uint8Array, sheet: Sheet, meta: { title: string; modified: string; lang: string }): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = await PDFDocument.create({ updateMetadata: false });
  // One call for every page, so fonts and pictures the pages share are copied once.
  const embedded = await out.embedPages(source.getPages());
  const size = SHEETS[sheet].sheet;
  const half = size.width / 2;
  for (const side of bookletOrder(embedded.length)) {
    const page = out.addPage([size.width, size.height]);
    for (const [slot, number] of [side.left, side.right].entries()) {
      const form = embedded[number - 1];
      if (form) page.drawPage(form, { x: slot * half + (half - form.width) / 2, y: (size.height - form.height) / 2 });
    }
  }
  const date = new Date(meta.modified);
  out.setTitle(`${meta.title} (booklet)`);
  out.setLanguage(meta.lang);
  out.setCreator('Galley');
  out.setProducer('Galley');
  out.setCreationDate(date);
  out.setModificationDate(date);
  await out.flush();
  sweep(out);
  return out.save();
}

/**
 * Deletes the objects nothing refers to. pdf-lib's embedPages copies each source page with its
 * content stream, then draws the Form XObject from a decoded copy of that content: the copied
 * page and stream stay in the file unreferenced (measured: 2.8 times the source's size for 64
 * pages of text; ../shared/notes/channels.md §2).
 */
function sweep(doc: PDFDocument): void {
  const { context } = doc;
  const reached = new Set<PDFRef>();
  const visit = (object: PDFObject | undefined): void => {
    if (object instanceof PDFRef) {
      if (reached.has(object)) return;
      reached.add(object);
      visit(context.lookup(object));
    } else if (object instanceof PDFDict) for (const [, value] of object.entries()) visit(value);
    else if (object instanceof PDFArray) for (const value of object.asArray()) visit(value);
    else if (object instanceof PDFStream) visit(object.dict);
  };
  visit(context.trailerInfo.Root);
  visit(context.trailerInfo.Info);
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref);
}
