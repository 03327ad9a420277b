/** The cover as page 1 when the template asks for it: edge to edge, tagged, with a blank back so the text opens on a recto. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCover } from '../../pipeline/cover/index.js';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { COVER_ALT_PREFIX, renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromFile, poppler, ROOT, SEED } from './helpers.js';

let dir: string;
let edition: Edition;
let png: Uint8Array;
let result: PdfResult;

beforeAll(async () => {
  // A copy of the default template that asks for the cover page.
  dir = await mkdtemp(join(tmpdir(), 'galley-cover-'));
  const templateDir = join(dir, 'with-cover');
  await cp(join(ROOT, 'templates/default'), templateDir, { recursive: true });
  const json = JSON.parse(await readFile(join(templateDir, 'template.json'), 'utf8')) as { page: Record<string, unknown> };
  json.page.coverPage = true;
  await writeFile(join(templateDir, 'template.json'), JSON.stringify(json));
  const template = loadTemplate(templateDir, ROOT);
  edition = layoutEdition([await prepareArticle(SEED, template)], template);
  png = await renderCover(edition);
  result = await renderPdf(edition, { coverImage: png });
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Text of one page, spaces collapsed. */
async function pageText(bytes: Uint8Array, page: number): Promise<string> {
  return (await poppler('pdftotext', bytes, ['-f', String(page), '-l', String(page)])).replace(/\s+/g, ' ').trim();
}

describe('a cover page', () => {
  it('is off by default and on in the template copy', async () => {
    expect((await editionFromFile(SEED)).print.coverPage).toBe(false);
    expect(edition.print.coverPage).toBe(true);
    const without = await renderPdf(await editionFromFile(SEED), { coverImage: png });
    expect(await poppler('pdfimages', without.bytes, ['-list', '-f', '1', '-l', '1'])).not.toMatch(/\bimage\b/);
  });

  it('fills page 1 with the picture and nothing else, and leaves page 2 blank', async () => {
    const images = await poppler('pdfimages', result.bytes, ['-list', '-f', '1', '-l', '2']);
    // The PNG's alpha channel comes along as a soft mask of the same picture.
    const rows = images
      .split('\n')
      .slice(2)
      .filter((row) => /^\s*\d+\s+\d+\s+image\s/.test(row));
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatch(/^\s*1\s/);
    expect(await pageText(result.bytes, 1)).toBe('');
    expect(await pageText(result.bytes, 2)).toBe('');
    // The picture covers the whole page: its placed size is the trim (no bleed in this template).
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const operators = await (await doc.getPage(1)).getOperatorList();
    const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const transforms = operators.fnArray.flatMap((fn, index) => (fn === OPS.transform ? [operators.argsArray[index] as number[]] : []));
    const scale = transforms.find((matrix) => Math.abs((matrix[0] ?? 0) - edition.print.trim.width) < 1);
    expect(scale, JSON.stringify(transforms)).toBeDefined();
    expect(Math.abs(scale?.[3] ?? 0)).toBeGreaterThanOrEqual(edition.print.trim.height - 1);
  });

  it('is a Figure with the alternative text "Cover of" and the title', async () => {
    const doc = await getDocument({ data: result.bytes.slice(), verbosity: 0 }).promise;
    const tree = await (await doc.getPage(1)).getStructTree();
    let alt: string | undefined;
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      if ('role' in node && node.role === 'Figure' && 'alt' in node && typeof node.alt === 'string') alt ??= node.alt;
      if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
    };
    walk(tree);
    expect(alt).toBe(`${COVER_ALT_PREFIX}${edition.meta.title}`);
  });

  it('keeps the title and copyright pages on pages 3 and 4, opens the text on page 5, a recto without folio, and numbers the pages from the cover', async () => {
    expect((await pageText(result.bytes, 3)).startsWith('China and Russia')).toBe(true);
    expect(await pageText(result.bytes, 4)).toMatch(/^© 2023 Washington Examiner/);
    expect((await pageText(result.bytes, 5)).startsWith('China and Russia')).toBe(true);
    expect(await pageText(result.bytes, 5)).not.toMatch(/ 5$/);
    expect(await pageText(result.bytes, 6)).toMatch(/ 6$/);
    expect(result.pages[0]).toMatchObject({ page: 5, chapter: 0, block: 0, offset: 0 });
    expect(result.preflight.pages % 2).toBe(0);
    expect(result.preflight.blankPages).toBeGreaterThanOrEqual(1);
  });

  it('warns that a 1,400-pixel cover prints below 300 ppi on a 6 in page', () => {
    const warning = result.diagnostics.find((diagnostic) => diagnostic.rule === 'pdf-image-resolution');
    expect(warning?.message).toMatch(/cover prints at 233 ppi/);
  });
});
