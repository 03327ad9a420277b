/**
 * Tables in print, as a designer sets them: columns sized by their content over the whole table,
 * booktabs rules (drawn paths, read back with pdf.js), a line of space around, the paragraph
 * after unindented, numbers aligned right, smaller type for a wide table; tagged Table, TR, TH
 * and TD, at the top level and inside a quote. Every cell's words read back whole.
 */
import type { Paragraph, Root, Table } from 'mdast';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, typeset, type PdfResult } from '../../pipeline/pdf/index.js';
import { renderEpub } from '../../pipeline/epub/index.js';
import { unzip } from '../epub/helpers.js';
import { bagOf, subtract, words } from '../../pipeline/verify/words.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { ruleWeights } from '../../pipeline/pdf/break/table.js';
import { KDP_MIN_LINE_PT } from '../../pipeline/pdf/finalise/preflight.js';
import { join } from 'node:path';
import { editionFromFile, editionFromTree, poppler, onPage, ROOT, strokes, textPage } from './helpers.js';

function table(rows: string[][], align: Table['align'] = null): Table {
  return {
    type: 'table',
    align,
    children: rows.map((cells) => ({ type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) })),
  };
}

function paragraph(value: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }] };
}

/** A table whose text column would starve in equal columns, and whose narrow column holds a long capitalised word (aeb-5137's "COMPANIES"). */
const STOCKS = [
  ['Ticker', 'Security', 'Last', 'Change'],
  ['THE HOME DEPOT INC.', '225.86', '-12.99', '-5.44%'],
  ['LOWE’S COMPANIES INC.', '113.40', '-1.62', '-1.41%'],
];
/** Parks, pools and playgrounds: the designer's starved column. */
const FACILITIES = [
  ['Facility', 'Count', 'Notes'],
  ['Parks, pools and playgrounds', '1,204', 'Open every day of the year from dawn until dusk, with lifeguards in summer'],
  ['Libraries', '88', 'Closed on public holidays'],
];
/** Eight columns of long headers: wider than the column in any size the table may take, so set across a turned page. */
const WIDE = [
  ['General UX', 'UX draft', 'UX review', 'UI mockup', 'UI review', 'Implementation draft', 'Implementation review', 'Final review'],
  ['Load map', 'done', 'done', 'done', 'done', 'done', 'done', 'done'],
];
/** Fourteen columns of long words: too wide even across a turned page. */
const WIDEST = [Array.from({ length: 14 }, (_, column) => `column ${column + 1}`), Array.from({ length: 14 }, () => 'internationalisation')];
/** Seven columns that fit in a smaller size only (aeb-11ea's standings). */
const STANDINGS = [
  ['Position', 'Driver', 'Points', 'Victories', 'Poles', 'Top five', 'Top ten'],
  ['1', 'Martin Truex Jr.', '5035', '7', '0', '15', '24'],
  ['2', 'Ricky Stenhouse Jr.', '2234', '0', '1', '3', '12'],
];

