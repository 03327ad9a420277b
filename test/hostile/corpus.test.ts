/**
 * The corpus: varied articles (wire scrapes with several caption and credit styles, Markdown
 * with several heading styles, no copyright line, other scripts, very long and very short,
 * raw HTML, Windows-1252) built through `buildBook`, whose fidelity self-check reads both books
 * back and fails the build when a word of the source is missing from either.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article } from '../../pipeline/types.js';
import { parseXml } from '../../pipeline/verify/read-epub.js';
import { joinHyphenatedLines, normaliseText } from '../../pipeline/verify/words.js';
import { readEpubText, readPdfText } from '../../pipeline/verify/index.js';
import { epubcheck } from '../epub/helpers.js';
import { build, ROOT } from './helpers.js';

const CORPUS = join(ROOT, 'test/fixtures/corpus');
// cyrillic.md goes last: a PDF made after it in the same process loses its text layer (see pdf-font-state.test.ts).
const FILES = readdirSync(CORPUS).sort((a, b) => Number(a === 'cyrillic.md') - Number(b === 'cyrillic.md') || a.localeCompare(b));
const template = loadTemplate('default', ROOT);

function figures(article: Article): Array<{ caption: string; credit: string; slug?: string }> {
  return article.tree.children.flatMap((node) =>
    node.type === 'figure'
      ? [
          {
            caption: toString(node.children.find((c) => c.type === 'figureCaption') ?? { type: 'text', value: '' }),
            credit: toString(node.children.find((c) => c.type === 'figureCredit') ?? { type: 'text', value: '' }),
            ...(node.slug ? { slug: node.slug } : {}),
          },
        ]
      : [],
  );
}

function headings(article: Article): string[] {
  return article.tree.children.filter((node): node is Extract<RootContent, { type: 'heading' }> => node.type === 'heading').map((node) => `h${node.depth} ${toString(node)}`);
}

function dropped(article: Article): string[] {
  return article.diagnostics.filter((d) => d.text !== undefined).map((d) => d.text!);
}

/** What each article must come out as, beyond losing no word. */
const EXPECT: Record<string, (article: Article) => void> = {
  'ap-wire-dateline.txt': (article) => {
    expect(figures(article)).toEqual([
      { caption: 'The U.S. Capitol is seen at dawn in Washington, Tuesday, Jan. 16, 2024.', credit: '(AP Photo/J. Scott Applewhite)', slug: 'Capitol Budget' },
    ]);
    expect(headings(article)).toContain('h2 WHAT COMES NEXT');
    expect(article.meta.rights).toBeUndefined();
    expect(dropped(article).sort()).toEqual(['Advertisement', 'Capitol Budget']);
  },
  'reuters-credit.txt': (article) => {
    expect(figures(article)[0]?.credit).toBe('REUTERS/Evelyn Hockstein');
    // The notice is cleaned to its year and holder; the rest is listed as dropped.
    expect(article.meta.rights).toBe('© 2024 Reuters');
    expect(article.diagnostics.find((d) => d.rule === 'copyright-rest')?.text).toBe('All rights reserved.');
    expect(article.tree.children.at(-1)?.type).toBe('copyright');
  },
  'photo-colon-credit.txt': (article) => {
    expect(figures(article)[0]?.credit).toBe('Photo: Maria Lopez');
    expect(dropped(article)).toEqual(['Sign up for our newsletter']);
  },
  'getty-credit.txt': (article) => {
    expect(figures(article)[0]?.credit).toBe('(Photo by Maja Hitij/Getty Images)');
    expect(article.meta.rights).toBe('Copyright 2023 Example Sports Wire');
  },
  'literal-scrape.txt': (article) => {
    expect(article.tree.children.filter((node) => node.type !== 'paragraph' && node.type !== 'figure').map((node) => node.type)).toEqual(['heading']);
    expect(dropped(article)).toEqual(['---']);
  },
  'headings-styles.md': (article) => {
    expect(headings(article)).toEqual([
      'h1 How the city budget is spent, line by line',
      'h2 Public safety',
      'h2 Schools and libraries',
      'h3 Parks, pools and playgrounds',
      'h4 A fourth-level note',
      'h2 Transit',
    ]);
  },
  'hebrew.txt': (article) => {
    expect(article.meta).toMatchObject({ lang: 'he', dir: 'rtl', rights: '© 2024 עיתון העיר' });
    const english = article.tree.children.find((node) => toString(node).startsWith('The library'));
    expect(english?.data).toEqual({ hProperties: { lang: 'en', dir: 'ltr' } });
  },
  'japanese-cjk.txt': (article) => {
    expect(article.meta).toMatchObject({ lang: 'ja', dir: 'ltr' });
    expect(article.tree.children.find((node) => toString(node).startsWith('新图书馆'))?.data).toEqual({ hProperties: { lang: 'zh' } });
  },
  'arabic.md': (article) => expect(article.meta).toMatchObject({ lang: 'ar', dir: 'rtl' }),
  'arabic-news.md': (article) => {
    expect(article.meta).toMatchObject({ lang: 'ar', dir: 'rtl', title: 'اشتباكات مسلحة قرب الحدود الشمالية' });
    expect(article.tree.children.at(-1)?.data).toEqual({ hProperties: { lang: 'en', dir: 'ltr' } });
  },
  'german-news.md': (article) => {
    expect(article.meta).toMatchObject({ lang: 'de', dir: 'ltr', byline: ['Max Muster'], date: '2024-01-13', rights: '© 2024 Stadtanzeiger' });
    expect(headings(article)).toEqual(['h1 Straßenbahn fährt nach zwei Jahren wieder durch die Altstadt', 'h2 Händler hoffen auf mehr Kundschaft', 'h2 Kritik an den Kosten']);
  },
  'korean-news.md': (article) => {
    expect(article.meta).toMatchObject({ lang: 'ko', dir: 'ltr', title: '옛 항구에 크레인이 돌아오다' });
    expect(article.tree.children.filter((node) => node.type === 'paragraph').length).toBeGreaterThanOrEqual(5);
  },
  'cyrillic.md': (article) => {
    expect(article.meta).toMatchObject({ lang: 'ru', dir: 'ltr' });
    expect(article.tree.children.at(-1)?.data).toEqual({ hProperties: { lang: 'el' } });
  },
  'cms-export.md': (article) => {
    expect(JSON.stringify(article.tree)).not.toMatch(/"html"|script|iframe/);
    expect(dropped(article)).toEqual(['window.ads.push("slot-1")', 'editor note: check the vote count']);
  },
  'windows-1252.txt': (article) => {
    expect(article.meta.title).toBe('Café owners say “rents are too high”');
    expect(article.diagnostics.map((d) => d.rule)).toContain('decoded-windows-1252');
  },
  'very-long.md': (article) => expect(article.tree.children.length).toBeGreaterThan(120),
  'very-short.txt': (article) => expect(article.tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph']),
};

describe('the corpus builds into both books with every word', () => {
  it('holds at least ten articles, scrapes and Markdown, each with expectations', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    expect(FILES.some((f) => f.endsWith('.txt')) && FILES.some((f) => f.endsWith('.md'))).toBe(true);
    expect(Object.keys(EXPECT).sort()).toEqual([...FILES].sort());
  });

  for (const name of FILES) {
    it(name, async () => {
      const file = join(CORPUS, name);
      EXPECT[name]!(await prepareArticle(file, template));
      // buildBook runs the fidelity check and throws when either book lacks a word.
      const book = await build(file);
      expect(book.diagnostics.filter((d) => d.rule === 'fidelity')).toEqual([]);
      const zip = await JSZip.loadAsync(book.epub);
      for (const path of Object.keys(zip.files).filter((p) => p.endsWith('.xhtml'))) parseXml(await zip.file(path)!.async('string'), path);
      // Its emoji come from Noto Emoji now: nothing is left uncovered.
      if (name === 'japanese-cjk.txt') expect(book.diagnostics.map((d) => d.rule)).not.toContain('pdf-missing-glyph');
    });
  }
});

