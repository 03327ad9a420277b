/**
 * Step 6: paint. The only module that calls pdfkit's drawing API: every decision is made; this
 * draws each segment of each line at its exact position (`lineBreak: false`, alphabetic
 * baseline, `wordSpacing` for justification), tags content (H1, H2, P, Figure, Caption) and
 * marks page furniture and crop marks as artifacts.
 */
import PDFDocument from 'pdfkit';
import type { PDFOutlineItem, PDFReference, PDFStructureContent, PDFStructureElement } from 'pdfkit';
import type { Edition } from '../../types.js';
import { forgetUnmappedGlyphs, shareLayoutCache, trimLayoutCaches } from '../measure/fonts.js';
import type { PageFrame } from '../geometry.js';
import { CROP_MARK_LENGTH_PT, CROP_MARK_OFFSET_PT } from '../geometry.js';
import type { Placed } from '../flow/index.js';
import type { PageSpec } from '../finalise/index.js';
import { SMALL_CAPS, verticalMetrics } from '../measure/index.js';
import type { Line, RunStyle, Segment, SetBlock } from '../model.js';
import { xmpDescriptions } from './xmp.js';

/** Stroke weight of crop marks, in points (printers ask for at least a quarter point). */
export const CROP_MARK_WEIGHT_PT = 0.25;
/** Height of a strike line above the baseline, in ems, when the font's OS/2 table does not give one. */
export const STRIKE_POSITION_EMS = 0.28;
/** Weight of a strike line, in ems, when the font's OS/2 table does not give one. */
export const STRIKE_WEIGHT_EMS = 0.05;
/** Name of the registration colour crop marks are drawn in: it prints on every separation. */
const REGISTRATION = 'All';
/** Who made the file, for the Creator and Producer entries. */
const CREATOR_TOOL = 'Galley';

/** What painting needs besides the pages. */
export interface PaintOptions {
  frame: PageFrame;
  pdfa: boolean;
  cropMarks: boolean;
  /** The headings of the book, for Keywords. */
  keywords: string;
  /** The cover picture (PNG or JPEG) and its alternative text, for a page marked `cover`. */
  cover?: { image: Uint8Array; alt: string };
}

/** What painting reports for preflight. */
export interface PaintReport {
  bytes: Uint8Array;
  /** PostScript names of the fonts drawn with. */
  fonts: string[];
  smallestSize: number;
}

function baselineOf(set: SetBlock): number {
  const first = set.lines[0];
  const leading = first?.leading ?? 0;
  return (leading - (set.ascent + set.descent)) / 2 + set.ascent;
}

