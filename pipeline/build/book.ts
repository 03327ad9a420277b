/**
 * One book in memory: article files and options in, the book's files (artifacts) out, nothing
 * written. The function every runner calls (the CLI's batch threads, a queue worker, a test).
 * Steps: prepare each article (read → parse → extract → structure) → read its images → layout →
 * cover (drawn beside the PDF) → typeset (its page model gives the EPUB's page list) → paint (only
 * when the PDF is asked for) → epub → print cover and booklet (when asked for) → verify (both books
 * read back) → report.
 */
import { imageSize } from 'image-size';
import { renderBooklet, type BookletReport } from '../booklet/index.js';
import { renderCoverWithReport, type CoverReport } from '../cover/index.js';
import { renderThumbnail, THUMBNAIL_WIDTH_PX } from '../cover/thumbnail.js';
import { renderPrintCover, type CoverPreflight } from '../cover/print.js';
import { renderEpub } from '../epub/index.js';
import { checkKindle, type KindlePreflight } from '../epub/kindle.js';
import { RenderError } from '../errors.js';
import { layoutEdition, loadTemplate } from '../layout/index.js';
import { paint, typeset, type Preflight } from '../pdf/index.js';
import { describeCharacter } from '../pdf/finalise/preflight.js';
import { prepareArticle } from '../prepare.js';
import { hashFiles } from '../read/index.js';
import type { Article, Artifact, Asset, Diagnostic, Edition, Paper, Sheet } from '../types.js';
import { verifyFidelity } from '../verify/index.js';
import { readImages } from './images.js';
import { renderBookReport } from './report.js';

/** The formats Galley renders: the EPUB, the print interior, the print-on-demand cover (`<slug>.cover.pdf`) and the home-printed booklet (`<slug>.booklet.pdf`). */
export const FORMATS = ['epub', 'pdf', 'cover', 'booklet'] as const;
export type Format = (typeof FORMATS)[number];

/** Choices for one build, from the command line, a configuration file or a caller. */
export interface BuildOptions {
  template: string;
  formats: Format[];
  pdfa?: boolean;
  cropMarks?: boolean;
  /** From SOURCE_DATE_EPOCH: pins every timestamp in the books. */
  sourceDateEpoch?: number;
  /** Anthology title: all inputs become chapters of one book. */
  collectionTitle?: string;
  /** Folder names are resolved against (templates are looked up in `<cwd>/templates` first). */
  cwd?: string;
  /** The book's publisher and rights statement, over the article's (a collection has only these). */
  publisher?: string;
  rights?: string;
  /** Fewest PDF pages, padded with blank pages at the end; over the template's `page.minPages`. */
  minPages?: number;
  /** Read both books back and fail the build when a word of the source is missing (default true). */
  verify?: boolean;
  /** The interior's paper, for the print cover's spine, over the template's. */
  paper?: Paper;
  /** The booklet's sheet, over the template's. */
  sheet?: Sheet;
}

/** What one book's build produced: files to write, what was said, and the printer's checks. */
export interface BookResult extends BookChecks {
  slug: string;
  title: string;
  lang: string;
  publisher?: string;
  /** `urn:uuid:` identifier of the book, as its EPUB gives it. */
  identifier: string;
  /** Its authors, as the byline names them (none when the article names none). */
  authors: string[];
  /** ISO 8601 date of first publication, when the article gives one. */
  date?: string;
  /** One-paragraph summary, as the EPUB's description. */
  description: string;
  /** ISO 8601 timestamp the books carry as their modification time. */
  modified: string;
  /** The cover image among the artifacts, when the template has a cover. */
  cover?: ImageFile;
  /** A small JPEG of the cover among the artifacts, for the downloads page and the catalogue. */
  thumbnail?: ImageFile;
  sources: string[];
  /** The other files the book was made from (its images, also ones not found) and their SHA-256 when read (null: missing): a change in any makes it stale. */
  inputs: Record<string, string | null>;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<string, number>;
}

/** The printers' and stores' checks of one book, each when its format was made: carried from the build to the report, the writer and the console. */
export interface BookChecks {
  preflight?: Preflight;
  /** The EPUB's Kindle preflight, when an EPUB was built. */
  kindle?: KindlePreflight;
  /** The print cover's numbers and checks, when it was made. */
  printCover?: CoverPreflight;
  /** The booklet's sheets and pages, when it was made. */
  booklet?: BookletReport;
}

/** The checks a result holds, and nothing else. */
export function bookChecks({ preflight, kindle, printCover, booklet }: { [K in keyof BookChecks]?: BookChecks[K] | undefined }): BookChecks {
  return { ...(preflight ? { preflight } : {}), ...(kindle ? { kindle } : {}), ...(printCover ? { printCover } : {}), ...(booklet ? { booklet } : {}) };
}

/** An image file among a book's artifacts, with its pixel size. */
export interface ImageFile {
  name: string;
  width: number;
  height: number;
}

