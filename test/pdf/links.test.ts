/** Inline links become link annotations under Link tags; deleted text is struck through. */
import { inflateSync } from 'node:zlib';
import type { Root } from 'mdast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { editionFromTree, poppler, onPage, textPage } from './helpers.js';

const URL = 'https://example.com/report?id=7';

let result: PdfResult;

beforeAll(async () => {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Links and deletions' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Read the ' },
          { type: 'link', url: URL, children: [{ type: 'text', value: 'full report' }] },
          { type: 'text', value: ' or the ' },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'hostile one' }] },
          { type: 'text', value: '; the price was ' },
          { type: 'delete', children: [{ type: 'text', value: 'twelve' }] },
          { type: 'text', value: ' ten dollars.' },
        ],
      },
    ],
  };
  result = await renderPdf(editionFromTree(tree));
});

/** The page content streams (Flate streams that decode to ASCII; fonts and pictures do not). */
function contentStreams(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/\/FlateDecode[^]*?stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    try {
      const decoded = inflateSync(Buffer.from(text.slice(start, text.indexOf('endstream', start)), 'latin1')).toString('latin1');
      if (/^[\t\n\r\x20-\x7e]*$/.test(decoded)) streams.push(decoded);
    } catch {
      // The match spanned two objects: not a content stream.
    }
  }
  return streams;
}

/** Boxes of the words on the text's first page, from poppler. */
async function words(): Promise<Array<{ text: string; x0: number; y0: number; x1: number; y1: number }>> {
  const html = await poppler('pdftotext', result.bytes, ['-bbox', ...onPage(textPage(result))]);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5] ?? '',
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
  }));
}

describe('links', () => {
  it('annotate the linked words with their URL, tagged Link, and leave non-web URLs as plain text', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const page = await doc.getPage(textPage(result));
    const links = (await page.getAnnotations()).filter((annotation) => annotation.subtype === 'Link');
    expect(links.map((link) => link.url)).toEqual([URL]);
    const [x0, y0, x1, y1] = links[0]?.rect as number[];
    const height = page.view[3] ?? 0;
    for (const word of (await words()).filter((w) => w.text === 'full' || w.text === 'report')) {
      // Poppler measures from the top, the annotation from the bottom.
      expect(word.x0).toBeGreaterThanOrEqual(x0! - 0.5);
      expect(word.x1).toBeLessThanOrEqual(x1! + 0.5);
      expect(height - word.y1).toBeGreaterThanOrEqual(y0! - 2);
      expect(height - word.y0).toBeLessThanOrEqual(y1! + 2);
    }
    const roles: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    walk(await page.getStructTree());
    expect(roles.filter((role) => role === 'Link').length).toBe(1);
    expect(Buffer.from(result.bytes).toString('latin1')).not.toContain('javascript:');
    const text = (await poppler('pdftotext', result.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Read the full report or the hostile one; the price was twelve ten dollars.');
  });
});

describe('deleted text', () => {
  it('is struck through: one horizontal stroke across the deleted word, between its top and its baseline', async () => {
    const deleted = (await words()).find((word) => word.text === 'twelve');
    if (!deleted) throw new Error('the deleted word is not on the first page of text');
    // pdfkit flips the y axis once for the page, so content coordinates run from the top like poppler's.
    const lines = contentStreams(result.bytes).flatMap((stream) =>
      [...stream.matchAll(/([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l\s+S/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]),
    );
    expect(lines.length).toBe(1);
    const [x0, y0, x1, y1] = lines[0]!;
    expect(y0).toBe(y1);
    expect(x0).toBeCloseTo(deleted.x0, 0);
    expect(x1).toBeCloseTo(deleted.x1, 0);
    expect(y0).toBeGreaterThan(deleted.y0);
    expect(y0).toBeLessThan(deleted.y1);
  });
});