/** The parts of pdfkit's document and font objects showText writes through (pdfkit 0.20). */
interface PdfkitInternals {
  _font: {
    id: string;
    subset: { includeGlyph(id: number): number };
    widths: number[];
    unicode: number[][];
    ref(): unknown;
    /** Shapes a text (word by word, through the font's cache), positions in thousandths of an em. */
    layout(
      text: string,
      features?: string[],
    ): {
      glyphs: Array<{ id: number; codePoints: number[]; advanceWidth: number }>;
      positions: Array<{ xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }>;
    };
  };
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

/** A number as pdfkit writes it in content streams. */
function pdfNumber(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

const SPACE = 0x20;

/**
 * Shows `text` in the current font with its left end of the baseline at (x, baseline), each
 * space widened by `wordSpacing` and every glyph followed by `tracking` (points). Written here
 * rather than by pdfkit's `text()`, which leaves the spaces out of justified text and moves the
 * words apart instead: text extraction, copying and screen readers then have to guess where
 * words end from the gaps (poppler took a line of evenly spaced one-letter words for one word).
 * Here every space is a space glyph, widened in the TJ array; glyphs land where pdfkit put
 * them. pdfkit still subsets the font and records each glyph's width and text. `horizontal` is
 * the font expansion of the line (microtype.ts), written into the text matrix as pdfTeX does: it
 * scales glyphs, kerns and the TJ adjustments alike, so word spacing is divided by it.
 */
function showText(doc: PDFDocument, text: string, x: number, baseline: number, wordSpacing: number, tracking: number, horizontal = 1, features?: string[]): void {
  if (!text) return;
  const pdf = doc as unknown as PdfkitInternals;
  const font = pdf._font;
  const size = pdf._fontSize;
  const { glyphs, positions } = features ? font.layout(text, features) : font.layout(text);
  const encoded = glyphs.map((glyph, index) => {
    const id = font.subset.includeGlyph(glyph.id);
    font.widths[id] ??= positions[index]!.advanceWidth;
    font.unicode[id] ??= glyph.codePoints;
    return id.toString(16).padStart(4, '0');
  });
  const extraPerSpace = (wordSpacing * 1000) / size / horizontal;
  // What justification adds after a glyph, and what kerning and justification move the pen
  // beyond the glyph's own width, in thousandths of an em.
  const justification = (index: number): number => (glyphs[index]!.codePoints.includes(SPACE) ? extraPerSpace : 0);
  const adjustment = (index: number): number => positions[index]!.xAdvance - positions[index]!.advanceWidth + justification(index);
  doc.save();
  doc.addContent(`1 0 0 -1 0 ${pdfNumber(pdf.page.height)} cm`);
  const y = pdf.page.height - baseline;
  if (pdf.page.fonts[font.id] == null) pdf.page.fonts[font.id] = font.ref();
  doc.addContent('BT');
  const matrix = `${pdfNumber(horizontal)} 0 0 1`;
  doc.addContent(`${matrix} ${pdfNumber(x)} ${pdfNumber(y)} Tm`);
  doc.addContent(`/${font.id} ${pdfNumber(size)} Tf`);
  if (tracking) doc.addContent(`${pdfNumber(tracking)} Tc`);
  const scale = (size / 1000) * horizontal;
  const shown: string[] = [];
  let from = 0;
  let penX = x;
  let offset = false;
  // Glyphs run on in one TJ until one needs an adjustment after it, or its own offset (a mark).
  const run = (to: number): void => {
    if (from < to) shown.push(`<${encoded.slice(from, to).join('')}> ${pdfNumber(-adjustment(to - 1))}`);
    from = to;
  };
  const flush = (to: number): void => {
    run(to);
    if (shown.length) doc.addContent(`[${shown.join(' ')}] TJ`);
    shown.length = 0;
  };
  for (let index = 0; index < positions.length; index++) {
    const position = positions[index]!;
    if (position.xOffset || position.yOffset) {
      flush(index);
      doc.addContent(`${matrix} ${pdfNumber(penX + position.xOffset * scale)} ${pdfNumber(y + (position.yOffset * size) / 1000)} Tm`);
      flush(index + 1);
      offset = true;
    } else {
      if (offset) {
        doc.addContent(`${matrix} ${pdfNumber(penX)} ${pdfNumber(y)} Tm`);
        offset = false;
      }
      if (adjustment(index) !== 0) run(index + 1);
    }
    penX += (position.xAdvance + justification(index)) * scale + tracking * horizontal;
  }
  flush(positions.length);
  doc.addContent('ET');
  doc.restore();
}

/** Paints the finished pages into PDF bytes. */
export async function paint(edition: Edition, pages: PageSpec[], options: PaintOptions): Promise<PaintReport> {
  forgetUnmappedGlyphs();
  trimLayoutCaches();
  const { meta } = edition;
  const date = new Date(meta.modified);
  const isoDate = `${date.toISOString().split('.')[0] ?? ''}Z`;
  const author = (meta.byline ?? []).join(', ');
  const doc = new PDFDocument({
    size: [options.frame.width, options.frame.height],
    margin: 0,
    autoFirstPage: false,
    // Every segment names its font; Helvetica, pdfkit's default, is never drawn with.
    font: null,
    // Without a version pdfkit writes no XMP at all; 1.7 is what PDF/A-2 needs anyway.
    pdfVersion: '1.7',
    ...(options.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      ...(author ? { Author: author } : {}),
      ...(meta.description ? { Subject: meta.description } : {}),
      ...(options.keywords ? { Keywords: options.keywords } : {}),
      ...(meta.publisher ? { Publisher: meta.publisher } : {}),
      Creator: CREATOR_TOOL,
      Producer: CREATOR_TOOL,
      // Pinned dates make the bytes (and the /ID hashed from them) the same in any time zone.
      CreationDate: date,
      ModDate: date,
    },
  });
  doc._addInfo = () => {
    doc.appendXML(
      xmpDescriptions({
        title: meta.title,
        creators: meta.byline ?? [],
        description: meta.description,
        rights: meta.rights,
        lang: meta.lang,
        publisher: meta.publisher,
        identifier: meta.identifier,
        keywords: options.keywords,
        creatorTool: CREATOR_TOOL,
        producer: CREATOR_TOOL,
        date: isoDate,
      }),
    );
  };
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const fonts = new Set<string>();
  let smallestSize = Infinity;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const elements = new Map<SetBlock, PDFStructureElement>();
  const groups = new Map<number, PDFStructureElement>();
  let outlineTop: PDFOutlineItem | undefined;
  let outlineChapter: number | undefined;
  let spotColour = false;

  /** Draws a segment, and the word space that follows it on its line as a space glyph. */
  const drawSegment = (segment: Segment, x: number, baseline: number): void => {
    const style: RunStyle = segment.style;
    fonts.add(style.font.font.postscriptName);
    smallestSize = Math.min(smallestSize, style.size);
    doc.font(style.font.font, style.font.path, style.size);
    shareLayoutCache(doc, style.font);
    if (style.gray > 0) {
      doc.save();
      // DeviceGray fill: text never takes an RGB colour (printers print RGB black as grey).
      doc.addContent(`${style.gray.toFixed(3)} g`);
    }
    showText(
      doc,
      segment.spaceAfter ? `${segment.text} ` : segment.text,
      x + segment.x,
      baseline,
      segment.wordSpacing,
      style.tracking,
      segment.scale ?? 1,
      style.smallCaps ? SMALL_CAPS : undefined,
    );
    if (style.gray > 0) doc.restore();
    if (style.strike) strike(segment, x + segment.x, baseline);
  };

  const drawLine = (line: Line, x: number, baseline: number): void => {
    for (const segment of line.segments) drawSegment(segment, x, baseline);
  };

  const strike = (segment: Segment, x: number, baseline: number): void => {
    const { font, size, gray } = segment.style;
    const metrics = font.font['OS/2'];
    const upm = font.font.unitsPerEm;
    const rise = metrics && metrics.yStrikeoutPosition > 0 ? (metrics.yStrikeoutPosition * size) / upm : STRIKE_POSITION_EMS * size;
    const weight = metrics && metrics.yStrikeoutSize > 0 ? (metrics.yStrikeoutSize * size) / upm : STRIKE_WEIGHT_EMS * size;
    doc.save();
    // DeviceGray stroke, like the text it crosses out.
    if (gray > 0) doc.addContent(`${gray.toFixed(3)} G`);
    doc
      .lineWidth(weight)
      .moveTo(x, baseline - rise)
      .lineTo(x + segment.width, baseline - rise)
      .stroke();
    doc.restore();
  };

  /** Draws a line's horizontal rules (a table's), as layout artifacts: they carry no text. */
  const drawRules = (line: Line, x: number, top: number): void => {
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    for (const rule of line.rules ?? []) {
      doc
        .lineWidth(rule.weight)
        .moveTo(x, top + rule.y)
        .lineTo(x + line.width, top + rule.y)
        .stroke();
    }
    doc.restore();
    doc.endMarkedContent();
  };

  const cellElements = new Map<PDFStructureElement, PDFStructureElement[]>();

  /** Draws a table cell's segment into the TD or TH element of its row (made on first use). */
  const drawCellSegment = (segment: Segment, x: number, baseline: number, set: SetBlock, row: PDFStructureElement): void => {
    const cells = set.block.kind === 'text' ? (set.block.cells ?? []) : [];
    const index = segment.cell ?? 0;
    const tag = cells[index]?.header ? 'TH' : 'TD';
    const elements = cellElements.get(row) ?? [];
    cellElements.set(row, elements);
    // Cells are added in column order before any content, so the row reads left to right.
    for (let column = elements.length; column < cells.length; column++) {
      const cell = doc.struct(cells[column]?.header ? 'TH' : 'TD');
      row.add(cell);
      elements.push(cell);
    }
    const cell = elements[index];
    if (!cell) return;
    const content = doc.markStructureContent(tag);
    drawSegment(segment, x, baseline);
    doc.endMarkedContent();
    cell.add(content);
  };

  // One URI action per address, shared by the annotations of all its segments: a long URL broken
  // over many lines would otherwise be written out once per line (megabytes for a page of them).
  const uriActions = new Map<string, PDFReference>();
  const uriAction = (url: string): PDFReference => {
    let action = uriActions.get(url);
    if (!action) {
      const created = doc.ref({ S: 'URI', URI: new String(url) });
      created.end();
      action = created;
      uriActions.set(url, action);
    }
    return action;
  };

  /** Draws a line of a block whose text is tagged `tag` in `element`; a linked segment gets a Link element and annotation of its own. */
  const drawTaggedLine = (line: Line, x: number, baseline: number, tag: string, element: PDFStructureElement, content: { current: PDFStructureContent }): void => {
    for (const segment of line.segments) {
      if (!segment.link) {
        drawSegment(segment, x, baseline);
        continue;
      }
      doc.endMarkedContent();
      element.add(content.current);
      const link = doc.struct('Link');
      element.add(link);
      const linked = doc.markStructureContent('Link');
      drawSegment(segment, x, baseline);
      doc.endMarkedContent();
      link.add(linked);
      const { ascent, descent } = verticalMetrics(segment.style.font, segment.style.size);
      doc.annotate(x + segment.x, baseline - ascent, segment.width, ascent + descent, {
        Subtype: 'Link',
        A: uriAction(segment.link),
        structParent: link,
        Contents: new String(segment.text),
      });
      content.current = doc.markStructureContent(tag);
    }
  };

  const elementFor = (set: SetBlock): PDFStructureElement => {
    const found = elements.get(set);
    if (found) return found;
    const block = set.block;
    let parent = root;
    if (block.group) {
      let group = groups.get(block.group.id);
      if (!group) {
        group = doc.struct(block.group.tag, block.group.alt ? { alt: block.group.alt } : {});
        root.add(group);
        groups.set(block.group.id, group);
      }
      parent = group;
    }
    // A picture's content belongs to its Figure element directly.
    const element = block.kind === 'image' ? parent : doc.struct(block.tag);
    if (element !== parent) parent.add(element);
    // A linked block (a contents entry) holds a Link element with its text and its annotations.
    const content = block.kind === 'text' && block.destination !== undefined ? doc.struct('Link') : element;
    if (content !== element) element.add(content);
    elements.set(set, content);
    return content;
  };

  const linkPortion = (portion: Placed[], page: PageSpec, element: PDFStructureElement): void => {
    const first = portion[0];
    if (!first || first.set.block.kind !== 'text' || first.set.block.destination === undefined) return;
    const { set } = first;
    const destination = first.set.block.destination;
    for (const placed of portion) {
      const line = set.lines[placed.line];
      if (!line) continue;
      const x = page.column.x + set.inset + (line.segments[0]?.x ?? 0);
      doc.goTo(x, page.column.top + placed.y, line.width - (line.segments[0]?.x ?? 0), placed.height, destination, {
        structParent: element,
        Contents: new String(first.set.block.plain),
      });
    }
  };

  const drawPortion = (portion: Placed[], page: PageSpec): void => {
    const first = portion[0];
    if (!first) return;
    const set = first.set;
    const block = set.block;
    const element = elementFor(set);
    if (block.source.chapter !== outlineChapter) {
      // Each chapter's sections nest under its own headline, never under the previous chapter's.
      outlineChapter = block.source.chapter;
      outlineTop = undefined;
    }
    if (block.kind === 'text' && block.outline !== undefined && first.line === 0) {
      if (block.outline === 0 || !outlineTop) {
        const item = doc.outline.addItem(block.plain);
        if (block.outline === 0) outlineTop = item;
      } else {
        outlineTop.addItem(block.plain);
      }
    }
    if (block.kind === 'text' && block.cells) {
      // A table row's content belongs to its cells, not to the row.
      const offset = baselineOf(set);
      // Cell after cell, each cell's lines in order, so that a reader that follows the content
      // (pdf.js, a screen reader) gets a cell's text whole, a word hyphenated in it included.
      const columns = block.cells.length;
      for (let column = 0; column < columns; column++) {
        for (const placed of portion) {
          for (const segment of set.lines[placed.line]?.segments ?? []) {
            if ((segment.cell ?? 0) === column) drawCellSegment(segment, page.column.x + set.inset, page.column.top + placed.y + offset, set, element);
          }
        }
      }
      for (const placed of portion) {
        const line = set.lines[placed.line];
        if (line?.rules) drawRules(line, page.column.x + set.inset, page.column.top + placed.y);
      }
      return;
    }
    const tag = block.kind === 'image' ? 'Figure' : block.destination !== undefined ? 'Link' : block.tag;
    const content = { current: doc.markStructureContent(tag) };
    if (block.kind === 'image') {
      const x = page.column.x + (page.column.width - set.imageWidth) / 2;
      doc.image(Buffer.from(block.asset.bytes), x, page.column.top + first.y, { width: set.imageWidth, height: set.imageHeight });
    } else {
      const offset = baselineOf(set);
      for (const placed of portion) {
        const line = set.lines[placed.line];
        if (line) drawTaggedLine(line, page.column.x + set.inset, page.column.top + placed.y + offset, tag, element, content);
      }
    }
    doc.endMarkedContent();
    element.add(content.current);
    linkPortion(portion, page, element);
  };

  const paintCover = (cover: { image: Uint8Array; alt: string }): void => {
    const { frame } = options;
    // Edge to edge: the picture fills the trim and the bleed, cropped (not distorted) where the proportions differ.
    const x = frame.trimX - frame.bleed;
    const y = frame.trimY - frame.bleed;
    const width = frame.trimWidth + 2 * frame.bleed;
    const height = frame.trimHeight + 2 * frame.bleed;
    const figure = doc.struct('Figure', { alt: cover.alt });
    root.add(figure);
    const content = doc.markStructureContent('Figure');
    doc.save();
    doc.rect(x, y, width, height).clip();
    doc.image(Buffer.from(cover.image), x, y, { cover: [width, height], align: 'center', valign: 'center' });
    doc.restore();
    doc.endMarkedContent();
    figure.add(content);
  };

  const cropMarks = (): void => {
    const { frame } = options;
    if (!spotColour) {
      doc.addSpotColor(REGISTRATION, 100, 100, 100, 100);
      spotColour = true;
    }
    const left = frame.trimX;
    const right = frame.trimX + frame.trimWidth;
    const top = frame.trimY;
    const bottom = frame.trimY + frame.trimHeight;
    const gap = frame.bleed + CROP_MARK_OFFSET_PT;
    const reach = gap + CROP_MARK_LENGTH_PT;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    doc.lineWidth(CROP_MARK_WEIGHT_PT).strokeColor(REGISTRATION);
    for (const x of [left, right]) {
      for (const y of [top, bottom]) {
        const outward = x === left ? -1 : 1;
        const downward = y === top ? -1 : 1;
        doc
          .moveTo(x + outward * gap, y)
          .lineTo(x + outward * reach, y)
          .stroke();
        doc
          .moveTo(x, y + downward * gap)
          .lineTo(x, y + downward * reach)
          .stroke();
      }
    }
    doc.restore();
    doc.endMarkedContent();
  };

  for (const page of pages) {
    doc.addPage({ size: [options.frame.width, options.frame.height], margin: 0 });
    const { frame } = options;
    // pdfkit writes only a MediaBox; print services read the trim and bleed from these boxes.
    const [left, bottom, right, top] = [frame.trimX, frame.trimY, frame.trimX + frame.trimWidth, frame.trimY + frame.trimHeight];
    doc.page.dictionary.data.TrimBox = [left, bottom, right, top];
    doc.page.dictionary.data.BleedBox = [left - frame.bleed, bottom - frame.bleed, right + frame.bleed, top + frame.bleed];
    if (page.flow?.destination !== undefined) doc.addNamedDestination(page.flow.destination);
    if (page.flow?.cover && options.cover) paintCover(options.cover);
    if (page.flow) {
      let portion: Placed[] = [];
      for (const placed of page.flow.placed) {
        if (portion.length > 0 && portion[0]?.set !== placed.set) {
          drawPortion(portion, page);
          portion = [];
        }
        portion.push(placed);
      }
      drawPortion(portion, page);
    }
    if (page.furniture.length > 0) {
      doc.markContent('Artifact', { type: 'Pagination' });
      for (const item of page.furniture) drawLine(item.line, item.x, item.baseline);
      doc.endMarkedContent();
    }
    if (options.cropMarks) cropMarks();
  }
  root.end();
  doc.end();
  await finished;
  return { bytes: new Uint8Array(Buffer.concat(chunks)), fonts: [...fonts].sort(), smallestSize: Number.isFinite(smallestSize) ? smallestSize : 0 };
}
