/**
 * Links: URI annotations over linked segments, each under a Link element of its own, and
 * annotations to named destinations over the lines of a linked block (a contents entry).
 */
import type PDFDocument from 'pdfkit';
import type { PDFReference, PDFStructureElement } from 'pdfkit';
import type { PageSpec } from '../finalise/index.js';
import type { Placed } from '../flow/index.js';
import { verticalMetrics } from '../measure/index.js';
import type { Segment } from '../model.js';

/** The link annotations of one document. */
export class Links {
  // One URI action per address, shared by the annotations of all its segments: a long URL broken
  // over many lines would otherwise be written out once per line (megabytes for a page of them).
  private readonly uriActions = new Map<string, PDFReference>();

  constructor(private readonly doc: PDFDocument) {}

  private uriAction(url: string): PDFReference {
    let action = this.uriActions.get(url);
    if (!action) {
      const created = this.doc.ref({ S: 'URI', URI: new String(url) });
      created.end();
      action = created;
      this.uriActions.set(url, action);
    }
    return action;
  }

  /** Annotates a painted segment (left end of its line's baseline at x, baseline) with its URL, as the annotation of `link`. */
  uri(segment: Segment & { link: string }, x: number, baseline: number, link: PDFStructureElement): void {
    const { ascent, descent } = verticalMetrics(segment.style.font, segment.style.size);
    this.doc.annotate(x + segment.x, baseline - ascent, segment.width, ascent + descent, {
      Subtype: 'Link',
      A: this.uriAction(segment.link),
      structParent: link,
      Contents: new String(segment.text),
    });
  }

  /** Annotates every line of a portion of a block that links to a named destination. */
  destination(portion: Placed[], page: PageSpec, element: PDFStructureElement): void {
    const first = portion[0];
    if (!first || first.set.block.kind !== 'text' || first.set.block.destination === undefined) return;
    const { set } = first;
    const destination = first.set.block.destination;
    for (const placed of portion) {
      const line = set.lines[placed.line];
      if (!line) continue;
      const x = page.column.x + set.inset + (line.segments[0]?.x ?? 0);
      this.doc.goTo(x, page.column.top + placed.y, line.width - (line.segments[0]?.x ?? 0), placed.height, destination, {
        structParent: element,
        Contents: new String(first.set.block.plain),
      });
    }
  }
}
