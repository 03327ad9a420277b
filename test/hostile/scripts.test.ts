import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../pipeline/verify/read-epub.js';
import { verifyFidelity } from '../../pipeline/verify/index.js';
import { articleFile, build, prepare } from './helpers.js';

const MIXED = `A report on a multilingual city council

The council met on Tuesday to discuss the new signs, which will be printed in four languages across the whole city centre.

«Мы рады, что наш язык будет на всех табличках», — сказала жительница района, которая живёт здесь тридцать лет.

״אנחנו שמחים שהשפה שלנו תופיע על כל השלטים״, אמר תושב השכונה שגר כאן שלושים שנה.

«نحن سعداء بأن لغتنا ستظهر على كل اللافتات»، قال أحد سكان الحي الذي يعيش هنا منذ ثلاثين عامًا.

«Είμαστε χαρούμενοι που η γλώσσα μας θα εμφανίζεται σε όλες τις πινακίδες», είπε ένας κάτοικος.

The signs go up next spring. 🎉
`;

async function paragraphs(epub: Uint8Array): Promise<Array<{ text: string; lang: string | null; dir: string | null }>> {
  const zip = await JSZip.loadAsync(epub);
  const doc = parseXml(await zip.file('OEBPS/chapter-1.xhtml')!.async('string'), 'chapter-1.xhtml');
  return Array.from(doc.getElementsByTagName('p')).map((p) => ({ text: p.textContent ?? '', lang: p.getAttribute('lang'), dir: p.getAttribute('dir') }));
}

describe('other scripts', () => {
  it('marks each paragraph written in another script with its language and direction', async () => {
    const article = await prepare(MIXED, '.txt');
    expect(article.meta).toMatchObject({ lang: 'en', dir: 'ltr' });
    const marks = article.tree.children.map((node) => (node.data as { hProperties?: unknown } | undefined)?.hProperties);
    expect(marks).toEqual([undefined, undefined, { lang: 'ru' }, { lang: 'he', dir: 'rtl' }, { lang: 'ar', dir: 'rtl' }, { lang: 'el' }, undefined]);
  });

  it('carries lang and dir into the EPUB and every word into both books', async () => {
    const file = articleFile(MIXED, '.txt');
    const book = await build(file);
    const found = await paragraphs(book.epub);
    expect(found.find((p) => p.text.startsWith('«Мы'))).toMatchObject({ lang: 'ru', dir: null });
    expect(found.find((p) => p.text.includes('אנחנו'))).toMatchObject({ lang: 'he', dir: 'rtl' });
    expect(found.find((p) => p.text.includes('نحن'))).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect(found.find((p) => p.text.includes('The signs'))).toMatchObject({ lang: null, dir: null });
    // Every word, the Arabic and Hebrew ones too, reads back from both books (the PDF's shaped glyphs carry their true text).
    expect(await verifyFidelity({ files: [file], diagnostics: book.diagnostics, epub: book.epub, pdf: book.pdf })).toEqual([]);
  });

  it('marks a Latin paragraph inside a right-to-left article as left-to-right', async () => {
    const article = await prepare(
      `مجلس المدينة يناقش اللافتات الجديدة\n\nاجتمع مجلس المدينة يوم الثلاثاء لمناقشة اللافتات الجديدة التي ستطبع بأربع لغات في وسط المدينة. وقال رئيس المجلس إن اللافتات ستساعد الزوار والسكان على حد سواء، وإن العمل سيبدأ في الربيع المقبل بعد موافقة اللجنة.\n\n"We are glad our language will be on every sign," said a resident who has lived here for thirty years.\n`,
      '.txt',
    );
    expect(article.meta).toMatchObject({ lang: 'ar', dir: 'rtl' });
    expect((article.tree.children[2]!.data as { hProperties?: unknown }).hProperties).toEqual({ lang: 'en', dir: 'ltr' });
  });

  it('tells Japanese from Chinese by its kana, and leaves an all-CJK article alone', async () => {
    const article = await prepare(
      `東京で新しい図書館が開館\n\n東京都は火曜日、新しい図書館を開館したと発表しました。多くの市民が訪れました。\n\n新图书馆周二在东京开馆，许多市民前来参观。\n`,
      '.txt',
    );
    const marks = article.tree.children.map((node) => (node.data as { hProperties?: unknown } | undefined)?.hProperties);
    expect(marks).toEqual([undefined, undefined, { lang: 'zh' }]);
  });
});
