/**
 * Galley's core: one article (or a collection) in, artifacts out. Pure of printing and exiting,
 * so the CLI, a worker thread or a server can share it. Stages: read → parse → structure →
 * layout → pdf (its page breaks feed the EPUB's page list) → epub.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { imageSize } from 'image-size';
import { renderCoverWithReport } from './cover/index.js';
import { describeCharacter } from './pdf/preflight.js';
import { renderEpub } from './epub/index.js';
import { InputError, RenderError } from './errors.js';
import { layoutEdition, loadTemplate } from './layout/index.js';
import { renderPdf, type Preflight } from './pdf/index.js';
import { prepareArticle } from './prepare.js';
import { readAsset } from './read/index.js';
import { verifyFidelity } from './verify/index.js';
import type { Article, Artifact, Asset, Diagnostic, Edition } from './types.js';

export type { Artifact, Diagnostic, Edition } from './types.js';

/** A cover picture's bytes, generated (PNG) or the article's own (PNG or JPEG). */
interface CoverImage {
  bytes: Uint8Array;
  mediaType: Asset['mediaType'];
}
export { GalleyError, InputError, TemplateError, RenderError } from './errors.js';
export { loadTemplate } from './layout/index.js';
export { prepareArticle } from './prepare.js';

/** The formats Galley renders. */
export type Format = 'epub' | 'pdf';

/** Choices for one build, from the command line or a caller. */
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
  /** The other files the book was made from (its images, also ones not found): a change in any makes it stale. */
  inputs: string[];
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  preflight?: Preflight;
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<string, number>;
}

/** Builds one book from one article file, or from several when a collection title is given. */
export async function buildBook(files: string[], options: BuildOptions): Promise<BookResult> {
  const started = performance.now();
  const template = loadTemplate(options.template, options.cwd);
  const articles = await Promise.all(files.map((file) => prepareArticle(file, template)));
  const { assets, inputs } = await readImages(articles);
  const cover = await readCover(articles, inputs);
  const edition = layoutEdition(articles, template, {
    assets,
    ...(options.sourceDateEpoch !== undefined ? { sourceDateEpoch: options.sourceDateEpoch } : {}),
    ...(options.collectionTitle ? { collectionTitle: options.collectionTitle } : {}),
    ...(options.publisher ? { publisher: options.publisher } : {}),
    ...(options.rights ? { rights: options.rights } : {}),
  });
  const timings: Record<string, number> = { prepare: performance.now() - started };
  return renderBook(edition, articles, { inputs: [...inputs].sort(), ...(cover ? { cover } : {}) }, options, timings);
}

/** What a book is made from besides its articles: the files read for it, and the article's own cover when it gives one. */
interface BookInputs {
  inputs: string[];
  cover?: Asset;
}

async function renderBook(edition: Edition, articles: Article[], { inputs, cover: ownCover }: BookInputs, options: BuildOptions, timings: Record<string, number>): Promise<BookResult> {
  const diagnostics = articles.flatMap((article) => article.diagnostics);
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
    ...(options.minPages !== undefined ? { minPages: options.minPages } : {}),
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
  if (options.verify !== false) {
    mark = performance.now();
    const epub = artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')?.bytes;
    const lost = await verifyFidelity({
      files: articles.map((article) => article.meta.file),
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
  const report = {
    title: edition.meta.title,
    sources: articles.map((article) => article.meta.file),
    template: edition.template,
    identifier: edition.meta.identifier,
    dropped: diagnostics.filter((d) => d.text !== undefined).map(({ file, line, rule, text }) => ({ file, line, rule, text })),
    diagnostics,
    preflight: pdf.preflight,
  };
  artifacts.push({ name: `${slug}.report.json`, mediaType: 'application/json', bytes: new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`) });
  const size = coverImage ? imageSize(coverImage.bytes) : undefined;
  const cover = size && coverImage ? { name: `${slug}.cover.${coverImage.mediaType === 'image/jpeg' ? 'jpg' : 'png'}`, width: size.width, height: size.height } : undefined;
  if (cover && coverImage) artifacts.push({ name: cover.name, mediaType: coverImage.mediaType, bytes: coverImage.bytes });
  return {
    slug,
    title: edition.meta.title,
    lang: edition.meta.lang,
    ...(edition.meta.publisher ? { publisher: edition.meta.publisher } : {}),
    ...(cover ? { cover } : {}),
    sources: report.sources,
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

/**
 * Reads every image the articles use, from their own folders only. An image that is refused
 * (a URL, a path outside the folder, a missing or unreadable file) is left out with a
 * diagnostic; the article is still built, with the image's caption and alt text. In a
 * collection each article's images are keyed by the article's number as well, so two
 * articles' `photo.jpg` from different folders stay two pictures.
 */
async function readImages(articles: Article[]): Promise<{ assets: Record<string, Asset>; inputs: Set<string> }> {
  const assets: Record<string, Asset> = {};
  const inputs = new Set<string>();
  for (const [index, article] of articles.entries()) {
    const references: Array<{ url: string }> = [];
    visit(article.tree, (node) => {
      if (node.type === 'figure' && node.image) references.push(node.image);
      if (node.type === 'image') references.push(node as Image);
    });
    const read = new Map<string, Asset | undefined>();
    for (const reference of references) {
      const url = reference.url;
      if (!read.has(url)) {
        read.set(url, await readImage(article, url));
        const local = localPath(article.meta.file, url);
        if (local) inputs.add(local);
      }
      const asset = read.get(url);
      if (articles.length > 1) reference.url = `${index + 1}/${url}`;
      if (asset) assets[reference.url] = asset;
    }
  }
  return { assets, inputs };
}

/**
 * The article's own cover (front matter `cover:`), read from its folder only, or undefined. A
 * picture that cannot be read is one warning and the generated cover is used; a collection is
 * no one article's, so it keeps its generated cover and says so. The file is an input either way.
 */
async function readCover(articles: Article[], inputs: Set<string>): Promise<Asset | undefined> {
  const wanting = articles.filter((article) => article.meta.cover !== undefined);
  for (const article of wanting) {
    const local = localPath(article.meta.file, article.meta.cover!);
    if (local) inputs.add(local);
  }
  if (articles.length > 1) {
    for (const article of wanting) {
      article.diagnostics.push({ severity: 'warning', rule: 'front-matter-cover', message: `front matter "cover: ${article.meta.cover}" left out: a collection has a cover of its own`, file: article.meta.file });
    }
    return undefined;
  }
  const article = wanting[0];
  if (!article) return undefined;
  try {
    return await readAsset(article.meta.file, article.meta.cover!);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const why = error.message.replace(/^.*? refused: /, '');
    article.diagnostics.push({ severity: 'warning', rule: 'front-matter-cover', message: `front matter "cover: ${article.meta.cover}" refused: ${why}; the generated cover is used`, file: article.meta.file });
    return undefined;
  }
}

/** The file an image reference names beside its article, or undefined for a URL or a path that cannot be one. */
function localPath(articleFile: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || isAbsolute(url) || url.startsWith('/')) return undefined;
  try {
    return resolve(dirname(articleFile), decodeURIComponent(url));
  } catch {
    return undefined;
  }
}

async function readImage(article: Article, url: string): Promise<Asset | undefined> {
  try {
    return await readAsset(article.meta.file, url);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    article.diagnostics.push({ severity: 'warning', rule: 'image-refused', message: error.message.replace(`${article.meta.file}: `, ''), file: article.meta.file });
    return undefined;
  }
}
