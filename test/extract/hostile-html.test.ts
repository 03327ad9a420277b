/** Saved pages written to attack: no script runs, nothing is fetched, nothing outside the article's folder is read, size and depth are bounded. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../pipeline/errors.js';
import { MAX_HTML_DEPTH } from '../../pipeline/extract/html/dom.js';
import { buildBook } from '../../pipeline/index.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';

const template = loadTemplate('default');
const PROSE =
  '<p>The council met on Monday evening and agreed, after a long debate that ran past midnight, to keep the swimming pool open through the winter for the schools and the swimming club.</p>';

async function page(html: string, name = 'page.html'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-hostile-html-'));
  const file = join(dir, 'article', name);
  await mkdir(join(dir, 'article'), { recursive: true });
  await writeFile(file, html);
  await writeFile(join(dir, 'secret.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  return file;
}

describe('a hostile saved page', () => {
  const fetched = vi.fn();
  beforeEach(() => vi.stubGlobal('fetch', fetched));
  afterEach(() => vi.unstubAllGlobals());

  it('runs none of its scripts or handlers and fetches nothing it names', async () => {
    const file = await page(`<!doctype html><html><head><title>Pool stays open</title>
      <script>globalThis.galleyPwned = true; fetch('https://evil.example/a')</script>
      <link rel="stylesheet" href="https://evil.example/style.css"><meta http-equiv="refresh" content="0;url=https://evil.example">
      </head><body onload="globalThis.galleyPwned = true"><article><h1>Pool stays open</h1>${PROSE}
      <img src="x" onerror="globalThis.galleyPwned = true"><iframe src="https://evil.example/frame"></iframe>
      <img src="https://evil.example/tracker.png" alt="">${PROSE.replace('Monday', 'Tuesday')}</article></body></html>`);
    const book = await buildBook([file], { template: 'default', formats: ['epub'] });
    expect((globalThis as { galleyPwned?: boolean }).galleyPwned).toBeUndefined();
    expect(fetched).not.toHaveBeenCalled();
    expect(book.diagnostics.find((d) => d.rule === 'remote-image')?.message).toContain('https://evil.example/tracker.png');
  });

  it('reads no picture from outside the article folder, by path or by file: URL', async () => {
    const file = await page(
      `<html><body><article><h1>Pool stays open</h1>${PROSE}<figure><img src="../secret.png"><figcaption>A caption long enough to be one.</figcaption></figure><img src="file:///etc/passwd">${PROSE}</article></body></html>`,
    );
    const book = await buildBook([file], { template: 'default', formats: ['epub'] });
    const refused = book.diagnostics.filter((d) => d.rule === 'image-refused' || d.rule === 'remote-image').map((d) => d.message);
    expect(refused.join('\n')).toMatch(/secret\.png" refused: it is outside the article's folder/);
    expect(refused.join('\n')).toContain('file:///etc/passwd');
    // The only pictures are the generated cover and its thumbnail.
    expect(book.artifacts.filter((artifact) => /image/.test(artifact.mediaType)).map((artifact) => artifact.name.replace(/^.*?\./, ''))).toEqual(['cover.png', 'thumbnail.jpg']);
  });

  it('refuses a page nested deeper than its bound in one line, without a stack or a hang', async () => {
    const depth = 50_000;
    const file = await page(`<html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`);
    const error = await prepareArticle(file, template).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${file}: HTML nested more than ${MAX_HTML_DEPTH} elements deep; not a page Galley will extract an article from`);
  });

  it('keeps a page at a real page’s depth buildable', async () => {
    const file = await page(`<html><body>${'<div>'.repeat(60)}<h1>Pool stays open</h1>${PROSE}${PROSE.replace('Monday', 'Tuesday')}${'</div>'.repeat(60)}</body></html>`);
    const article = await prepareArticle(file, template);
    expect(article.meta.title).toBe('Pool stays open');
    expect(article.tree.children.filter((node) => node.type === 'paragraph')).toHaveLength(2);
  });

  it('keeps paragraphs a page wrapped in emphasis as paragraphs, so print does not run them together', async () => {
    const file = await page(
      `<html><body><article><h1>Pool stays open</h1>${PROSE}${PROSE.replace('Monday', 'Tuesday')}<p><em><p>ana.ruiz@example.com</p><p>twitter.com/anaruiz</p></em></p></article></body></html>`,
    );
    const article = await prepareArticle(file, template);
    const texts = article.tree.children.filter((node) => node.type === 'paragraph').map((node) => toString(node));
    expect(texts).toEqual(expect.arrayContaining(['ana.ruiz@example.com', 'twitter.com/anaruiz']));
    const book = await buildBook([file], { template: 'default', formats: ['epub', 'pdf'] });
    expect(book.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('ignores broken JSON-LD and takes metadata as plain text, entities decoded once', async () => {
    const file = await page(`<html lang="xx-INVALID-tag!"><head><script type="application/ld+json">{ "headline": "Broken</script>
      <meta property="og:title" content="Pool &lt;em&gt;stays&lt;/em&gt; open &amp; warm"></head><body><article>${PROSE}${PROSE}</article></body></html>`);
    const article = await prepareArticle(file, template);
    expect(article.meta.title).toBe('Pool stays open & warm');
    expect(article.meta.lang).toBe('en');
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toContain('headline');
  });
});
