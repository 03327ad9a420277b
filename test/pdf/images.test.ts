/** A figure with a picture: placed with its caption and credit, tagged, and checked for resolution. */
import { Resvg } from '@resvg/resvg-js';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import type { Asset } from '../../pipeline/types.js';
import { editionFromTree, poppler } from './helpers.js';

function png(width: number, height: number): Asset {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#808080"/></svg>`;
  return { mediaType: 'image/png', bytes: new Uint8Array(new Resvg(svg).render().asPng()), width, height };
}

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
});
