/** A saved web page becomes the article it carries: Readability's text, the page's metadata, figures kept, junk listed. */
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { buildBook } from '../../pipeline/index.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { extractHtml } from '../../pipeline/extract/html/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { epubcheck, text, unzip } from '../epub/helpers.js';
import { poppler } from '../pdf/helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const PAGE = join(FIXTURES, 'saved-page.html');
const template = loadTemplate('default');

describe('a saved page with JSON-LD, a figure and a junk-heavy layout', async () => {
  const article = await prepareArticle(PAGE, template);
  const blocks = article.tree.children;
  const all = blocks.map((node) => toString(node)).join('\n');

  it('takes headline, authors, date, publisher and language from the page metadata, as plain text', () => {
    expect(article.meta).toMatchObject({
      title: 'Harbour cranes return to the old port',
      byline: ['Maria Keller', 'Tom Okafor'],
      date: '2024-05-14',
      publisher: 'The Riverside Courier',
      lang: 'en-GB',
      source: 'https://courier.example/news/harbour-cranes',
    });
    expect(article.meta.title).not.toMatch(/[<>&]/);
  });

  it('keeps the figure with its picture from the _files folder, caption and credit apart', () => {
    const figure = blocks.find((node) => node.type === 'figure');
    expect(figure?.type === 'figure' && figure.image).toEqual({ url: 'saved-page_files/harbour.png', alt: 'Two red cranes against a grey sky' });
    if (figure?.type !== 'figure') return;
    expect(figure.children.map((child) => [child.type, toString(child)])).toEqual([
      ['figureCaption', 'The restored cranes on the north quay on Monday.'],
      ['figureCredit', 'Photo: Anna Berg/Courier'],
    ]);
  });

  it('keeps the section heading and the paragraphs, and leaves the page around the article out', () => {
    expect(blocks.filter((node) => node.type === 'heading').map((node) => toString(node))).toEqual(['Harbour cranes return to the old port', 'A museum on the water']);
    expect(blocks.filter((node) => node.type === 'paragraph')).toHaveLength(4);
    for (const junk of ['Skip to main content', 'Sign in', 'Facebook', 'Most read', 'Privacy Policy', 'Advertisement', 'Ferry timetable', 'pwned', 'Published 14 May'])
      expect(all).not.toContain(junk);
  });

  it('cleans the copyright line from the footer to its year and holder', () => {
    expect(blocks.at(-1)).toMatchObject({ type: 'copyright' });
    expect(toString(blocks.at(-1)!)).toBe('© 2024 The Riverside Courier');
  });

  it('lists what it dropped with its rule, and the remote picture it never fetched', () => {
    const rules = article.diagnostics.map((d) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['dropped-boilerplate', 'dropped-link-list', 'dateline', 'remote-image']));
    expect(article.diagnostics.find((d) => d.rule === 'remote-image')?.message).toContain('https://cdn.example/ad-banner.jpg');
  });

  it('builds books that EPUBCheck accepts, with the picture inside and every article word read back', async () => {
    const book = await buildBook([PAGE], { template: 'default', formats: ['epub', 'pdf'] });
    const epub = book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!;
    const zip = await unzip(epub.bytes);
    expect(Object.keys(zip.files).filter((name) => /images\/.+\.png$/.test(name))).toHaveLength(1);
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).toContain('<dc:title id="title">Harbour cranes return to the old port</dc:title>');
    expect(opf).toContain('<dc:creator id="creator-1">Maria Keller</dc:creator>');
    expect(opf).toContain('<dc:date>2024-05-14</dc:date>');
    expect(opf).toContain('<dc:publisher>The Riverside Courier</dc:publisher>');
    expect((await epubcheck(epub.bytes)).filter((message) => message.severity !== 'INFO' && message.severity !== 'USAGE')).toEqual([]);
  });
});

describe('HTML found where a scrape was expected', () => {
  it('reads a .txt that is a saved page as HTML, with a note, instead of printing its markup', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'galley-html-txt-'));
    const file = join(dir, 'page.txt');
    await writeFile(file, await readFile(PAGE, 'utf8'));
    const article = await prepareArticle(file, template);
    expect(article.meta.title).toBe('Harbour cranes return to the old port');
    expect(article.diagnostics.map((d) => d.rule)).toContain('html-in-txt');
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toMatch(/<!DOCTYPE|display: flex/i);
  });
});

describe('the byline in the ebook', () => {
  it('is set under the headline of the chapter, as in print', async () => {
    const book = await buildBook([PAGE], { template: 'default', formats: ['epub'] });
    const chapter = await text(await unzip(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes), 'OEBPS/chapter-1.xhtml');
    expect(chapter).toMatch(/<\/h1>\s*<p class="byline">Maria Keller, Tom Okafor<\/p>/);
  });
});

