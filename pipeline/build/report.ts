/** The build report (`<slug>.report.json`): what went into a book, what was dropped and said, and the printer's checks. */
import type { KindlePreflight } from '../epub/kindle.js';
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
}

/** Renders the report of one book as `<slug>.report.json`. */
export function renderBookReport(edition: Edition, sources: string[], diagnostics: Diagnostic[], preflight: Preflight, kindle?: KindlePreflight): Artifact {
  const report: BookReport = {
    title: edition.meta.title,
    sources,
    template: edition.template,
    identifier: edition.meta.identifier,
    dropped: diagnostics.filter((d) => d.text !== undefined).map(({ file, line, rule, text }) => ({ file, line, rule, text })),
    diagnostics,
    preflight,
    ...(kindle ? { kindle } : {}),
  };
  return { name: `${edition.meta.slug}.report.json`, mediaType: 'application/json', bytes: new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`) };
}
