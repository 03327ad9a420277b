/**
 * Step 6: paint. The only code that calls pdfkit: every decision is made, and this draws the
 * finished pages, one module per kind of thing a PDF holds (as Typst's PDF export is split):
 *
 * 1. metadata.ts: the document, its information dictionary and XMP (xmp.ts);
 * 2. marks.ts: each page's trim and bleed boxes, crop marks, pictures and rules;
 * 3. text.ts: each segment of each line at its exact position, by our own TJ writer;
 * 4. tags.ts: the structure tree (H1, H2, P, Figure, Caption, TD, ...) and the outline, with
 *    page furniture and crop marks marked as artifacts;
 * 5. links.ts: link annotations to URLs and to named destinations.
 */
import type PDFDocument from 'pdfkit';
import type { PDFStructureContent, PDFStructureElement } from 'pdfkit';
import type { PageSpec } from '../finalise/index.js';
import type { Placed } from '../flow/index.js';
import { trimLayoutCaches } from '../measure/fonts.js';
import type { Line, PageModel, Segment, SetBlock } from '../model.js';
import { Links } from './links.js';
import { coverImage, CropMarks, figureImage, pageBoxes, tableRules } from './marks.js';
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

/** Draws the consecutive lines (or the picture) of one block on a page, tagged in the block's element. */
function portion(painters: Painters, placed: Placed[], page: PageSpec): void {
  const { doc, tags, outline, links } = painters;
  const first = placed[0];
  if (!first) return;
  const set = first.set;
  const block = set.block;
  const element = tags.elementFor(set);
  outline.enter(block, first.line === 0);
  if (block.kind === 'text' && block.cells) {
    // A table row's content belongs to its cells, not to the row.
    const offset = baselineOf(set);
    const x = page.column.x + set.inset;
    // Cell after cell, each cell's lines in order, so that a reader that follows the content
    // (pdf.js, a screen reader) gets a cell's text whole, a word hyphenated in it included.
    for (let column = 0; column < block.cells.length; column++) {
      for (const { line, y } of placed) {
        for (const segment of set.lines[line]?.segments ?? []) if ((segment.cell ?? 0) === column) cellSegment(painters, segment, x, page.column.top + y + offset, set, element);
      }
    }
    for (const { line, y } of placed) {
      const drawn = set.lines[line];
      if (drawn?.rules) tableRules(doc, drawn, x, page.column.top + y);
    }
    return;
  }
  const tag = block.kind === 'image' ? 'Figure' : block.destination !== undefined ? 'Link' : block.tag;
  const content = { current: doc.markStructureContent(tag) };
  if (block.kind === 'image') {
    figureImage(doc, block, set, page.column, first.y);
  } else {
    const offset = baselineOf(set);
    for (const { line, y } of placed) {
      const drawn = set.lines[line];
      if (drawn) taggedLine(painters, drawn, page.column.x + set.inset, page.column.top + y + offset, tag, element, content);
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
  const painters: Painters = { doc, text: new TextPainter(doc), tags: new Tags(doc), outline: new Outline(doc), links: new Links(doc) };
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
      // Consecutive placed lines of one block are painted together, under one marked content.
      let run: Placed[] = [];
      for (const placed of page.flow.placed) {
        if (run.length > 0 && run[0]?.set !== placed.set) {
          portion(painters, run, page);
          run = [];
        }
        run.push(placed);
      }
      portion(painters, run, page);
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
