/**
 * The PDF renderer in two steps: `typeset` (Edition → page model, steps 1–5, no pdfkit) and
 * `paint` (page model → PDF bytes, step 6); `renderPdf` does both. One folder per stage, as
 * Typst lays out:
 *
 * 1. blocks/: a chapter's mdast becomes blocks of styled inline runs, every character checked
 *    against the fonts and the fallbacks, with each block's direction (bidi.ts);
 * 2. measure/: fonts parsed once per process (fonts.ts), words shaped with OpenType features and
 *    cached (index.ts);
 * 3. break/: Knuth–Plass total-fit lines with Liang hyphenation and microtypography
 *    (hyphenate.ts, items.ts, knuth-plass.ts, microtype.ts, set.ts; table rows in table.ts);
 * 4. flow/: pages with widow, orphan, keep-with-next and figure rules (index.ts), after the title
 *    and copyright pages the template asks for (front-matter.ts) or a collection's front matter
 *    (collection.ts), then blank pages up to the minimum page count;
 * 5. finalise/: gutter from the final page count, in a second pass when the count changes it
 *    (../geometry.ts); numbering, padding to an even count, running heads and folios (index.ts);
 *    the report a print service would make (preflight.ts), and the template's print rules
 *    checked on the typeset pages (print-rules.ts): a large-print book that breaks one fails;
 * 6. paint/: the only code that calls pdfkit, one module per kind of content (as Typst's PDF export):
 *    text (text.ts), tags and outline (tags.ts), links (links.ts), marks and boxes (marks.ts),
 *    metadata (metadata.ts, xmp.ts), driven by index.ts; a print cover's page (cover.ts).
 */
import { imageSize } from 'image-size';
import type { Diagnostic, Edition, PageStart } from '../types.js';
import { buildBlocks } from './blocks/index.js';
import { assembleCollection, type BookPage } from './flow/collection.js';
import { finalisePages, type PageSpec } from './finalise/index.js';
import { flowChapter, FRONT_MATTER, inspectFlow, type FlowPage, type Reset } from './flow/index.js';
import { column, insideMargin, pageFrame, POINTS_PER_INCH, type PageFrame } from './geometry.js';
import { hyphenatorFor } from './break/hyphenate.js';
import { verticalMetrics } from './measure/index.js';
import type { Block, PageModel, SetBlock } from './model.js';
import { paint } from './paint/index.js';
import { strikeLine } from './paint/marks.js';
import { frontMatterPages } from './flow/front-matter.js';
import { describeCharacter, preflight, type MinimumPages, type Preflight } from './finalise/preflight.js';
import { checkPrintRules, describeBreach } from './finalise/print-rules.js';
import { runStyle, type RunContext } from './blocks/runs.js';
import { EMERGENCY_PASS, setBalanced, setBlock } from './break/set.js';
import { setTableRow, tableTooWide } from './break/table.js';

export type { Preflight } from './finalise/preflight.js';
export type { PageModel } from './model.js';
export { paint } from './paint/index.js';

/** Tallest share of the text column a picture may take, so its caption fits beside it on the page. */
export const MAX_FIGURE_HEIGHT_SHARE = 0.6;
/** Resolution below which a placed picture prints soft, in pixels per inch (all three print services). */
export const MIN_IMAGE_PPI = 300;
/** Space above a picture, in lines of the body text. */
export const FIGURE_SPACE_LINES = 1;
/** Layout passes allowed for the gutter to settle (the page count picks the gutter, which can change the count). */
export const MAX_GUTTER_PASSES = 3;

/** What the cover page's alternative text says before the title. */
export const COVER_ALT_PREFIX = 'Cover of ';

