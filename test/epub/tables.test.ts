/**
 * Tables in the EPUB on a phone: the twelve-column league table and the long station table
 * (test/fixtures/tables) pass EPUBCheck; in Chromium at 360 CSS pixels, a phone's width, a wide
 * table scrolls sideways in its own box, reachable from the keyboard, and the page never
 * widens, while a narrow table (the kitchen sink's) does not scroll at all.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import type { Root, TableRow } from 'mdast';
import { CHROMIUM, editionFromFile, editionFromTree, epubcheck, KITCHEN_SINK, ROOT, unzip } from './helpers.js';

const WIDE = join(ROOT, 'test/fixtures/tables/wide-table.html');
const LONG = join(ROOT, 'test/fixtures/tables/long-table.md');
/** A table whose columns the source aligns left, centre and right, and a column of numbers it does not align. */
const ALIGNED = 'aligned';
const row = (cells: string[]): TableRow => ({ type: 'tableRow', children: cells.map((value) => ({ type: 'tableCell', children: [{ type: 'text', value }] })) });
const alignedTree: Root = {
  type: 'root',
  children: [
    { type: 'paragraph', children: [{ type: 'text', value: 'The standings after the fourth round.' }] },
    {
      type: 'table',
      align: ['left', 'center', 'right', null],
      children: [row(['Club', 'Played', 'Points', 'Goals']), row(['Harbour United', '4', '10', '12']), row(['Old Port Rovers', '4', '7', '9'])],
    },
  ],
};
/** A phone's viewport width in CSS pixels. */
const PHONE = 360;
/** Where to keep the screenshot for a person to look at (GALLEY_SCREENSHOTS=folder); kept nowhere by default. */
const SAVE_DIR = process.env.GALLEY_SCREENSHOTS;

let browser: Browser;
let dir: string;
const books: Record<string, Uint8Array> = {};

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  dir = await mkdtemp(join(tmpdir(), 'galley-tables-'));
  for (const [name, file] of [
    ['wide', WIDE],
    ['long', LONG],
    ['sink', KITCHEN_SINK],
    ['aligned', ALIGNED],
  ] as const) {
    books[name] = await renderEpub(file === ALIGNED ? editionFromTree(alignedTree) : await editionFromFile(file));
    const zip = await unzip(books[name]);
    for (const path of ['OEBPS/style.css', 'OEBPS/chapter-1.xhtml']) {
      const target = join(dir, name, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await zip.file(path)!.async('string'));
    }
  }
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** How a chapter lays out at a phone's width: the page's width and each table box's visible and whole widths. */
async function onPhone(name: string): Promise<{ page: number; boxes: Array<{ visible: number; whole: number; tabIndex: number }> }> {
  const page = await browser.newPage({ viewport: { width: PHONE, height: 640 } });
  try {
    await page.goto(pathToFileURL(join(dir, name, 'OEBPS/chapter-1.xhtml')).href);
    if (SAVE_DIR) await page.screenshot({ path: join(SAVE_DIR, `table-${name}-${PHONE}.png`), fullPage: true });
    return await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      boxes: [...document.querySelectorAll('div.table')].map((box) => ({ visible: box.clientWidth, whole: box.scrollWidth, tabIndex: (box as HTMLElement).tabIndex })),
    }));
  } finally {
    await page.close();
  }
}

describe('tables in the EPUB', () => {
  it('pass EPUBCheck', async () => {
    for (const bytes of [books.wide!, books.long!]) expect(await epubcheck(bytes)).toEqual([]);
  });

  it('scroll a table wider than a phone in its own box, which the keyboard reaches; the page stays the phone’s width', async () => {
    for (const name of ['wide', 'long']) {
      const { page, boxes } = await onPhone(name);
      expect(page).toBeLessThanOrEqual(PHONE);
      expect(boxes).toHaveLength(1);
      expect(boxes[0]!.whole).toBeGreaterThan(boxes[0]!.visible + 100);
      expect(boxes[0]!.tabIndex).toBe(0);
    }
  });

  it('keep each column’s alignment: the source’s (:--:, --:) and a column of numbers on the right, as classes EPUBCheck accepts', async () => {
    expect(await epubcheck(books.aligned!)).toEqual([]);
    const xhtml = await (await unzip(books.aligned!)).file('OEBPS/chapter-1.xhtml')!.async('string');
    expect(xhtml).not.toMatch(/\balign="/);
    const page = await browser.newPage({ viewport: { width: PHONE, height: 640 } });
    try {
      await page.goto(pathToFileURL(join(dir, 'aligned', 'OEBPS/chapter-1.xhtml')).href);
      const aligns = await page.evaluate(() => [...document.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => getComputedStyle(cell).textAlign)));
      expect(aligns).toEqual(Array.from({ length: 3 }, () => ['left', 'center', 'right', 'right']));
    } finally {
      await page.close();
    }
  });

  it('leave a table that fits as it is, without a scroll', async () => {
    const { page, boxes } = await onPhone('sink');
    expect(page).toBeLessThanOrEqual(PHONE);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.whole).toBeLessThanOrEqual(boxes[0]!.visible);
  });
});
