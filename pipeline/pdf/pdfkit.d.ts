/**
 * The part of pdfkit 0.20 the PDF renderer uses; `@types/pdfkit` lags (Font objects, spot
 * colours, structure elements, page dictionaries).
 */
declare module 'pdfkit' {
  import type { Readable } from 'node:stream';
  import type { Font } from 'fontkit';

  /** Document information dictionary entries. */
  export interface PDFInfo {
    Title?: string;
    Author?: string;
    Subject?: string;
    Keywords?: string;
    Creator?: string;
    Producer?: string;
    CreationDate?: Date;
    ModDate?: Date;
    [key: string]: string | Date | undefined;
  }

  /** Constructor options. */
  export interface PDFDocumentOptions {
    size?: [number, number];
    margin?: number;
    autoFirstPage?: boolean;
    bufferPages?: boolean;
    compress?: boolean;
    pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/A-2b' | 'PDF/A-2a' | 'PDF/A-3b' | 'PDF/A-3a' | 'PDF/UA';
    tagged?: boolean;
    lang?: string;
    displayTitle?: boolean;
    info?: PDFInfo;
    /** The font set before any is chosen; null sets none (pdfkit would otherwise parse Helvetica's metrics for every document). */
    font?: string | null;
  }

  /** Options of one `text()` call. */
  export interface TextOptions {
    lineBreak?: boolean;
    baseline?: 'alphabetic' | 'top' | number;
    wordSpacing?: number;
    characterSpacing?: number;
  }

  /** Options of one `image()` call; `cover` scales the picture to cover the box, keeping its proportions. */
  export interface ImageOptions {
    width?: number;
    height?: number;
    cover?: [number, number];
    align?: 'left' | 'center' | 'right';
    valign?: 'top' | 'center' | 'bottom';
  }

  /** A PDF object under construction. */
  export interface PDFReference {
    data: Record<string, unknown>;
  }

  /** A page being written. */
  export interface PDFPage {
    width: number;
    height: number;
    dictionary: PDFReference;
  }

  /** Marked content belonging to a structure element. */
  export interface PDFStructureContent {
    readonly refs: unknown[];
  }

  /** A node of the structure tree (H1, P, Figure, ...). */
  export interface PDFStructureElement {
    add(child: PDFStructureElement | PDFStructureContent): this;
    end(): void;
    /** The element's dictionary; a primitive string in `data` is written as a name. */
    dictionary: { data: Record<string, unknown> };
  }

  /** Options of a structure element. */
  export interface StructureOptions {
    alt?: string;
    lang?: string;
    title?: string;
    actual?: string;
  }

  /** An entry of the document outline (bookmarks). */
  export interface PDFOutlineItem {
    addItem(title: string, options?: { expanded?: boolean }): PDFOutlineItem;
  }

  /** Options of a link annotation: its structure parent and the text that describes it. */
  export interface AnnotationOptions {
    structParent?: PDFStructureElement;
    /** A String object: pdfkit writes it as a PDF string, where a primitive would become a name. */
    Contents?: String;
  }

  /** Options of marked content. */
  export interface MarkContentOptions {
    type?: 'Pagination' | 'Layout' | 'Page';
  }

  /** The document: a readable stream of PDF bytes. */
  export default class PDFDocument extends Readable {
    constructor(options?: PDFDocumentOptions);
    page: PDFPage;
    outline: PDFOutlineItem;
    addPage(options?: { size?: [number, number]; margin?: number }): this;
    font(src: Font, family: string, size?: number): this;
    fontSize(size: number): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    image(src: Buffer, x: number, y: number, options?: ImageOptions): this;
    addContent(operators: string): this;
    save(): this;
    restore(): this;
    /** Multiplies the current transformation matrix by [a b c d e f] (pdfkit's y-down user space). */
    transform(a: number, b: number, c: number, d: number, e: number, f: number): this;
    moveTo(x: number, y: number): this;
    rect(x: number, y: number, width: number, height: number): this;
    clip(): this;
    lineTo(x: number, y: number): this;
    lineWidth(width: number): this;
    stroke(): this;
    strokeColor(color: string): this;
    addSpotColor(name: string, c: number, m: number, y: number, k: number): this;
    struct(type: string, options?: StructureOptions): PDFStructureElement;
    addStructure(element: PDFStructureElement): this;
    markStructureContent(tag: string, options?: StructureOptions): PDFStructureContent;
    markContent(tag: string, options?: MarkContentOptions): this;
    /** Names the current page as a destination (fit to the window when no view is given). */
    addNamedDestination(name: string): this;
    /** A link annotation to a named destination; `structParent` ties it to a Link structure element. */
    goTo(x: number, y: number, width: number, height: number, name: string, options?: AnnotationOptions): this;
    /** A link annotation to a URL. */
    link(x: number, y: number, width: number, height: number, url: string, options?: AnnotationOptions): this;
    /** Any annotation; a Link whose action `A` is an indirect object several annotations can share. */
    annotate(x: number, y: number, width: number, height: number, options: AnnotationOptions & { Subtype: 'Link'; A: PDFReference }): this;
    /** A new indirect object holding `data`; call `end()` on it to write it. */
    ref(data: Record<string, unknown>): PDFReference & { end(): void };
    endMarkedContent(): this;
    end(): void;
    /** Internal: appends a fragment to the XMP packet. */
    appendXML(xml: string, newline?: boolean): void;
    /** Internal: writes the XMP description of the info dictionary (replaced by ours). */
    _addInfo(): void;
  }
}
