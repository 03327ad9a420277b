/** A collection as one printed book: title page, contents with true page numbers, chapters on rectos. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromFile, MARKDOWN, poppler, ROOT, SEED } from './helpers.js';

const TITLE = 'Two stories';

let edition: Edition;
let result: PdfResult;
/** Text of every page, as pdftotext reads it, first page at index 0. */
let pages: string[];

/** Lines of a page with their surrounding space removed, empty ones dropped. */
function lines(page: string | undefined): string[] {
  return (page ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Spaces collapsed, so a headline set on two lines reads as one. */
function flat(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  const template = loadTemplate('default', ROOT);
  const articles = await Promise.all([SEED, MARKDOWN].map((file) => prepareArticle(file, template)));
  edition = layoutEdition(articles, template, { collectionTitle: TITLE });
  result = await renderPdf(edition);
  const all = await poppler('pdftotext', result.bytes, ['-layout']);
  pages = all.split('\f').slice(0, result.preflight.pages);
}, 30_000);

describe('a collection in print', () => {
  it('opens with a title page and a table of contents whose numbers are the pages the headlines are on', () => {
    expect(lines(pages[0])[0]).toBe(TITLE);
    const contents = lines(pages[2]);
    expect(contents[0]).toBe('Contents');
    for (const chapter of edition.chapters) {
      const headline = chapter.meta.title;
      const entry = contents.find((line) => line.startsWith(headline));
      expect(entry, headline).toBeDefined();
      const listed = Number(/(\d+)$/.exec(entry ?? '')?.[1]);
      // The page where the headline is printed: its opening page, which has no running head.
      const found = pages.findIndex((page, index) => index > 2 && flat(page).startsWith(headline)) + 1;
      expect(found, headline).toBeGreaterThan(3);
      expect(listed, headline).toBe(found);
      expect(found % 2, `${headline} opens on a right-hand page`).toBe(1);
    }
  });

  it("keeps each chapter's copyright notice at the chapter's end, before the next chapter", () => {
    const text = flat(pages.join(' '));
    const notices = edition.chapters.map((chapter) => chapter.tree.children.find((node) => node.type === 'copyright'));
    expect(notices.every((notice) => notice !== undefined)).toBe(true);
    const first = text.indexOf('© 2023 Washington Examiner');
    const second = text.indexOf(edition.chapters[1]?.meta.title ?? '\u0000', text.indexOf('Contents') + 100);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(second);
    expect(text.lastIndexOf('©')).toBeGreaterThan(second);
  });

  it("puts no head or folio on opening pages, the collection title on versos and the chapter's on rectos", () => {
    const openings = pages.flatMap((page, index) => (edition.chapters.some((chapter) => flat(page).startsWith(chapter.meta.title)) ? [index + 1] : []));
    expect(openings.length).toBe(2);
    for (const number of [1, 3, ...openings])
      expect(
        lines(pages[number - 1]).some((line) => line === String(number)),
        `page ${number}`,
      ).toBe(false);
    const verso = openings[0]! + 1;
    expect(lines(pages[verso - 1])[0]).toBe(TITLE.toUpperCase());
    expect(lines(pages[verso - 1])).toContain(String(verso));
  });

  it('links each contents entry to its chapter, tagged TOC, TOCI and Link, with one outline entry per chapter', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const annotations = await (await doc.getPage(3)).getAnnotations();
    const links = annotations.filter((annotation) => annotation.subtype === 'Link');
    expect(links.length).toBeGreaterThanOrEqual(edition.chapters.length);
    for (const [index, chapter] of edition.chapters.entries()) {
      const link = links.find((annotation) => annotation.dest === chapter.id);
      expect(link, chapter.id).toBeDefined();
      const destination = await doc.getDestination(chapter.id);
      const target = destination?.[0] as { num: number; gen: number } | undefined;
      expect(target).toBeDefined();
      const pageIndex = await doc.getPageIndex(target!);
      expect(flat(pages[pageIndex]).startsWith(edition.chapters[index]?.meta.title ?? '')).toBe(true);
    }
    const roles: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    walk(await (await doc.getPage(3)).getStructTree());
    expect(roles).toEqual(expect.arrayContaining(['TOC', 'TOCI', 'Link']));
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.map((item) => item.title)).toEqual(['Contents', ...edition.chapters.map((chapter) => chapter.meta.title)]);
    const seedSections = outline[1]?.items.map((item) => item.title) ?? [];
    expect(seedSections.length).toBeGreaterThan(0);
    expect(outline[2]?.items.map((item) => item.title)).not.toEqual(expect.arrayContaining(seedSections));
  });

  it("pads to an even count and leaves the EPUB's page list to the chapters' pages", () => {
    expect(result.preflight.pages % 2).toBe(0);
    expect(result.pages.every((start) => start.chapter >= 0)).toBe(true);
    expect(result.pages[0]?.page).toBe(5);
  });

  it('gives a single article a title page and a copyright page but no contents', async () => {
    const single = await renderPdf(await editionFromFile(SEED));
    const first = await poppler('pdftotext', single.bytes, ['-f', '1', '-l', '1']);
    expect(first.trimStart().startsWith('China and Russia')).toBe(true);
    expect(single.pages[0]?.page).toBe(3);
    expect(Buffer.from(single.bytes).toString('latin1')).not.toMatch(/\/S \/TOC|\/Subtype \/Link/);
  });

  it("puts the copyright page on the title page's back, before the contents", () => {
    expect(flat(pages[1])).toMatch(/^“China and Russia reinforce diplomatic front against Israel” was originally published in Washington Examiner\./);
    expect(flat(pages[1])).toMatch(/Identifier: urn:uuid:[0-9a-f-]{36} Set in Literata, with display type in Source Sans 3\.$/);
    expect(lines(pages[2])[0]).toBe('Contents');
  });
});