describe('scrapes are literal in both books', () => {
  it('prints every Markdown- or HTML-looking line of a scrape exactly as written', async () => {
    const file = join(CORPUS, 'literal-scrape.txt');
    const book = await build(file);
    const flat = (text: string): string => normaliseText(text).replace(/\s+/g, ' ');
    const epub = flat((await readEpubText(book.epub)).map((doc) => doc.text).join('\n'));
    const pdf = flat(joinHyphenatedLines((await readPdfText(book.pdf)).join('\n')));
    const lines = [
      '1. The oven temperature',
      '# 1 complaint:',
      '*Stars* do not',
      '_Underlined_ words',
      '<b>Bold</b> tags',
      '[Click for the recipe](https://example.com/recipe) appeared',
      '> Quoted comments',
      'Salt &amp; pepper',
      '2) Numbers',
      "+ A plus sign opened one reader's note.",
      '`Backticks` surrounded',
    ];
    for (const line of lines) {
      expect(epub).toContain(flat(line));
      expect(pdf).toContain(flat(line));
    }
    const zip = await JSZip.loadAsync(book.epub);
    const chapter = await zip.file('OEBPS/chapter-1.xhtml')!.async('string');
    expect(chapter).toContain('&lt;b&gt;Bold&lt;/b&gt;');
    expect(chapter).toContain('Salt &amp;amp; pepper');
    expect(chapter).not.toMatch(/<(b|ol|li|blockquote|hr|code)\b/);
  });
});

describe('EPUBCheck on hostile books', () => {
  for (const name of ['cms-export.md', 'hebrew.txt', 'japanese-cjk.txt', 'literal-scrape.txt']) {
    it(`${name}: no error and no warning`, async () => {
      const book = await build(join(CORPUS, name));
      const messages = await epubcheck(book.epub);
      const problems = messages.filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
      expect(problems.map((m) => `${m.severity} ${m.ID} ${m.message} ${JSON.stringify(m.locations[0])}`)).toEqual([]);
    });
  }
});
