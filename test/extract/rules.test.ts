/** The per-language rules, one by one: bylines, dates, credits, furniture. */
import { describe, expect, it } from 'vitest';
import { normaliseDate, parseByline } from '../../pipeline/extract/index.js';
import { findDate, isYearlessDateline, wordsBesideDates } from '../../pipeline/extract/dates.js';
import { compileRules } from '../../pipeline/extract/rules.js';
import { loadTemplate } from '../../pipeline/layout/index.js';

const rules = loadTemplate('default').extract;
const compiled = compileRules(rules);

describe('bylines in seven languages', () => {
  it.each([
    ['en', 'By Jane Doe and John Roe, Staff Writers | May 3, 2024', ['Jane Doe', 'John Roe']],
    ['en', 'BY MARIA VAN DER BERG', ['MARIA VAN DER BERG']],
    ['en', 'By Erin Cunningham March 18 at 3:57 PM Follow @erin', ['Erin Cunningham']],
    ['de', 'Von Max Muster und Erika Beispiel', ['Max Muster', 'Erika Beispiel']],
    ['fr', 'Par Jean Dupont et Marie Curie', ['Jean Dupont', 'Marie Curie']],
    ['es', 'Por Ana María García y Luis Pérez', ['Ana María García', 'Luis Pérez']],
    ['it', 'Di Mario Rossi', ['Mario Rossi']],
    ['pt', 'Por João da Silva', ['João da Silva']],
    ['ru', 'Автор: Иван Петров', ['Иван Петров']],
    ['en', 'by Lucas Nolan22 Dec 2016651', ['Lucas Nolan']],
    ['fr', 'Par Jean Dupont24 novembre 2017', ['Jean Dupont']],
    ['pt', 'Por Bruno (Henrique Zecchin) Rodrigues', ['Bruno (Henrique Zecchin) Rodrigues']],
    ['en', 'By Jane Doe (AP) May 3, 2024', ['Jane Doe']],
    ['de', 'Von Mac & i', ['Mac & i']],
    ['en', 'By Jane Doe & John Roe', ['Jane Doe', 'John Roe']],
    ['en', 'By Jonathan GarberFOXBusiness', ['Jonathan Garber']],
    ['en', 'By Ronald McDonald and LaToya DeShawn', ['Ronald McDonald', 'LaToya DeShawn']],
    ['es', 'Por Ana Ruiz Soto, Luis Pérez y Marta Gil', ['Ana Ruiz Soto', 'Luis Pérez', 'Marta Gil']],
    ['de', 'Von Max Muster, Erika Beispiel und Hans Meier', ['Max Muster', 'Erika Beispiel', 'Hans Meier']],
    ['fr', 'Par Jean Dupont, Marie Curie et Paul Martin', ['Jean Dupont', 'Marie Curie', 'Paul Martin']],
    ['ru', 'Авторы: Иван Петров и Анна Смирнова', ['Иван Петров', 'Анна Смирнова']],
    ['en', 'By Jane Doe, John Roe, and Sam Lee', ['Jane Doe', 'John Roe', 'Sam Lee']],
    ['en', 'Written by Jane Doe, MS, RD on March 3, 2024', ['Jane Doe']],
    ['en', 'By Jane Doe, PhD, and John Roe, MD', ['Jane Doe', 'John Roe']],
    ['zh', '责任编辑：王小明', ['王小明']],
    ['zh', '作者：责任编辑：李华', ['李华']],
    ['zh', '记者 张伟、刘洋', ['张伟', '刘洋']],
    ['zh', '責任編輯：陳大文', ['陳大文']],
  ])('%s: %s', (lang, line, names) => {
    expect(parseByline(line, rules, lang)).toEqual(names);
  });

  it('takes "Text" and "Текст" for a byline word only as a label with its colon (a video player’s "Text Edge Style" is none)', () => {
    expect(parseByline('Text: Max Muster', rules, 'de')).toEqual(['Max Muster']);
    expect(parseByline('Text Edge Style', rules, 'de')).toBeUndefined();
    expect(parseByline('Текст: Иван Петров', rules, 'ru')).toEqual(['Иван Петров']);
    expect(parseByline('Текст песни', rules, 'ru')).toBeUndefined();
  });

  it('is not fooled by prose that opens with "By"', () => {
    expect(parseByline('By the time the rain stopped, the river had risen by a metre.', rules, 'en')).toBeUndefined();
    expect(parseByline('Jane Doe', rules, 'en')).toBeUndefined();
    expect(parseByline('Jane Doe', rules, 'en', { prefixOptional: true })).toEqual(['Jane Doe']);
  });
});

