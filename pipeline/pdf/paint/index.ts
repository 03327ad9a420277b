/**
 * Step 6: paint. The only code that calls pdfkit: every decision is made, and this draws the
 * finished pages, one module per kind of thing a PDF holds (as Typst's PDF export is split):
 *
 * 1. metadata.ts: the document, its information dictionary and XMP (xmp.ts);
 * 2. marks.ts: each page's trim and bleed boxes, crop marks, pictures and rules, and the
 *    quarter turn of a page that holds a turned table;
 * 3. text.ts: each segment of each line at its exact position, by our own TJ writer;
 * 4. tags.ts: the structure tree (H1, H2, P, Figure, Caption, TD, ...) and the outline, with
 *    page furniture, crop marks and a table's repeated header row marked as artifacts;
 * 5. links.ts: link annotations to URLs and to named destinations.
 */
import type PDFDocument from 'pdfkit';
import type { PDFStructureContent, PDFStructureElement } from 'pdfkit';
import type { PageSpec } from '../finalise/index.js';
import type { Column } from '../geometry.js';
import type { Placed } from '../flow/index.js';
import { trimLayoutCaches } from '../measure/fonts.js';
import type { Line, PageModel, Segment, SetBlock } from '../model.js';
import { Links } from './links.js';
import { coverImage, CropMarks, figureImage, pageBoxes, tableRules, turnColumn } from './marks.js';
import { openDocument } from './metadata.js';
import { Outline, Tags } from './tags.js';
import { TextPainter } from './text.js';

/** The baseline of a block's first line below the top of its line box. */
function baselineOf(set: SetBlock): number {
  const first = set.lines[0];
  const leading = first?.leading ?? 0;
  return (leading - (set.ascent + set.descent)) / 2 + set.ascent;
}

/** The painters of one document, shared by its pages. */
interface Painters {
  doc: PDFDocument;
  text: TextPainter;
  tags: Tags;
  outline: Outline;
  links: Links;
}

/** Draws a line of a block whose text is tagged `tag` in `element`; a linked segment gets a Link element and annotation of its own. */
function taggedLine(
  { doc, text, links }: Painters,
  line: Line,
  x: number,
  baseline: number,
  tag: string,
  element: PDFStructureElement,
  content: { current: PDFStructureContent },
): void {
  for (const segment of line.segments) {
    if (!segment.link) {
      text.segment(segment, x, baseline);
      continue;
    }
    doc.endMarkedContent();
    element.add(content.current);
    const link = doc.struct('Link');
    element.add(link);
    const linked = doc.markStructureContent('Link');
    text.segment(segment, x, baseline);
    doc.endMarkedContent();
    link.add(linked);
    links.uri(segment as Segment & { link: string }, x, baseline, link);
    content.current = doc.markStructureContent(tag);
  }
}

/** Draws a table cell's segment into the TD or TH element of its row. */
function cellSegment({ doc, text, tags }: Painters, segment: Segment, x: number, baseline: number, set: SetBlock, row: PDFStructureElement): void {
  const cell = tags.cell(row, set, segment.cell ?? 0);
  if (!cell) return;
  const content = doc.markStructureContent(cell.tag);
  text.segment(segment, x, baseline);
  doc.endMarkedContent();
  cell.element.add(content);
}

/** A table's header row drawn again at the head of a page the table continues on: a pagination artifact, outside the structure tree, which holds the header once (ISO 32000-1, Table 337: THead). */
function repeatedHeader({ doc, text }: Painters, placed: Placed[], column: Column): void {
  const set = placed[0]?.set;
  if (!set) return;
  const offset = baselineOf(set);
  const x = column.x + set.inset;
  doc.markContent('Artifact', { type: 'Pagination' });
  for (const { line, y, rules } of placed) {
    const drawn = set.lines[line];
    if (!drawn) continue;
    text.line(drawn, x, column.top + y + offset);
    tableRules(doc, [...(drawn.rules ?? []), ...(rules ?? [])], x, drawn.width, column.top + y, false);
  }
  doc.endMarkedContent();
}

