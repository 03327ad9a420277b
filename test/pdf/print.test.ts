/** Print geometry and furniture: mirrored margins, running heads, folios, bleed, crop marks, PDF/A, large print. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import type { Edition } from '../../pipeline/types.js';
import type { Root } from 'mdast';
import { KDP_MIN_LINE_PT } from '../../pipeline/pdf/finalise/preflight.js';
import { editionFromFile, editionFromTree, poppler, SEED, strokes, textPage } from './helpers.js';

/** Points per inch. */
const INCH = 72;

let edition: Edition;
let seed: PdfResult;

beforeAll(async () => {
  edition = await editionFromFile(SEED);
  seed = await renderPdf(edition);
});

/** Text of one page, as pdftotext reads it. */
async function pageText(bytes: Uint8Array, page: number): Promise<string> {
  return poppler('pdftotext', bytes, ['-f', String(page), '-l', String(page), '-layout']);
}

/** The left edge of the text on each page: where most text items start (a protruding quote or dash hangs left of it). */
async function leftEdges(bytes: Uint8Array): Promise<number[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const edges: number[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    const xs = content.items.flatMap((item) => ('transform' in item && item.str.trim() ? [item.transform[4] as number] : []));
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(Math.round(x * 10) / 10, (counts.get(Math.round(x * 10) / 10) ?? 0) + 1);
    edges.push([...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? NaN);
  }
  return edges;
}

describe('page furniture', () => {
  it('mirrors the margins: the gutter is on the left of right-hand pages and on the right of left-hand ones', async () => {
    const [recto, verso] = await leftEdges(seed.bytes);
    expect(recto).toBeCloseTo(edition.print.margins.inside, 0);
    expect(verso).toBeCloseTo(edition.print.margins.outside, 0);
  });

  it('puts neither running head nor folio on the title page, the copyright page or the opening page, and the headline and folio on the next', async () => {
    const [title, copyright] = [await pageText(seed.bytes, 1), await pageText(seed.bytes, 2)];
    expect(title.trimStart().startsWith('China and Russia')).toBe(true);
    expect(copyright.trimStart().startsWith('© 2023 Washington Examiner')).toBe(true);
    for (const text of [title, copyright]) {
      expect(text).not.toMatch(/^\s*[12]\s*$/m);
      expect(text).not.toContain('CHINA AND RUSSIA');
    }
    const opening = await pageText(seed.bytes, 3);
    expect(opening).not.toMatch(/^\s*3\s*$/m);
    expect(opening.trimStart().startsWith('China and Russia')).toBe(true);
    const next = await pageText(seed.bytes, 4);
    expect(next.trimStart().startsWith('CHINA AND RUSSIA REINFORCE DIPLOMATIC FRONT AGAINST ISRAEL')).toBe(true);
    expect(next).toMatch(/^\s*4\s*$/m);
  });

  it('heads a right-hand page with the section in force', async () => {
    const large = await renderPdf(await editionFromFile(SEED, 'large-print'));
    expect(large.preflight.pages).toBeGreaterThanOrEqual(6);
    const third = await pageText(large.bytes, 5);
    expect(third.trimStart()).toMatch(/^Amid Hezbollah Concerns, Watch For Any Movement\n/);
  });
});

describe('the gutter', () => {
  it("widens the inside margin to KDP's minimum for the final page count, in a second pass", async () => {
    const chapter = edition.chapters[0];
    if (!chapter) throw new Error('no chapter');
    const [title, figure, ...body] = chapter.tree.children;
    const children = [title, figure, ...Array.from({ length: 120 }, () => structuredClone(body)).flat()].filter((node) => node !== undefined);
    const long: Edition = {
      ...edition,
      print: { ...edition.print, margins: { ...edition.print.margins, inside: 0.25 * INCH } },
      chapters: [{ ...chapter, tree: { ...chapter.tree, children } }],
    };
    const result = await renderPdf(long);
    expect(result.preflight.pages).toBeGreaterThan(150);
    expect(result.preflight.pages).toBeLessThanOrEqual(300);
    expect(result.preflight.gutter.in).toBe(0.5);
    const [recto] = await leftEdges(result.bytes);
    expect(recto).toBeCloseTo(0.5 * INCH, 0);
  }, 120_000);
});

describe('page boxes', () => {
  it('adds bleed around the trim on every page, with TrimBox and BleedBox', async () => {
    const bled = { ...edition, print: { ...edition.print, bleed: 0.125 * INCH } };
    const result = await renderPdf(bled);
    const info = await poppler('pdfinfo', result.bytes, ['-box', '-f', '1', '-l', '99']);
    const pages = result.preflight.pages;
    expect(info.match(/MediaBox:\s+0\.00\s+0\.00\s+450\.00\s+666\.00/g)?.length).toBe(pages);
    expect(info.match(/TrimBox:\s+9\.00\s+9\.00\s+441\.00\s+657\.00/g)?.length).toBe(pages);
    expect(info.match(/BleedBox:\s+0\.00\s+0\.00\s+450\.00\s+666\.00/g)?.length).toBe(pages);
    expect(result.preflight.bleed).toEqual({ pt: 9, in: 0.125 });
  });

  it("names a template margin nearer the trim than KDP's live area, and still keeps the running heads and folios inside it", async () => {
    const shallow = { ...edition, print: { ...edition.print, margins: { ...edition.print.margins, top: 0.3 * INCH, bottom: 0.2 * INCH } } };
    const result = await renderPdf(shallow);
    expect(result.preflight.warnings.join(' ')).toMatch(/live area of 0\.25 in \(bottom 0\.2 in\)/);
    const html = await poppler('pdftotext', result.bytes, ['-bbox', '-f', '3', '-l', '4']);
    const tops = [...html.matchAll(/yMin="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(Math.min(...tops)).toBeGreaterThanOrEqual(18 - 0.01);
    expect(seed.preflight.warnings.join(' ')).not.toMatch(/live area/);
  });

  it('draws crop marks only when asked, outside the trim, in the registration colour', async () => {
    expect(Buffer.from(seed.bytes).toString('latin1')).not.toContain('/Separation');
    const marked = await renderPdf(edition, { cropMarks: true });
    const info = await poppler('pdfinfo', marked.bytes, ['-box']);
    expect(info).toMatch(/MediaBox:\s+0\.00\s+0\.00\s+486\.00\s+702\.00/);
    expect(info).toMatch(/TrimBox:\s+27\.00\s+27\.00\s+459\.00\s+675\.00/);
    expect(Buffer.from(marked.bytes).toString('latin1')).toMatch(/\/Separation\s*\/All/);
    expect(marked.preflight.warnings.join(' ')).toMatch(/crop marks/);
  });
});

describe('thin lines', () => {
  const tree: Root = {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'The council ' },
          { type: 'delete', children: [{ type: 'text', value: 'cut' }] },
          { type: 'text', value: ' kept the budget.' },
        ],
      },
      {
        type: 'table',
        align: [null, 'right'],
        children: [
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [{ type: 'text', value: 'Item' }] },
              { type: 'tableCell', children: [{ type: 'text', value: 'Cost' }] },
            ],
          },
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [{ type: 'text', value: 'Roads' }] },
              { type: 'tableCell', children: [{ type: 'text', value: '4.2m' }] },
            ],
          },
          {
            type: 'tableRow',
            children: [
              { type: 'tableCell', children: [{ type: 'text', value: 'Parks' }] },
              { type: 'tableCell', children: [{ type: 'text', value: '1.1m' }] },
            ],
          },
        ],
      },
    ],
  };

  it(`draws no line thinner than KDP's ${KDP_MIN_LINE_PT} pt: a table's rules and a strike line (Literata's is 0.525 pt at 10.5 pt)`, async () => {
    const result = await renderPdf(editionFromTree(tree));
    const drawn = await strokes(result, textPage(result));
    // Three table rules and the strike line.
    expect(drawn.length).toBe(4);
    for (const line of drawn) expect(line.weight).toBeGreaterThanOrEqual(KDP_MIN_LINE_PT);
    expect(result.preflight.thinnestLine).toBe(KDP_MIN_LINE_PT);
    expect(result.preflight.warnings.join('\n')).not.toMatch(/thin/);
  });

  it('warns in preflight about a line thinner than KDP prints, when a template allows one', async () => {
    const edition = editionFromTree(tree);
    const result = await renderPdf({ ...edition, print: { ...edition.print, minLineWeight: 0 } });
    // Booktabs' light rule at 9 pt.
    expect(result.preflight.thinnestLine).toBe(0.45);
    expect(result.preflight.warnings).toContain("lines as thin as 0.45 pt: KDP asks for 0.75 pt or more (the template's page.minLineWeight)");
  });
});

