/**
 * Edition → EPUB 3 bytes. The steps:
 *
 * 1. Group the print edition's page starts by chapter.
 * 2. Render each chapter: mdast (with page-break markers) → hast through our handlers →
 *    allow-list sanitising → packaged image names → XHTML body.
 * 3. Render the title page and the copyright page from the metadata.
 * 4. Compute the package metadata (accessibility claims follow the content) and the navigation.
 * 5. Take out stylesheet rules that reach outside the book, then hand everything, with image
 *    and cover bytes, to the pinned epub-gen-memory subclass and return its zip.
 */
import { renderCover } from '../cover/index.js';
import { RenderError } from '../errors.js';
import type { Edition, PageStart } from '../types.js';
import { renderChapterBody } from './chapter-body.js';
import { firstAppearances, renderCopyrightPage, renderTitlePage } from './front-matter.js';
import { GalleyEPub } from './galley-epub.js';
import { epubStylesheet } from './stylesheet.js';
import { ImageRegistry } from './images.js';
import { packageData } from './package-data.js';
import { pageBreakId } from './page-breaks.js';
import { chapterXhtml } from './templates/chapter-xhtml.js';
import { contentOpf } from './templates/content-opf.js';
import { navXhtml } from './templates/nav-xhtml.js';
import { xmlSafe } from './xml-text.js';

/** What a caller may add to an edition when rendering its EPUB. */
export interface RenderEpubOptions {
  /** Where the print edition's pages begin, for page-break markers and a page list. */
  pages?: PageStart[];
  /** The cover picture (the article's own, or the generated PNG); rendered from the template's SVG when absent and the template has one. */
  cover?: { bytes: Uint8Array; mediaType: 'image/png' | 'image/jpeg' };
  /** How the package names the print edition the page numbers come from. */
  printEdition?: string;
  /** Told what the renderer had to leave out of the book (stylesheet rules that reach outside it). */
  warn?: (message: string) => void;
}

const TITLE_PAGE = 'title-page.xhtml';
const COPYRIGHT_PAGE = 'copyright.xhtml';

function chapterFile(index: number): string {
  return `chapter-${index + 1}.xhtml`;
}

/** Renders an edition as EPUB 3 bytes; the same edition gives the same bytes at any time and in any time zone. */
export async function renderEpub(edition: Edition, options: RenderEpubOptions = {}): Promise<Uint8Array> {
  const { meta, labels } = edition;
  const pages = options.pages ?? [];
  const printEdition = pages.length > 0 ? (options.printEdition ?? `${meta.title}, print edition${meta.publisher ? ` (${meta.publisher})` : ''}`) : undefined;

  // 1. Page starts by chapter.
  const pagesByChapter = edition.chapters.map(() => [] as PageStart[]);
  const seenPages = new Set<number>();
  for (const start of pages) {
    const list = pagesByChapter[start.chapter];
    if (!list) throw new RenderError(`Page ${start.page} starts in chapter ${start.chapter}, which does not exist.`);
    // A folio is listed once; a second start with the same number would give duplicate ids.
    if (seenPages.has(start.page)) continue;
    seenPages.add(start.page);
    list.push(start);
  }

  // 2. Chapters.
  const registry = new ImageRegistry();
  const bodies = edition.chapters.map((chapter, index) =>
    renderChapterBody(chapter.tree, pagesByChapter[index] ?? [], index, (src) => registry.lookup(chapter.assets, src), {
      subtitle: chapter.meta.subtitle,
      byline: chapter.meta.byline,
    }),
  );

  // 3. Front and back matter.
  const lang = xmlSafe(meta.lang);
  const dir = meta.dir;
  const originals = firstAppearances(edition.chapters);
  const documents = [
    {
      id: 'title-page',
      filename: TITLE_PAGE,
      title: xmlSafe(meta.title),
      content: renderTitlePage(meta, originals.length === 1 ? originals[0] : undefined),
      beforeToc: true,
      lang,
      dir,
      bodyType: 'frontmatter',
    },
    ...edition.chapters.map((chapter, index) => ({
      id: `chapter-${index + 1}`,
      filename: chapterFile(index),
      title: xmlSafe(chapter.meta.title),
      content: bodies[index]?.html ?? '',
      beforeToc: false,
      lang: xmlSafe(chapter.meta.lang),
      dir: chapter.meta.dir,
      bodyType: 'bodymatter',
    })),
    {
      id: 'copyright',
      filename: COPYRIGHT_PAGE,
      title: labels.copyright,
      content: renderCopyrightPage(meta, printEdition, originals),
      beforeToc: false,
      lang,
      dir,
      bodyType: 'backmatter',
    },
  ];
  const alts = [[], ...bodies.map((body) => body.alts), []];
  const listStarts = [[], ...bodies.map((body) => body.listStarts), []];

  // 4. Package metadata and navigation.
  const allAlts = bodies.flatMap((body) => body.alts);
  const pkg = packageData(meta, {
    imageCount: allAlts.length,
    imagesWithoutAlt: allAlts.filter((alt) => alt.trim() === '').length,
    pageCount: seenPages.size,
    printEdition,
  });
  const tocEntries = edition.chapters.map((chapter, index) => ({ href: chapterFile(index), title: xmlSafe(chapter.meta.title) }));
  const landmarks = [
    { type: 'titlepage', href: TITLE_PAGE, title: labels.titlePage },
    { type: 'toc', href: 'toc.xhtml#toc', title: labels.toc },
    ...(edition.chapters.length > 0 ? [{ type: 'bodymatter', href: chapterFile(0), title: labels.bodymatter }] : []),
    { type: 'copyright-page', href: COPYRIGHT_PAGE, title: labels.copyright },
  ];
  const pageList = pagesByChapter
    .flatMap((list) => list)
    .sort((a, b) => a.page - b.page)
    .map((start) => ({ href: `${chapterFile(start.chapter)}#${pageBreakId(start.page)}`, label: String(start.page) }));

  // 5. The book.
  const stylesheet = epubStylesheet(edition.epub.css);
  if (stylesheet.removed.length) options.warn?.(`the template's stylesheet refers to files outside the book, left out of the EPUB: ${stylesheet.removed.join('; ')}`);
  const cover = options.cover ?? (edition.epub.coverSvg ? { bytes: await renderCover(edition), mediaType: 'image/png' as const } : undefined);
  const libraryOptions = {
    title: xmlSafe(meta.declaredTitle ?? meta.title),
    author: (meta.byline ?? []).map(xmlSafe),
    ...(meta.publisher ? { publisher: xmlSafe(meta.publisher) } : {}),
    description: xmlSafe(meta.description),
    lang,
    css: xmlSafe(stylesheet.css),
    date: meta.modified,
    version: 3,
    fonts: [],
    verbose: false,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    tocTitle: labels.toc,
    contentOPF: contentOpf,
    tocXHTML: navXhtml,
    chapterXHTML: chapterXhtml,
    // Passed through to our templates by the library.
    dir,
    pkg,
    labels,
    tocEntries,
    landmarks,
    pageList,
  };
  const book = new GalleyEPub(libraryOptions, documents, {
    modified: new Date(meta.modified),
    identifier: pkg.identifier,
    images: registry.images,
    alts,
    listStarts,
    cover,
  });
  return new Uint8Array(await book.genEpub());
}