const tree: Root = {
  type: 'root',
  children: [
    { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Tables' }] },
    paragraph('Prices at the close, as the exchange reported them on the day the retailer missed its forecast.'),
    table(STOCKS),
    paragraph('The paragraph after a table is not indented: the space and the rule part it from the table.'),
    table(FACILITIES),
    paragraph('A second paragraph follows.'),
    paragraph('And a third, indented as usual.'),
    table(STANDINGS),
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

let result: PdfResult;
let wide: PdfResult;

beforeAll(async () => {
  result = await renderPdf(editionFromTree(tree));
  wide = await renderPdf(editionFromTree({ type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Wide' }] }, table(WIDE)] }));
});

/** Words (xMin, xMax, yMin, text) on a page, read back by poppler. */
async function boxes(pdf: PdfResult, page = textPage(pdf)): Promise<Array<{ x: number; right: number; y: number; text: string }>> {
  const html = await poppler('pdftotext', pdf.bytes, ['-bbox', ...onPage(page)]);
  return [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    right: Number(m[3]),
    text: m[4]!,
  }));
}

/** The baseline (points from the page's top) of the first text item on a page that starts with `word`, as pdf.js reads it. */
async function baseline(pdf: PdfResult, page: number, word: string): Promise<number> {
  const doc = await getDocument({ data: pdf.bytes.slice(), verbosity: 0 }).promise;
  const p = await doc.getPage(page);
  const content = await p.getTextContent();
  const item = content.items.find((entry) => 'str' in entry && entry.str.startsWith(word));
  const y = p.view[3]! - (item && 'transform' in item ? (item.transform as number[])[5]! : NaN);
  await doc.destroy();
  return y;
}

describe('tables in print', () => {
  it('set every cell in its own column, rows in order', async () => {
    const layout = await poppler('pdftotext', result.bytes, ['-layout', ...onPage(textPage(result))]);
    const rows = layout
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/))
      .filter((cells) => cells.length > 1);
    expect(rows.slice(0, 3)).toEqual(STOCKS);
    expect(result.diagnostics.map((diagnostic) => diagnostic.rule)).not.toContain('pdf-plain-block');
  });

  it('gives every column its widest word: no word in a cell is broken, and the read-back finds every word', async () => {
    const text = await poppler('pdftotext', result.bytes);
    const wanted = bagOf(words([...STOCKS, ...FACILITIES, ...STANDINGS].flat().join(' ')));
    expect(subtract(wanted, bagOf(words(text)))).toEqual(new Map());
    const lines = result.model.pages.flatMap((page) => page.flow?.placed ?? []).filter((placed) => placed.set.block.kind === 'text' && placed.set.block.cells);
    expect(lines.some((placed) => placed.set.lines[placed.line]?.hyphenated)).toBe(false);
  });

  it('sizes columns by their content: the long text column is the widest, the short ones are not starved', async () => {
    const found = await boxes(result);
    const line = (word: string): number => found.find((box) => box.text === word)!.y;
    // "Parks, pools and playgrounds" takes at most two lines beside its long note, never "Parks, / pools and / playgrounds".
    expect(Math.abs(line('Parks,') - line('pools'))).toBeLessThan(1);
    const pools = found.findIndex((box) => box.text === 'pools');
    expect(found[pools + 1]).toMatchObject({ text: 'and', y: line('pools') });
    expect(line('playgrounds') - line('Parks,')).toBeLessThanOrEqual(12.01);
    const notes = found.find((box) => box.text === 'Notes')!;
    const count = found.find((box) => box.text === 'Count')!;
    expect(notes.x - count.right).toBeGreaterThan(0);
  });

  it('aligns a column of numbers on its right edge, though the source gives no alignment', async () => {
    const found = await boxes(result);
    const right = (word: string): number => found.find((box) => box.text === word)!.right;
    expect(right('225.86')).toBeCloseTo(right('113.40'), 0);
    expect(right('-5.44%')).toBeCloseTo(right('-1.41%'), 0);
    expect(right('1,204')).toBeCloseTo(right('88'), 0);
    // A text column stays flush left.
    const left = (word: string): number => found.find((box) => box.text === word)!.x;
    expect(left('THE')).toBeCloseTo(left('LOWE’S'), 0);
  });

  it('sets each column as the source aligns it (Markdown’s :--, :--: and --:), in the page model', () => {
    const aligned: Root = {
      type: 'root',
      children: [
        table(
          [
            ['Club', 'Played', 'Points'],
            ['Harbour United', '4 of 6', '10 pts'],
            ['Old Port Rovers and Athletic', '12 of 16', '7 pts'],
          ],
          ['left', 'center', 'right'],
        ),
      ],
    };
    const lines = typeset(editionFromTree(aligned))
      .model.pages.flatMap((page) => page.flow?.placed ?? [])
      .filter((placed) => placed.set.block.kind === 'text' && placed.set.block.table)
      .map((placed) => placed.set.lines[placed.line]!);
    expect(lines).toHaveLength(3);
    const cell = (line: (typeof lines)[number], column: number) => {
      const segments = line.segments.filter((segment) => segment.cell === column);
      const left = Math.min(...segments.map((segment) => segment.x));
      return { left, right: Math.max(...segments.map((segment) => segment.x + segment.width)) };
    };
    const [first, ...rest] = lines.map((line) => [0, 1, 2].map((column) => cell(line, column)));
    for (const row of rest) {
      expect(row[0]!.left).toBeCloseTo(first![0]!.left, 1);
      expect((row[1]!.left + row[1]!.right) / 2).toBeCloseTo((first![1]!.left + first![1]!.right) / 2, 1);
      expect(row[2]!.right).toBeCloseTo(first![2]!.right, 1);
    }
    // The cells differ in width, so each alignment is seen.
    expect(rest[1]![1]!.right - rest[1]![1]!.left).toBeGreaterThan(rest[0]![1]!.right - rest[0]![1]!.left + 5);
  });

  it('draws booktabs rules: a heavier one above and below each table, a light one under the header, none between columns, none thinner than KDP prints', async () => {
    const page = textPage(result);
    const drawn = await strokes(result, page);
    // Booktabs' 0.72 and 0.45 pt at 9 pt, the light rule raised to KDP's 0.75 pt and the heavy one kept 0.27 pt heavier.
    const weights = ruleWeights(9, result.model.minLineWeight);
    expect(weights.light).toBeCloseTo(0.75, 3);
    expect(weights.heavy).toBeCloseTo(1.02, 3);
    // A table set smaller to fit has a lighter heavy rule.
    const heavy = drawn.filter((rule) => Math.abs(rule.weight - weights.heavy) < 0.2);
    const light = drawn.filter((rule) => Math.abs(rule.weight - weights.light) < 0.01);
    for (const rule of drawn) expect(rule.weight).toBeGreaterThanOrEqual(KDP_MIN_LINE_PT);
    expect(result.preflight.thinnestLine).toBe(0.75);
    expect(result.preflight.warnings.join('\n')).not.toMatch(/lines as thin/);
    const tablesOnPage = result.model.pages[page - 1]!.flow!.placed.filter(
      (placed) => placed.set.block.kind === 'text' && placed.set.block.table?.row === 0 && placed.line === 0,
    ).length;
    expect(tablesOnPage).toBeGreaterThanOrEqual(2);
    expect(heavy.length).toBe(2 * tablesOnPage);
    expect(light.length).toBe(tablesOnPage);
    // No vertical rules: every stroke is horizontal and spans the measure.
    for (const rule of drawn) expect(rule.to - rule.from).toBeGreaterThan(200);
    // The header's rule lies between the header's baseline and the first row's capitals (cap height about 0.7 em).
    const ticker = await baseline(result, page, 'Ticker');
    const home = await baseline(result, page, 'THE');
    expect(light.some((rule) => rule.y > ticker + 1 && rule.y < home - 0.7 * 9 - 1)).toBe(true);
  });

  it('leaves at least a whole line of the body above and below a table, and sets the paragraph after it on the grid, unindented', async () => {
    const placed = result.model.pages.flatMap((page) => page.flow?.placed ?? []);
    const body = 14;
    const first = placed.findIndex((p) => p.set.block.kind === 'text' && p.set.block.table?.row === 0);
    const before = placed[first - 1]!;
    expect(placed[first]!.y - (before.y + before.height)).toBeGreaterThanOrEqual(body - 0.01);
    const after = placed.findIndex((p, i) => i > first && p.set.block.kind === 'text' && p.set.block.role === 'body');
    const lastRow = placed[after - 1]!;
    expect(placed[after]!.y - (lastRow.y + lastRow.height)).toBeGreaterThanOrEqual(body - 0.01);
    expect((placed[after]!.y / body) % 1).toBeCloseTo(0, 3);
    const found = await boxes(result);
    const left = found.find((box) => box.text === 'Prices')!.x;
    expect(found.find((box) => box.text === 'paragraph')!.x).toBeGreaterThan(left);
    // "The paragraph after a table…" starts flush; "And a third…" after a paragraph is indented.
    const the = found.filter((box) => box.text === 'The');
    expect(the.some((box) => Math.abs(box.x - left) < 0.5)).toBe(true);
    expect(found.find((box) => box.text === 'And')!.x).toBeGreaterThan(left + 5);
  });

  it('sets a table that does not fit in its size a size smaller, never below 80 per cent', () => {
    const sizes = (match: string): number[] =>
      result.model.pages
        .flatMap((page) => page.flow?.placed ?? [])
        .filter((p) => p.set.block.kind === 'text' && p.set.block.plain.includes(match))
        .flatMap((p) => p.set.lines[p.line]!.segments.map((segment) => segment.style.size));
    expect(new Set(sizes('LOWE'))).toEqual(new Set([9]));
    const standings = sizes('Stenhouse');
    expect(Math.max(...standings)).toBeLessThan(9);
    expect(Math.min(...standings)).toBeGreaterThanOrEqual(9 * 0.8);
  });

  it('sets a table too wide for the column in its smallest size across a turned page, its words whole, and its words read back', async () => {
    const turned = wide.model.pages.filter((page) => page.flow?.turned);
    expect(turned).toHaveLength(1);
    const rows = turned[0]!.flow!.placed.filter((p) => p.set.block.kind === 'text' && p.set.block.cells);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((p) => p.set.lines[p.line]!.hyphenated)).toBe(false);
    expect(wide.diagnostics.map((d) => d.rule)).not.toContain('pdf-table-too-wide');
    const problems = await verifyFidelity({
      files: ['wide.md'],
      texts: { 'wide.md': `Wide ${WIDE.flat().join(' ')}` },
      diagnostics: wide.diagnostics,
      pdf: wide.bytes,
      pdfTextBand: wide.textBand,
    });
    expect(problems.filter((p) => p.rule === 'fidelity')).toEqual([]);
  });

  it('hyphenates a table too wide even for a turned page, says so, and its words still read back', async () => {
    const widest = await renderPdf(editionFromTree({ type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Widest' }] }, table(WIDEST)] }));
    expect(widest.diagnostics.map((d) => d.rule)).toContain('pdf-table-too-wide');
    const problems = await verifyFidelity({
      files: ['widest.md'],
      texts: { 'widest.md': `Widest ${WIDEST.flat().join(' ')}` },
      diagnostics: widest.diagnostics,
      pdf: widest.bytes,
      pdfTextBand: widest.textBand,
    });
    expect(problems.filter((p) => p.rule === 'fidelity')).toEqual([]);
  });

  it('tags Table, TR, TH and TD', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const roles: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && typeof node.role === 'string') roles.push(node.role);
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    for (let page = 1; page <= doc.numPages; page++) walk(await (await doc.getPage(page)).getStructTree());
    // The table in the quote is part of the quote's element, as before.
    expect(roles.filter((role) => role === 'Table').length).toBe(3);
    expect(roles.filter((role) => role === 'TR').length).toBe(3 + 3 + 3 + 2);
    expect(roles.filter((role) => role === 'TH').length).toBe(4 + 3 + 7 + 2);
  });

  it('leave the EPUB as it was: HTML tables with their header and data cells, no print sizes', async () => {
    const zip = await unzip(await renderEpub(editionFromTree(tree)));
    const chapters = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => name.endsWith('.xhtml'))
        .map((name) => zip.file(name)!.async('string')),
    );
    const xhtml = chapters.find((chapter) => chapter.includes('<table'))!;
    expect(xhtml.match(/<table/g)).toHaveLength(4);
    expect(xhtml.match(/<th[\s>]/g)).toHaveLength(4 + 3 + 7 + 2);
    expect(xhtml).toContain('<td>LOWE&#x2019;S COMPANIES INC.</td>');
    expect(xhtml).not.toMatch(/<(?:table|td|th)[^>]*style=/);
  });

  it('sets a one-column table (a page’s layout: a picture over its caption) plain, without header or rules', async () => {
    const layout = await renderPdf(
      editionFromTree({ type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Layout' }] }, table([[''], ['Schematic from hell!']])] }),
    );
    const page = textPage(layout);
    expect(await strokes(layout, page)).toEqual([]);
    const fonts = layout.model.pages[page - 1]!.flow!.placed.filter((p) => p.set.block.kind === 'text' && p.set.block.cells).flatMap((p) =>
      p.set.lines[p.line]!.segments.map((s) => s.style.font.font.postscriptName),
    );
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.some((name) => /bold/i.test(name))).toBe(false);
  });
});

describe('narrow cells', () => {
  it('are set ragged within the hyphenating pass, words broken only with a hyphen, in the reviewed lines', async () => {
    // Five columns at 7.5 pt: the text columns are about ten ems wide.
    const result = typeset(await editionFromFile(join(ROOT, 'test/fixtures/tables/narrow-cells.md')));
    // No cell needs the emergency stretch or the pass that takes any underfull line (a line ending at a hyphen had no rag to stretch).
    expect(result.diagnostics.filter((diagnostic) => diagnostic.rule === 'pdf-emergency-break')).toEqual([]);
    const placed = result.model.pages.flatMap((page) => page.flow?.placed ?? []).filter((item) => item.set.block.kind === 'text' && item.set.block.table);
    const rows = placed.reduce<Array<Array<(typeof placed)[number]['set']['lines'][number]>>>((found, item) => {
      if (item.line === 0) found.push([]);
      found[found.length - 1]!.push(item.set.lines[item.line]!);
      return found;
    }, []);
    const sources = placed
      .filter((item) => item.line === 0)
      .map((item) => (item.set.block.kind === 'text' ? (item.set.block.cells ?? []) : []).map((cell) => cell.runs.map((run) => (run.kind === 'text' ? run.text : ' ')).join('')));
    const cells = rows.map((lines) =>
      Array.from({ length: 5 }, (_, column) =>
        lines
          .map((line) =>
            line.segments
              .filter((segment) => segment.cell === column)
              .map((segment) => segment.text)
              .join(' '),
          )
          .filter((text) => text.length > 0),
      ),
    );
    await expect(cells.map((row) => row.map((lines) => lines.join(' / ')).join('  |  ')).join('\n') + '\n').toMatchFileSnapshot('./goldens/narrow-cells.lines.txt');
    // A line ends at a space of the source or at a hyphen (inserted or the text's own), never inside a word without one:
    // joined with spaces, hyphens at line ends taken out, the lines read as the source does.
    const unhyphenated = (text: string): string => text.replace(/-/g, '');
    let hyphens = 0;
    cells.forEach((row, index) =>
      row.forEach((lines, column) => {
        hyphens += lines.slice(0, -1).filter((line) => line.endsWith('-')).length;
        expect(unhyphenated(lines.join(' ').replace(/- /g, '-')), lines.join(' / ')).toBe(unhyphenated(sources[index]![column]!));
      }),
    );
    expect(hyphens).toBeGreaterThan(2);
  });
});
