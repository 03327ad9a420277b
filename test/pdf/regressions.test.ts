/** Bugs the fidelity check found in the PDF renderer, kept fixed. */
import type { PhrasingContent, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { readPdfText } from '../../pipeline/verify/read-pdf.js';
import { protrusionOf } from '../../pipeline/pdf/break/items.js';
import { editionFromTree, poppler } from './helpers.js';

function paragraphs(...texts: string[]): Root {
  return {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Regression' }] },
      ...texts.map((value) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] })),
    ],
  };
}

describe('fonts shared by every document of the process', () => {
  it('read back Latin text set after a Cyrillic document used the same letters as parts of its glyphs', async () => {
    // Literata draws Cyrillic а, е, о with the Latin glyphs; the subsetter fetches those by id alone.
    await renderPdf(editionFromTree(paragraphs('Марафон на рассвете: бегуны, соседи и зрители.')));
    const latin = await renderPdf(editionFromTree(paragraphs('The marathon ran at dawn, and the neighbours came to see it.')));
    const text = (await poppler('pdftotext', latin.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('The marathon ran at dawn, and the neighbours came to see it.');
  });
});

describe('a word of many styled runs', () => {
  it('is broken between its runs when it is wider than the line, with a hyphen between letters, and nothing after it is lost', async () => {
    const runs: PhrasingContent[] = [{ type: 'text', value: 'Start ' }];
    for (let i = 0; i < 600; i++) runs.push({ type: 'text', value: 'ab' }, { type: 'emphasis', children: [{ type: 'text', value: 'cd' }] });
    runs.push({ type: 'text', value: ' end of it.' });
    const edition = editionFromTree({ type: 'root', children: [{ type: 'paragraph', children: runs }] });
    const result = await renderPdf(edition);
    // Lines broken at a hyphenation point end in a hyphen; the running heads and folios lie outside the text band.
    const text = (await readPdfText(result.bytes, { band: result.textBand, reader: 'poppler' })).join('\n').replace(/-\n/g, '').replace(/\s+/g, '');
    expect(text.match(/abcd/g)?.length).toBe(600);
    expect(text.indexOf('endofit.')).toBeGreaterThan(text.lastIndexOf('abcd'));
    // The word is broken between two letters: each piece but the last ends in a hyphen, which hangs into the margin as every line-end hyphen does.
    const lines = result.model.pages
      .flatMap((page) => (page.flow?.placed ?? []).map((placed) => placed.set.lines[placed.line]!))
      .filter((line) => /abcd/.test(line.segments.map((s) => s.text).join('')));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.slice(0, -1)) expect(line.insertedHyphen).toBe(true);
    const last = lines[0]!.segments[lines[0]!.segments.length - 1]!;
    const right = edition.print.trim.width - edition.print.margins.outside + protrusionOf(last.style, '-', 'right');
    const boxes = await poppler('pdftotext', result.bytes, ['-bbox']);
    const ends = [...boxes.matchAll(/xMax="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(Math.max(...ends)).toBeLessThanOrEqual(right + 0.5);
  });
});
