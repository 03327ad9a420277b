/**
 * The article's language: the source's own when its script is the text's, detection otherwise,
 * and on a short text a plausible language (the template's) near franc's best rather than franc's
 * first guess among close languages (Russian taken for Serbian or Bulgarian).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { detectAmong, detectLanguage } from '../../pipeline/structure/language.js';
import { plausibleLanguage } from '../../pipeline/structure/language.js';
import { wordCount } from '../../pipeline/structure/context.js';

const template = loadTemplate('default');
const folder = mkdtempSync(join(tmpdir(), 'galley-language-'));
const CYRILLIC = ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd', 'kaz'];

/** A 58-character Russian line that franc-min alone scores Serbian 1.00, Bulgarian 0.94, Russian 0.93. */
const SHORT_RUSSIAN = 'Москва, 12 марта. Власти города объявили о новых правилах.';
const LONG_UKRAINIAN =
  'Київська міська рада ухвалила рішення про будівництво нового мосту через Дніпро. За словами депутатів, роботи розпочнуться наступного року і триватимуть щонайменше чотири роки. Мешканці лівого берега давно чекали на цей проєкт, адже щоранку вони стоять у заторах. Міський голова пообіцяв, що вартість проєкту буде оприлюднена до кінця місяця, а підрядника оберуть на відкритих торгах.';

describe('detection on short text', () => {
  it('prefers a plausible language scored near the best on a short Russian line, where franc alone answers Serbian', () => {
    expect(detectLanguage(SHORT_RUSSIAN, 'en')).toBe('sr');
    expect(detectLanguage(SHORT_RUSSIAN, 'en', ['en', 'de', 'ru'])).toBe('ru');
    expect(detectAmong(SHORT_RUSSIAN, CYRILLIC, 'ru', ['en', 'ru'])).toBe('ru');
  });

  it('keeps franc’s answer on a long text, or when no plausible language is near it', () => {
    expect(detectLanguage(LONG_UKRAINIAN, 'en', ['en', 'ru'])).toBe('uk');
    // Czech, short: no template language scores near Czech.
    expect(detectLanguage('Vláda ve středu schválila nový zákon o státním rozpočtu.', 'en', ['en', 'de', 'fr', 'es', 'it', 'pt'])).toBe('cs');
  });
});

describe('a declared language', () => {
  it.each([
    ['en', SHORT_RUSSIAN, false],
    ['ru', SHORT_RUSSIAN, true],
    ['sr', SHORT_RUSSIAN, true],
    ['pt-BR', 'O governo anunciou nesta segunda-feira novas medidas.', true],
    ['zh-CN', '宇航员在太空中喝酒会怎么样', true],
    ['ja', '宇航员在太空中喝酒会怎么样', true],
    ['en-US', '宇航员在太空中喝酒会怎么样', false],
    ['he', 'שלום לכולם', true],
  ])('%s is plausible for "%s": %s', (tag, text, plausible) => {
    expect(plausibleLanguage(tag, text)).toBe(plausible);
  });

  const page = (htmlLang: string, locale: string, paragraph: string) =>
    `<!DOCTYPE html><html lang="${htmlLang}"><head><meta charset="utf-8"><meta property="og:locale" content="${locale}"><title>Page</title></head><body><article><h1>Заголовок</h1>${`<p>${paragraph}</p>`.repeat(4)}</article></body></html>`;

  it('wins when its script is the text’s; a template’s lang="en" on a Russian page gives way to og:locale, or to detection', async () => {
    const write = (name: string, html: string) => {
      const file = join(folder, name);
      writeFileSync(file, html);
      return prepareArticle(file, template);
    };
    const paragraph = 'Власти города объявили о новых правилах парковки в центре, которые вступят в силу с первого числа следующего месяца.';
    expect((await write('declared-ru.html', page('ru', 'ru_RU', paragraph))).meta.lang).toBe('ru');
    expect((await write('locale-ru.html', page('en', 'ru_RU', paragraph))).meta.lang).toBe('ru-RU');
    const detected = await write('detected.html', page('en', 'en_US', paragraph));
    expect(detected.meta.lang).toBe('ru');
    expect(detected.diagnostics.map((d) => d.rule)).toContain('implausible-language');
  });

  it('gives way on a long article in another language of its script (lang="de" over English prose), and its quotation marks follow', async () => {
    const english =
      'The council voted on Tuesday to keep the night ferry running through the winter, after a petition signed by two thousand islanders. "We were heard," said the skipper, who has crossed the bay every night for twenty years.';
    const file = join(folder, 'english-as-german.html');
    writeFileSync(file, page('de', 'de_DE', english).replace('Заголовок', 'Night ferry saved').replaceAll(`<p>${english}</p>`, `<p>${english}</p>`.repeat(2)));
    const article = await prepareArticle(file, template);
    expect(article.meta.lang).toBe('en');
    expect(JSON.stringify(article.tree)).toContain('“We were heard,”');
    const german = join(folder, 'german.html');
    writeFileSync(
      german,
      page(
        'de',
        'de_DE',
        'Der Gemeinderat hat am Dienstag beschlossen, die Nachtfähre auch im Winter fahren zu lassen, nachdem zweitausend Inselbewohner eine Petition unterschrieben hatten. „Wir wurden gehört“, sagte der Kapitän.'.repeat(
          2,
        ),
      ),
    );
    expect((await prepareArticle(german, template)).meta.lang).toBe('de');
  });
});

describe('words in scripts written without spaces', () => {
  it('counts a Chinese sentence’s words, not its one run between spaces', () => {
    expect(wordCount('人们普遍认为，当一个人所处的海拔越高，喝醉后会越容易感到头昏。')).toBeGreaterThan(10);
    expect(wordCount('Harbour cranes return')).toBe(3);
  });

  it('sets no Chinese paragraph quoting a Latin acronym as a heading in a scrape (its letters are not capitals)', async () => {
    const file = join(folder, 'zh-scrape.txt');
    const line = '事实上，有证据表明，早在上世纪八十年代就澄清了这一传言。1985年，美国联邦航空管理局（UFAA）开展了一项研究。';
    const prose = '人们普遍认为，当一个人所处的海拔越高，喝醉后会越容易感到头昏。因此，人们自然地想到，当人身处地球轨道上时，饮酒会对人体有更强烈的致眩作用。';
    writeFileSync(file, `宇航员在太空中喝酒会怎么样\n\n${prose}\n\n${line}\n\n${prose}\n\n${prose}\n`);
    const article = await prepareArticle(file, template);
    const headings = article.tree.children.filter((node) => node.type === 'heading').map((node) => (node.type === 'heading' ? node.depth : 0));
    expect(headings).toEqual([1]);
    expect(article.meta.lang).toBe('zh');
  });
});
