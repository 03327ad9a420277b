/** Reads a PDF back with pdf.js, as a viewer extracts text: body text only, page furniture left out. */

/** The text of a PDF, page after page, without running heads, folios and marks (tagged as artifacts). */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
  // Loaded on first use: pdf.js takes most of a second to load, which builds without the check should not pay.
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