/** Builds one book from one article file, or from several when a collection title is given; throws a `GalleyError` for input, template and render problems. */
export async function buildBook(files: string[], options: BuildOptions): Promise<BookResult> {
  const started = performance.now();
  const template = loadTemplate(options.template, options.cwd);
  const articles = await Promise.all(files.map((file) => prepareArticle(file, template)));
  const images = await readImages(articles);
  const inputs = await hashFiles(images.inputs);
  const edition = layoutEdition(articles, template, {
    assets: images.assets,
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    ...(options.collectionTitle ? { collectionTitle: options.collectionTitle } : {}),
    ...(options.publisher ? { publisher: options.publisher } : {}),
    ...(options.rights ? { rights: options.rights } : {}),
  });
  const timings: Record<string, number> = { prepare: performance.now() - started };
  const diagnostics = [...articles.flatMap((article) => article.diagnostics), ...images.diagnostics];
  return renderBook(edition, articles, { inputs, ...(images.cover ? { cover: images.cover } : {}) }, diagnostics, options, timings);
}

/** A cover picture's bytes, generated (PNG) or the article's own (PNG or JPEG), and a generated one drawn small too. */
interface CoverImage {
  bytes: Uint8Array;
  mediaType: Asset['mediaType'];
  small?: CoverReport['thumbnail'];
}

/** What a book is made from besides its articles: the files read for it, and the article's own cover when it gives one. */
interface BookInputs {
  inputs: BookResult['inputs'];
  cover?: Asset;
}