/** A warning when the cover, stretched over the trim and bleed, prints below MIN_IMAGE_PPI. */
function coverResolution(edition: Edition, frame: PageFrame, image: Uint8Array): Diagnostic[] {
  const size = imageSize(image);
  const width = frame.trimWidth + 2 * frame.bleed;
  const height = frame.trimHeight + 2 * frame.bleed;
  // Scaled to cover the page: the tighter of the two directions sets the resolution.
  const ppi = Math.min(size.width / (width / POINTS_PER_INCH), size.height / (height / POINTS_PER_INCH));
  if (ppi >= MIN_IMAGE_PPI) return [];
  return [
    { severity: 'warning', rule: 'pdf-image-resolution', message: `the cover prints at ${Math.round(ppi)} ppi; print services ask for ${MIN_IMAGE_PPI}`, file: edition.meta.file },
  ];
}

/** Options of one rendering; each overrides the template when given. */
export interface PdfOptions {
  /** PDF/A-2b instead of plain PDF 1.7. */
  pdfa?: boolean;
  /** Crop marks outside the trim (print services reject them; for a local printer only). */
  cropMarks?: boolean;
  /** The cover picture (PNG or JPEG), printed as page 1 (with a blank verso after it) when the template's `page.coverPage` is true. */
  coverImage?: Uint8Array;
  /** Fewest pages, padded with blank pages at the end (a print service's minimum); over the template's `page.minPages`. */
  minPages?: number;
}

/** The typeset book: its page model, where its pages begin, its preflight and the time each step took (ms); no PDF is made. */
export interface TypesetResult {
  /** The page model: every page with its column, placed lines (glyph runs at exact positions) and furniture, for paint, measures and tests. */
  model: PageModel;
  /** Where each printed page begins in the chapters' text, for the EPUB's page list. */
  pages: PageStart[];
  preflight: Preflight;
  diagnostics: Diagnostic[];
  /** Where body text lies on every page (the text column's top and bottom, points from the media box's top); furniture lies outside. */
  textBand: { top: number; bottom: number };
  timings: { measure: number; break: number; flow: number };
}

/** The rendered PDF: the typeset book and its painted bytes. */
export interface PdfResult extends Omit<TypesetResult, 'timings'> {
  bytes: Uint8Array;
  timings: TypesetResult['timings'] & { paint: number };
}

interface Layout {
  inside: number;
  /** Every page of the book in order; `undefined` for a page left blank so a chapter opens on a recto. */
  flowPages: BookPage[];
  hyphenatedLines: number;
  /** The page count before padding to the minimum (even). */
  unpadded: number;
}

/** Whether each text block was set with its first line indented, for setting it again. */
const indents = new WeakMap<Block, boolean>();

/** Sets a paragraph again with some lines kept from ending at a hyphen (flow's Reset); undefined for tables and pictures. */
function resetter(edition: Edition, width: number, clock: { measure: number; break: number }): Reset {
  const hyphenator = edition.print.hyphenate ? hyphenatorFor(edition.meta.lang, edition.print.hyphenation) : undefined;
  return (set, { unhyphenatedLines, looseness, loosenessBadness, tracking }) => {
    const block = set.block;
    if (block.kind !== 'text' || block.cells) return undefined;
    // Tracking (thousandths of an em) goes into the runs' styles, so the lines' segments carry it to paint.
    const runs = tracking
      ? block.runs.map((run) => (run.kind === 'text' ? { ...run, style: { ...run.style, tracking: run.style.tracking + (tracking * run.style.size) / 1000 } } : run))
      : block.runs;
    const report = setBlock({ ...block, runs }, { width, hyphenator, indentFirstLine: indents.get(block) ?? false, clock, unhyphenatedLines, looseness, loosenessBadness });
    return { ...set, lines: report.lines };
  };
}