/** Draws the consecutive lines (or the picture) of one block on a page, in its column (turned, on a turned page), tagged in the block's element. */
function portion(painters: Painters, placed: Placed[], page: PageSpec, column: Column): void {
  const { doc, tags, outline, links } = painters;
  const first = placed[0];
  if (!first) return;
  if (first.repeated) {
    repeatedHeader(painters, placed, column);
    return;
  }
  const set = first.set;
  const block = set.block;
  const element = tags.elementFor(set);
  outline.enter(block, first.line === 0);
  if (block.kind === 'text' && block.cells) {
    // A table row's content belongs to its cells, not to the row.
    const offset = baselineOf(set);
    const x = column.x + set.inset;
    // Cell after cell, each cell's lines in order, so that a reader that follows the content
    // (pdf.js, a screen reader) gets a cell's text whole, a word hyphenated in it included.
    for (let cell = 0; cell < block.cells.length; cell++) {
      for (const { line, y } of placed) {
        for (const segment of set.lines[line]?.segments ?? []) if ((segment.cell ?? 0) === cell) cellSegment(painters, segment, x, column.top + y + offset, set, element);
      }
    }
    for (const { line, y, rules } of placed) {
      const drawn = set.lines[line];
      if (drawn) tableRules(doc, [...(drawn.rules ?? []), ...(rules ?? [])], x, drawn.width, column.top + y);
    }
    return;
  }
  const tag = block.kind === 'image' ? 'Figure' : block.destination !== undefined ? 'Link' : block.tag;
  const content = { current: doc.markStructureContent(tag) };
  if (block.kind === 'image') {
    figureImage(doc, block, set, column, first.y);
  } else {
    const offset = baselineOf(set);
    for (const { line, y } of placed) {
      const drawn = set.lines[line];
      if (drawn) taggedLine(painters, drawn, column.x + set.inset, column.top + y + offset, tag, element, content);
    }
  }
  doc.endMarkedContent();
  element.add(content.current);
  links.destination(placed, page, element);
}

/** Paints the typeset book into PDF bytes. */
export async function paint(model: PageModel): Promise<Uint8Array> {
  trimLayoutCaches();
  const { frame, pages } = model;
  const doc = openDocument(model.meta, model);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const painters: Painters = { doc, text: new TextPainter(doc, model.minLineWeight), tags: new Tags(doc), outline: new Outline(doc), links: new Links(doc) };
  const cropMarks = new CropMarks(doc, frame);

  for (const page of pages) {
    doc.addPage({ size: [frame.width, frame.height], margin: 0 });
    pageBoxes(doc, frame);
    if (page.flow?.destination !== undefined) doc.addNamedDestination(page.flow.destination);
    if (page.flow?.cover && model.cover) {
      const figure = painters.tags.figure(model.cover.alt);
      const content = doc.markStructureContent('Figure');
      coverImage(doc, frame, model.cover.image);
      doc.endMarkedContent();
      figure.add(content);
    }
    if (page.flow) {
      const column = page.flow.turned ? turnColumn(doc, page.column) : page.column;
      // Consecutive placed lines of one block are painted together, under one marked content.
      let run: Placed[] = [];
      for (const placed of page.flow.placed) {
        if (run.length > 0 && (run[0]?.set !== placed.set || run[0]?.repeated !== placed.repeated)) {
          portion(painters, run, page, column);
          run = [];
        }
        run.push(placed);
      }
      portion(painters, run, page, column);
      if (page.flow.turned) doc.restore();
    }
    if (page.furniture.length > 0) {
      doc.markContent('Artifact', { type: 'Pagination' });
      for (const item of page.furniture) painters.text.line(item.line, item.x, item.baseline);
      doc.endMarkedContent();
    }
    if (model.cropMarks) cropMarks.draw();
  }
  painters.tags.end();
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}
