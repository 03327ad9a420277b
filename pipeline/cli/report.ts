/** How builds are told on the console: one line per diagnostic, file and check. */
import type { BookletReport, CoverPreflight } from '../index.js';
import type { Preflight } from '../pdf/index.js';
import type { Diagnostic } from '../types.js';

/** One line for a diagnostic: file and line, what happened, and the rule that spoke. */
export function formatDiagnostic(diagnostic: Diagnostic, file: string): string {
  const place = diagnostic.line ? `${file}:${diagnostic.line}: ` : `${file}: `;
  const severity = diagnostic.severity === 'info' ? '' : `${diagnostic.severity}: `;
  return `${place}${severity}${diagnostic.message} (${diagnostic.rule})`;
}

/** Human file size, in the units file managers show. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

/** One line summing up the printer's checks of a PDF. */
export function formatPreflight(p: Preflight): string {
  const bleed = p.bleed.pt ? `${p.bleed.in} in bleed` : 'no bleed';
  const parts = [
    `${p.pages} pages (${p.blankPages} blank)`,
    p.minimum.pages > 0
      ? `minimum ${p.minimum.pages} pages (${p.minimum.from === 'option' ? '--min-pages' : 'template'}), ${p.minimum.padding} blank added`
      : 'no minimum page count',
    `trim ${p.trim.width.in}×${p.trim.height.in} in, ${bleed}, gutter ${p.gutter.in} in`,
    `${p.fontsEmbedded.length} fonts embedded`,
    `smallest type ${p.smallestTypeSize} pt`,
    ...(p.thinnestLine > 0 ? [`thinnest line ${p.thinnestLine} pt`] : []),
    `widows ${p.widows}, orphans ${p.orphans}, stranded headings ${p.strandedHeadings}`,
  ];
  if (p.charactersNotCovered.length) parts.push(`not covered: ${p.charactersNotCovered.join(' ')}`);
  return parts.join('; ');
}

/** Lines for the print cover and the booklet, when they were made: the numbers a printer or KDP's calculator gives, and their warnings (`place` names a written file). */
export function formatChannels(result: { slug: string; printCover?: CoverPreflight; booklet?: BookletReport }, place: (name: string) => string): string[] {
  const lines: string[] = [];
  const cover = result.printCover;
  if (cover) {
    const spineText = cover.spineText.printed ? `spine text ${cover.spineText.size} pt` : `no spine text (${cover.spineText.reason})`;
    lines.push(
      `print cover: ${cover.pages} pages on ${cover.paper} paper (${cover.inchesPerPage} in a page): spine ${cover.spine.in} in; ${cover.width.in}×${cover.height.in} in with ${cover.bleed.in} in bleed; barcode box ${cover.barcode.width.in}×${cover.barcode.height.in} in; ${spineText}`,
    );
    for (const warning of cover.warnings) lines.push(`${place(`${result.slug}.cover.pdf`)}: warning: ${warning} (preflight)`);
  }
  const booklet = result.booklet;
  if (booklet) {
    const blanks = booklet.blanks ? ` and ${booklet.blanks} blank` : '';
    lines.push(
      `booklet: ${booklet.pages} pages${blanks} of ${booklet.page.width}×${booklet.page.height} in on ${booklet.sheets} ${booklet.sheet === 'a4' ? 'A4' : 'Letter'} sheet${booklet.sheets === 1 ? '' : 's'}; print both sides, flip on the short edge, fold and staple`,
    );
    for (const warning of booklet.warnings) lines.push(`${place(`${result.slug}.booklet.pdf`)}: warning: ${warning}`);
  }
  return lines;
}
