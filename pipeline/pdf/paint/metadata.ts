/**
 * Metadata: the document information dictionary and the XMP packet (ours, see xmp.ts), both from
 * the edition's metadata, with pinned dates so the same book gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { EditionMeta } from '../../types.js';
import type { PageFrame } from '../geometry.js';
import { xmpDescriptions } from './xmp.js';

/** Who made the file, for the Creator and Producer entries. */
const CREATOR_TOOL = 'Galley';

/** What the document is opened with besides the edition's metadata. */
export interface DocumentSettings {
  frame: PageFrame;
  pdfa: boolean;
  /** The headings of the book, for Keywords. */
  keywords: string;
}

/** A new tagged PDF 1.7 document (PDF/A-2b when asked) with the edition's information and XMP, and no page yet. */
export function openDocument(meta: EditionMeta, settings: DocumentSettings): PDFDocument {
  const date = new Date(meta.modified);
  const isoDate = `${date.toISOString().split('.')[0] ?? ''}Z`;
  const author = (meta.byline ?? []).join(', ');
  const doc = new PDFDocument({
    size: [settings.frame.width, settings.frame.height],
    margin: 0,
    autoFirstPage: false,
    // Every segment names its font; Helvetica, pdfkit's default, is never drawn with.
    font: null,
    // Without a version pdfkit writes no XMP at all; 1.7 is what PDF/A-2 needs anyway.
    pdfVersion: '1.7',
    ...(settings.pdfa ? { subset: 'PDF/A-2b' as const } : {}),
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.declaredTitle ?? meta.title,
      ...(author ? { Author: author } : {}),
      ...(meta.description ? { Subject: meta.description } : {}),
      ...(settings.keywords ? { Keywords: settings.keywords } : {}),
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
        title: meta.declaredTitle ?? meta.title,
        creators: meta.byline ?? [],
        description: meta.description,
        rights: meta.rights,
        lang: meta.lang,
        publisher: meta.publisher,
        identifier: meta.identifier,
        keywords: settings.keywords,
        creatorTool: CREATOR_TOOL,
        producer: CREATOR_TOOL,
        date: isoDate,
      }),
    );
  };
  return doc;
}
