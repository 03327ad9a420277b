/**
 * Step 5: finalise pages: number them (the first is a right-hand page), pad to an even count,
 * and decide the furniture: running heads (the headline on left-hand pages, or the collection's
 * title in a book of several chapters; the section in force or the chapter's headline on
 * right-hand pages) and folios, none on a chapter's opening page or on a blank page.
 */
import type { Edition, StyleRole } from '../../types.js';
import type { BookPage } from '../flow/collection.js';
import { FRONT_MATTER, type FlowPage } from '../flow/index.js';
import type { Column, PageFrame } from '../geometry.js';
import { column, liveMargin } from '../geometry.js';
import { verticalMetrics } from '../measure/index.js';
import type { Line, TextBlock } from '../model.js';
import { runStyle, textRuns, type RunContext } from '../blocks/runs.js';
import { setBlock } from '../break/set.js';
import { widthOf } from '../break/items.js';

/** Running heads sit this many of their own lines above the text column, lower when that would print nearer the trim than the live area allows. */
export const RUNNING_HEAD_RAISE_LINES = 2;
/** Folios sit this many of their own lines below the text column, higher when that would leave the live area. */
export const FOLIO_DROP_LINES = 2;
/** Trailing words this short are dropped from a shortened running head ("… front against the" reads as cut; "… front against" less so). */
const MAX_DANGLING_LETTERS = 3;

/** A line of page furniture at its position. */
export interface Furniture {
  line: Line;
  x: number;
  baseline: number;
}

/** A finished page: its number, side, column, content and furniture. */
export interface PageSpec {
  number: number;
  recto: boolean;
  column: Column;
  flow: FlowPage | undefined;
  furniture: Furniture[];
  /** Running head text, for tests and the EPUB. */
  runningHead: string | undefined;
}

function sectionsOn(page: FlowPage): string[] {
  return page.placed
    .filter((placed) => placed.line === 0 && placed.set.block.kind === 'text' && placed.set.block.role === 'heading')
    .map((placed) => (placed.set.block.kind === 'text' ? placed.set.block.plain : ''));
}

/**
 * Shortens text to fit, never with an ellipsis (a running head is a reminder of where one is,
 * not a quotation): at the last clause break (",", ":", ";", a dash) that fits, when it keeps at
 * least half the text; otherwise after the last word that fits, without trailing short words.
 * Empty when not even one word fits.
 */
export function fitRunningHead(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  const words = text.split(' ');
  const prefixes = words.map((_, index) => words.slice(0, index + 1).join(' ')).reverse();
  const clause = prefixes.find((prefix) => /(?:[,:;]|\s[–—])$/u.test(prefix) && prefix.length * 2 >= text.length && fits(trimEnd(prefix)));
  if (clause) return trimEnd(clause);
  for (const prefix of prefixes) {
    const kept = trimEnd(prefix).split(' ');
    while (kept.length > 1 && (kept[kept.length - 1]!.match(/\p{L}/gu) ?? []).length <= MAX_DANGLING_LETTERS) kept.pop();
    const candidate = trimEnd(kept.join(' '));
    if (candidate && fits(candidate)) return candidate;
  }
  return '';
}

function trimEnd(text: string): string {
  return text.replace(/[\s,;:.–—-]+$/u, '');
}

/** The text, shortened as a running head must be to fit `width` in the role's style. */
function fit(edition: Edition, role: StyleRole, text: string, width: number): string {
  const style = runStyle(edition.print, edition.print.styles[role]);
  return fitRunningHead(text, (candidate) => widthOf(style, candidate) <= width);
}

function furnitureLine(edition: Edition, context: RunContext, role: 'runningHead' | 'folio', text: string, col: Column, baseline: number): Furniture | undefined {
  const style = edition.print.styles[role];
  const shown = fit(edition, role, text, col.width);
  if (!shown) return undefined;
  const block: TextBlock = {
    kind: 'text',
    role,
    style,
    runs: textRuns(context, shown, 0, runStyle(edition.print, style), true),
    tag: 'Artifact',
    source: { chapter: 0, block: 0 },
    keepWithNext: false,
    plain: shown,
    ...(edition.meta.dir === 'rtl' ? { dir: edition.meta.dir } : {}),
  };
  const line = setBlock(block, { width: col.width, hyphenator: undefined, indentFirstLine: false }).lines[0];
  if (!line) return undefined;
  return { line, x: col.x + style.inset, baseline };
}

/** Numbers, pads and furnishes the flowed pages. */
export function finalisePages(edition: Edition, context: RunContext, flowPages: BookPage[], frame: PageFrame, inside: number): PageSpec[] {
  const pages: BookPage[] = [...flowPages];
  const collection = edition.chapters.length > 1;
  if (pages.length === 0) pages.push(undefined);
  if (pages.length % 2 === 1) pages.push(undefined);
  let section: string | undefined;
  let chapter = -1;
  // Furniture stays inside the live area even when the template's head or foot margin is shallow
  // (large print's 16 pt running head two lines up printed 6 pt from the trim).
  const live = liveMargin(frame.bleed);
  const metrics = (role: 'runningHead' | 'folio') => verticalMetrics(runStyle(edition.print, edition.print.styles[role]).font, edition.print.styles[role].size);
  const headFloor = frame.trimY + live + metrics('runningHead').ascent;
  const folioCeiling = frame.trimY + frame.trimHeight - live - metrics('folio').descent;
  return pages.map((flow, index) => {
    const number = index + 1;
    const recto = number % 2 === 1;
    const col = column(edition.print, frame, inside, recto);
    const furniture: Furniture[] = [];
    if (flow && flow.chapter !== chapter) {
      chapter = flow.chapter;
      section = undefined;
    }
    const sections = flow ? sectionsOn(flow) : [];
    const headline = flow?.chapter === FRONT_MATTER ? edition.labels.toc : flow ? (edition.chapters[flow.chapter]?.meta.title ?? edition.meta.title) : edition.meta.title;
    const rectoSection = sections[0] ?? section;
    section = sections[sections.length - 1] ?? section;
    let runningHead: string | undefined;
    if (flow && !flow.opening) {
      if (edition.print.runningHeads) {
        runningHead = recto ? (rectoSection ?? headline) : collection ? edition.meta.title : headline;
        const head = edition.print.styles.runningHead;
        const made = furnitureLine(edition, context, 'runningHead', runningHead, col, Math.max(headFloor, col.top - RUNNING_HEAD_RAISE_LINES * head.leading));
        if (made) furniture.push(made);
      }
      if (edition.print.folios) {
        const folio = edition.print.styles.folio;
        const made = furnitureLine(edition, context, 'folio', String(number), col, Math.min(folioCeiling, col.top + col.height + FOLIO_DROP_LINES * folio.leading));
        if (made) furniture.push(made);
      }
    }
    return { number, recto, column: col, flow, furniture, runningHead };
  });
}
