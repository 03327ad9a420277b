/** The head of an article in a whole-page scrape: which line is the headline, which the byline, in several languages. */
import { describe, expect, it } from 'vitest';
import { body, FOOTER, MENU, printed, readScrape, SENTENCE } from '../helpers/scrape.js';
import { normaliseDate } from '../../pipeline/extract/index.js';

describe('the headline', () => {
  it.each([
    [
      'en',
      'River bank repairs finish ahead of the spring floods',
      'Crews worked through the winter to close the breach, and the town is pleased with the result.',
      'Get more news',
      'Dec. 6, 2024, 10:00 PM UTC',
      'By Jane Doe and Sam Lee',
    ],
    [
      'de',
      'Uferarbeiten vor dem Frühjahrshochwasser beendet',
      'Die Arbeiter haben den ganzen Winter über gearbeitet, und die Stadt ist mit dem Ergebnis zufrieden.',
      'Mehr erfahren',
      '6. Dezember 2024',
      'Von Max Muster',
    ],
    [
      'it',
      'Finiti i lavori sulla riva prima delle piene di primavera',
      'Gli operai hanno lavorato per tutto l’inverno e il comune è contento del risultato ottenuto.',
      'Leggi anche',
      '6 dicembre 2024',
      'Di Mario Rossi',
    ],
  ])('%s: stands over its deck, though a short line sits between the deck and the date', async (lang, headline, deck, promo, date, byline) => {
    const article = await readScrape(`${MENU}\n${headline}\n${deck}\n${promo}\n${date}\n${byline}\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe('2024-12-06');
  });

  it.each([
    ['fr', 'Écrans : «Vape Wave», «6 Days», «Alphonse Président»…', 'Par Jean Dupont — 24 novembre 2017 à 18:42'],
    ['de', 'Merkel: »Wir schaffen das« gilt nicht mehr', 'Von Max Muster, 24. November 2017'],
    ['ru', 'Модель: «Посмотри на красотку, которая стала старухой»', 'Автор: Лида Буслаева, 24 ноября 2017'],
  ])('%s: may quote in guillemets, which are paired', async (lang, headline, byline) => {
    const article = await readScrape(`${MENU}\nÀ la une\n${headline}\n${byline}\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe('2017-11-24');
  });

  it('is no pager or breadcrumb whose guillemets point ("« Vorige | Nächste »", "Actualité » Monde")', async () => {
    const article = await readScrape(`${MENU}\n« Vorige | Nächste »\nActualité » Monde » Europe\nVon Max Muster\n${body('de')}\n${FOOTER}`);
    // No headline on the page: the title comes from the file name.
    expect(article.meta.title).toBe('Article');
  });

  it('is no photo credit between bars, no line opening with a dash and no quoted sentence', async () => {
    const article = await readScrape(
      `${MENU}\nFerry returns to the harbour after a winter away\n"The crossing is the town's lifeline, and it is back."\n— Mayor Ann Smith on Monday, in a speech at the pier\nAlex Wong | Getty Images\nBy Sam Lee\n${body('en')}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe('Ferry returns to the harbour after a winter away');
    expect(article.meta.byline).toEqual(['Sam Lee']);
  });

  it.each([
    ['en', 'This River Bank Is So Fixed!', 'Older Article\nNewer Article\non March 10, 2015 by Jane Doe\nin Featured Article Rivers Towns'],
    ['es', '¡El puente del río vuelve a abrir!', 'Artículo anterior\nArtículo siguiente\nel 10 de marzo de 2015 por Ana García\nen Ciudad Ríos Obras'],
    ['fr', 'Le pont du fleuve rouvre enfin !', 'Article précédent\nArticle suivant\nle 10 mars 2015 par Marie Dubois\ndans Ville Fleuves Travaux'],
  ])('%s: may end in an exclamation mark; a line opening with a function word in lower case goes on from the line above', async (lang, headline, lines) => {
    const article = await readScrape(`${MENU}\n${headline}\n${lines}\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
  });

  it.each([
    ['Budget plans will cost the town more than its roads in 2023.CreditJeon Heon-Kyun/EPA, via Shutterstock', 'en'],
    ['Die Stadt zahlt bald mehr für Zinsen als für ihre Straßen 2023.FotoAnna Schmidt/dpa', 'de'],
    ['FROM unnest(array[2, 3, 5]) AS level', 'en'],
    ['WITH readings AS (', 'en'],
    ['gauge_level > alert_level', 'en'],
  ])('is no caption run into its credit and no line of code: "%s"', async (line, lang) => {
    const headline = lang === 'de' ? 'Die Stadt zahlt bald mehr für Zinsen als für Straßen' : 'Debt Payments Will Soon Pass the Road Budget';
    const article = await readScrape(`${MENU}\n${headline}\n${SENTENCE[lang]}\n${line}\n${lang === 'de' ? 'Von Anna Schmidt' : 'By Jane Doe'}\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
  });

  it('is not a bare name standing above it, which does not anchor it (an author box)', async () => {
    const article = await readScrape(
      `${MENU}\nJoseph Cox\n14 min read\nFeatured Close Publish Changes\nSign in\nJoseph Cox\non Mar 27 · 14 min\nNext story\nInside the River Bank Repair Yard\nShare on Twitter\nShare by email\nInside the River Bank Repair Yard\n${body('en')}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe('Inside the River Bank Repair Yard');
    expect(article.meta.byline).toEqual(['Joseph Cox']);
  });
});

describe('a byline without a byline word', () => {
  it.each([
    ['en', 'Alex Perry 1 day ago', 'Alex Perry'],
    ['es', 'Ana María García hace 2 horas', 'Ana María García'],
    ['pt', 'João Pedro Silva há 3 horas', 'João Pedro Silva'],
    ['de', 'Max Muster vor 2 Stunden', 'Max Muster'],
    ['ru', 'Лида Буслаева 5 часов назад', 'Лида Буслаева'],
  ])('%s: a name with a relative date, past share buttons, under the headline', async (lang, line, name) => {
    const article = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\nTech Desk\n${line}\nShare\nShare\nTweet\nEmail\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe('River Bank Works Finish Early This Year');
    expect(article.meta.byline).toEqual([name]);
  });

  it('a name with an initial (some stoplists hold single letters), past a "Follow" button, over its dateline', async () => {
    const article = await readScrape(`${MENU}\nSamantha and The Great Big Lie\nJohn C. Welch\nFollow\nOct 15, 2015 · 18 min read\n${body('en')}\n${FOOTER}`);
    expect(article.meta.title).toBe('Samantha and The Great Big Lie');
    expect(article.meta.byline).toEqual(['John C. Welch']);
    expect(article.meta.date).toBe('2015-10-15');
  });

  it('a name over a job title, with the date run into the site name under it', async () => {
    const article = await readScrape(`${MENU}\nThese are the 8 coolest river walks\nBen Silverman\nGames Editor\nYahoo FinanceOctober 13, 2016\nReblog\n${body('en')}\n${FOOTER}`);
    expect(article.meta.title).toBe('These are the 8 coolest river walks');
    expect(article.meta.byline).toEqual(['Ben Silverman']);
    expect(article.meta.date).toBe('2016-10-13');
  });

  it('a name over its date run into the reading time ("on Feb 244 min"), above the headline, which the body does not reach back past', async () => {
    const prompt = 'The author chose to keep this story unlisted, which means only people with the link can see it. Do you want to share it?';
    const article = await readScrape(
      `Ready to publish?\nJane Doe\n4 min read\nSign in\nJane Doe\non Feb 244 min\nNext story\n${prompt}\nOn Rivers and Their Banks\nShare\n${body('en')}\n${FOOTER}`,
    );
    expect(article.meta.byline).toEqual(['Jane Doe']);
    // A day without a year dates nothing.
    expect(article.meta.date).toBeUndefined();
    expect(printed(article)).not.toContain('unlisted');
    expect(printed(article)).toContain(`${SENTENCE.en} (1)`);
  });

  it.each([
    ['en', 'Author:', 'Practical Horseman Editorial Staff'],
    ['fr', 'Par', 'Jean-Marc Dupont'],
    ['es', 'Autor:', 'Ana María García'],
  ])('%s: the name on the line after a byline word alone ("%s")', async (lang, marker, name) => {
    const article = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\n${marker}\n${name}\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe('River Bank Works Finish Early This Year');
    expect(article.meta.byline).toEqual([name]);
  });

  it('not a name over a headline that names a month ("4 Things to Do in October" is no date)', async () => {
    const article = await readScrape(`${MENU}\nPractical Horseman Extra\nSubscribe\n4 Things to Do in October\n${body('en')}\n${FOOTER}`);
    expect(article.meta.byline).toBeUndefined();
  });

  it('not a credit with a date ("Source: Russian Defense Ministry, October 25, 2019")', async () => {
    const article = await readScrape(
      `${MENU}\nRussia and Syria: Forces Blocking Refugee Return\nNovember 18, 2019\n${body('en', 1)}\nSource: Russian Defense Ministry, October 25, 2019\n${body('en')}\n${FOOTER}`,
    );
    expect(article.meta.byline).toBeUndefined();
    expect(article.meta.title).toBe('Russia and Syria: Forces Blocking Refugee Return');
  });

  it('not a "by" line after the body\'s second paragraph (promoted links)', async () => {
    const paragraphs = Array.from({ length: 3 }, () => `${SENTENCE.en} ${SENTENCE.en}`).join('\n');
    const article = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\n${paragraphs}\nby Taboola\nPromoted Links\n${FOOTER}`);
    expect(article.meta.byline).toBeUndefined();
    expect(printed(article)).toContain('The council said on Monday');
  });
});

describe('a byline at the end of the article, when its head has none', () => {
  /** Paragraphs of two sentences: long lines of prose, past which the head's search does not reach. */
  const paragraphs = (lang: string): string => Array.from({ length: 6 }, (_, i) => `${SENTENCE[lang]} ${SENTENCE[lang]} (${i + 1})`).join('\n');

  it.each([
    ['en', 'Jane Doe — 2013-09-29— in Code — Permalink — License', 'Jane Doe', '2013-09-29'],
    ['de', 'Max Muster | 29. September 2013 | Kommentare', 'Max Muster', '2013-09-29'],
    ['fr', 'Marie Dubois • 29 septembre 2013 • Partager', 'Marie Dubois', '2013-09-29'],
    ['zh', '责任编辑：王小明', '王小明', undefined],
  ])("%s: the post's signature, the first line after its text", async (lang, line, name, date) => {
    const article = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\n${paragraphs(lang)}\n${line}\nHome\nAbout\nContact\n${FOOTER}`);
    expect(article.meta.byline).toEqual([name]);
    expect(article.meta.date).toBe(date);
    expect(printed(article)).not.toContain(line);
  });

  it('also when a link to the next post follows it', async () => {
    const article = await readScrape(
      `${MENU}\nRiver Bank Works Finish Early This Year\n${paragraphs('en')}\nJane Doe — 2013-09-29 — in Code\n${SENTENCE.en}\nHome\nAbout\n${FOOTER}`,
    );
    expect(article.meta.byline).toEqual(['Jane Doe']);
  });

  it("not another story's byline further down (a teaser under a heading), nor a widget's (\"by Taboola\": one word is no person's name)", async () => {
    const article = await readScrape(
      `${MENU}\nRiver Bank Works Finish Early This Year\n${paragraphs('en')}\nMore from the river desk\nBoats return to the harbour\nBy John Roe\n${FOOTER}`,
    );
    expect(article.meta.byline).toBeUndefined();
    const promoted = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\n${paragraphs('en')}\nby Taboola\nPromoted Links\n${FOOTER}`);
    expect(promoted.meta.byline).toBeUndefined();
  });

  it("not over the head's own byline", async () => {
    const article = await readScrape(`${MENU}\nRiver Bank Works Finish Early This Year\nBy Jane Doe\n${paragraphs('en')}\nBy John Roe\n${FOOTER}`);
    expect(article.meta.byline).toEqual(['Jane Doe']);
  });
});

describe('a Chinese head', () => {
  it('names the editor in charge after the date and the source, labels run together ("作者：责任编辑：")', async () => {
    const article = await readScrape(`首页\n新闻\n河岸修缮工程提前完工，居民春天才收到通知\n2019-05-03 10:43:03来源：示例日报作者：责任编辑：王小明\n${body('zh')}\n${FOOTER}`);
    expect(article.meta.title).toBe('河岸修缮工程提前完工，居民春天才收到通知');
    expect(article.meta.byline).toEqual(['王小明']);
    expect(article.meta.date).toBe('2019-05-03');
  });
});

describe('dates run into the words before them', () => {
  it.each([
    ['en', 'Yahoo FinanceOctober 13, 2016', '2016-10-13'],
    ['fr', 'Le FigaroMardi 13 octobre 2016', '2016-10-13'],
    ['de', 'Der SpiegelDienstag 13. Oktober 2016', '2016-10-13'],
  ])('%s: %s', (lang, text, date) => {
    expect(normaliseDate(text, lang)).toBe(date);
  });
});

describe('an article split by listings and charts: the head is found at its start', () => {
  /** A code listing of `n` lines, as Select All copies it: short lines of code marks, a few bare words. */
  const listing = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) => [`const level${i} = read(gauge, ${i});`, `if (level${i} > limit) {`, `alert(level${i});`, '}', 'else', `log(level${i}, "steady");`][i % 6],
    ).join('\n');
  const HEAD: Record<string, [string, string]> = {
    en: ['River Gauges Now Report Every Minute', 'By Jane Doe'],
    de: ['Pegel am Fluss melden jetzt jede Minute', 'Von Anna Schmidt'],
    fr: ['Les capteurs du fleuve mesurent chaque minute', 'Par Marie Dubois'],
    es: ['Los sensores del río miden cada minuto', 'Por Ana García'],
    ru: ['Датчики на реке теперь передают данные каждую минуту', 'Автор Анна Иванова'],
  };

  it.each(Object.keys(HEAD))('%s: over listings longer than twenty lines, with a paragraph between them', async (lang) => {
    const [headline, byline] = HEAD[lang]!;
    // Paragraphs of two sentences, as a tutorial's are between its listings.
    const paragraphs = (n: number, from: number): string => Array.from({ length: n }, (_, i) => `${SENTENCE[lang]} ${SENTENCE[lang]} (${i + from})`).join('\n');
    const article = await readScrape(`${MENU}\n${headline}\n${byline}\n${paragraphs(1, 1)}\n${listing(40)}\n${paragraphs(1, 9)}\n${listing(40)}\n${paragraphs(8, 10)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toEqual([byline.split(' ').slice(1).join(' ')]);
    expect(printed(article)).toContain(`${SENTENCE[lang]} (1)`);
    expect(printed(article)).toContain(`${SENTENCE[lang]} (9)`);
  });

  it('over a chart whose labels the page prints twice (figures a page repeats are not data it can tell from a teaser list)', async () => {
    const chart = ['Interest payments on the debt', '$915', 'billion', '$263', 'billion', '600', '300', '0', '’17', '’18', '’19', '’20', '’21', '’22'].join('\n');
    const paragraphs = (n: number, from: number): string => Array.from({ length: n }, (_, i) => `${SENTENCE.en} ${SENTENCE.en} (${i + from})`).join('\n');
    const article = await readScrape(
      `${MENU}\nDebt Payments Will Soon Pass the Military Budget\nBy Jane Doe\n${paragraphs(2, 1)}\n${chart}\n${chart}\nBy The Times | Source: Budget Office\n${paragraphs(1, 3)}\n${chart}\n${paragraphs(8, 4)}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe('Debt Payments Will Soon Pass the Military Budget');
    expect(article.meta.byline).toEqual(['Jane Doe']);
    expect(printed(article)).toContain(`${SENTENCE.en} (1)`);
    expect(printed(article)).toContain(`${SENTENCE.en} (3)`);
  });

  it('but not over a menu, nor over other stories with their decks and times', async () => {
    const teasers = Array.from(
      { length: 6 },
      (_, i) =>
        `Farmers paint their cows with zebra stripes number ${['one', 'two', 'three', 'four', 'five', 'six'][i]}\n${SENTENCE.en!.replace('council', `mayor ${i}`)}\n${i + 1}H ago`,
    ).join('\n');
    const article = await readScrape(
      `${MENU}\nRiver Gauges Now Report Every Minute\nBy Jane Doe\n${body('en', 8)}\n${listing(4)}\nMore in World\n${teasers}\nWorld\nBusiness\nCulture\nTravel\nScience\n${body('de', 3)}\n${FOOTER}`,
    );
    expect(printed(article)).toContain(`${SENTENCE.en} (8)`);
    expect(printed(article)).not.toContain('zebra');
    expect(printed(article)).not.toContain('mayor');
    expect(printed(article)).not.toContain(SENTENCE.de);
  });
});

describe('an article that is a list under its head', () => {
  const LIST: Record<string, [string, string, string[], string]> = {
    pt: [
      'Calendário da Fórmula Regional 2018',
      'segunda-feira, 22 de janeiro de 2018 às 0:13',
      [
        '1a etapa: 10 de março – Interlagos',
        '2a etapa: 8 de abril – Curitiba',
        '3a etapa: 22 de abril – Velopark',
        '4a etapa: 6 de maio – Londrina',
        '5a etapa: 20 de maio – Santa Cruz',
        '6a etapa: 5 de agosto – Goiânia',
      ],
      'ATENÇÃO: Comentários com textos ininteligíveis ou que faltem com o respeito aos outros leitores serão apagados pela nossa equipe de moderação, sem aviso prévio.',
    ],
    de: [
      'Termine der Regionalliga 2018',
      'Veröffentlicht am 22. Januar 2018',
      [
        '1. Lauf: 10. März – Hockenheim',
        '2. Lauf: 8. April – Oschersleben',
        '3. Lauf: 22. April – Lausitz',
        '4. Lauf: 6. Mai – Nürburgring',
        '5. Lauf: 20. Mai – Sachsenring',
        '6. Lauf: 5. August – Norisring',
      ],
      'Hinweis: Kommentare, die beleidigend sind oder nichts mit dem Thema zu tun haben, werden von der Redaktion ohne weitere Ankündigung gelöscht, wie es in unseren Regeln steht.',
    ],
  };

  it.each(Object.keys(LIST))('%s: a race calendar under a headline and its dateline, though the densest prose is a comments notice below', async (lang) => {
    const [headline, dateline, items, notice] = LIST[lang]!;
    const article = await readScrape(
      `${MENU}\nRegionalliga\n${headline.replace(/ 2018$/, '')}\n${headline}\n${dateline}\nShare this on WhatsApp\n${items.join('\n')}\nwww.example.com\nTags\n${notice}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toBeUndefined();
    for (const item of items) expect(printed(article)).toContain(item);
    expect(printed(article)).not.toContain(notice.slice(0, 20));
  });

  it("but not a list under a headline without a dateline or byline (another story's times)", async () => {
    const items = [
      '10:42 Ferry timetable changes',
      '10:15 Bridge lights for the festival',
      '09:58 Market square to close',
      '09:30 Train strike called off',
      '09:02 Five walks for the weekend',
    ];
    const article = await readScrape(`${MENU}\nLatest\nRiver Gauges Now Report Every Minute\n${items.join('\n')}\n${body('en', 6)}\n${FOOTER}`);
    // The last item, a short line right above the prose, may be kept as a caption is; the list is not the article.
    for (const item of items.slice(0, -1)) expect(printed(article)).not.toContain(item);
    expect(printed(article)).toContain(`${SENTENCE.en} (1)`);
  });
});
