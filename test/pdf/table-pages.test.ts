/**
 * Tables longer or wider than a page, from two fixtures of test/fixtures/tables/: a table of 70
 * stations (Markdown) that runs over three pages, and a league table of twelve columns (a saved
 * web page) too wide for the column even at 80 per cent. The long table breaks between rows only,
 * with the header row again at the head of each part, as an artifact (the structure tree holds it
 * once), and its rules closing and opening each part; the wide one is set across a page turned a
 * quarter turn inside an upright page. Both read back whole with poppler and pdf.js.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { ruleWeights } from '../../pipeline/pdf/break/table.js';
import { MIN_ORPHAN_ROWS, MIN_WIDOW_ROWS } from '../../pipeline/pdf/flow/table.js';
import type { FlowPage } from '../../pipeline/pdf/flow/index.js';
import { editionFromFile, onPage, poppler, ROOT, strokes, structRoles } from './helpers.js';

const LONG = join(ROOT, 'test/fixtures/tables/long-table.md');
const WIDE = join(ROOT, 'test/fixtures/tables/wide-table.html');

let long: PdfResult;
let wide: PdfResult;

beforeAll(async () => {
  long = await renderPdf(await editionFromFile(LONG));
  wide = await renderPdf(await editionFromFile(WIDE));
});

/** The table rows placed on a page (not repeated headers), as [row index, line index]. */
function rowsOn(page: FlowPage | undefined): Array<[number, number]> {
  return (page?.placed ?? []).flatMap((placed) =>
    placed.set.block.kind === 'text' && placed.set.block.table && !placed.repeated ? [[placed.set.block.table.row, placed.line] as [number, number]] : [],
  );
}

/** The pages (1-based) that hold rows of the table. */
function tablePages(pdf: PdfResult): number[] {
  return pdf.model.pages.filter((page) => rowsOn(page.flow).length > 0).map((page) => page.number);
}

const roles = (pdf: PdfResult, page: number): Promise<string[]> => structRoles(pdf.bytes, page);

/** The text pdf.js finds on a page inside and outside Artifact marked content. */
async function artifactText(pdf: PdfResult, page: number): Promise<{ artifact: string; content: string }> {
  const doc = await getDocument({ data: pdf.bytes.slice(), verbosity: 0 }).promise;
  const items = (await (await doc.getPage(page)).getTextContent({ includeMarkedContent: true })).items;
  let depth = 0;
  let artifactAt = 0;
  let artifact = '';
  let content = '';
  for (const item of items) {
    if ('type' in item) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
        depth++;
        if (artifactAt === 0 && (item as { tag?: string }).tag === 'Artifact') artifactAt = depth;
      } else if (item.type === 'endMarkedContent') {
        if (artifactAt === depth) artifactAt = 0;
        depth--;
      }
    } else if (artifactAt > 0) artifact += `${item.str} `;
    else content += `${item.str} `;
  }
  await doc.destroy();
  return { artifact, content };
}