describe("a dateline's opening word", () => {
  it.each([
    ['fr', 'Publié le 3 mai 2019 à 10h43'],
    ['ru', 'Опубликовано 3 мая 2019'],
    ['zh', '发布时间：2019-05-03 10:43'],
    ['de', 'Veröffentlicht am 3. Mai 2019'],
  ])('%s: "%s" opens with one, though its last letter is not ASCII', (_lang, line) => {
    expect(compiled.dateline.test(line)).toBe(true);
  });

  it('is a whole word: "Publiées", "Updatedness" are not', () => {
    expect(compiled.dateline.test('Publiées hier')).toBe(false);
    expect(compiled.dateline.test('Updatedness of the list')).toBe(false);
  });
});

describe('dates in the page language', () => {
  it.each([
    ['en', 'Updated 3:27 am PST, Wednesday, November 20, 2019', '2019-11-20'],
    ['en', '2019-11-20T23:30:00-05:00', '2019-11-20'],
    ['de', 'Veröffentlicht am 13. Januar 2014', '2014-01-13'],
    ['fr', 'Publié le 20 novembre 2019 à 10h43', '2019-11-20'],
    ['es', 'Actualizado el 20 de noviembre de 2019', '2019-11-20'],
    ['it', 'Pubblicato il 20 novembre 2019', '2019-11-20'],
    ['pt', 'Publicado em 20 de novembro de 2019', '2019-11-20'],
    ['ru', '20 ноября 2019', '2019-11-20'],
    ['pt', '21.dez.2018 às 12h55', '2018-12-21'],
    ['cs', 'Aktualizováno 1. 11. 2021 10:52', '2021-11-01'],
    ['en', '1.11.2021', '2021-11-01'],
  ])('%s: %s', (lang, value, date) => {
    expect(normaliseDate(value, lang)).toBe(date);
  });

  it.each(['Updated 6:42 AM', 'Veröffentlicht am 3. März 2024', 'Publié 3 mars 2024', 'Publicado el 3 de marzo', 'Обновлено 12 марта 2024', 'Опубликовано: 12 марта'])(
    'knows "%s" for a dateline by its opening word, in letters beyond ASCII too',
    (line) => {
      expect(compiled.dateline.test(line)).toBe(true);
    },
  );

  it('knows a dateline that writes no year for the head’s furniture, and takes no date from it', () => {
    for (const [line, lang] of [
      ['Updated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM', 'en'],
      ['Aktualisiert am 3. März, 10:15 Uhr', 'de'],
      ['Publié le 3 mars à 10h43', 'fr'],
    ] as const) {
      expect(isYearlessDateline(line, lang, compiled.dateline)).toBe(true);
      expect(normaliseDate(line, lang)).toBeUndefined();
    }
    expect(isYearlessDateline('Updated with a statement from the council on the ferry timetable for March', 'en', compiled.dateline)).toBe(false);
    expect(isYearlessDateline('Nov 19, 6:55 AM', 'en', compiled.dateline)).toBe(false);
    expect(isYearlessDateline('Published 22 hours ago', 'en', compiled.dateline)).toBe(false);
  });

  it('takes no word that only begins as a dateline word does ("Dated", "Leader", "Standard")', () => {
    for (const line of ['Dated furniture, fresh paint', 'Leader of the council', 'Standard rates apply']) expect(compiled.dateline.test(line)).toBe(false);
  });

  it('finds a day run into the reading time after it ("on Feb 244 min", "mar 2714 min"), a date without a year', () => {
    expect(findDate('on Feb 244 min', 'en')).toBe(3);
    expect(wordsBesideDates('on Feb 244 min', 'en')).toBe(2);
    expect(findDate('mar 2714 min', 'es')).toBe(0);
    expect(normaliseDate('on Feb 244 min', 'en')).toBeUndefined();
    // Four digits that make a year stay one; a word that is no month gives no date.
    expect(wordsBesideDates('March 2014 sales', 'en')).toBe(1);
    expect(findDate('Room 2714 min', 'en')).toBeUndefined();
    // Where a date starts is told in the text as given, whatever was unglued before it.
    expect(findDate('Room 2714 min March 3, 2024', 'en')).toBe(14);
  });

  it('invents no year, and refuses what is not a date', () => {
    expect(normaliseDate('Updated Tuesday at 6:42 AM', 'en')).toBeUndefined();
    expect(normaliseDate('March 3', 'en')).toBeUndefined();
    expect(normaliseDate('not a date', 'en')).toBeUndefined();
    expect(normaliseDate('2024-02-30', 'en')).toBeUndefined();
  });

  it('takes no relative word for a date: "now", "today", "2 days ago" are the day the page was read, not written', () => {
    expect(normaliseDate('Tablet Pro Now Available', 'en')).toBeUndefined();
    expect(normaliseDate('2 days ago at 07:52 am', 'en')).toBeUndefined();
    expect(normaliseDate('Heute, 10:15 Uhr', 'de')).toBeUndefined();
    expect(normaliseDate("Aujourd'hui à 10h43", 'fr')).toBeUndefined();
    expect(normaliseDate('Hoy a las 10:43', 'es')).toBeUndefined();
    expect(normaliseDate('11.03.17 in Gadgets', 'en')).toBe('2017-11-03');
  });
});

