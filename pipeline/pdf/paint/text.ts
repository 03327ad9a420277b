/**
 * Text: every segment of a line drawn at its exact position by our own TJ writer, in the
 * segment's font, size, grey and horizontal scale, with a strike line where the run asks for one.
 */
import type PDFDocument from 'pdfkit';
import { shareLayoutCache } from '../measure/fonts.js';
import { SMALL_CAPS } from '../measure/index.js';
import type { Line, Segment } from '../model.js';
import { strikeThrough } from './marks.js';

/** The parts of pdfkit's document and font objects showText writes through (pdfkit 0.20). */
interface PdfkitInternals {
  _font: {
    id: string;
    subset: { includeGlyph(id: number): number; glyphs: number[] };
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
 * The text of a glyph that stands for no character (the dots a letter was drawn apart from):
 * WORD JOINER, invisible and ignored in search and by pdf.js, which would otherwise read the
 * glyph's id as a letter, and transparent to Arabic joining when the text is pasted.
 */
const NO_CHARACTER = [0x2060];

/** Per pdfkit font of a document: the subset id of each glyph drawn for a text other than the one its first id stands for. */
const copies = new WeakMap<object, Map<string, number>>();

function sameCodePoints(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((codePoint, index) => codePoint === b[index]);
}

/**
 * The subset id a glyph is drawn with, so that the ToUnicode map gives back the text it stands for
 * here. A ToUnicode map gives one text per id, and one glyph can stand for several: Noto Naskh
 * Arabic's dotless tooth is seen (س) in one word and, with three dots drawn after it, sheen (ش) in
 * the next; with one id, copying, search, screen readers, pdftotext and pdf.js read every such
 * tooth as whichever letter came first ("مشلحة" for "مسلحة"). A glyph drawn for another text gets
 * a second id, a copy of the glyph in the subset (a few hundred bytes) whose entry is that text.
 */
function subsetId(font: PdfkitInternals['_font'], { id: glyphId, codePoints: own }: { id: number; codePoints: number[] }, advance: number): number {
  const glyph = { id: glyphId, codePoints: own.length > 0 ? own : NO_CHARACTER };
  const id = font.subset.includeGlyph(glyph.id);
  font.widths[id] ??= advance;
  const known = font.unicode[id];
  if (known === undefined) font.unicode[id] = glyph.codePoints;
  if (known === undefined || sameCodePoints(known, glyph.codePoints)) return id;
  let byText = copies.get(font);
  if (!byText) {
    byText = new Map();
    copies.set(font, byText);
  }
  const key = `${glyph.id}:${glyph.codePoints.join(',')}`;
  let copy = byText.get(key);
  if (copy === undefined) {
    copy = font.subset.glyphs.push(glyph.id) - 1;
    font.widths[copy] = advance;
    font.unicode[copy] = glyph.codePoints;
    byText.set(key, copy);
  }
  return copy;
}

/** A text as a PDF string in UTF-16BE with its byte order mark, in hex. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/**
 * Whether the glyphs of a shaped text do not give back its characters when their texts are read
 * one after another, in the order they are drawn or, for a right-to-left run, in the reverse
 * order: a shaper that reorders (a vowel sign drawn before its consonant). Ligatures and letters
 * drawn in several pieces read back through the ToUnicode map alone, and right-to-left runs are
 * put in reading order by the readers themselves (poppler reverses an ActualText of Arabic or
 * Hebrew once more, and breaks the line after each word). Such a run carries its text as ActualText.
 */
export function needsActualText(text: string, glyphs: Array<{ codePoints: number[] }>): boolean {
  const characters = [...text].map((char) => char.codePointAt(0) ?? 0);
  const readsBack = (order: Array<{ codePoints: number[] }>): boolean =>
    sameCodePoints(
      order.flatMap((glyph) => glyph.codePoints),
      characters,
    );
  return !readsBack(glyphs) && !readsBack([...glyphs].reverse());
}

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
  const encoded = glyphs.map((glyph, index) => subsetId(font, glyph, positions[index]!.advanceWidth).toString(16).padStart(4, '0'));
  const extraPerSpace = (wordSpacing * 1000) / size / horizontal;
  // What justification adds after a glyph, and what kerning and justification move the pen
  // beyond the glyph's own width, in thousandths of an em.
  const justification = (index: number): number => (glyphs[index]!.codePoints.includes(SPACE) ? extraPerSpace : 0);
  const adjustment = (index: number): number => positions[index]!.xAdvance - positions[index]!.advanceWidth + justification(index);
  // A Span's ActualText is what text extraction, copying and screen readers take for the glyphs inside (ISO 32000 14.9.4).
  const actual = needsActualText(text, glyphs);
  if (actual) doc.addContent(`/Span <</ActualText ${utf16Hex(text)}>> BDC`);
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
  const silent: Array<{ id: string; x: number; y: number }> = [];
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
    if (glyphs[index]!.codePoints.length === 0) {
      // Drawn after the rest, so that it never splits a word in two for a reader (see below).
      flush(index);
      from = index + 1;
      silent.push({ id: encoded[index]!, x: penX + position.xOffset * scale, y: y + (position.yOffset * size) / 1000 });
      offset = true;
    } else if (position.xOffset || position.yOffset) {
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
  // Glyphs that stand for no character (the dots of a letter drawn apart from it) come last, with
  // an empty ActualText: poppler takes them for no text (it would take their WORD JOINER, raised
  // with the dots, for the end of a word), and pdf.js, which splits its text at every marked
  // content and ignores ActualText, skips their WORD JOINER.
  if (silent.length > 0) {
    doc.addContent(`/Span <</ActualText ${utf16Hex('')}>> BDC`);
    for (const glyph of silent) doc.addContent(`${matrix} ${pdfNumber(glyph.x)} ${pdfNumber(glyph.y)} Tm [<${glyph.id}>] TJ`);
    doc.addContent('EMC');
  }
  doc.addContent('ET');
  doc.restore();
  if (actual) doc.addContent('EMC');
}

/** Draws segments and lines of text into one document. */
export class TextPainter {
  /** `minLineWeight`: the thinnest strike line drawn, in points (the printer's thinnest line). */
  constructor(
    private readonly doc: PDFDocument,
    private readonly minLineWeight = 0,
  ) {}

  /** Draws a segment of a line whose left end of the baseline is at (x, baseline), and the word space that follows it on its line as a space glyph. */
  segment(segment: Segment, x: number, baseline: number): void {
    const { doc } = this;
    const style = segment.style;
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
    if (style.strike) strikeThrough(doc, segment, x + segment.x, baseline, this.minLineWeight);
  }

  /** Draws every segment of a line. */
  line(line: Line, x: number, baseline: number): void {
    for (const segment of line.segments) this.segment(segment, x, baseline);
  }
}
