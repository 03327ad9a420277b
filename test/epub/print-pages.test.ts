import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { renderPdf } from '../../pipeline/pdf/index.js';
import type { Paragraph } from 'mdast';
import type { Edition } from '../../pipeline/types.js';
import { ace, editionFromFile, editionFromTree, epubcheck, parseXml, SEED, text, unzip } from './helpers.js';

/** The seed’s paragraphs six times over, with emphasis inside: long enough for pages to break mid-paragraph. */
async function longEdition(): Promise<Edition> {
  const seed = await editionFromFile(SEED);
  const paragraphs = (seed.chapters[0]?.tree.children ?? []).filter((node): node is Paragraph => node.type === 'paragraph');
  const children = [0, 1, 2, 3, 4, 5].flatMap((round) =>
    paragraphs.map((paragraph, index): Paragraph =>
      index % 3 === round % 3
        ? { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: 'Note. ' }] }, ...structuredClone(paragraph.children)] }
        : structuredClone(paragraph),
    ),
  );
  return editionFromTree({ type: 'root', children: [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'A long read' }] }, ...children] });
}

const run = promisify(execFile);

/** The lines of each PDF page, read back by poppler's pdftotext, whitespace collapsed. */
async function pdfPages(bytes: Uint8Array, count: number): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-pages-'));
  try {
    const file = join(dir, 'book.pdf');
    await writeFile(file, bytes);
    const pages: string[][] = [];
    for (let page = 1; page <= count; page++) {
      const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
      pages.push(stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()));
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first words of text that follow a node in document order. */
function wordsAfter(node: Node, count: number): string {
  let out = '';
  let current: Node | null = node;
  const next = (from: Node): Node | null => {
    if (from.firstChild) return from.firstChild;
    let at: Node | null = from;
    while (at && !at.nextSibling) at = at.parentNode;
    return at?.nextSibling ?? null;
  };
  while ((current = next(current)) && out.split(/\s+/).filter(Boolean).length <= count) {
    if (current.nodeType === 3) out += current.nodeValue ?? '';
  }
  return out.split(/\s+/).filter(Boolean).slice(0, count).join(' ');
}

describe('the EPUB page list follows the PDF', () => {
  it('starts each listed page with the words that begin that page in print', async () => {
    const edition = await longEdition();
    const pdf = await renderPdf(edition);
    // Pages that begin inside a paragraph are the ones string offsets can get wrong.
    expect(pdf.pages.filter((start) => start.offset > 0).length).toBeGreaterThan(3);
    const bytes = await renderEpub(edition, { pages: pdf.pages, printEdition: 'the print edition (PDF)' });
    const doc = parseXml(await text(await unzip(bytes), 'OEBPS/chapter-1.xhtml'));
    const printed = await pdfPages(pdf.bytes, Math.max(...pdf.pages.map((start) => start.page)));
    for (const start of pdf.pages) {
      const marker = Array.from(doc.getElementsByTagName('span')).find((span) => span.getAttribute('id') === `page-${start.page}`);
      expect(marker, `marker of page ${start.page}`).toBeDefined();
      // Two words: short enough to sit on the page's first line, long enough not to match by chance.
      const words = wordsAfter(marker as unknown as Node, 2);
      expect(words).toMatch(/^\S+ \S+$/);
      // The page's first line of text in print must start exactly where the marker stands.
      const lines = printed[start.page - 1] ?? [];
      expect(
        lines.some((line) => line.startsWith(words)),
        `a line of page ${start.page} starts with "${words}"`,
      ).toBe(true);
    }
  });

  it('stays clean for EPUBCheck and Ace with the real page list', async () => {
    const edition = await editionFromFile(SEED);
    const pdf = await renderPdf(edition);
    const bytes = await renderEpub(edition, { pages: pdf.pages });
    const messages = await epubcheck(bytes);
    expect(messages.filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity)).map((m) => `${m.ID} ${m.message}`)).toEqual([]);
    const result = await ace(bytes);
    expect(result.violations).toEqual([]);
  });
});
