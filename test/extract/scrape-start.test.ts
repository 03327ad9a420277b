/**
 * Where the article starts in a whole-page scrape when other stories stand before it: an author box with links to
 * the author's other stories, a list of teasers, a dateline over the headline, a table of contents between the
 * opening paragraphs and the rest. Several languages; the texts are our own.
 */
import { describe, expect, it } from 'vitest';
import { body, FOOTER, MENU, printed, readScrape, SENTENCE } from '../helpers/scrape.js';

describe('an author box above the article', () => {
  it.each([
    [
      'en',
      'Written by Ana Ruiz',
      ['Why You Should Check Your Smoke Alarms Every Spring', 'Clean a Burnt Pan With Salt and Warm Water', 'Plan Your Week Around the Chores You Dislike Most'],
      'How to Keep a Small Garden Alive Through a Dry Summer',
    ],
    [
      'de',
      'Geschrieben von Ana Ruiz',
      [
        'Warum Sie Ihre Rauchmelder Jedes Frühjahr Prüfen Sollten',
        'Eine Angebrannte Pfanne Mit Salz und Warmem Wasser Reinigen',
        'Die Woche Rund um die Lästigsten Arbeiten Planen',
      ],
      'Wie ein Kleiner Garten den Trockenen Sommer Übersteht',
    ],
    [
      'es',
      'Escrito por Ana Ruiz',
      ['Por Qué Revisar los Detectores de Humo Cada Primavera', 'Limpiar una Sartén Quemada con Sal y Agua Tibia', 'Planear la Semana en Torno a las Tareas Más Pesadas'],
      'Cómo Mantener Vivo un Pequeño Huerto Durante el Verano Seco',
    ],
  ])('%s: the name printed again under the headline is the byline; the box and its links are not the head', async (lang, box, links, headline) => {
    const article = await readScrape(`${MENU}\n${box}\n${links.join('\n')}\nFollow\n${headline}\n321,046\n36\nAna Ruiz\nFiled to: gardens\n${body(lang)}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toEqual(['Ana Ruiz']);
  });
});

describe('a dateline over the headline, with no byline', () => {
  it.each([
    [
      'en',
      'Sunday, Feb 1, 2015 11:57 AM UTC',
      'The river bank is open again: what the repairs cost and who paid for them',
      'The town spent a winter on the breach, and the bill has now been sent to the people who live along the water.',
      '2015-02-01',
    ],
    [
      'fr',
      'dimanche 1 février 2015',
      'La rive rouverte : ce que les travaux ont coûté et qui les a payés',
      'La ville a passé un hiver sur la brèche, et la facture vient d’être envoyée aux habitants qui vivent au bord de l’eau.',
      '2015-02-01',
    ],
    [
      'pt',
      '1 de fevereiro de 2015',
      'A margem do rio reabriu: quanto custaram as obras e quem as pagou',
      'A cidade passou um inverno na brecha, e a conta acaba de ser enviada aos moradores que vivem à beira da água.',
      '2015-02-01',
    ],
  ])('%s: the headline under the date and over its deck, not a teaser above the date', async (lang, date, headline, deck, iso) => {
    const teasers = [
      'A weekend guide to the markets along the old harbour wall Ann Smith',
      'Why the ferry timetable changed again and what comes next Sam Lee',
      'Ten walks for a cold morning beside the river and the lake Jo Park',
    ];
    const article = await readScrape(
      `${MENU}\n${teasers.join('\n')}\nLog out\n${date}\n${headline}\n${deck}\nShare\n0\nAll Share Services\nTopics: river, repairs, town\n${body(lang)}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe(iso);
  });
});

describe('a list of teasers between the headline and the byline', () => {
  it.each([
    ['en', 'Read on', 'Your guide to the town, in your inbox every morning.', 'By Jane Doe', 'Jane Doe'],
    ['de', 'Aus der Stadt', 'Ihr Überblick über die Stadt, jeden Morgen im Postfach.', 'Von Max Muster', 'Max Muster'],
    ['es', 'Seguir leyendo', 'Su guía de la ciudad, cada mañana en su correo.', 'Por Ana García', 'Ana García'],
  ])('%s: headlines each followed by the same few lines are other stories', async (lang, more, newsletter, byline, name) => {
    const headline = 'The Long Story of the River Bank and the Town That Fixed It';
    const teasers = [
      'The Best Ferry Rides of the Year So Far',
      'Some Friends Rebuilt an Old Boat Shed by Hand',
      'Market Stalls Return to the Harbour Wall in May',
      'A Weekend of Music Is Coming to the Old Mill',
    ];
    const list = teasers.map((teaser) => `${teaser}\n${more}`).join('\n');
    const article = await readScrape(
      `${MENU}\n${headline}\nYou may also like\n${list}\nSubscribe to our newsletter\n${newsletter}\nSubscribe\nSign up\n${byline}\n${body(lang)}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toEqual([name]);
  });
});

describe('a table of contents after the opening paragraphs', () => {
  it.each([
    ['en', 'Table of Contents', ['Measuring', 'Mending'], ['Water', 'Breach', 'Stones', 'Clay', 'Roots', 'Tides', 'Pumps', 'Walls', 'Gates', 'Drains', 'Banks']],
    ['de', 'Inhaltsverzeichnis', ['Messen', 'Reparieren'], ['Wasser', 'Bruchstelle', 'Steine', 'Lehm', 'Wurzeln', 'Gezeiten', 'Pumpen', 'Mauern', 'Tore', 'Abflüsse', 'Ufer']],
  ])('%s: its entries are the text’s own subheadings, so the article starts above it, under its head', async (lang, label, verbs, nouns) => {
    const headline = lang === 'de' ? 'Ein Ufer Mit Einfachen Mitteln Reparieren' : 'Repairing a River Bank With Plain Tools';
    const deck = lang === 'de' ? 'Probleme Erkennen, Bevor Sie Teuer Werden' : 'Find Problems Before They Become Floods';
    const sections = verbs.flatMap((verb) => nouns.map((noun) => `${verb}: ${noun}`));
    const opening = [1, 2, 3].map((n) => `${SENTENCE[lang]} (opening ${n})`).join('\n');
    const parts = sections.map((section, i) => `${section}\n${body(lang, 2)} [${i}]`).join('\n');
    const article = await readScrape(
      `Jane Doe\nAbout\nSubscribe\n21 September 2020\nRivers\n${headline}\n${deck}\n${opening}\n${label}\n${sections.join('\n')}\nConclusion\n${parts}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe('2020-09-21');
    expect(printed(article)).toContain(`${SENTENCE[lang]} (opening 1)`);
  });
});

/** Breaks a text into lines of at most `width` characters, the first at `indent` spaces, the rest four further in. */
function hardWrap(text: string, indent: number, width = 56): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((part, i) => `${' '.repeat(indent + (i > 0 ? 4 : 0))}${part}`).join('\n');
}

describe('a hard-wrapped scrape (a text browser’s dump)', () => {
  it.each([
    ['en', 'By Jane Doe', 'Jane Doe', 'River bank review: the repairs that kept the town dry all winter', 'But only the people by the water will notice it.'],
    ['de', 'Von Max Muster', 'Max Muster', 'Uferarbeiten im Test: was die Reparatur im Winter wirklich gebracht hat', 'Doch nur die Anwohner am Wasser werden es merken.'],
    ['fr', 'Par Marie Dubois', 'Marie Dubois', 'La rive à l’essai : ce que les travaux ont vraiment changé cet hiver', 'Mais seuls les riverains le remarqueront vraiment.'],
  ])('%s: its paragraphs are joined again, so the article is found, not the page’s JSON-LD, and teasers above are not its head', async (lang, byline, name, headline, deck) => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => hardWrap(`${SENTENCE[lang]} ${SENTENCE[lang]} (${i + 1})`, 16)).join('\n\n');
    const teasers = [
      'Ferry timetable changes again for the coming spring season',
      'Market stalls are coming back to the harbour wall in May',
      'A new bridge for walkers opens next to the old mill',
    ];
    const jsonLd = `{\n  "@type": "Review",\n  "reviewBody": "${Array.from({ length: 12 }, () => SENTENCE[lang]).join(' ')}",\n  "headline": "${headline}"\n}`;
    const page = `${MENU}\n\n${teasers.map((teaser) => hardWrap(teaser, 8, 40)).join('\n\n')}\n\n${hardWrap(headline, 4, 80)}\n${hardWrap(deck, 2, 80)}\n\n${byline}\n\nShare\n\n${paragraphs}\n\nMore stories\n\n${jsonLd}\n${FOOTER}\nWeekend\nLetters\nPuzzles\nObituaries\nPodcasts\nCrosswords\nRecipes\nTravel`;
    const article = await readScrape(page);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toEqual([name]);
    const text = printed(article);
    expect(text).toContain(`${SENTENCE[lang]} ${SENTENCE[lang]} (1)`);
    expect(text).not.toContain('reviewBody');
  });

  it('leaves an indented code listing and an indented menu as they are', async () => {
    const code = ['function level(readings) {', '    const total = readings.reduce((sum, r) => sum + r, 0);', '    return total / readings.length;', '}'].join('\n');
    const menu = Array.from({ length: 30 }, (_, i) => ` Section ${String.fromCharCode(65 + (i % 26))}\n  More`).join('\n');
    const article = await readScrape(`${MENU}\n${menu}\nMeasuring the River Level With Plain Code\nBy Jane Doe\n${body('en', 3)}\n${code}\n${body('en', 3)}\n${FOOTER}`);
    const text = printed(article);
    expect(text).toContain('    const total'.trim());
    expect(text).not.toContain('{ const total');
  });
});

describe('a slideshow printed into the page', () => {
  it.each([
    ['en', '/', 'Harbour news in pictures', 'By Jane Doe', 'Jane Doe'],
    ['de', ' von ', 'Hafennachrichten in Bildern', 'Von Max Muster', 'Max Muster'],
    ['es', ' de ', 'Noticias del puerto en imágenes', 'Por Ana García', 'Ana García'],
  ])('%s: its captions, each under a counter ("3/12"), do not outweigh the article', async (lang, of, label, byline, name) => {
    const headline = 'Seven Things the River Bank Repairs Taught the Town';
    const slides = Array.from({ length: 12 }, (_, i) => `${i + 1}${of}12 Slide title number ${i + 1}\n${SENTENCE[lang]} ${SENTENCE[lang]} [slide ${i + 1}]\nGetty Images`).join(
      '\n',
    );
    const article = await readScrape(`${MENU}\n${headline}\n${byline}\n${body(lang, 5)}\nShare\n${label}\n${slides}\n${FOOTER}`);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.byline).toEqual([name]);
    const text = printed(article);
    expect(text).toContain(`${SENTENCE[lang]} (1)`);
    expect(text).not.toContain('[slide 3]');
  });
});