function setChapters(edition: Edition, chapters: Block[][], width: number, bodyHeight: number, clock: { measure: number; break: number }, diagnostics: Diagnostic[]): SetBlock[][] {
  const hyphenator = edition.print.hyphenate ? hyphenatorFor(edition.meta.lang, edition.print.hyphenation) : undefined;
  return chapters.map((blocks, chapterIndex) =>
    blocks.map((block, index): SetBlock => {
      if (block.kind === 'image') {
        const ratio = block.asset.height / Math.max(1, block.asset.width);
        let imageWidth = width;
        let imageHeight = width * ratio;
        const tallest = bodyHeight * MAX_FIGURE_HEIGHT_SHARE;
        if (imageHeight > tallest) {
          imageHeight = tallest;
          imageWidth = tallest / ratio;
        }
        const ppi = block.asset.width / (imageWidth / POINTS_PER_INCH);
        if (ppi < MIN_IMAGE_PPI) {
          diagnostics.push({
            severity: 'warning',
            rule: 'pdf-image-resolution',
            message: `a picture prints at ${Math.round(ppi)} ppi; print services ask for ${MIN_IMAGE_PPI}`,
            file: edition.chapters[chapterIndex]?.meta.file ?? edition.meta.file,
          });
        }
        // A whole line of the body above the picture, so it never touches the descenders of the text above.
        const spaceBefore = FIGURE_SPACE_LINES * edition.print.styles.body.leading;
        return { block, lines: [], imageWidth, imageHeight, spaceBefore, spaceAfter: 0, inset: 0, ascent: 0, descent: 0 };
      }
      const previous = blocks[index - 1];
      const indent = block.role === 'body' && previous?.kind === 'text' && previous.role === 'body';
      // A table too wide for the column even in its smallest type is set across a page turned a
      // quarter turn, the column's height its measure (not a one-column table: a page's layout, whose long words break).
      const turned = block.table?.shape.ruled === true && tableTooWide(block, width, hyphenator);
      const row = block.cells ? setTableRow(block, { width: turned ? bodyHeight : width, hyphenator, indentFirstLine: false, clock }, { turned }) : undefined;
      const report =
        row ??
        (block.role === 'title'
          ? setBalanced(block, { width, hyphenator: undefined, indentFirstLine: false, clock })
          : setBlock(block, { width, hyphenator, indentFirstLine: indent, clock }));
      indents.set(block, indent);
      if (block.table && block.table.row === block.table.shape.first && turned && tableTooWide(block, bodyHeight, hyphenator)) {
        diagnostics.push({
          severity: 'warning',
          rule: 'pdf-table-too-wide',
          message: `a table of ${block.cells?.length ?? 0} columns is wider than a turned page even in its smallest type: its words are hyphenated`,
          file: edition.chapters[chapterIndex]?.meta.file ?? edition.meta.file,
        });
      } else if (report.pass >= EMERGENCY_PASS) {
        diagnostics.push({
          severity: 'info',
          rule: 'pdf-emergency-break',
          message: `"${block.plain.slice(0, 40)}…" could not be set within tolerance: spacing loosened or a long word broken`,
          file: edition.chapters[chapterIndex]?.meta.file ?? edition.meta.file,
        });
      }
      const { ascent, descent } = verticalMetrics(runStyle(edition.print, block.style).font, block.style.size);
      return {
        block,
        lines: report.lines,
        imageWidth: 0,
        imageHeight: 0,
        spaceBefore: block.style.spaceBefore,
        spaceAfter: row ? row.spaceAfter : block.style.spaceAfter,
        inset: block.style.inset,
        ascent,
        descent,
        ...(row?.onGrid ? { onGrid: true } : {}),
        ...(turned ? { turned: { depth: width } } : {}),
      };
    }),
  );
}