describe('a table longer than a page', () => {
  it('runs over three pages and breaks only between rows, never leaving fewer than two rows on either side', () => {
    const pages = tablePages(long);
    expect(pages).toHaveLength(3);
    const parts = pages.map((number) => rowsOn(long.model.pages[number - 1]!.flow));
    // Every row starts and ends on one page.
    const pageOfRow = new Map<number, number>();
    parts.forEach((part, index) => {
      for (const [row] of part) {
        expect(pageOfRow.get(row) ?? index).toBe(index);
        pageOfRow.set(row, index);
      }
    });
    expect(pageOfRow.size).toBe(71);
    for (const part of parts) {
      const rows = new Set(part.map(([row]) => row).filter((row) => row > 0));
      expect(rows.size).toBeGreaterThanOrEqual(Math.min(MIN_ORPHAN_ROWS, MIN_WIDOW_ROWS));
    }
    expect(long.diagnostics.filter((d) => d.rule === 'pdf-flow-rule')).toEqual([]);
  });

  it('repeats the header row at the head of each continued part, as poppler reads it', async () => {
    const [, ...continued] = tablePages(long);
    for (const number of continued) {
      const flow = long.model.pages[number - 1]!.flow!;
      expect(flow.placed[0]).toMatchObject({ repeated: true, y: 0 });
      // The running head, then the header.
      const lines = (await poppler('pdftotext', long.bytes, ['-layout', ...onPage(number)])).split('\n').filter((line) => line.trim());
      expect(lines[0]?.trim()).toBe('RAIN AT THE COAST STATIONS');
      // The header's cells stand on its rule: "Rain" above "(mm)", the others level with "(mm)".
      const header = lines.slice(1, 3).join(' ');
      for (const word of ['Station', 'Region', 'Opened', 'Rain', '(mm)', 'Change', 'Note']) expect(header).toContain(word);
    }
  });

  it('draws the heavy rule over each continued part and under each part a page ends', async () => {
    const pages = tablePages(long);
    const size = long.model.pages[pages[0]! - 1]!.flow!.placed.find((p) => p.set.block.kind === 'text' && p.set.block.table)!.set.lines[0]!.segments[0]!.style.size;
    for (const [index, number] of pages.entries()) {
      const heavy = (await strokes(long, number)).filter((rule) => Math.abs(rule.weight - ruleWeights(size, long.model.minLineWeight).heavy) < 0.01);
      const column = long.model.pages[number - 1]!.column;
      const placed = long.model.pages[number - 1]!.flow!.placed.filter((p) => p.set.block.kind === 'text' && p.set.block.table);
      const top = column.top + placed[0]!.y;
      const bottom = column.top + placed[placed.length - 1]!.y + placed[placed.length - 1]!.height;
      // One above the part's first line and one below its last: on every page, the table's own or one drawn where the page breaks it.
      expect(heavy.filter((rule) => rule.y < top && rule.y > top - 5)).toHaveLength(1);
      expect(heavy.filter((rule) => rule.y > bottom && rule.y < bottom + 5)).toHaveLength(1);
      expect(heavy).toHaveLength(2);
      if (index > 0) expect(long.model.pages[number - 1]!.flow!.placed[0]!.repeated).toBe(true);
    }
  });

  it('keeps the header once in the structure tree: Table, TR, TH, TD, with the repeated header an artifact', async () => {
    const pages = tablePages(long);
    for (const number of pages) {
      const found = await roles(long, number);
      expect(found.filter((role) => role === 'Table')).toHaveLength(1);
      expect(found.filter((role) => role === 'TR')).toHaveLength(71);
      expect(found.filter((role) => role === 'TH')).toHaveLength(6);
      expect(found.filter((role) => role === 'TD')).toHaveLength(70 * 6);
    }
    for (const number of pages.slice(1)) {
      const { artifact, content } = await artifactText(long, number);
      expect(artifact).toMatch(/Station\s+Region\s+Opened/);
      expect(content).not.toContain('Station');
    }
    // poppler reads the tree back with the header's text once.
    const tree = await poppler('pdfinfo', long.bytes, ['-struct-text']);
    expect(tree.match(/"Station"/g)).toHaveLength(1);
    expect(tree.match(/^\s+TH\b/gm)).toHaveLength(6);
  });

  it('reads back whole (the fidelity check passes), and the text after the table resumes on the grid', async () => {
    const problems = await verifyFidelity({ files: [LONG], diagnostics: long.diagnostics, pdf: long.bytes, pdfTextBand: long.textBand });
    expect(problems).toEqual([]);
    const last = long.model.pages[tablePages(long).at(-1)! - 1]!.flow!.placed;
    const after = last.find((placed) => placed.set.block.kind === 'text' && placed.set.block.plain.startsWith('The wettest'))!;
    expect((after.y / 14) % 1).toBeCloseTo(0, 3);
  });
});

