import { readdirSync } from 'node:fs';
import { curlQuotes } from '../../pipeline/structure/remark-typography.js';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { prepareArticle } from '../../pipeline/prepare.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { treeJson } from '../helpers/tree.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/articles');
const template = loadTemplate('default');

describe('structure goldens (mdast JSON without positions)', () => {
  for (const name of readdirSync(FIXTURES)) {
    const source = readdirSync(join(FIXTURES, name)).find((file) => /^article\.(txt|md)$/.test(file))!;
    it(name, async () => {
      const article = await prepareArticle(join(FIXTURES, name, source), template);
      await expect(treeJson(article.tree)).toMatchFileSnapshot(join(FIXTURES, name, 'mdast.json'));
      await expect(`${JSON.stringify({ ...article.meta, file: undefined }, null, 2)}\n`).toMatchFileSnapshot(join(FIXTURES, name, 'meta.json'));
    });
  }
});

describe('the seed article', async () => {
  const article = await prepareArticle(join(FIXTURES, 'seed/article.txt'), template);
  const blocks = article.tree.children;

  it('keeps the headline once, as the only h1', () => {
    const headings = blocks.filter((node) => node.type === 'heading' && node.depth === 1);
    expect(headings.map((node) => toString(node))).toEqual(['China and Russia reinforce diplomatic front against Israel']);
    expect(blocks[0]?.type).toBe('heading');
  });

  it('makes the photo caption a figure with the credit apart and the slug line as data', () => {
    const figure = blocks.find((node) => node.type === 'figure');
    expect(figure?.type).toBe('figure');
    if (figure?.type !== 'figure') return;
    expect(figure.slug).toBe('Kyrgyzstan Russia');
    expect(figure.children.map((child) => child.type)).toEqual(['figureCaption', 'figureCredit']);
    expect(toString(figure.children[0]!)).toMatch(/^Russian President Vladimir Putin .* Oct\. 12, 2023\.$/);
    expect(toString(figure.children[1]!)).toBe('Vladimir Voronin/AP');
  });

  it('makes the ALL-CAPS line a section heading and keeps six body paragraphs in order', () => {
    const h2 = blocks.filter((node) => node.type === 'heading' && node.depth === 2).map((node) => toString(node));
    expect(h2).toEqual(['AMID HEZBOLLAH CONCERNS, WATCH FOR ANY MOVEMENT OF 26TH MARINE EXPEDITIONARY UNIT']);
    const paragraphs = blocks.filter((node) => node.type === 'paragraph').map((node) => toString(node));
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^Presidents Xi Jinping/);
    expect(paragraphs[5]).toMatch(/^Nevertheless, this Sino-Russian/);
  });

  it('ends with the copyright notice and records it as rights and publisher', () => {
    const last = blocks[blocks.length - 1];
    expect(last?.type).toBe('copyright');
    expect(toString(last!)).toBe('© 2023 Washington Examiner');
    expect(article.meta).toMatchObject({ rights: '© 2023 Washington Examiner', publisher: 'Washington Examiner', lang: 'en' });
    // The notice's year is the copyright's, not the article's date: the seed gives no date.
    expect(article.meta.date).toBeUndefined();
  });

  it('drops the web junk and lists every dropped line with its place', () => {
    const dropped = article.diagnostics.filter((d) => d.text !== undefined).map((d) => [d.line, d.text]);
    expect(dropped).toEqual(
      expect.arrayContaining([
        [3, '.'],
        [8, 'China and Russia reinforce diplomatic front against Israel'],
        [10, 'Video Embed'],
        [22, 'CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER'],
        [30, 'Related Content'],
        [5, 'Kyrgyzstan Russia'],
      ]),
    );
    expect(dropped).toHaveLength(6);
    const all = blocks.map((node) => toString(node)).join('\n');
    for (const junk of ['Video Embed', 'Related Content', 'CLICK HERE', 'Kyrgyzstan Russia\n']) expect(all).not.toContain(junk);
  });
});

describe('quotation marks per language', () => {
  it('sets each language’s quotes, opening ones after a prefix too (Arabic بـ"…")', () => {
    expect(curlQuotes('He said "no" and left.', 'en')).toBe('He said \u201Cno\u201D and left.');
    expect(curlQuotes('Er sagte "nein" und ging.', 'de')).toBe('Er sagte \u201Enein\u201C und ging.');
    expect(curlQuotes('Il a dit "non" puis est parti.', 'fr')).toBe('Il a dit \u00AB\u202Fnon\u202F\u00BB puis est parti.');
    expect(curlQuotes('Он сказал "нет" и ушёл.', 'ru')).toBe('Он сказал \u00ABнет\u00BB и ушёл.');
    expect(curlQuotes('بـ"الجيش الحر"', 'ar')).toBe('بـ\u00ABالجيش الحر\u00BB');
    expect(curlQuotes('彼は"いいえ"と言った。', 'ja')).toBe('彼は\u300Cいいえ\u300Dと言った。');
    expect(curlQuotes('"prevent further escalation of violence." Putin', 'en-US')).toBe('\u201Cprevent further escalation of violence.\u201D Putin');
    expect(curlQuotes("Beijing's 'junior partner'", 'en')).toBe('Beijing\u2019s \u2018junior partner\u2019');
  });
});