/** The fonts (PostScript names, sorted) and the smallest size the pages' text is set in, and the thinnest line drawn (a table's rule, a strike line; 0 for none), for preflight. */
function typeUsed(pages: PageSpec[], minLineWeight: number): { fonts: string[]; smallestSize: number; thinnestLine: number } {
  const fonts = new Set<string>();
  let smallestSize = Infinity;
  let thinnestLine = Infinity;
  for (const page of pages) {
    const placed = page.flow?.placed ?? [];
    const lines = [...placed.flatMap((item) => item.set.lines[item.line] ?? []), ...page.furniture.map((item) => item.line)];
    for (const { style } of lines.flatMap((line) => line.segments)) {
      fonts.add(style.font.font.postscriptName);
      smallestSize = Math.min(smallestSize, style.size);
      if (style.strike) thinnestLine = Math.min(thinnestLine, strikeLine(style, minLineWeight).weight);
    }
    // What paint strokes: a line's own rules and those flow draws where a page breaks a table.
    for (const rule of [...lines.flatMap((line) => line.rules ?? []), ...placed.flatMap((item) => item.rules ?? [])]) thinnestLine = Math.min(thinnestLine, rule.weight);
  }
  return { fonts: [...fonts].sort(), smallestSize: Number.isFinite(smallestSize) ? smallestSize : 0, thinnestLine: Number.isFinite(thinnestLine) ? thinnestLine : 0 };
}

