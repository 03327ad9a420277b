/** Package metadata computed from the edition: what the book is, where it came from and what it offers readers. */
import type { EditionMeta } from '../types.js';
import { xmlSafe } from './xml-text.js';

/** The conformance claim, made only when every check the claim rests on holds for this book. */
const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/** Who stands behind the claim: the tool that built the book and ran the checks on it, not the article's publisher. */
const CERTIFIER = 'Galley (automated checks: EPUBCheck, Ace by DAISY)';

/** A date `dc:date` accepts (W3C date and time formats); anything else is left out rather than rejected. */
const W3CDTF = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** What the package template prints beyond the library's own options. */
export interface PackageData {
  identifier: string;
  creators: string[];
  /** The article's publisher, when it names one (the library's own default, "anonymous", is never printed). */
  publisher?: string | undefined;
  rights?: string | undefined;
  date: string | undefined;
  source: string | undefined;
  paginationSource: boolean;
  modified: string;
  accessModes: string[];
  accessModesSufficient: string[];
  accessibilityFeatures: string[];
  accessibilitySummary: string;
  conformsTo: string | undefined;
  certifiedBy: string;
}

/** Facts about the rendered content that the accessibility metadata must agree with. */
export interface ContentFacts {
  imageCount: number;
  /** Images whose alt text is empty (decorative by the source's say). */
  imagesWithoutAlt: number;
  pageCount: number;
  printEdition: string | undefined;
}

/** `dcterms:modified` wants whole seconds in UTC with a Z. */
function modifiedStamp(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Computes the package metadata; accessibility claims follow the content, never a fixed list. */
export function packageData(meta: EditionMeta, facts: ContentFacts): PackageData {
  const hasImages = facts.imageCount > 0;
  const hasPages = facts.pageCount > 0;
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (hasImages && facts.imagesWithoutAlt < facts.imageCount) features.push('alternativeText');
  if (hasPages) features.push('printPageNumbers', 'pageNavigation');
  const summary = [
    'Headings, a table of contents and landmarks give the structure; text can be resized and restyled.',
    hasImages ? 'Images carry text alternatives and captions.' : 'The book contains no images.',
    hasPages ? `Page numbers match ${facts.printEdition ?? 'the print edition'}.` : '',
    'No known hazards.',
  ]
    .filter(Boolean)
    .join(' ');
  const date = meta.date && W3CDTF.test(meta.date) ? meta.date : undefined;
  const source = hasPages ? facts.printEdition : meta.source;
  return {
    identifier: xmlSafe(meta.identifier),
    creators: (meta.byline ?? []).map(xmlSafe).filter(Boolean),
    publisher: meta.publisher ? xmlSafe(meta.publisher) : undefined,
    rights: meta.rights ? xmlSafe(meta.rights) : undefined,
    date,
    source: source === undefined ? undefined : xmlSafe(source),
    paginationSource: hasPages,
    modified: modifiedStamp(meta.modified),
    accessModes: hasImages ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: !hasImages ? ['textual'] : facts.imagesWithoutAlt === 0 ? ['textual', 'textual,visual'] : ['textual,visual'],
    accessibilityFeatures: features,
    accessibilitySummary: xmlSafe(summary),
    // An image without alt text that the source did not mark decorative would break WCAG 1.1.1.
    conformsTo: facts.imagesWithoutAlt === 0 ? CONFORMANCE : undefined,
    certifiedBy: CERTIFIER,
  };
}
