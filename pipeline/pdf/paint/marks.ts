/**
 * Marks and boxes: the trim and bleed boxes of every page, crop marks in the registration
 * colour, pictures (a figure's, the cover's edge to edge), rules (a strike line, a table's) and
 * the quarter turn of a turned table's page.
 */
import type PDFDocument from 'pdfkit';
import { CROP_MARK_LENGTH_PT, CROP_MARK_OFFSET_PT, type Column, type PageFrame } from '../geometry.js';
import type { ImageBlock, Rule, RunStyle, Segment, SetBlock } from '../model.js';

/** Stroke weight of crop marks, in points (printers ask for at least a quarter point). */
export const CROP_MARK_WEIGHT_PT = 0.25;
/** Height of a strike line above the baseline, in ems, when the font's OS/2 table does not give one. */
export const STRIKE_POSITION_EMS = 0.28;
/** Weight of a strike line, in ems, when the font's OS/2 table does not give one. */
export const STRIKE_WEIGHT_EMS = 0.05;
/** Name of the registration colour crop marks are drawn in: it prints on every separation. */
const REGISTRATION = 'All';

/** Sets the current page's TrimBox and BleedBox: pdfkit writes only a MediaBox, and print services read the trim and bleed from these. */
export function pageBoxes(doc: PDFDocument, frame: PageFrame): void {
  const [left, bottom, right, top] = [frame.trimX, frame.trimY, frame.trimX + frame.trimWidth, frame.trimY + frame.trimHeight];
  doc.page.dictionary.data.TrimBox = [left, bottom, right, top];
  doc.page.dictionary.data.BleedBox = [left - frame.bleed, bottom - frame.bleed, right + frame.bleed, top + frame.bleed];
}

/** Draws horizontal rules `width` wide from x, each `rule.y` below `top`, as layout artifacts (they carry no text) unless already inside one (`marked` false). */
export function tableRules(doc: PDFDocument, rules: Rule[], x: number, width: number, top: number, marked = true): void {
  if (rules.length === 0) return;
  if (marked) doc.markContent('Artifact', { type: 'Layout' });
  doc.save();
  for (const rule of rules) {
    doc
      .lineWidth(rule.weight)
      .moveTo(x, top + rule.y)
      .lineTo(x + width, top + rule.y)
      .stroke();
  }
  doc.restore();
  if (marked) doc.endMarkedContent();
}

/**
 * Turns what is drawn next a quarter turn anticlockwise inside the column, as a broadside table
 * is set (Chicago: its top at the left edge of the page, recto or verso; the reader turns the
 * book clockwise), until `doc.restore()`; returns the column as the turned content sees it. The
 * page itself stays upright in its trim box: print services take pages of one size and orientation.
 */
export function turnColumn(doc: PDFDocument, column: Column): Column {
  doc.save();
  doc.transform(0, -1, 1, 0, column.x, column.top + column.height);
  return { x: 0, top: 0, width: column.height, height: column.width };
}

/** Where a strike line of a style is drawn above the baseline, and how heavy: the font's own, never thinner than the printer's thinnest line (Literata's is 0.525 pt at 10.5 pt). */
export function strikeLine(style: RunStyle, minWeight = 0): { rise: number; weight: number } {
  const { font, size } = style;
  const metrics = font.font['OS/2'];
  const upm = font.font.unitsPerEm;
  const rise = metrics && metrics.yStrikeoutPosition > 0 ? (metrics.yStrikeoutPosition * size) / upm : STRIKE_POSITION_EMS * size;
  const weight = metrics && metrics.yStrikeoutSize > 0 ? (metrics.yStrikeoutSize * size) / upm : STRIKE_WEIGHT_EMS * size;
  return { rise, weight: Math.max(weight, minWeight) };
}

/** Crosses out a segment with a line at the font's strikeout position, in the segment's grey, at least `minWeight` heavy. */
export function strikeThrough(doc: PDFDocument, segment: Segment, x: number, baseline: number, minWeight = 0): void {
  const { gray } = segment.style;
  const { rise, weight } = strikeLine(segment.style, minWeight);
  doc.save();
  // DeviceGray stroke, like the text it crosses out.
  if (gray > 0) doc.addContent(`${gray.toFixed(3)} G`);
  doc
    .lineWidth(weight)
    .moveTo(x, baseline - rise)
    .lineTo(x + segment.width, baseline - rise)
    .stroke();
  doc.restore();
}

/** Draws a figure's picture centred in the column with its top `top` points below the column's top. */
export function figureImage(doc: PDFDocument, block: ImageBlock, set: SetBlock, column: Column, top: number): void {
  const x = column.x + (column.width - set.imageWidth) / 2;
  doc.image(Buffer.from(block.asset.bytes), x, column.top + top, { width: set.imageWidth, height: set.imageHeight });
}

/** Draws the cover picture edge to edge: it fills the trim and the bleed, cropped (not distorted) where the proportions differ. */
export function coverImage(doc: PDFDocument, frame: PageFrame, image: Uint8Array): void {
  const x = frame.trimX - frame.bleed;
  const y = frame.trimY - frame.bleed;
  const width = frame.trimWidth + 2 * frame.bleed;
  const height = frame.trimHeight + 2 * frame.bleed;
  doc.save();
  doc.rect(x, y, width, height).clip();
  doc.image(Buffer.from(image), x, y, { cover: [width, height], align: 'center', valign: 'center' });
  doc.restore();
}

/** Draws crop marks outside the trim of the current page, as a layout artifact in the registration colour. */
export class CropMarks {
  private spotColour = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly frame: PageFrame,
  ) {}

  /** Draws the four corners' marks on the current page. */
  draw(): void {
    const { doc, frame } = this;
    if (!this.spotColour) {
      doc.addSpotColor(REGISTRATION, 100, 100, 100, 100);
      this.spotColour = true;
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
  }
}
