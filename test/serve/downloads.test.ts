/**
 * End to end, as a reader would: real books built by the `galley` command, the downloads page
 * rendered over them, the server started on the folder, and Debian's headless Chromium (driven by
 * playwright-core, no browser download) opening the page and downloading every book.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { OPDS_TYPE } from '../../pipeline/site/index.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../pipeline/serve/index.js';
import { renderIndexPage, type SiteBook } from '../../pipeline/site/index.js';
import { writeArtifacts } from '../../pipeline/write/index.js';
import { galley, ROOT } from '../helpers/cli.js';
import { sha256 } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
/** Flags that keep a headless Chromium in a container quiet and offline. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTICLES = ['test/fixtures/articles/seed/article.txt', 'test/fixtures/articles/markdown-front-matter/article.md'].map((path) => join(ROOT, path));

let dir: string;
let out: string;
let books: SiteBook[];
/** The page `galley build` wrote itself, before this test renders its own over it. */
let builtPage: string;
let server: RunningServer;
let browser: Browser;

/** The books as the build recorded them in its manifest, which the page and the catalogue are made from. */
function booksIn(folder: string): SiteBook[] {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { books: Record<string, SiteBook> };
  return Object.values(manifest.books);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galley-downloads-'));
  out = join(dir, 'output');
  const build = galley(['build', ...ARTICLES, '--out', out]);
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  books = booksIn(out);
  builtPage = readFileSync(join(out, 'index.html'), 'utf8');
  await writeArtifacts(out, [renderIndexPage(books, { title: 'Galley books', generator: 'Galley test' })]);
  server = await startServer({ root: out });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  return page;
}

describe('the downloads page in Chromium', () => {
  it('lists both real books, each with an EPUB, a PDF, its report, its cover and a thumbnail about 300 pixels wide', () => {
    expect(books.map((book) => book.title).sort()).toEqual(['China and Russia reinforce diplomatic front against Israel', 'Harbour cranes return to the old port']);
    for (const book of books) {
      expect(book.files.map((file) => file.mediaType).sort()).toEqual(['application/epub+zip', 'application/json', 'application/pdf']);
      expect(imageSize(readFileSync(join(out, book.cover!.name)))).toMatchObject({ type: 'png', width: 1400, height: 2100 });
      expect(imageSize(readFileSync(join(out, book.thumbnail!.name)))).toMatchObject({ type: 'jpg', width: 300, height: 450 });
      expect(book.thumbnail).toMatchObject({ width: 300, height: 450 });
      // Under a fifth of the cover's bytes: the point of a thumbnail.
      expect(readFileSync(join(out, book.thumbnail!.name)).length).toBeLessThan(readFileSync(join(out, book.cover!.name)).length / 5);
    }
  });

  it('was also written by the build itself, linking every file, the thumbnail, the full cover and the catalogue', () => {
    expect(builtPage).toBe(new TextDecoder().decode(renderIndexPage(books, { title: 'Galley books', generator: /content="(Galley [^"]+)"/.exec(builtPage)![1]! }).bytes));
    for (const book of books) {
      for (const file of book.files) expect(builtPage).toContain(`href="${encodeURIComponent(file.name)}" download`);
      expect(builtPage).toContain(
        `<a class="cover" href="${encodeURIComponent(book.cover!.name)}"><img src="${encodeURIComponent(book.thumbnail!.name)}" alt="Cover of ${book.title}" width="300" height="450"`,
      );
    }
    expect(builtPage).toContain(`<link rel="alternate" type="${OPDS_TYPE}" href="opds.xml"`);
  });

  it('downloads every book through its link, byte for byte, under its own name', async () => {
    const page = await openPage({ width: 1280, height: 900 });
    const saved = join(dir, 'saved');
    let downloads = 0;
    for (const book of books) {
      for (const file of book.files) {
        const link = page.locator(`a[href="${encodeURIComponent(file.name)}"]`);
        await expect(link.getAttribute('download')).resolves.toBe('');
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        expect(download.suggestedFilename()).toBe(file.name);
        const target = join(saved, file.name);
        await download.saveAs(target);
        const bytes = readFileSync(target);
        expect(sha256(bytes)).toBe(sha256(readFileSync(join(out, file.name))));
        // The hash printed beside the link is the one a reader would check.
        await expect(page.locator('.files > li', { has: link }).locator('code').textContent()).resolves.toBe(sha256(bytes));
        downloads++;
      }
    }
    expect(downloads).toBe(6);
    await page.context().close();
  });

  it('shows each thumbnail, says what each file is for, and exposes landmarks, headings and named links to assistive technology', async () => {
    const page = await openPage({ width: 1280, height: 900 });
    expect(await page.title()).toBe('Galley books');
    for (const book of books) {
      const cover = page.getByAltText(`Cover of ${book.title}`);
      await expect(cover.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).resolves.toBe(300);
      // Shown at half its pixel width or less, so it is sharp on a high-density screen.
      await expect(cover.evaluate((image: HTMLImageElement) => image.getBoundingClientRect().width)).resolves.toBeLessThanOrEqual(150);
      const item = page.locator('article', { has: page.getByRole('heading', { name: book.title }) });
      await expect(item.locator('.description').allTextContents()).resolves.toEqual([
        expect.stringContaining('e-readers'),
        expect.stringContaining('print-on-demand'),
        expect.stringContaining('JSON'),
      ]);
    }
    const catalogue = page.getByRole('link', { name: 'OPDS catalogue' });
    await expect(catalogue.getAttribute('href')).resolves.toBe('opds.xml');
    const response = await page.request.get(new URL('opds.xml', server.url).href);
    expect(response.headers()['content-type']).toBe(OPDS_TYPE);
    const tree = await page.locator('body').ariaSnapshot();
    for (const role of ['banner', 'main', 'contentinfo', 'heading "Galley books" [level=1]', 'heading "Harbour cranes return to the old port" [level=2]'])
      expect(tree).toContain(role);
    expect(tree).toMatch(/link "Download EPUB of Harbour cranes return to the old port \(\d+\.\d kB\)"/);
    expect(tree).toMatch(/link "Download Print PDF of China and Russia reinforce diplomatic front against Israel \(\d+\.\d kB\)"/);
    await page.context().close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openPage({ width: 360, height: 740 });
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.context().close();
  });
});
