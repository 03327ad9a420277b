/**
 * Reads a PDF back as a viewer extracts its text: with poppler's `pdftotext` when it is
 * installed (see ./poppler.ts), otherwise with pdf.js. Poppler runs as a process of its own, so
 * the read-back neither loads pdf.js (most of a second, and 30–40 MB per thread) nor takes this
 * thread's time (pdf.js took 18 ms of it for a two-page book).
 */
import { pdftotext } from './poppler.js';

/** Body text lies between these distances (points) from the top of every page's media box. */
export interface TextBand {
  top: number;
  bottom: number;
}

export interface ReadPdfOptions {
  /**
   * Where the body text is: page furniture (running heads, folios) lies outside it. pdf.js
   * leaves furniture out by its Artifact tags; poppler cannot see tags, so it reads only this band.
   */
  band?: TextBand;
  /** Which reader; by default poppler when installed, else pdf.js. */
  reader?: 'poppler' | 'pdfjs';
}

/** Whether `pdftotext` could be run; learnt on first use, once per thread. */
let popplerInstalled: boolean | undefined;

/** The text of a PDF, page after page, without running heads, folios and marks. */
export async function readPdfText(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<string[]> {
  if (options.reader !== 'pdfjs' && popplerInstalled !== false) {
    const pages = await readWithPoppler(bytes, options.band);
    popplerInstalled = pages !== undefined;
    if (pages) return pages;
    if (options.reader === 'poppler') throw new Error('pdftotext (poppler-utils) is not installed');
  }
  return readWithPdfJs(bytes);
}

/** pdftotext's pages (it ends each with a form feed), or undefined when it is not installed. */
async function readWithPoppler(bytes: Uint8Array, band: TextBand | undefined): Promise<string[] | undefined> {
  // The crop is in whole points, rounded outwards.
  const top = band ? Math.floor(band.top) : 0;
  const text = await pdftotext(bytes, band ? { top, height: Math.ceil(band.bottom) - top } : undefined);
  if (text === undefined) return undefined;
  const pages = text.split('\f');
  // The text after the last form feed is not a page. A page's closing line break is dropped,
  // so a word hyphenated across two pages reads "neigh-\nborhood", as within a page.
  pages.pop();
  return pages.map((page) => page.replace(/\n+$/, ''));
}

/** pdf.js's text of every page, leaving out content tagged as an Artifact. */
async function readWithPdfJs(bytes: Uint8Array): Promise<string[]> {
  // Loaded on first use: pdf.js takes most of a second to load, which builds without it should not pay.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
  const task = getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      let artifactDepth = 0;
      let depth = 0;
      let text = '';
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            depth++;
            if (artifactDepth === 0 && (item as { tag?: string }).tag === 'Artifact') artifactDepth = depth;
          } else if (item.type === 'endMarkedContent') {
            if (artifactDepth === depth) artifactDepth = 0;
            depth--;
          }
          continue;
        }
        if (artifactDepth > 0) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
