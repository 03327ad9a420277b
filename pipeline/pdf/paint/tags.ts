/**
 * Tags and outline: the structure tree (Document, its groups such as Figure or L, one element
 * per block, TD and TH cells of table rows, once each: a header row drawn again over a
 * continued table is an artifact) and the bookmarks of headlines and sections.
 */
import type PDFDocument from 'pdfkit';
import type { PDFOutlineItem, PDFStructureElement } from 'pdfkit';
import type { Block, SetBlock } from '../model.js';

/** The structure tree of one document, built as blocks are painted. */
export class Tags {
  /** The Document element every element hangs from. */
  readonly root: PDFStructureElement;
  private readonly elements = new Map<SetBlock, PDFStructureElement>();
  private readonly groups = new Map<number, PDFStructureElement>();
  private readonly cells = new Map<PDFStructureElement, PDFStructureElement[]>();

  constructor(private readonly doc: PDFDocument) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** The element a block's content belongs to, made on its first portion: its own (P, H1, ...), its group's for a picture, or the Link inside a linked block. */
  elementFor(set: SetBlock): PDFStructureElement {
    const found = this.elements.get(set);
    if (found) return found;
    const { doc } = this;
    const block = set.block;
    let parent = this.root;
    if (block.group) {
      let group = this.groups.get(block.group.id);
      if (!group) {
        group = doc.struct(block.group.tag, block.group.alt ? { alt: block.group.alt } : {});
        this.root.add(group);
        this.groups.set(block.group.id, group);
      }
      parent = group;
    }
    // A picture's content belongs to its Figure element directly.
    const element = block.kind === 'image' ? parent : doc.struct(block.tag);
    if (element !== parent) parent.add(element);
    // A linked block (a contents entry) holds a Link element with its text and its annotations.
    const content = block.kind === 'text' && block.destination !== undefined ? doc.struct('Link') : element;
    if (content !== element) element.add(content);
    this.elements.set(set, content);
    return content;
  }

  /** The TD or TH element of cell `index` of a table row's element; every cell of the row is made on first use, in column order, so the row reads left to right. */
  cell(row: PDFStructureElement, set: SetBlock, index: number): { element: PDFStructureElement; tag: string } | undefined {
    const cells = set.block.kind === 'text' ? (set.block.cells ?? []) : [];
    const elements = this.cells.get(row) ?? [];
    this.cells.set(row, elements);
    for (let column = elements.length; column < cells.length; column++) {
      const cell = this.doc.struct(cells[column]?.header ? 'TH' : 'TD');
      // A header cell heads its column (PDF/UA: a TH says what it heads, by Scope when no Headers are given).
      if (cells[column]?.header) cell.dictionary.data.A = { O: 'Table', Scope: 'Column' };
      row.add(cell);
      elements.push(cell);
    }
    const element = elements[index];
    return element ? { element, tag: cells[index]?.header ? 'TH' : 'TD' } : undefined;
  }

  /** A Figure element for a picture outside the text (the cover), with its alternative text. */
  figure(alt: string): PDFStructureElement {
    const figure = this.doc.struct('Figure', { alt });
    this.root.add(figure);
    return figure;
  }

  /** Closes the tree; call once, after the last page. */
  end(): void {
    this.root.end();
  }
}

/** The document outline: each chapter's headline, with its sections nested under it. */
export class Outline {
  private top: PDFOutlineItem | undefined;
  private chapter: number | undefined;

  constructor(private readonly doc: PDFDocument) {}

  /** Adds an entry for a block that is a headline or section heading, when its first line is painted. */
  enter(block: Block, firstLine: boolean): void {
    if (block.source.chapter !== this.chapter) {
      // Each chapter's sections nest under its own headline, never under the previous chapter's.
      this.chapter = block.source.chapter;
      this.top = undefined;
    }
    if (block.kind !== 'text' || block.outline === undefined || !firstLine) return;
    if (block.outline === 0 || !this.top) {
      const item = this.doc.outline.addItem(block.plain);
      if (block.outline === 0) this.top = item;
    } else {
      this.top.addItem(block.plain);
    }
  }
}