describe('PDF/A', () => {
  it('identifies itself as PDF/A-2b with an output intent and a well-formed XMP packet', async () => {
    const result = await renderPdf(edition, { pdfa: true });
    const raw = Buffer.from(result.bytes).toString('latin1');
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toContain('/OutputIntents');
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const { metadata } = await doc.getMetadata();
    expect(metadata?.get('dc:title')).toBe(edition.meta.title);
    expect(result.preflight.pdfa).toBe(true);
  });
});

describe('the large-print template', () => {
  it('builds a 7 × 10 in book with 16 pt text or larger, set ragged right without hyphens', async () => {
    const large = await editionFromFile(SEED, 'large-print');
    expect(large.print.styles.body.size).toBeGreaterThanOrEqual(16);
    const result = await renderPdf(large);
    const info = await poppler('pdfinfo', result.bytes);
    expect(info).toMatch(/Page size:\s+504 x 720 pts/);
    expect(result.preflight.pages % 2).toBe(0);
    expect(result.preflight.hyphenatedLines).toBe(0);
    expect(result.preflight.smallestTypeSize).toBeGreaterThanOrEqual(13);
    const text = await poppler('pdftotext', result.bytes);
    expect(text).toContain('Presidents Xi Jinping');
    expect(text).toContain('© 2023 Washington Examiner');
  });
});