describe('a caption whose credit the page sets in an element of its own', () => {
  it('sets the credit apart, without the labels run into it ("CreditCreditLena W. Ortiz", "Credit...Sam Reyes")', async () => {
    const article = await prepareArticle(join(FIXTURES, 'caption-credit.html'), template);
    const figures = article.tree.children.filter((node) => node.type === 'figure');
    expect(figures.map((figure) => (figure.type === 'figure' ? figure.children.map((child) => [child.type, toString(child)]) : []))).toEqual([
      [
        ['figureCaption', 'Track workers replacing a rail joint under the river at two in the morning.'],
        ['figureCredit', 'Lena W. Ortiz/The Evening Ledger'],
      ],
      [
        ['figureCaption', 'The foreman checks the night’s list before the crews go down.'],
        ['figureCredit', 'Sam Reyes for The Evening Ledger'],
      ],
    ]);
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toMatch(/Credit/);
  });

  it('prints caption and credit apart in the ebook', async () => {
    const book = await buildBook([join(FIXTURES, 'caption-credit.html')], { template: 'default', formats: ['epub'] });
    const chapter = await text(await unzip(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes), 'OEBPS/chapter-1.xhtml');
    expect(chapter).toMatch(/two in the morning\.<\/span>\s*<span class="credit">Lena W\. Ortiz\/The Evening Ledger<\/span>/);
  });
});

describe('web furniture inside the article', () => {
  const paragraphs = Array.from(
    { length: 4 },
    (_, index) =>
      `<p>Paragraph ${index + 1} of the story tells how the ferry crossed the bay each morning, how the crew kept the engine running through the winter and what the passengers said about it when the service was saved.</p>`,
  ).join('');
  const page = (body: string): string =>
    `<!DOCTYPE html><html lang="en"><head><title>Ferry saved</title><link rel="canonical" href="https://news.example/ferry-saved-123.php"></head><body><article><h1>Ferry saved</h1>${body}</article></body></html>`;

  it("drops the page's own address printed on it and a gallery's picture counters, listing both", () => {
    const found = extractHtml(page(`<p> https://news.example/ferry-saved-123.php</p>${paragraphs}<div><p>Image 2 of 5</p><p>Foto 3 / 5</p></div>`), 'ferry.html', template.extract);
    const all = found.tree.children.map((node) => toString(node)).join('\n');
    expect(all).not.toMatch(/https:|of 5|\/ 5/);
    expect(all).toContain('Paragraph 4 of the story');
    expect(found.diagnostics.map((d) => d.text)).toEqual(expect.arrayContaining(['https://news.example/ferry-saved-123.php', 'Image 2 of 5', 'Foto 3 / 5']));
  });

  it('drops a section name left open by its separator above the story (a breadcrumb), and keeps a heading that is not one', () => {
    const found = extractHtml(page(`<h2>LOCAL NEWS /</h2>${paragraphs}<h2>What the crew said</h2>${paragraphs.replaceAll('Paragraph', 'Part')}`), 'ferry.html', template.extract);
    const all = found.tree.children.map((node) => toString(node)).join('\n');
    expect(all).not.toContain('LOCAL NEWS');
    expect(all).toContain('What the crew said');
    expect(found.diagnostics.find((d) => d.text === 'LOCAL NEWS /')?.rule).toBe('dropped-breadcrumb');
  });

  it('keeps a line that only mentions another address', () => {
    const found = extractHtml(page(`<p>https://harbour.example/timetable</p>${paragraphs}`), 'ferry.html', template.extract);
    expect(found.tree.children.map((node) => toString(node)).join('\n')).toContain('https://harbour.example/timetable');
  });
});

describe('the headline', () => {
  const story = Array.from(
    { length: 4 },
    () => '<p>The council voted on Tuesday to keep the night ferry running through the winter, after a petition signed by two thousand islanders.</p>',
  ).join('');
  const page = (title: string, h1: string): string =>
    `<!DOCTYPE html><html lang="en"><head><title>${title}</title><meta property="og:title" content="${title}"></head><body><article><h1>${h1}</h1>${story}</article></body></html>`;

  it.each([
    ['Night ferry saved | Island Courier', 'Night ferry saved'],
    ['Night ferry saved - Island Courier - News', 'Night ferry saved'],
    ['夜のフェリー存続へ_ニュース_島新聞', '夜のフェリー存続へ'],
  ])('is the page’s own h1 when its title adds the site’s name: %s', (title, headline) => {
    expect(extractHtml(page(title, headline), 'ferry.html', template.extract).meta.title).toBe(headline);
  });

  it('lists the book under the page’s own title, site and all, and prints the headline on its pages', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const file = join(await mkdtemp(join(tmpdir(), 'galley-title-')), 'ferry.html');
    await writeFile(file, page('Night ferry saved | Island Courier', 'Night ferry saved'));
    const book = await buildBook([file], { template: 'default', formats: ['epub', 'pdf'] });
    const zip = await unzip(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes);
    expect(await text(zip, 'OEBPS/content.opf')).toContain('<dc:title id="title">Night ferry saved | Island Courier</dc:title>');
    const titlePage = await text(zip, 'OEBPS/title-page.xhtml');
    expect(titlePage).toContain('Night ferry saved');
    expect(titlePage).not.toContain('Island Courier');
    const pdf = book.artifacts.find((artifact) => artifact.name.endsWith('.pdf'))!;
    expect(await poppler('pdfinfo', pdf.bytes)).toMatch(/^Title:\s+Night ferry saved \| Island Courier$/m);
    expect((await poppler('pdftotext', pdf.bytes, ['-l', '1'])).replace(/\s+/g, ' ')).not.toContain('Island Courier');
  });

  it('keeps a title that says more than the h1 without a site separator ("Black Friday: the deals" under "Black Friday")', () => {
    expect(extractHtml(page('Black Friday: the deals worth waiting for', 'Black Friday'), 'deals.html', template.extract).meta.title).toBe(
      'Black Friday: the deals worth waiting for',
    );
  });
});