/** Typesets an edition for print: our own line breaking, flow and page furniture, into a page model that `paint` (or nothing, for an EPUB's page list) takes. */
export function typeset(edition: Edition, options: PdfOptions = {}): TypesetResult {
  const timings = { measure: 0, break: 0, flow: 0 };
  const print = edition.print;
  const pdfa = options.pdfa ?? print.pdfa;
  const cropMarks = options.cropMarks ?? print.cropMarks;
  const frame: PageFrame = pageFrame(print, cropMarks);
  const diagnostics: Diagnostic[] = [];
  const coverImage = print.coverPage ? options.coverImage : undefined;
  const minPages: MinimumPages = options.minPages !== undefined ? { pages: options.minPages, from: 'option' } : { pages: print.minPages, from: 'template' };
  if (coverImage) diagnostics.push(...coverResolution(edition, frame, coverImage));

  // 1–2. Measure and build inline runs.
  let started = performance.now();
  const built = buildBlocks(edition);
  diagnostics.push(...built.diagnostics);
  const context: RunContext = { print, missing: built.missing };
  timings.measure += performance.now() - started;

  // 3–4. Break and flow, again when the page count changes the gutter (and so the measure).
  const layout = (inside: number): Layout => {
    const col = column(print, frame, inside, true);
    const clock = { measure: 0, break: 0 };
    const set = setChapters(edition, built.chapters, col.width, col.height, clock, diagnostics);
    timings.measure += clock.measure;
    timings.break += clock.break;
    const flowStarted = performance.now();
    const reset = resetter(edition, col.width, clock);
    const chapterPages = set.map((blocks, chapter) => flowChapter(blocks, chapter, col.height, reset, edition.print.styles.body.leading, print.sink ?? 0));
    const front = { width: col.width, height: col.height, hyphenator: edition.print.hyphenate ? hyphenatorFor(edition.meta.lang, edition.print.hyphenation) : undefined };
    const flowPages: BookPage[] =
      edition.chapters.length > 1 ? assembleCollection(edition, context, chapterPages, front) : [...frontMatterPages(edition, context, front), ...chapterPages.flat()];
    // The cover is page 1 and its back is left blank, so the text still opens on a right-hand page.
    if (coverImage) flowPages.unshift({ chapter: FRONT_MATTER, opening: true, placed: [], cover: true }, undefined);
    // Padded before the gutter is chosen: the print service counts the blank pages too.
    const unpadded = flowPages.length + (flowPages.length % 2);
    while (flowPages.length < minPages.pages) flowPages.push(undefined);
    timings.flow += performance.now() - flowStarted;
    // Counted on the pages: the flow may have set a paragraph again.
    const placedSets = new Set(flowPages.flatMap((page) => page?.placed.map((placed) => placed.set) ?? []));
    const hyphenatedLines = [...placedSets].reduce((sum, s) => sum + s.lines.filter((line) => line.hyphenated).length, 0);
    return { inside, flowPages, hyphenatedLines, unpadded };
  };
  let result = layout(insideMargin(print, 1));
  for (let pass = 1; pass < MAX_GUTTER_PASSES; pass++) {
    const count = result.flowPages.length + (result.flowPages.length % 2);
    const wanted = insideMargin(print, count);
    // Only ever widen: a narrower gutter could shrink the count and flip back and forth.
    if (wanted <= result.inside) break;
    diagnostics.splice(0, diagnostics.length, ...built.diagnostics, ...(coverImage ? coverResolution(edition, frame, coverImage) : []));
    result = layout(wanted);
  }

  // 5. Finalise.
  started = performance.now();
  const pages: PageSpec[] = finalisePages(edition, context, result.flowPages, frame, result.inside);
  const report = inspectFlow(result.flowPages.filter((page): page is FlowPage => page !== undefined));
  timings.flow += performance.now() - started;

  // 6. Preflight and page starts.
  const breaches = print.rules ? checkPrintRules(pages, print.rules) : [];
  for (const breach of breaches) {
    diagnostics.push({ severity: 'error', rule: 'print-rules', message: `the template forbids ${describeBreach(breach)}`, file: edition.meta.file });
  }
  if (built.missing.size > 0) {
    diagnostics.push({
      severity: 'warning',
      rule: 'pdf-missing-glyph',
      message: `no font has ${[...built.missing.keys()].map(describeCharacter).join(', ')}; printed as empty boxes`,
      file: edition.meta.file,
    });
  }
  const { widows, orphans, strandedHeadings, splitFigures } = report;
  if (widows + orphans + strandedHeadings + splitFigures > 0) {
    diagnostics.push({
      severity: 'warning',
      rule: 'pdf-flow-rule',
      message: `pages break against the rules: ${widows} widows, ${orphans} orphans, ${strandedHeadings} stranded headings, ${splitFigures} split figures`,
      file: edition.meta.file,
    });
  }
  const body = column(print, frame, result.inside, true);
  const starts: PageStart[] = [];
  for (const page of pages) {
    // A table's header drawn again at the head of a page is not where the page's text begins.
    const first = page.flow?.placed.find((placed) => !placed.repeated);
    // Blank pages and the front matter hold no text of the chapters.
    if (!first || first.set.block.source.chapter < 0) continue;
    const line = first.line >= 0 ? first.set.lines[first.line] : undefined;
    starts.push({ page: page.number, chapter: first.set.block.source.chapter, block: first.set.block.source.block, offset: line?.offset ?? 0 });
  }
  const keywords = [...new Set(built.chapters.flat().flatMap((block) => (block.kind === 'text' && block.role === 'heading' ? [block.plain] : [])))].join('; ');
  const cover = coverImage ? { image: coverImage, alt: `${COVER_ALT_PREFIX}${edition.meta.title}` } : undefined;
  const type = typeUsed(pages, print.minLineWeight);
  return {
    model: { pages, meta: edition.meta, frame, pdfa, cropMarks, keywords, minLineWeight: print.minLineWeight, ...(cover ? { cover } : {}) },
    pages: starts,
    preflight: preflight({
      pages: pages.length,
      blankPages: pages.filter((page) => !page.flow).length,
      frame,
      gutter: result.inside,
      margins: print.margins,
      fonts: type.fonts,
      smallestSize: type.smallestSize,
      thinnestLine: type.thinnestLine,
      flow: report,
      missing: built.missing,
      hyphenatedLines: result.hyphenatedLines,
      rulesBroken: breaches.map(describeBreach),
      pdfa,
      cropMarks,
      minimum: minPages,
      trailingBlankPages: pages.length - 1 - pages.map((page) => page.flow !== undefined).lastIndexOf(true),
      padding: Math.max(0, pages.length - result.unpadded),
    }),
    diagnostics,
    textBand: { top: body.top, bottom: body.top + body.height },
    timings,
  };
}

/** Renders an edition as a print PDF: typeset, then painted by pdfkit. */
export async function renderPdf(edition: Edition, options: PdfOptions = {}): Promise<PdfResult> {
  const book = typeset(edition, options);
  const started = performance.now();
  const bytes = await paint(book.model);
  return { ...book, bytes, timings: { ...book.timings, paint: performance.now() - started } };
}
