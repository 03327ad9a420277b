/** Standards read back with pdf.js and raw streams: tags, outline, language, XMP, colour, determinism. */
import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { editionFromFile, editionFromTree, poppler, SEED, textPage, withPhoto } from './helpers.js';

/** Every Flate stream of a PDF that decodes to plain ASCII: the content streams (fonts are binary). */
function contentStreams(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/\/FlateDecode[^]*?stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const decoded = inflateSync(Buffer.from(text.slice(start, end), 'latin1')).toString('latin1');
      if (/^[\t\n\r\x20-\x7e]*$/.test(decoded)) streams.push(decoded);
    } catch {
      // Not a complete Flate stream (the match spanned two objects): not a content stream either.
    }
  }
  return streams;
}

/** The XMP packet, which pdfkit writes uncompressed. */
function xmp(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  const start = text.indexOf('<?xpacket begin');
  return text.slice(start, text.indexOf('<?xpacket end', start));
}

let seed: PdfResult;
/** The seed with its photo: the scrape has only the caption, which print sets in a note at the article's end without the picture. */
let pictured: PdfResult;

beforeAll(async () => {
  const edition = await editionFromFile(SEED);
  seed = await renderPdf(edition);
  pictured = await renderPdf(withPhoto(edition));
});

describe('standards in the seed PDF', () => {
  it('is tagged: marked, with a structure tree of H1, H2, P, Figure with Alt and Caption', async () => {
    const doc = await getDocument({ data: pictured.bytes.slice(), verbosity: 0 }).promise;
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const roles: string[] = [];
    let alt = '';
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('role' in node && node.role === 'Figure' && 'alt' in node && typeof node.alt === 'string') alt = node.alt;
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    // The picture takes room: the section heading goes on to the next page.
    for (const page of [textPage(pictured), textPage(pictured) + 1]) walk(await (await doc.getPage(page)).getStructTree());
    expect(roles).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'Figure', 'Caption']));
    expect(alt).toMatch(/^Russian President Vladimir Putin/);
  });

  it('marks running heads and folios as pagination artifacts', () => {
    const pageTwo = contentStreams(seed.bytes).find((stream) => stream.includes('/Artifact'));
    expect(pageTwo).toMatch(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/);
  });

  it('has an outline of the headline and the section heading, language and title', async () => {
    const doc = await getDocument({ data: seed.bytes.slice(), verbosity: 0 }).promise;
    const outline = await doc.getOutline();
    expect(outline?.map((item) => item.title)).toEqual(['China and Russia reinforce diplomatic front against Israel']);
    expect(outline?.[0]?.items.map((item) => item.title)).toEqual(['AMID HEZBOLLAH CONCERNS, WATCH FOR ANY MOVEMENT OF 26TH MARINE EXPEDITIONARY UNIT']);
    const { info, metadata } = await doc.getMetadata();
    expect(info).toMatchObject({ Language: 'en', Title: 'China and Russia reinforce diplomatic front against Israel' });
    expect(metadata?.get('dc:title')).toBe('China and Russia reinforce diplomatic front against Israel');
    expect(metadata?.get('dc:rights')).toBe('© 2023 Washington Examiner');
    expect(metadata?.get('dc:language')).toBe('en');
    expect(metadata?.get('xmp:modifydate')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Buffer.from(seed.bytes).toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('sets text in DeviceGray: no RGB colour operator in any content stream', () => {
    const streams = contentStreams(pictured.bytes);
    expect(streams.some((stream) => stream.includes(' TJ'))).toBe(true);
    for (const stream of streams) expect(stream).not.toMatch(/(^|\s)(rg|RG|k|K)(\s|$)/);
    // The grey credit line uses the DeviceGray operator.
    expect(streams.join('\n')).toMatch(/(^|\s)0\.250 g(\s|$)/m);
  });

  it('never hands a soft hyphen to pdfkit, so words extract whole (pdfkit#457)', async () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Soft hyphens' }] },
        { type: 'paragraph', children: [{ type: 'text', value: 'The House of Rep\u00adre\u00adsen\u00adta\u00adtives met.' }] },
      ],
    };
    const text = await poppler('pdftotext', (await renderPdf(editionFromTree(tree))).bytes);
    expect(text).toContain('The House of Representatives met.');
    expect(text).not.toContain('\u00ad');
  });
});

describe('reproducible bytes', () => {
  it('gives identical bytes for the same edition in any time zone', async () => {
    const edition = await editionFromFile(SEED);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const east = await renderPdf(edition);
      process.env.TZ = 'America/Adak';
      const west = await renderPdf(edition);
      expect(Buffer.from(east.bytes).equals(Buffer.from(west.bytes))).toBe(true);
      expect(Buffer.from(east.bytes).equals(Buffer.from(seed.bytes))).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('metadata that needs escaping', () => {
  it('writes a well-formed XMP packet for a title with markup characters', async () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Tom & Jerry <live> "at" O’Hare' }] },
        { type: 'paragraph', children: [{ type: 'text', value: 'Body text.' }] },
      ],
    };
    const edition = editionFromTree(tree);
    edition.meta.title = 'Tom & Jerry <live> "at" O’Hare';
    const result = await renderPdf(edition);
    const packet = xmp(result.bytes);
    expect(packet).toContain('Tom &amp; Jerry &lt;live&gt; &quot;at&quot; O’Hare');
    expect(packet).not.toContain('Tom & Jerry');
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    expect((await doc.getMetadata()).metadata?.get('dc:title')).toBe('Tom & Jerry <live> "at" O’Hare');
  });
});
