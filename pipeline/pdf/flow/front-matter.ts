/**
 * Step 4a: the print book's own first pages, as a trade book opens (the template's
 * `frontMatter`): a title page (headline, subtitle and authors a third of the way down, the
 * publisher at the foot) and on its back the copyright page (notice, first publication, source,
 * identifier and colophon, set at the foot of the page). Neither carries a running head or a
 * folio; they come in pairs, so the text still starts on a right-hand page. A collection always
 * has the title page, in the same look.
 */
import { firstAppearances, originallyPublished } from '../../epub/front-matter.js';
import type { Edition, StyleRole } from '../../types.js';
import type { Direction } from '../blocks/bidi.js';
import { fontFor } from '../measure/fonts.js';
import { flowChapter, FRONT_MATTER, type FlowPage } from './index.js';
import type { Hyphenator } from '../break/hyphenate.js';
import { verticalMetrics } from '../measure/index.js';
import type { SetBlock, TextBlock } from '../model.js';
import { runStyle, textRuns, type RunContext } from '../blocks/runs.js';
import { setBalanced, setBlock } from '../break/set.js';

/** How far down the title page the title starts, as a share of the text column's height. */
export const TITLE_PAGE_DROP_SHARE = 1 / 3;

/** A page of the assembled book: flowed content, or `undefined` for a page left blank on purpose. */
export type BookPage = FlowPage | undefined;

/** The text column a front page is set in, and how its words may be hyphenated. */
export interface FrontOptions {
  width: number;
  height: number;
  hyphenator: Hyphenator | undefined;
}

/** The `dir` field of a block, present only for right-to-left text. */
export function rtl(dir: Direction): Partial<TextBlock> {
  return dir === 'rtl' ? { dir } : {};
}

/** A block of front matter: text the book makes, not the article's (its source is FRONT_MATTER). */
export function frontBlock(context: RunContext, role: StyleRole, tag: string, text: string, index: number, extra: Partial<TextBlock> = {}): TextBlock {
  const style = extra.style ?? context.print.styles[role];
  return {
    kind: 'text',
    role,
    style,
    runs: textRuns(context, text, 0, runStyle(context.print, style), true),
    tag,
    source: { chapter: FRONT_MATTER, block: index },
    keepWithNext: false,
    plain: text,
    ...extra,
  };
}

/** Sets a front-matter block in the given width; a title in balanced lines, as on the opening page. */
export function setFront(context: RunContext, text: TextBlock, width: number, hyphenator: Hyphenator | undefined): SetBlock {
  const { ascent, descent } = verticalMetrics(runStyle(context.print, text.style).font, text.style.size);
  const lines = (text.role === 'title' ? setBalanced : setBlock)(text, { width, hyphenator, indentFirstLine: false }).lines;
  return { block: text, lines, imageWidth: 0, imageHeight: 0, spaceBefore: text.style.spaceBefore, spaceAfter: text.style.spaceAfter, inset: text.style.inset, ascent, descent };
}

/** Places blocks on one page, their top `drop` points below the column's top (front matter is short and never runs on to a second page). */
function placeAt(blocks: SetBlock[], height: number, drop: number): FlowPage['placed'] {
  return flowChapter(blocks, FRONT_MATTER, height)
    .flatMap((page) => page.placed)
    .map((item) => ({ ...item, y: item.y + drop }));
}

/** Height the blocks take when set one after the other. */
function depthOf(blocks: SetBlock[]): number {
  return blocks.reduce((sum, set, index) => {
    const gap = index === 0 ? 0 : Math.max(blocks[index - 1]!.spaceAfter, set.spaceBefore);
    return sum + gap + set.lines.reduce((lines, line) => lines + line.leading, 0);
  }, 0);
}

/** The title page: title, subtitle and authors a third of the way down; the publisher at the foot of the column. */
export function titlePage(edition: Edition, context: RunContext, options: FrontOptions): FlowPage {
  const { meta } = edition;
  const direction = rtl(meta.dir);
  const top: SetBlock[] = [setFront(context, frontBlock(context, 'title', 'H1', meta.title, 0, direction), options.width, undefined)];
  if (meta.subtitle) top.push(setFront(context, frontBlock(context, 'subtitle', 'P', meta.subtitle, 1, direction), options.width, options.hyphenator));
  if (meta.byline?.length) top.push(setFront(context, frontBlock(context, 'byline', 'P', meta.byline.join(', '), 2, direction), options.width, undefined));
  const placed = placeAt(top, options.height, options.height * TITLE_PAGE_DROP_SHARE);
  if (meta.publisher) {
    const imprint = [setFront(context, frontBlock(context, 'byline', 'P', meta.publisher, 3, direction), options.width, undefined)];
    placed.push(...placeAt(imprint, options.height, options.height - depthOf(imprint)));
  }
  return { chapter: FRONT_MATTER, opening: true, placed };
}

/** The colophon with each `{{family}}` replaced by the family name of that font family's type ("Literata"). */
export function colophonText(edition: Edition): string | undefined {
  const colophon = edition.print.frontMatter.colophon;
  if (!colophon) return undefined;
  // The template loader has checked that every name is one of its font families.
  return colophon.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, family: string) => fontFor(edition.print, family, 'regular').font.familyName);
}

/** The lines of the copyright page, in order: notice, where each article first appeared, source, identifier, colophon. */
export function copyrightLines(edition: Edition): string[] {
  const { meta } = edition;
  const originals = firstAppearances(edition.chapters);
  const colophon = colophonText(edition);
  return [
    ...(meta.rights ? [meta.rights] : []),
    ...originals.flatMap((original) => originallyPublished(original, originals.length > 1) ?? []),
    ...(meta.source ? [`Source: ${meta.source}`] : []),
    `Identifier: ${meta.identifier}`,
    ...(colophon ? [colophon] : []),
  ];
}

/** The copyright page: its lines in the copyright style, a paragraph each, set at the foot of the column. */
export function copyrightPage(edition: Edition, context: RunContext, options: FrontOptions): FlowPage {
  const direction = rtl(edition.meta.dir);
  const style = { ...edition.print.styles.copyright, align: edition.meta.dir === 'rtl' ? ('right' as const) : ('left' as const), indent: 0 };
  const blocks = copyrightLines(edition).map((line, index) =>
    // A paragraph's space above is the style's own (18 pt above the notice in a chapter); here half a line apart.
    setFront(
      context,
      frontBlock(context, 'copyright', 'P', line, index, { ...direction, style: { ...style, spaceBefore: index === 0 ? 0 : style.leading / 2, spaceAfter: 0 } }),
      options.width,
      undefined,
    ),
  );
  return { chapter: FRONT_MATTER, opening: true, placed: placeAt(blocks, options.height, Math.max(0, options.height - depthOf(blocks))) };
}

/**
 * The front pages the template asks for, in pairs so that what follows starts on a right-hand
 * page: title page and copyright page, or either with a blank back. `titlePage` overrides the
 * template (a collection always has one).
 */
export function frontMatterPages(edition: Edition, context: RunContext, options: FrontOptions, titlePageWanted = edition.print.frontMatter.titlePage): BookPage[] {
  const pages: BookPage[] = [];
  if (titlePageWanted) pages.push(titlePage(edition, context, options));
  if (edition.print.frontMatter.copyrightPage) pages.push(copyrightPage(edition, context, options));
  if (pages.length % 2 === 1) pages.push(undefined);
  return pages;
}