async function renderBook(
  edition: Edition,
  articles: Article[],
  { inputs, cover: ownCover }: BookInputs,
  diagnostics: Diagnostic[],
  options: BuildOptions,
  timings: Record<string, number>,
): Promise<BookResult> {
  const artifacts: Artifact[] = [];
  const slug = edition.meta.slug;
  // The generated cover is drawn while the PDF is set (its background on resvg's own thread); a failure is reported where it is awaited.
  // An article's own cover (front matter `cover:`) takes its place in both books and on the downloads page.
  const coverStarted = performance.now();
  const coverRendering: Promise<CoverImage> | undefined = ownCover
    ? Promise.resolve({ bytes: ownCover.bytes, mediaType: ownCover.mediaType })
    : edition.epub.coverSvg
      ? renderCoverWithReport(edition, { thumbnailWidth: THUMBNAIL_WIDTH_PX })
          .then(({ png, missing, thumbnail }) => {
            if (missing.length) {
              diagnostics.push({
                severity: 'warning',
                rule: 'cover-missing-glyph',
                message: `no font has ${missing.map(describeCharacter).join(', ')}; left out of the cover`,
                file: edition.meta.file,
              });
            }
            return { bytes: png, mediaType: 'image/png' as const, ...(thumbnail ? { small: thumbnail } : {}) };
          })
          .finally(() => (timings.cover = performance.now() - coverStarted))
      : undefined;
  coverRendering?.catch(() => undefined);
  let mark = coverStarted;
  // Typeset always (the EPUB's page list and the print cover's spine come from the page model); painted only when the PDF is asked for.
  const pdf = typeset(edition, {
    ...(options.pdfa ? { pdfa: true } : {}),
    ...(options.cropMarks ? { cropMarks: true } : {}),
    ...(options.minPages !== undefined ? { minPages: options.minPages } : {}),
    ...(coverRendering && edition.print.coverPage ? { coverImage: (await coverRendering).bytes } : {}),
  });
  const pdfTimings: Record<string, number> = { ...pdf.timings };
  let pdfBytes: Uint8Array | undefined;
  if (options.formats.includes('pdf')) {
    const painting = performance.now();
    pdfBytes = await paint(pdf.model);
    pdfTimings.paint = performance.now() - painting;
  }
  timings.pdf = performance.now() - mark;
  Object.assign(timings, Object.fromEntries(Object.entries(pdfTimings).map(([stage, ms]) => [`pdf.${stage}`, ms])));
  diagnostics.push(...pdf.diagnostics);
  // A book that breaks its template's print rules (large print) is not a book of that template.
  if (pdf.preflight.rulesBroken.length) throw new RenderError(`preflight failed: ${pdf.preflight.rulesBroken.join('; ')}`);
  const coverImage = await coverRendering;
  let kindle: KindlePreflight | undefined;
  if (options.formats.includes('epub')) {
    mark = performance.now();
    const warn = (message: string): void => void diagnostics.push({ severity: 'warning', rule: 'epub-stylesheet', message, file: edition.meta.file });
    const epub = await renderEpub(edition, { pages: pdf.pages, warn, ...(coverImage ? { cover: coverImage } : {}) });
    timings.epub = performance.now() - mark;
    artifacts.push({ name: `${slug}.epub`, mediaType: 'application/epub+zip', bytes: epub });
    mark = performance.now();
    kindle = await checkKindle(epub);
    timings.kindle = performance.now() - mark;
    for (const check of kindle.checks.filter((c) => !c.passed))
      diagnostics.push({ severity: 'warning', rule: `kindle-${check.rule}`, message: `${check.detail}, so Amazon may refuse the EPUB (E999)`, file: edition.meta.file });
  }
  if (pdfBytes) artifacts.push({ name: `${slug}.pdf`, mediaType: 'application/pdf', bytes: pdfBytes });
  let printCover: CoverPreflight | undefined;
  if (options.formats.includes('cover')) {
    mark = performance.now();
    const made = await renderPrintCover(edition, pdf.preflight.pages, options.paper ?? edition.print.cover.paper);
    timings.printCover = performance.now() - mark;
    if (made.preflight.rulesBroken.length) throw new RenderError(`print cover preflight failed: ${made.preflight.rulesBroken.join('; ')}`);
    if (made.missing.length)
      diagnostics.push({
        severity: 'warning',
        rule: 'cover-missing-glyph',
        message: `no font has ${made.missing.map(describeCharacter).join(', ')}; left out of the print cover`,
        file: edition.meta.file,
      });
    printCover = made.preflight;
    artifacts.push({ name: `${slug}.cover.pdf`, mediaType: 'application/pdf', bytes: made.bytes });
  }
  let booklet: BookletReport | undefined;
  if (options.formats.includes('booklet')) {
    mark = performance.now();
    const made = await renderBooklet(edition, options.sheet ?? edition.print.booklet.sheet, coverImage && edition.print.coverPage ? { coverImage: coverImage.bytes } : {});
    timings.booklet = performance.now() - mark;
    booklet = made.report;
    artifacts.push({ name: `${slug}.booklet.pdf`, mediaType: 'application/pdf', bytes: made.bytes });
  }
  const sources = articles.map((article) => article.meta.file);
  if (options.verify !== false) {
    mark = performance.now();
    const epub = artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')?.bytes;
    const lost = await verifyFidelity({
      files: sources,
      texts: Object.fromEntries(articles.flatMap((article) => (article.sourceText === undefined ? [] : [[article.meta.file, article.sourceText]]))),
      diagnostics,
      ...(epub ? { epub } : {}),
      ...(pdfBytes ? { pdf: pdfBytes, pdfTextBand: pdf.textBand } : {}),
    });
    timings.verify = performance.now() - mark;
    const errors = lost.filter((problem) => problem.severity === 'error');
    if (errors.length) throw new RenderError(errors.map((problem) => (articles.length > 1 ? `${problem.file}: ${problem.message}` : problem.message)).join('; '));
    diagnostics.push(...lost);
  }
  artifacts.push(renderBookReport(edition, sources, diagnostics, pdf.preflight, bookChecks({ kindle, printCover, booklet })));
  const size = coverImage ? imageSize(coverImage.bytes) : undefined;
  const cover = size && coverImage ? { name: `${slug}.cover.${coverImage.mediaType === 'image/jpeg' ? 'jpg' : 'png'}`, width: size.width, height: size.height } : undefined;
  let thumbnail: ImageFile | undefined;
  if (cover && coverImage) {
    artifacts.push({ name: cover.name, mediaType: coverImage.mediaType, bytes: coverImage.bytes });
    mark = performance.now();
    const small = await renderThumbnail(coverImage.small ?? coverImage.bytes);
    timings.thumbnail = performance.now() - mark;
    thumbnail = { name: `${slug}.thumbnail.jpg`, width: small.width, height: small.height };
    artifacts.push({ name: thumbnail.name, mediaType: 'image/jpeg', bytes: small.bytes });
  }
  const { meta } = edition;
  return {
    slug,
    title: meta.title,
    lang: meta.lang,
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
    identifier: meta.identifier,
    authors: meta.byline ?? [],
    ...(meta.date ? { date: meta.date } : {}),
    description: meta.description,
    modified: meta.modified,
    ...(cover ? { cover } : {}),
    ...(thumbnail ? { thumbnail } : {}),
    sources,
    inputs,
    artifacts,
    diagnostics,
    preflight: pdf.preflight,
    ...(kindle ? { kindle } : {}),
    ...(printCover ? { printCover } : {}),
    ...(booklet ? { booklet } : {}),
    timings,
  };
}

/** Gives a book another slug (a second article with the same headline), renaming its files. */
export function renameBook(result: BookResult, slug: string): BookResult {
  const rename = (name: string): string => (name.startsWith(`${result.slug}.`) ? `${slug}${name.slice(result.slug.length)}` : name);
  return {
    ...result,
    slug,
    artifacts: result.artifacts.map((artifact) => ({ ...artifact, name: rename(artifact.name) })),
    ...(result.cover ? { cover: { ...result.cover, name: rename(result.cover.name) } } : {}),
    ...(result.thumbnail ? { thumbnail: { ...result.thumbnail, name: rename(result.thumbnail.name) } } : {}),
  };
}
