/**
 * One book in memory: article files and options in, the book's files (artifacts) out, nothing
 * written. The function every runner calls (the CLI's batch threads, a queue worker, a test).
 * Steps: prepare each article (read → parse → extract → structure) → read its images → layout →
 * cover (drawn beside the PDF) → pdf (its page breaks feed the EPUB's page list) → epub →
 * verify (both books read back) → report.
 */
import { imageSize } from 'image-size';
import { renderCoverWithReport } from '../cover/index.js';
import { renderEpub } from '../epub/index.js';
import { RenderError } from '../errors.js';
import { layoutEdition, loadTemplate } from '../layout/index.js';
import { renderPdf, type Preflight } from '../pdf/index.js';
import { describeCharacter } from '../pdf/preflight.js';
import { prepareArticle } from '../prepare.js';
import { hashFiles } from '../read/index.js';
import type { Article, Artifact, Asset, Diagnostic, Edition } from '../types.js';
import { verifyFidelity } from '../verify/index.js';
import { readImages } from './images.js';
import { renderBookReport } from './report.js';

/** The formats Galley renders. */
export type Format = 'epub' | 'pdf';

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
  /** Read both books back and fail the build when a word of the source is missing (default true). */
  verify?: boolean;
}

/** What one book's build produced: files to write, what was said, and the printer's checks. */
export interface BookResult {
  slug: string;
  title: string;
  lang: string;
  publisher?: string;
  /** The cover image among the artifacts, when the template has a cover. */
  cover?: { name: string; width: number; height: number };
  sources: string[];
  /** The other files the book was made from (its images, also ones not found) and their SHA-256 when read (null: missing): a change in any makes it stale. */
  inputs: Record<string, string | null>;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  preflight?: Preflight;
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<string, number>;
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

/** A cover picture's bytes, generated (PNG) or the article's own (PNG or JPEG). */
interface CoverImage {
  bytes: Uint8Array;
  mediaType: Asset['mediaType'];
}

/** What a book is made from besides its articles: the files read for it, and the article's own cover when it gives one. */
interface BookInputs {
  inputs: BookResult['inputs'];
  cover?: Asset;
}

async function renderBook(edition: Edition, articles: Article[], { inputs, cover: ownCover }: BookInputs, diagnostics: Diagnostic[], options: BuildOptions, timings: Record<string, number>): Promise<BookResult> {
  const artifacts: Artifact[] = [];
  const slug = edition.meta.slug;
  // The generated cover is drawn while the PDF is set (its background on resvg's own thread); a failure is reported where it is awaited.
  // An article's own cover (front matter `cover:`) takes its place in both books and on the downloads page.
  const coverStarted = performance.now();
  const coverRendering: Promise<CoverImage> | undefined = ownCover
    ? Promise.resolve({ bytes: ownCover.bytes, mediaType: ownCover.mediaType })
    : edition.epub.coverSvg
      ? renderCoverWithReport(edition)
          .then(({ png, missing }) => {
            if (missing.length) {
              diagnostics.push({ severity: 'warning', rule: 'cover-missing-glyph', message: `no font has ${missing.map(describeCharacter).join(', ')}; left out of the cover`, file: edition.meta.file });
            }
            return { bytes: png, mediaType: 'image/png' as const };
          })
          .finally(() => (timings.cover = performance.now() - coverStarted))
      : undefined;
  coverRendering?.catch(() => undefined);
  let mark = coverStarted;
  const pdf = await renderPdf(edition, {
    ...(options.pdfa ? { pdfa: true } : {}),
    ...(options.cropMarks ? { cropMarks: true } : {}),
    ...(coverRendering && edition.print.coverPage ? { coverImage: (await coverRendering).bytes } : {}),
  });
  timings.pdf = performance.now() - mark;
  Object.assign(timings, Object.fromEntries(Object.entries(pdf.timings).map(([stage, ms]) => [`pdf.${stage}`, ms])));
  diagnostics.push(...pdf.diagnostics);
  // A book that breaks its template's print rules (large print) is not a book of that template.
  if (pdf.preflight.rulesBroken.length) throw new RenderError(`preflight failed: ${pdf.preflight.rulesBroken.join('; ')}`);
  const coverImage = await coverRendering;
  if (options.formats.includes('epub')) {
    mark = performance.now();
    const epub = await renderEpub(edition, { pages: pdf.pages, ...(coverImage ? { cover: coverImage } : {}) });
    timings.epub = performance.now() - mark;
    artifacts.push({ name: `${slug}.epub`, mediaType: 'application/epub+zip', bytes: epub });
  }
  if (options.formats.includes('pdf')) artifacts.push({ name: `${slug}.pdf`, mediaType: 'application/pdf', bytes: pdf.bytes });
  const sources = articles.map((article) => article.meta.file);
  if (options.verify !== false) {
    mark = performance.now();
    const epub = artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')?.bytes;
    const lost = await verifyFidelity({
      files: sources,
      texts: Object.fromEntries(articles.flatMap((article) => (article.sourceText === undefined ? [] : [[article.meta.file, article.sourceText]]))),
      diagnostics,
      ...(epub ? { epub } : {}),
      ...(options.formats.includes('pdf') ? { pdf: pdf.bytes, pdfTextBand: pdf.textBand } : {}),
    });
    timings.verify = performance.now() - mark;
    const errors = lost.filter((problem) => problem.severity === 'error');
    if (errors.length) throw new RenderError(errors.map((problem) => (articles.length > 1 ? `${problem.file}: ${problem.message}` : problem.message)).join('; '));
    diagnostics.push(...lost);
  }
  artifacts.push(renderBookReport(edition, sources, diagnostics, pdf.preflight));
  const size = coverImage ? imageSize(coverImage.bytes) : undefined;
  const cover = size && coverImage ? { name: `${slug}.cover.${coverImage.mediaType === 'image/jpeg' ? 'jpg' : 'png'}`, width: size.width, height: size.height } : undefined;
  if (cover && coverImage) artifacts.push({ name: cover.name, mediaType: coverImage.mediaType, bytes: coverImage.bytes });
  return {
    slug,
    title: edition.meta.title,
    lang: edition.meta.lang,
    ...(edition.meta.publisher ? { publisher: edition.meta.publisher } : {}),
    ...(cover ? { cover } : {}),
    sources,
    inputs,
    artifacts,
    diagnostics,
    preflight: pdf.preflight,
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
  };
}
