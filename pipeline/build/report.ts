/** The build report (`<slug>.report.json`): what went into a book, what was dropped and said, and the printer's checks. */
import type { KindlePreflight } from '../epub/kindle.js';
import type { BookletReport } from '../booklet/index.js';
import type { CoverPreflight } from '../cover/print.js';
import type { Preflight } from '../pdf/index.js';
import type { Artifact, Diagnostic, Edition } from '../types.js';

/** The report as written, for readers of the JSON. */
export interface BookReport {
  title: string;
  sources: string[];
  template: string;
  identifier: string;
  /** Every line left out of the book, with its place and the rule that dropped it. */
  dropped: Array<Pick<Diagnostic, 'file' | 'line' | 'rule' | 'text'>>;
  diagnostics: Diagnostic[];
  preflight: Preflight;
  /** The EPUB's Kindle preflight, when an EPUB was built. */
  kindle?: KindlePreflight;
  /** The print cover's numbers and checks (`--format cover`). */
  printCover?: CoverPreflight;
  /** The booklet's sheets and pages (`--format booklet`). */
  booklet?: BookletReport;
}

/** Renders the report of one book as `<slug>.report.json`. */
export function renderBookReport(
  edition: Edition,
  sources: string[],
  diagnostics: Diagnostic[],
  preflight: Preflight,
  channels: Pick<BookReport, 'kindle' | 'printCover' | 'booklet'> = {},
): Artifact {
  const report: BookReport = {
    title: edition.meta.title,
    sources,
    template: edition.template,
    identifier: edition.meta.identifier,
    dropped: diagnostics.filter((d) => d.text !== undefined).map(({ file, line, rule, text }) => ({ file, line, rule, text })),
    diagnostics,
    preflight,
    ...channels,
  };
  return { name: `${edition.meta.slug}.report.json`, mediaType: 'application/json', bytes: new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`) };
}
