/** Figures: a picture placed with its caption and credit, space around it in whole lines, resolution checked; a caption without its photo set in a note at the end of the article. */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { editionFromTree, png, poppler } from './helpers.js';

describe('figures with pictures', () => {
  it('places the picture above its caption and credit and warns when it would print soft', async () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Cranes return' }] },
        {
          type: 'figure',
          image: { url: 'cranes.png', alt: 'Two cranes lifting a container' },
          slug: 'Harbour Cranes',
          children: [
            { type: 'figureCaption', children: [{ type: 'text', value: 'The cranes on the north quay.' }] },
            { type: 'figureCredit', children: [{ type: 'text', value: 'Ana Ruiz/AP' }] },
          ],
        },
        { type: 'paragraph', children: [{ type: 'text', value: 'Body text follows the figure.' }] },
      ],
    };
    const result = await renderPdf(editionFromTree(tree, 'default', { 'cranes.png': png(40, 30) }));
    const images = await poppler('pdfimages', result.bytes, ['-list']);
    const raw = Buffer.from(result.bytes).toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(images).toMatch(/\b40\s+30\s+gray|\b40\s+30\s+rgb/);
    const text = await poppler('pdftotext', result.bytes);
    expect(text.indexOf('The cranes on the north quay.')).toBeLessThan(text.indexOf('ANA RUIZ/AP'));
    expect(text).not.toContain('Harbour Cranes');
    expect(result.diagnostics.map((diagnostic) => diagnostic.rule)).toContain('pdf-image-resolution');
    expect(result.preflight.splitFigures).toBe(0);
  });

  it('sets a whole line of space above a picture and at least one below its caption, the text below back on the grid', async () => {
    const paragraph = (value: string) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] });
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Cranes return' }] },
        paragraph('Body text above the figure, with descenders: quay, gantry, typography.'),
        // A caption with no credit: the caption's own space after it is a single point.
        {
          type: 'figure',
          image: { url: 'cranes.png', alt: 'Two cranes' },
          children: [{ type: 'figureCaption', children: [{ type: 'text', value: 'The cranes on the north quay.' }] }],
        },
        paragraph('Body text below the figure.'),
        { type: 'figure', image: { url: 'cranes.png', alt: 'The cranes again' }, children: [] },
        paragraph('Body text below a picture without a caption.'),
      ],
    };
    const edition = editionFromTree(tree, 'default', { 'cranes.png': png(1200, 400) });
    const grid = edition.print.styles.body.leading;
    const pages = (await renderPdf(edition)).model.pages.map((page) => page.flow?.placed ?? []);
    let pictures = 0;
    for (const placed of pages) {
      placed.forEach((picture, index) => {
        if (picture.line !== -1) return;
        pictures += 1;
        const above = placed[index - 1];
        if (above) expect(picture.y - (above.y + above.height)).toBeGreaterThanOrEqual(grid - 0.01);
        const at = placed.findIndex((unit, i) => i > index && unit.set.block.kind === 'text' && unit.set.block.role === 'body');
        if (at < 0) return;
        const below = placed[at]!;
        const figureEnd = placed[at - 1]!;
        expect(below.y - (figureEnd.y + figureEnd.height)).toBeGreaterThanOrEqual(grid - 0.01);
        expect(below.y / grid).toBeCloseTo(Math.round(below.y / grid), 6);
      });
    }
    expect(pictures).toBe(2);
  });

  it('sets a caption whose photo is missing in a note at the end of the article, before the copyright line', async () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Cranes return' }] },
        // A scrape's caption: the photo was never in the source.
        {
          type: 'figure',
          children: [
            { type: 'figureCaption', children: [{ type: 'text', value: 'Above: the cranes on the north quay.' }] },
            { type: 'figureCredit', children: [{ type: 'text', value: 'Ana Ruiz/AP' }] },
          ],
        },
        { type: 'paragraph', children: [{ type: 'text', value: 'Body text follows.' }] },
        // A Markdown image whose file is not in the article's folder.
        { type: 'figure', image: { url: 'missing.png', alt: '' }, children: [{ type: 'figureCaption', children: [{ type: 'text', value: 'A harbour at dusk.' }] }] },
        { type: 'paragraph', children: [{ type: 'text', value: 'The last paragraph.' }] },
        { type: 'copyright', children: [{ type: 'text', value: '© 2026 Harbour Times' }] },
      ],
    };
    const result = await renderPdf(editionFromTree(tree, 'default', {}));
    const text = (await poppler('pdftotext', result.bytes)).replace(/\s+/g, ' ');
    const order = ['Body text follows.', 'The last paragraph.', 'Above: the cranes on the north quay.', 'ANA RUIZ/AP', 'A harbour at dusk.', '© 2026 Harbour Times'].map((piece) =>
      text.indexOf(piece),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const missing = result.diagnostics.find((diagnostic) => diagnostic.rule === 'pdf-missing-image');
    expect(missing?.message).toContain('missing.png');
    expect(result.preflight.splitFigures).toBe(0);
  });
});
