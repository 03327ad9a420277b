/**
 * Step 4b, for a book of several chapters: the front matter (a title page and a table of
 * contents) and the page sequence in which every chapter opens on a right-hand page. The
 * contents give each chapter's first page, which depends on how many pages the contents take
 * themselves, so they are set again until the numbers stop changing.
 */
import type { Edition, TextStyle } from '../../types.js';
import { flowChapter, FRONT_MATTER, type FlowPage } from './index.js';
import { frontBlock, frontMatterPages, rtl, setFront, type BookPage, type FrontOptions } from './front-matter.js';
import { widthOf } from '../break/items.js';
import type { SetBlock, StructGroup } from '../model.js';
import { runStyle, type RunContext } from '../blocks/runs.js';

export type { BookPage } from './front-matter.js';

/** Space between two contents entries, in lines of the body text. */
export const CONTENTS_ENTRY_SPACE_LINES = 0.5;
/** Space between an entry's text and its page number, in ems of the entry's type size. */
export const CONTENTS_NUMBER_GAP_EMS = 1;
/** Times the contents are set before their page numbers must have settled (each pass can only add pages). */
export const MAX_CONTENTS_PASSES = 4;
/** Structure group of the contents entries; negative so it cannot meet a chapter's group ids. */
const CONTENTS_GROUP: StructGroup = { id: -1, tag: 'TOC' };

/** The named destination of a chapter's opening page. */
export function chapterDestination(edition: Edition, chapter: number): string {
  return edition.chapters[chapter]?.id ?? `chapter-${chapter + 1}`;
}

/** The contents pages for the given opening page of each chapter. */
function contentsPages(edition: Edition, context: RunContext, openings: number[], options: FrontOptions): FlowPage[] {
  const { styles } = edition.print;
  const heading = frontBlock(context, 'heading', 'H2', edition.labels.toc, 0, { keepWithNext: true, outline: 0, ...rtl(edition.meta.dir) });
  const blocks: SetBlock[] = [setFront(context, heading, options.width, undefined)];
  const space = styles.body.leading * CONTENTS_ENTRY_SPACE_LINES;
  const entryStyle: TextStyle = { ...styles.body, align: 'left', indent: 0, inset: 0, spaceBefore: space, spaceAfter: 0 };
  const numberStyle = runStyle(edition.print, entryStyle);
  const widest = Math.max(...openings.map((page) => widthOf(numberStyle, String(page))));
  const reserve = widest + entryStyle.size * CONTENTS_NUMBER_GAP_EMS;
  edition.chapters.forEach((chapter, index) => {
    const page = openings[index] ?? 0;
    const entry = frontBlock(context, 'body', 'TOCI', chapter.meta.title, index + 1, {
      style: entryStyle,
      group: CONTENTS_GROUP,
      destination: chapterDestination(edition, index),
      ...rtl(chapter.meta.dir),
    });
    const made = setFront(context, entry, options.width - reserve, options.hyphenator);
    const last = made.lines[made.lines.length - 1];
    if (last) {
      const number = String(page);
      const numberWidth = widthOf(numberStyle, number);
      if (chapter.meta.dir === 'rtl') {
        // A right-to-left entry reads from the right edge and ends with its number on the left.
        for (const line of made.lines) for (const segment of line.segments) segment.x += reserve;
        last.segments.push({ x: 0, text: number, style: numberStyle, wordSpacing: 0, width: numberWidth });
      } else {
        last.segments.push({ x: options.width - numberWidth, text: number, style: numberStyle, wordSpacing: 0, width: numberWidth });
      }
      last.width = options.width;
    }
    blocks.push(made);
  });
  return flowChapter(blocks, FRONT_MATTER, options.height);
}

/** Adds a blank left-hand page when the next page would otherwise be one. */
function toRecto(pages: BookPage[]): void {
  if (pages.length % 2 === 1) pages.push(undefined);
}

/**
 * The whole book of a collection: title page, its back (the copyright page when the template
 * asks, else blank), contents (then a blank verso when they end on a recto), and each chapter
 * from a right-hand page, with its opening page as the destination of its contents entry.
 */
export function assembleCollection(edition: Edition, context: RunContext, chapters: FlowPage[][], options: FrontOptions): BookPage[] {
  const front = frontMatterPages(edition, context, options, true);
  let contents: FlowPage[] = [];
  let openings: number[] = chapters.map(() => 0);
  for (let pass = 0; pass < MAX_CONTENTS_PASSES; pass++) {
    contents = contentsPages(edition, context, openings, options);
    const next: number[] = [];
    let count = front.length + contents.length;
    for (const pages of chapters) {
      count += count % 2;
      next.push(count + 1);
      count += pages.length;
    }
    if (next.every((page, index) => page === openings[index])) break;
    openings = next;
  }
  const book: BookPage[] = [...front, ...contents];
  chapters.forEach((pages, index) => {
    toRecto(book);
    pages.forEach((page, at) => book.push(at === 0 ? { ...page, destination: chapterDestination(edition, index) } : page));
  });
  return book;
}