describe('photo credits and furniture words from every language', () => {
  it.each([
    'Readers at the opening. Photo: Kim Park/The Daily Ledger',
    'Die Haltestelle. Foto: Erika Beispiel/dpa',
    'La place. Crédit photo : Jean Dupont',
    'La plaza. (Foto/Luis Pérez)',
    'Площадь. Фото: Иван Петров',
    'The talks in Bishkek. Vladimir Voronin/AP',
  ])('finds the credit in "%s"', (caption) => {
    expect(compiled.credits.some((pattern) => pattern.test(caption))).toBe(true);
  });

  it.each(['Share', 'Facebook Twitter Email', 'Anzeige', 'Partager', 'Compartir', 'Condividi', 'Compartilhar', 'Поделиться', 'Image 1 of 13', 'Back to Gallery'])(
    '"%s" is furniture',
    (line) => {
      expect(compiled.junk.test(line)).toBe(true);
    },
  );

  it.each(['Share prices fell sharply on Monday.', 'Facebook said it would appeal.', 'Anzeigen gegen den Bürgermeister'])('"%s" is not', (line) => {
    expect(compiled.junk.test(line)).toBe(false);
  });
});

describe('slugs from headlines in other languages: Latin as ASCII, other scripts as written', () => {
  it.each([
    ['Straßenbahn fährt wieder durch die Altstadt', 'strassenbahn-fahrt-wieder-durch-die-altstadt'],
    ['Ærø og Øresund', 'aero-og-oresund'],
    ['Łódź świętuje', 'lodz-swietuje'],
    ['Les cœurs de Noël', 'les-coeurs-de-noel'],
    ['Москва: новые правила', 'москва-новые-правила'],
    ['엘제이-류화영 진흙탕 싸움', '엘제이-류화영-진흙탕-싸움'],
    ['商品の改造が商標法違反に！？', '商品の改造が商標法違反に'],
    ['اشتباكات مسلحة قرب الحدود', 'اشتباكات-مسلحة-قرب-الحدود'],
    ['!!!', 'article'],
  ])('%s → %s', async (title, slug) => {
    const { slugify } = await import('../../pipeline/structure/slug.js');
    expect(slugify(title, 'article')).toBe(slug);
  });
});

describe('counters of views and shares', () => {
  const template = loadTemplate('default');
  const counter = (line: string): boolean => template.extract.boilerplate.some((source) => new RegExp(source, 'iu').test(line));
  it.each(['3.409\nletture', '653,817 VIEWS', '1.2k shares', '12 345 Aufrufe', '1 234 просмотра', '5.000 visualizações'])('"%s" is web furniture', (line) => {
    expect(counter(line)).toBe(true);
  });
  it.each(['Views on the war', '2019 views of the harbour were sold', '12 comments'])('"%s" is not', (line) => {
    expect(counter(line)).toBe(false);
  });
});