describe('a table too wide for the column', () => {
  it('is set across one page turned a quarter turn, every row on it, unhyphenated, without a warning', () => {
    const turned = wide.model.pages.filter((page) => page.flow?.turned);
    expect(turned).toHaveLength(1);
    expect(new Set(rowsOn(turned[0]!.flow).map(([row]) => row)).size).toBe(11);
    expect(turned[0]!.flow!.placed.some((p) => p.set.lines[p.line]!.hyphenated)).toBe(false);
    expect(wide.diagnostics.map((d) => d.rule)).not.toContain('pdf-table-too-wide');
  });

  it('turns the content, not the page: every page upright and of one size, with no /Rotate', async () => {
    const info = await poppler('pdfinfo', wide.bytes, ['-f', '1', '-l', String(wide.model.pages.length), '-box']);
    const sizes = new Set([...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/g)].map((m) => m[1]));
    expect(sizes.size).toBe(1);
    expect([...info.matchAll(/Page\s+\d+ rot:\s+(\d+)/g)].map((m) => m[1])).toEqual(wide.model.pages.map(() => '0'));
  });

  it('reads bottom to top, the top of the table at the left edge of the page, as a broadside table is set', async () => {
    const number = wide.model.pages.find((page) => page.flow?.turned)!.number;
    const doc = await getDocument({ data: wide.bytes.slice(), verbosity: 0 }).promise;
    const items = (await (await doc.getPage(number)).getTextContent()).items.filter((item) => 'str' in item && item.str.trim());
    const transforms = items.map((item) => ('transform' in item ? (item.transform as number[]) : []));
    const body = transforms.filter((t) => Math.abs(t[0]!) < 1e-6);
    // Most items (the furniture stays upright) run up the page: the text matrix turns x into y.
    expect(body.length).toBeGreaterThan(transforms.length / 2);
    for (const t of body) expect(t[1]).toBeGreaterThan(0);
    const team = items.find((item) => 'str' in item && item.str.startsWith('Team'));
    const ashford = items.find((item) => 'str' in item && item.str.startsWith('Ashford'));
    // The header sits to the left of the first row.
    expect((team as { transform: number[] }).transform[4]).toBeLessThan((ashford as { transform: number[] }).transform[4]!);
    await doc.destroy();
  });

  it('keeps the running head and folio where every other page has them', async () => {
    const turned = wide.model.pages.find((page) => page.flow?.turned)!;
    const other = wide.model.pages.find((page) => page.flow && !page.flow.turned && !page.flow.opening && page.recto === turned.recto && page.furniture.length > 0);
    expect(turned.furniture).toHaveLength(2);
    if (other) expect(turned.furniture.map((item) => item.baseline)).toEqual(other.furniture.map((item) => item.baseline));
    const text = await poppler('pdftotext', wide.bytes, ['-layout', ...onPage(turned.number)]);
    expect(text).toContain('THE LEAGUE TABLE');
  });

  it('reads back as rows with pdftotext -layout, and whole (the fidelity check passes)', async () => {
    const number = wide.model.pages.find((page) => page.flow?.turned)!.number;
    const layout = await poppler('pdftotext', wide.bytes, ['-layout', ...onPage(number)]);
    expect(layout).toMatch(/Ashford Rovers\s+30\s+18\s+0\s+12\s+60\s+25\s+\+35\s+54\s+9\s+9\s+WWDLW/);
    const html = await readFile(WIDE, 'utf8');
    const article = html.slice(html.indexOf('<article>'), html.indexOf('</article>')).replace(/<[^>]+>/g, ' ');
    const problems = await verifyFidelity({ files: [WIDE], texts: { [WIDE]: article }, diagnostics: wide.diagnostics, pdf: wide.bytes, pdfTextBand: wide.textBand });
    expect(problems).toEqual([]);
  });

  it('ends the page before the table where the table starts, and what follows continues on the page after it', () => {
    const index = wide.model.pages.findIndex((page) => page.flow?.turned);
    const before = wide.model.pages[index - 1]!.flow!.placed;
    const after = wide.model.pages[index + 1]!.flow!.placed;
    const plain = (placed: { set: { block: { kind: string } } }): string => ('plain' in placed.set.block ? String(placed.set.block.plain) : '');
    expect(plain(before.at(-1)!)).toMatch(/^The full table/);
    expect(plain(after[0]!)).toMatch(/^The second half/);
  });
});