describe('the authors', () => {
  const story = Array.from(
    { length: 4 },
    () => '<p>The council voted on Tuesday to keep the night ferry running through the winter, after a petition signed by two thousand islanders.</p>',
  ).join('');
  const page = (head: string): string =>
    `<!DOCTYPE html><html lang="en"><head><title>Night ferry saved</title>${head}</head><body><article><h1>Night ferry saved</h1><p class="byline">By <span class="author-name">Jane Doe</span></p>${story}</article></body></html>`;

  it.each([
    ['JSON-LD', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Night ferry saved","creator":"CC7567"}</script>'],
    ['a meta tag', '<meta name="author" content="@jdoe_42">'],
  ])('are the page’s visible byline when its metadata (%s) names an account, not a person', (_where, head) => {
    expect(extractHtml(page(head), 'ferry.html', template.extract).meta.byline).toEqual(['Jane Doe']);
  });

  it('are the metadata’s when it names a person', () => {
    expect(extractHtml(page('<meta name="author" content="Jane Doe">'), 'ferry.html', template.extract).meta.byline).toEqual(['Jane Doe']);
  });
});

describe('a heading element holding a sentence', () => {
  const paras = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>The council voted on Tuesday, in its ${i + 1}th sitting, to keep the night ferry running through the winter, after a petition signed by two thousand islanders.</p>`,
  );
  const deck = 'THE island council has voted to keep the night ferry running all winter, after two thousand islanders signed a petition to save it.';
  const page = (body: string): string =>
    `<!DOCTYPE html><html lang="en"><head><title>Night ferry saved</title></head><body><article><h1>Night ferry saved</h1>${body}</article></body></html>`;

  it('is the deck at the article’s top, set under the headline, not a section heading', () => {
    const article = extractHtml(page(`<h3>${deck}</h3>${paras.join('')}`), 'ferry.html', template.extract);
    expect(article.meta.subtitle).toBe(deck);
    expect(article.tree.children.filter((node) => node.type === 'heading').map((node) => toString(node))).not.toContain(deck);
  });

  it('is a paragraph further down; a short heading stays one', () => {
    const article = extractHtml(
      page(`${paras.slice(0, 2).join('')}<h2>${deck}</h2>${paras[2]}<h2>What happens next</h2>${paras.slice(3).join('')}`),
      'ferry.html',
      template.extract,
    );
    expect(article.meta.subtitle).toBeUndefined();
    const kinds = article.tree.children.map((node) => [node.type, toString(node)]);
    expect(kinds).toContainEqual(['paragraph', deck]);
    expect(kinds).toContainEqual(['heading', 'What happens next']);
  });
});

describe('the end of a saved article', () => {
  const paras = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>The council voted on Tuesday, in its ${i + 1}th sitting, to keep the night ferry running through the winter, after a petition signed by two thousand islanders.</p>`,
  ).join('');
  const page = (end: string): string =>
    `<!DOCTYPE html><html lang="en"><head><title>Night ferry saved</title></head><body><article><h1>Night ferry saved</h1>${paras}${end}</article></body></html>`;

  it('drops a label that introduces nothing ("More about:") and a video player’s controls', () => {
    const article = extractHtml(
      page('<div class="player"><p>Current Time 0:00</p><p>Duration Time 0:00</p><p>Loaded: 0%</p><p>Fullscreen</p></div><ul><li>More about:</li></ul>'),
      'ferry.html',
      template.extract,
    );
    const texts = article.tree.children.map((node) => toString(node));
    for (const furniture of ['More about:', 'Current Time 0:00', 'Loaded: 0%', 'Fullscreen']) expect(texts).not.toContain(furniture);
    expect(texts.at(-1)).toMatch(/5th sitting/);
    expect(article.diagnostics.find((d) => d.text === 'More about:')?.rule).toBe('dropped-empty-heading');
  });
});
