/** Tables: cells side by side in equal columns, tagged Table, TR, TH and TD, at the top level and inside a quote. */
import type { Root, Table } from 'mdast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { editionFromTree, poppler, onPage, textPage } from './helpers.js';

function table(rows: string[][], align: Table['align'] = null): Table {
  return {
    type: 'table',
    align,
    children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) })),
  };
}

let result: PdfResult;

beforeAll(async () => {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Tables' }] },
      table(
        [
          ['City', 'Population', 'Founded'],
          ['Lagos', '15,388,000', '1472'],
          ['Rotterdam', '655,468', '1270'],
        ],
        ['left', 'right', 'right'],
      ),
      {
        type: 'blockquote',
        children: [
          table([
            ['cell', 'other'],
            ['alpha', 'beta'],
          ]),
        ],
      },
    ],
  };
  result = await renderPdf(editionFromTree(tree));
});

describe('tables in print', () => {
  it('set every cell in its own column, rows in order', async () => {
    const layout = await poppler('pdftotext', result.bytes, ['-layout', ...onPage(textPage(result))]);
    const rows = layout
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/))
      .filter((cells) => cells.length > 1);
    expect(rows).toEqual([
      ['City', 'Population', 'Founded'],
      ['Lagos', '15,388,000', '1472'],
      ['Rotterdam', '655,468', '1270'],
      ['cell', 'other'],
      ['alpha', 'beta'],
    ]);
    expect(result.diagnostics.map((diagnostic) => diagnostic.rule)).not.toContain('pdf-plain-block');
  });

  it('aligns a right-aligned column on its right edge', async () => {
    const boxes = await poppler('pdftotext', result.bytes, ['-bbox', ...onPage(textPage(result))]);
    const right = (word: string): number => Number(new RegExp(`xMax="([\\d.]+)"[^>]*>${word}<`).exec(boxes)?.[1]);
    expect(right('15,388,000')).toBeCloseTo(right('655,468'), 0);
    expect(right('1472')).toBeCloseTo(right('1270'), 0);
  });

  it('tags Table, TR, TH and TD', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const roles: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    walk(await (await doc.getPage(textPage(result))).getStructTree());
    expect(roles.filter((role) => role === 'Table').length).toBe(1);
    expect(roles.filter((role) => role === 'TR').length).toBe(5);
    expect(roles.filter((role) => role === 'TH').length).toBe(5);
    expect(roles.filter((role) => role === 'TD').length).toBe(8);
  });
});
