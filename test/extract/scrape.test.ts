/** Whole-page scrapes: the article found among menus, share lines and footers, in several languages. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { buildBook } from '../../pipeline/index.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { isBreadcrumb } from '../../pipeline/extract/rules.js';
import { text, unzip } from '../epub/helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const template = loadTemplate('default');

async function scrape(content: string, name = 'article.txt'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-scrape-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('a whole-page scrape with menus, share lines, a byline, a dateline and a footer', async () => {
  const article = await prepareArticle(join(FIXTURES, 'whole-page.txt'), template);
  const blocks = article.tree.children;
  const printed = blocks.map((node) => toString(node)).join('\n');
  const dropped = new Map(article.diagnostics.filter((d) => d.text !== undefined).map((d) => [d.text!, d]));

  it('finds the headline under a promo and a kicker', () => {
    expect(article.meta.title).toBe('Library opens its doors on the east side after four years of work');
    expect(blocks[0]).toMatchObject({ type: 'heading', depth: 1 });
  });

  it('reads byline and dateline as metadata and takes them out of the body text', () => {
    expect(article.meta.byline).toEqual(['Jane Doe', 'Sam Lee']);
    expect(article.meta.date).toBe('2024-03-03');
    expect(printed).not.toContain('By Jane Doe');
    expect(dropped.get('Published 6:42 AM EDT, March 3, 2024')?.rule).toBe('dateline');
  });

  it('keeps the caption with its credit and a section heading that is not in capitals', () => {
    const figure = blocks.find((node) => node.type === 'figure');
    expect(figure && toString(figure)).toContain('Readers at the opening.');
    expect(blocks.filter((node) => node.type === 'heading' && node.depth === 2).map((node) => toString(node))).toEqual(['What the neighbours say']);
    expect(blocks.filter((node) => node.type === 'paragraph')).toHaveLength(4);
  });

  it('drops menus, share buttons, promos, related links and the footer, each listed with its line and rule', () => {
    for (const junk of [
      'Skip to main content',
      'Menu',
      'Sign In',
      'SUPPORT LOCAL JOURNALISM',
      'BREAKING NEWS',
      'Facebook',
      'Advertisement',
      'Most Read',
      'CLICK FOR FULL STATE',
      'Privacy Policy',
    ]) {
      expect(printed).not.toContain(junk);
    }
    expect(dropped.get('Skip to main content')).toMatchObject({ line: 1, rule: 'dropped-before-article' });
    expect(dropped.get('Facebook')).toMatchObject({ line: 17, rule: 'dropped-boilerplate' });
    expect(dropped.get('Most Read')).toMatchObject({ line: 28, rule: 'dropped-after-article' });
  });

  it('cleans the copyright line to year and holder, and lists the rest', () => {
    expect(toString(blocks.at(-1)!)).toBe('© 2024 The Daily Ledger');
    expect(article.meta).toMatchObject({ rights: '© 2024 The Daily Ledger', publisher: 'The Daily Ledger' });
    expect(article.diagnostics.find((d) => d.rule === 'copyright-rest')?.text).toMatch(/^All rights reserved\. This material may not be published/);
  });

  it('builds books whose read-back holds every kept word', async () => {
    const book = await buildBook([join(FIXTURES, 'whole-page.txt')], { template: 'default', formats: ['epub', 'pdf'] });
    expect(book.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('German: "Von", "Foto: …/dpa" and "Anzeige"', async () => {
  const article = await prepareArticle(join(FIXTURES, 'von-artikel.txt'), template);
  const printed = article.tree.children.map((node) => toString(node)).join('\n');

  it('finds headline, author and date in German', () => {
    expect(article.meta).toMatchObject({ title: 'Straßenbahn fährt wieder durch die Altstadt', byline: ['Max Muster'], date: '2024-01-13', lang: 'de' });
  });

  it('splits the dpa credit from its caption and drops the ads and menus', () => {
    const figure = article.tree.children.find((node) => node.type === 'figure');
    expect(figure?.type === 'figure' && figure.children.map((child) => toString(child))).toEqual(['Die neue Haltestelle am Marktplatz.', 'Foto: Erika Beispiel/dpa']);
    for (const junk of ['Startseite', 'Anmelden', 'Anzeige', 'Teilen', 'Impressum', 'Von Max Muster']) expect(printed).not.toContain(junk);
  });
});

describe('headlines', () => {
  it('never takes a kicker, a slideshow counter or a caption for the headline', async () => {
    const file = await scrape(
      [
        'BREAKING NEWS',
        '1 of 4. Authorities monitor the river level from the bridge. (AP Photo/Jo Smith)',
        'River crests below flood stage as rain moves east',
        'By Ana Ruiz',
        'The river crested two feet below flood stage on Tuesday night, sparing the low-lying neighbourhoods that were evacuated over the weekend as a precaution against the heavy rain.',
        'Officials said the levees held everywhere along the river, and residents could return to their homes on Wednesday morning once the roads had been checked for damage.',
      ].join('\n'),
    );
    const article = await prepareArticle(file, template);
    expect(article.meta.title).toBe('River crests below flood stage as rain moves east');
    expect(article.meta.byline).toEqual(['Ana Ruiz']);
  });

  it('titles a body without a headline from its file name, with a warning, and never sets a paragraph as the headline', async () => {
    const body =
      'The council met on Monday evening and agreed, after a long debate that ran past midnight, to keep the swimming pool open through the winter for the schools and the swimming club.';
    const file = await scrape(`${body}\n${body.replace('Monday', 'Tuesday')}\n`, 'pool-stays-open.txt');
    const article = await prepareArticle(file, template);
    expect(article.meta.title).toBe('Pool stays open');
    expect(article.diagnostics.find((d) => d.rule === 'no-headline')?.severity).toBe('warning');
    expect(article.tree.children.filter((node) => node.type === 'paragraph')).toHaveLength(2);
  });
});

describe('truthful metadata', () => {
  it('names no publisher, rights holder or date the article does not give', async () => {
    const file = await scrape(
      [
        'Bridge reopens after repairs',
        'The Elm Street bridge reopened to traffic on Friday after six months of repairs to its deck and railings, the city said.',
        'Drivers had used a detour through the industrial park since the spring.',
      ].join('\n\n'),
    );
    const book = await buildBook([file], { template: 'default', formats: ['epub'] });
    expect(book.publisher).toBeUndefined();
    const zip = await unzip(book.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes);
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).not.toMatch(/<dc:publisher|<dc:rights|<dc:date|Galley<\/dc/);
    const pages = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => name.endsWith('.xhtml'))
        .map((name) => text(zip, name)),
    );
    expect(pages.join('\n')).not.toMatch(/Published by|All rights reserved|2000-01-01/);
  });

  it('credits a collection to no one article: each chapter keeps its own notice, the book only what the flags say', async () => {
    const first = await scrape(
      'Harbour festival returns\n\nThe harbour festival returns this weekend with boats, music and food stalls along the quay.\n\n© 2019 The Harbour Times\n',
    );
    const second = await scrape(
      'Bridge reopens after repairs\n\nThe Elm Street bridge reopened to traffic on Friday after six months of repairs to its deck.\n\n© 2020 The Valley Post\n',
    );
    const bare = await buildBook([first, second], { template: 'default', formats: ['epub'], collectionTitle: 'Summer stories' });
    expect(bare.publisher).toBeUndefined();
    // Its title page holds the title alone, which is no stranded heading.
    expect(bare.preflight?.strandedHeadings).toBe(0);
    const zip = await unzip(bare.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes);
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).not.toMatch(/<dc:publisher|<dc:rights|Harbour Times<\/dc/);
    const chapters = await Promise.all([1, 2].map((n) => text(zip, `OEBPS/chapter-${n}.xhtml`)));
    expect(chapters[0]).toMatch(/(?:©|&#xA9;) 2019 The Harbour Times/);
    expect(chapters[1]).toMatch(/(?:©|&#xA9;) 2020 The Valley Post/);
    const flagged = await buildBook([first, second], {
      template: 'default',
      formats: ['epub'],
      collectionTitle: 'Summer stories',
      publisher: 'Coast Press',
      rights: '© 2024 Coast Press',
    });
    expect(flagged.publisher).toBe('Coast Press');
    const flaggedOpf = await text(await unzip(flagged.artifacts.find((artifact) => artifact.name.endsWith('.epub'))!.bytes), 'OEBPS/content.opf');
    expect(flaggedOpf).toMatch(/<dc:rights>(?:©|&#xA9;) 2024 Coast Press<\/dc:rights>/);
  });

  it('never takes the copyright year for the date', async () => {
    const file = await scrape(
      'Harbour festival returns\n\nThe harbour festival returns this weekend with boats, music and food stalls along the quay for the first time since the pandemic.\n\n© 2019 The Harbour Times\n',
    );
    const article = await prepareArticle(file, template);
    expect(article.meta.date).toBeUndefined();
    expect(article.meta.publisher).toBe('The Harbour Times');
  });

  it.each([
    ['© 2019 The Harbour Times, All Rights Reserved.', '© 2019 The Harbour Times', 'The Harbour Times'],
    ['© 2021 Hafenblatt GmbH – Alle Rechte vorbehalten', '© 2021 Hafenblatt GmbH', 'Hafenblatt GmbH'],
    ['© 2020 Портовые вести, все права защищены.', '© 2020 Портовые вести', 'Портовые вести'],
    ['Press Council Regulated Copyright ©2019 The Harbour Times. All rights reserved.', 'Copyright ©2019 The Harbour Times', 'The Harbour Times'],
    ['This site © 2019 The Harbour Times. No part of it may be reproduced.', '© 2019 The Harbour Times', 'The Harbour Times'],
    ['Copyright © 2000- The Harbour Times, LLC.', 'Copyright © 2000- The Harbour Times, LLC', 'The Harbour Times, LLC'],
    ['© 2019 The Harbour Times is a registered trademark of Harbour Media Inc', '© 2019 The Harbour Times', 'The Harbour Times'],
    ['© 2012 Dana Reyes — Tweet at me — Get my code — Contact me', '© 2012 Dana Reyes', 'Dana Reyes'],
  ])('cleans the notice to its year and holder, the publisher to the holder: %s', async (line, notice, holder) => {
    const file = await scrape(
      `Harbour festival returns\n\nThe harbour festival returns this weekend with boats, music and food stalls along the quay for the first time since the pandemic.\n\n${line}\n`,
    );
    const article = await prepareArticle(file, template);
    expect(toString(article.tree.children.at(-1)!)).toBe(notice);
    expect(article.meta).toMatchObject({ rights: notice, publisher: holder });
  });
});

describe('page heads as real sites set them', () => {
  const prose = (topic: string, n: number): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `The ${topic} report ${i + 1} says that the work on the river bank went on through the winter, and that the people who live there were told about it in the spring.`,
    ).join('\n');
  const menu = 'Home\nNews\nSport\nWeather\nSearch\nSign in\nSubscribe';

  it('takes the long headline over the few words under it that credit it ("Detroit News wire services"), and keeps a short title-case headline', async () => {
    const credited = await prepareArticle(
      await scrape(
        `${menu}\nTuesday's college rowing: East Harbour beats North Bay to reach the final again\nHarbour News wire services\nPublished 11:11 PM EST Nov 19, 2019\n${prose('rowing', 6)}\nAbout us`,
      ),
      template,
    );
    expect(credited.meta.title).toBe("Tuesday's college rowing: East Harbour beats North Bay to reach the final again");
    const short = await prepareArticle(
      await scrape(
        `${menu}\nA very old fork of the harbour site, its source code and its archive\nOn Recent Harbour Events\nPublished 11:11 PM EST Nov 19, 2019\n${prose('harbour', 6)}\nAbout us`,
      ),
      template,
    );
    expect(short.meta.title).toBe('On Recent Harbour Events');
  });

  it('drops the counts under the head ("0" comments, "1.2K" shares), and keeps a number between two paragraphs', async () => {
    const paragraphs = prose('river', 6).split('\n');
    const article = await prepareArticle(
      await scrape(
        `${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Dana Reyes\n0\n1.2K\n${paragraphs.slice(0, 3).join('\n')}\n2024\n${paragraphs.slice(3).join('\n')}\nAbout us`,
      ),
      template,
    );
    const blocks = article.tree.children.map((node) => toString(node));
    expect(blocks).not.toContain('0');
    expect(blocks).not.toContain('1.2K');
    expect(blocks).toContain('2024');
    expect(article.diagnostics.find((d) => d.text === '1.2K')?.rule).toBe('dropped-furniture');
  });

  it('drops a dateline that writes no year from the text, and takes no date from it', async () => {
    const article = await prepareArticle(
      await scrape(`${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Dana Reyes\nUpdated Nov 19, 6:55 AM; Posted Nov 19, 6:51 AM\n${prose('river', 6)}\nAbout us`),
      template,
    );
    expect(article.meta).toMatchObject({ title: 'River bank repairs finish ahead of the spring floods', byline: ['Dana Reyes'] });
    expect(article.meta.date).toBeUndefined();
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toContain('Posted');
    expect(article.diagnostics.find((d) => d.text?.startsWith('Updated Nov 19'))).toMatchObject({ rule: 'dateline', line: 10 });
  });

  it('reads "Name - date" as the byline and the date, and a headline above its deck', async () => {
    const article = await prepareArticle(
      await scrape(
        `${menu}\nScience —\nRiver bank repairs finish ahead of the spring floods\nCrews worked through the winter to close the breach.\nDan Goodin - Apr 16, 2015 8:02 pm UTC\nShare this story\n${prose('river', 6)}\nMost read\nAbout us`,
      ),
      template,
    );
    expect(article.meta.title).toBe('River bank repairs finish ahead of the spring floods');
    expect(article.meta.byline).toEqual(['Dan Goodin']);
    expect(article.meta.date).toBe('2015-04-16');
  });

  it('finds the byline below a deck, a photo and its caption, and takes a headline ending in an initialism', async () => {
    const article = await prepareArticle(
      await scrape(
        `${menu}\nSupported by\nHow Winter Wreaks Havoc on What Is Underneath N.Y.C.\nNew York’s aging below-street infrastructure is tough to maintain, and salt makes it worse for everyone.\nImage\nA worker repairing underground cables this month in Flushing, Queens. The likely source of the fires is salt. Credit: Jane Roe\nBy Corey Kilgannon\nFeb. 21, 2019\n${prose('city', 8)}\nMost read\nAbout us`,
      ),
      template,
    );
    expect(article.meta.title).toBe('How Winter Wreaks Havoc on What Is Underneath N.Y.C.');
    expect(article.meta.byline).toEqual(['Corey Kilgannon']);
    expect(article.meta.date).toBe('2019-02-21');
  });

  it.each([
    [
      'en',
      'Related: Council approves the new harbour wall',
      'Your video will play in 00:25',
      'Powered by MortgageWidget',
      '@DANAREYES',
      '5 Min Read',
      'chevron_left Browse All Posts',
    ],
    ['de', 'Lesen Sie auch: Stadtrat beschließt die neue Hafenmauer', 'HAFENBLATT.DE', 'Powered by Finanzrechner', 'Lesezeit: 3 Minuten'],
    ['fr', 'À lire aussi : Le conseil approuve la nouvelle digue', 'www.gazette-du-port.fr', 'Powered by Outbrain'],
  ])(
    'drops furniture inside the body in %s: a link to another story, a player countdown, a widget credit, a bare site address, a social handle, a reading time, an icon',
    async (_lang, ...junk) => {
      const body = prose('harbour', 6).split('\n');
      const text = `${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Dana Reyes\n${body.slice(0, 2).join('\n')}\n${junk.join('\n\n')}\n${body.slice(2).join('\n')}\nAbout us`;
      const article = await prepareArticle(await scrape(text), template);
      const printed = article.tree.children.map((node) => toString(node)).join('\n');
      for (const line of junk) {
        expect(printed).not.toContain(line);
        expect(article.diagnostics.find((d) => d.text === line)?.rule).toBe('dropped-boilerplate');
      }
      expect(printed).toContain(body[5]);
    },
  );

  it('drops a stack of links to other stories between the head and the body, and keeps a caption there', async () => {
    const footer = [
      'Most read',
      'About us',
      'Contact',
      'Careers',
      'Advertise',
      'Help',
      'Privacy Policy',
      'Terms of Use',
      'Cookie settings',
      'Sitemap',
      'Archive',
      'Newsletters',
      'Podcasts',
      'Events',
      'Corrections',
    ].join('\n');
    const related = [
      'Mayor opens the new ferry terminal',
      'Storm closes two schools for a day',
      'Five walks along the old canal',
      'Market hall gets a new roof',
      'Council votes on the bus lanes',
    ].join('\n');
    const article = await prepareArticle(
      await scrape(`${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Jane Doe\n${related}\n${prose('river', 6)}\n${footer}`),
      template,
    );
    const printed = article.tree.children.map((node) => toString(node)).join('\n');
    expect(printed).not.toContain('Mayor opens the new ferry terminal');
    expect(printed).not.toContain('Council votes on the bus lanes');
    expect(printed).toContain('The river report 1 says');
    const captioned = await prepareArticle(
      await scrape(`${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Jane Doe\nThe breach in March\nPhoto: Kim Park\n${prose('river', 6)}\nMost read\nAbout us`),
      template,
    );
    expect(captioned.tree.children.map((node) => toString(node)).join('\n')).toContain('The breach in March');
  });

  it.each([
    ['en', 'Jane Doe', 'Staff writer'],
    ['de', 'Max Muster', 'Redakteur'],
    ['es', 'Ana María García', '3 de marzo de 2024'],
    ['fr', 'Jean Dupont', 'il y a 2 heures'],
  ])('%s: takes a bare name between the headline and the body for the byline when a job title or date goes with it (%s)', async (lang, name, below) => {
    const body: Record<string, string> = {
      en: 'The council said on Monday that the work on the river bank went on through the winter and that the people who live there were told about it in the spring.',
      de: 'Die Stadt hat am Montag gesagt, dass die Arbeiten am Ufer den ganzen Winter über weitergingen und dass die Anwohner im Frühjahr davon erfahren haben.',
      es: 'El ayuntamiento dijo el lunes que las obras en la orilla del río siguieron durante todo el invierno y que los vecinos lo supieron en la primavera.',
      fr: 'La mairie a dit lundi que les travaux sur la rive ont continué pendant tout l’hiver et que les habitants en ont été informés au printemps.',
    };
    const lines = Array.from({ length: 6 }, (_, i) => `${body[lang]} (${i + 1})`).join('\n');
    const article = await prepareArticle(await scrape(`${menu}\nRiver Bank Works Finish Early This Year\n${name}\n${below}\n${lines}\nMost read\nAbout us`), template);
    expect(article.meta.byline).toEqual([name]);
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toContain(name);
  });

  it('takes no two capitalised words for a byline without a date or title beside them', async () => {
    const article = await prepareArticle(
      await scrape(`${menu}\nMiddle East\nRiver bank repairs finish ahead of the spring floods\nShare this story\n${prose('river', 6)}\nMost read\nAbout us`),
      template,
    );
    expect(article.meta.byline).toBeUndefined();
    expect(article.meta.title).toBe('River bank repairs finish ahead of the spring floods');
  });

  it.each([
    [
      'pt',
      'Prefeito diz que errou ao adiar a obra da ponte em 2012',
      'Na ocasião, a prefeitura entregou o projeto ao governo do estado',
      'A prefeitura disse nesta segunda-feira que as obras na margem do rio continuaram durante todo o inverno e que os moradores foram avisados na primavera.',
    ],
    [
      'es',
      'Una solución sencilla para el puente del río',
      'Los vecinos reclaman por obras que siguen sin terminar, por eso la ciudad busca otro camino',
      'El ayuntamiento dijo el lunes que las obras en la orilla del río siguieron durante todo el invierno y que los vecinos lo supieron en la primavera.',
    ],
    [
      'en',
      'Ferry returns to the harbour after a winter away',
      'The town waited four months for the crossing to reopen after storms damaged the pier',
      'The council said on Monday that the work on the pier went on through the winter and that the people who live there were told about it in the spring.',
    ],
  ])('%s: takes the headline above its deck, though the deck sits nearer the date', async (_lang, headline, deck, sentence) => {
    const links = ['Link to our page on Facebook', 'Link to our page on Twitter', 'Link to our page on Instagram'].join('\n');
    const body = Array.from({ length: 6 }, (_, i) => `${sentence} (${i + 1})`).join('\n');
    const article = await prepareArticle(await scrape(`${menu}\n${links}\n${headline}\n${deck}\n3.3.2024 12:55\n${body}\nMost read\nAbout us`), template);
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe('2024-03-03');
  });

  it('takes no link of a list for the headline: lines opening alike, menus run together, code comments', async () => {
    const article = await prepareArticle(
      await scrape(
        `${menu}\nCrews finish the river bank repairs\nTop NewsSport WeatherCulture TravelOpinion Video\nLink opens our page on Facebook in a new window\nLink opens our page on the RSS feed in a new window\n// Press enter to search the site\n${prose('river', 6)}\nMost read\nAbout us`,
      ),
      template,
    );
    expect(article.meta.title).toBe('Crews finish the river bank repairs');
  });

  it("keeps a title-case headline under a list of other stories' headlines", async () => {
    const article = await prepareArticle(
      await scrape(
        `${menu}\nNew Tablet Shipping in December\nFirst Reviews Praise the Larger Display\nNew Laptop With Quieter Keyboard Expected in Spring\nMonday March 4, 2024 7:45 am by Joe Roe\n${prose('laptop', 6)}\nMost read\nAbout us`,
      ),
      template,
    );
    expect(article.meta.title).toBe('New Laptop With Quieter Keyboard Expected in Spring');
    expect(article.meta.byline).toEqual(['Joe Roe']);
  });

  it.each([
    [
      'Comments (12)',
      'By Jane Doe',
      'The council said on Monday that the work on the river bank went on through the winter and that the people who live there were told about it in the spring',
      'I think the council should have done this years ago, and the repairs will only hold if they keep the drains clear through every winter from now on',
    ],
    [
      'Kommentare',
      'Von Max Muster',
      'Die Stadt hat am Montag gesagt, dass die Arbeiten am Ufer den ganzen Winter über weitergingen und dass die Anwohner im Frühjahr davon erfahren haben',
      'Ich finde, die Stadt hätte das schon vor Jahren machen sollen, und die Reparatur hält nur, wenn die Abflüsse in jedem Winter frei bleiben',
    ],
  ])('ends the article at the comments heading "%s", though the readers wrote more than the reporter', async (heading, byline, sentence, comment) => {
    const body = Array.from({ length: 4 }, (_, i) => `${sentence} (${i + 1}).`).join('\n');
    const thread = Array.from({ length: 14 }, (_, i) => `reader${i + 1}\n${comment} (${i + 1}a).\n${comment} (${i + 1}b).`).join('\n');
    const article = await prepareArticle(
      await scrape(`${menu}\nRiver Bank Repairs Finish Ahead of the Spring Floods\n${byline}\n${body}\n${heading}\n${thread}\nMost read\nAbout us`),
      template,
    );
    const printed = article.tree.children.map((node) => toString(node)).join('\n');
    expect(article.meta.title).toBe('River Bank Repairs Finish Ahead of the Spring Floods');
    expect(printed).toContain(`${sentence} (4).`);
    expect(printed).not.toContain(comment);
  });

  it('keeps the prose between two code listings, whose closing marks ("});") are not furniture', async () => {
    const code = ['fetch(url).then(function(res) {', 'if (res.ok) {', 'res.json().then(show);', '});', '} else {', 'console.log(res.status);', '}', '});'].join('\n');
    const article = await prepareArticle(
      await scrape(
        `${menu}\nRiver bank repairs finish ahead of the spring floods\nBy Jane Doe\n${prose('first', 5)}\n${code}\n${prose('second', 2)}\n${code}\n${prose('third', 2)}\n${Array.from({ length: 20 }, (_, i) => `Section ${i + 1}`).join('\n')}`,
      ),
      template,
    );
    const printed = article.tree.children.map((node) => toString(node)).join('\n');
    expect(printed).toContain('The first report 1 says');
    expect(printed).toContain('The second report 2 says');
    expect(printed).toContain('The third report 2 says');
  });

  it.each([
    [
      'Riverside, City Desk | Updated : 19 November 2019, 09:01 AM',
      'The council said on Monday that the work on the river bank went on through the winter and that the people who live there were told about it in the spring.',
    ],
    [
      'Flussheim, Lokalredaktion | Aktualisiert: 19. November 2019, 09:01 Uhr',
      'Die Stadt hat am Montag gesagt, dass die Arbeiten am Ufer den ganzen Winter über weitergingen und dass die Anwohner im Frühjahr davon erfahren haben.',
    ],
  ])('reads the date after a place and a desk ("%s"), and takes no place for the author', async (dateline, sentence) => {
    const body = Array.from({ length: 6 }, (_, i) => `${sentence} (${i + 1})`).join('\n');
    const article = await prepareArticle(await scrape(`${menu}\nRiver bank repairs finish ahead of the spring floods\n${dateline}\n${body}\nMost read\nAbout us`), template);
    expect(article.meta.date).toBe('2019-11-19');
    expect(article.meta.byline).toBeUndefined();
    expect(article.tree.children.map((node) => toString(node)).join('\n')).not.toContain(dateline.slice(0, 12));
  });

  it('keeps the prose on both sides of a chart of short lines (its own lines stay between them, as jusText keeps short lines among prose), and drops a cookie notice however long', async () => {
    const chart = ['$915', 'billion', 'Interest payments on the national debt', '$900', 'billion', '600', '300', '0', '’17', '’18', '’19'].join('\n');
    const cookies = `We use cookies and similar technologies to improve your browsing experience, ${'personalise content and ads, and analyse our traffic, '.repeat(12)}as our policy explains.`;
    const article = await prepareArticle(
      await scrape(
        `${menu}\n${cookies}\nRiver bank repairs finish ahead of the spring floods\nBy Jane Doe\n${prose('first', 2)}\n${chart}\n${prose('second', 6)}\nMost read\nAbout us`,
      ),
      template,
    );
    const printed = article.tree.children.map((node) => toString(node)).join('\n');
    expect(printed).toContain('The first report 1 says');
    expect(printed).toContain('The second report 6 says');
    expect(printed).not.toContain('We use cookies');
  });
});

describe('line features beyond jusText: breadcrumbs, echoes of the page, lists and listings', () => {
  // A whole page: sections and links to other stories around the article, not a tidy crop.
  const menu = 'Home\nNews\nWorld\nBusiness\nCulture\nTravel\nScience\nHealth\nOpinion\nSport\nWeather\nSearch\nSign in';
  const footer =
    'Popular now\nCity budget vote delayed again\nTrain strike called off at the last minute\nFive walks for the weekend\nAbout us\nContact us\nCareers\nAdvertise\nCorrections\nArchive';
  const body = (sentence: string, n: number, from = 1): string => Array.from({ length: n }, (_, i) => `${sentence} (${i + from})`).join('\n');
  const printedOf = (article: Awaited<ReturnType<typeof prepareArticle>>): string => article.tree.children.map((node) => toString(node)).join('\n');

  it.each([
    [
      'en',
      'TRD NATIONAL /',
      'The board met on Tuesday and agreed that the new library on the east side of the river will open to readers in the spring, as the council had hoped.',
    ],
    [
      'de',
      'Politik ›',
      'Der Rat hat am Dienstag beschlossen, dass die neue Bibliothek auf der Ostseite des Flusses im Frühjahr für die Leser geöffnet wird, wie es die Stadt gehofft hatte.',
    ],
    [
      'fr',
      'Actualités »',
      'Le conseil a décidé mardi que la nouvelle bibliothèque de la rive est ouvrira ses portes aux lecteurs au printemps, comme la ville l’avait espéré depuis des années.',
    ],
  ])('%s: a section name left open by its separator ("%s") is a breadcrumb, dropped and listed, never a section heading', async (_lang, crumb, sentence) => {
    const article = await prepareArticle(await scrape(`${menu}\nThe new library opens in the spring\n${sentence} (0)\n${crumb}\n${body(sentence, 6)}\n${footer}`), template);
    expect(article.tree.children.some((node) => toString(node) === crumb)).toBe(false);
    expect(article.diagnostics.find((d) => d.text === crumb)?.rule).toBe('dropped-breadcrumb');
    // A heading that closes is still a heading.
    expect(isBreadcrumb('What happens next')).toBe(false);
    expect(isBreadcrumb('1 / 2')).toBe(false);
  });

  it.each([
    [
      'en',
      'Save for later',
      'The board met on Tuesday and agreed that the new library on the east side of the river will open to readers in the spring, as the council had hoped.',
    ],
    ['cs', 'Sdílet článek', 'Rada se v úterý dohodla, že nová knihovna na východním břehu řeky se otevře čtenářům na jaře, jak si to město přálo a jak to slíbilo už před lety.'],
    [
      'es',
      'Guardar para después',
      'El consejo acordó el martes que la nueva biblioteca de la orilla este del río abrirá sus puertas a los lectores en primavera, como la ciudad había esperado.',
    ],
  ])('%s: a short line the page also prints outside the article ("%s") is its furniture, dropped between paragraphs', async (_lang, label, sentence) => {
    const article = await prepareArticle(
      await scrape(`${menu}\n${label}\nThe new library opens in the spring\n${body(sentence, 3)}\n${label}\n${body(sentence, 3, 4)}\n${label}\n${footer}`),
      template,
    );
    const printed = printedOf(article);
    expect(printed).toContain(`${sentence} (6)`);
    expect(printed).not.toContain(label);
    expect(article.diagnostics.filter((d) => d.text === label).map((d) => d.rule)).toContain('dropped-repeated');
  });

  it.each([
    [
      'en',
      'The band will play thirty dates across North America next summer, the first time the four of them have toured together in more than twenty years, and tickets go on sale on Friday.',
      'Tour dates:',
      ['June 9 – West Palm Beach, FL', 'June 10 – Tampa, FL', 'June 14 – Alpharetta, GA', 'June 17 – Nashville, TN'],
    ],
    [
      'de',
      'Die Band spielt im nächsten Sommer dreißig Konzerte in Europa, zum ersten Mal seit mehr als zwanzig Jahren in dieser Besetzung, und der Vorverkauf beginnt am Freitag.',
      'Die Termine:',
      ['9. Juni – Berlin, Waldbühne', '10. Juni – Hamburg, Stadtpark', '14. Juni – München, Olympiahalle'],
    ],
    [
      'pt',
      'A categoria divulgou nesta segunda-feira o calendário da temporada, que terá doze etapas e começa em março, com a tradicional corrida de abertura no autódromo de Interlagos.',
      'Calendário da temporada:',
      ['1a etapa: 10 de março – Interlagos', '2a etapa: 8 de abril – Curitiba', '3a etapa: 22 de abril – Velopark'],
    ],
    [
      'es',
      'El equipo jugará treinta partidos en la nueva temporada, la primera en la que los cuatro fichajes del verano estarán juntos en el campo, y las entradas salen a la venta el viernes.',
      'Próximos partidos',
      ['9 de junio – Sevilla, estadio La Cartuja', '10 de junio – Valencia, Mestalla', '14 de junio – Bilbao, San Mamés'],
    ],
  ])('%s: a list after the prose, with or without a title, each line carrying figures, is the article’s end', async (_lang, sentence, colon, items) => {
    const article = await prepareArticle(await scrape(`${menu}\nThe season’s calendar is out\n${body(sentence, 5)}\n${colon}\n${items.join('\n')}\n${footer}`), template);
    const printed = printedOf(article);
    expect(printed).toContain(colon);
    for (const item of items) expect(printed).toContain(item);
    expect(printed).not.toContain('Careers');
  });

  it.each([
    [
      'en',
      'The function below reads the file once, splits it into lines and counts how often each word occurs in the text, which is all that the report at the end of the month needs from it, and it does so without any library at all.',
      [
        'function count(text) {',
        '  const words = new Map();',
        '  for (const word of text.split(/\\s+/)) {',
        '    words.set(word, (words.get(word) ?? 0) + 1);',
        '  }',
        '  return words;',
        '}',
      ],
    ],
    [
      'de',
      'Die Abfrage unten liest die Tabelle einmal, gruppiert die Zeilen nach dem Tag und zählt, wie oft jeder Fehler an diesem Tag auftritt, was der Bericht am Monatsende davon braucht, und sie braucht dafür keinen Index.',
      ['SELECT day, count(*) AS errors', 'FROM log', 'WHERE status >= 500', 'GROUP BY day', 'ORDER BY day;'],
    ],
  ])('%s: a code listing longer than a chart keeps the prose on both sides of it (its lines carry code marks, a menu’s do not)', async (_lang, sentence, code) => {
    const listing = Array.from({ length: 4 }, (_, part) => code.map((line) => line.replace(/word|day|count/, (name) => `${name}${part}`)).join('\n')).join('\n');
    const article = await prepareArticle(await scrape(`${menu}\nCounting words in plain code\n${body(sentence, 3)}\n${listing}\n${body(sentence, 3, 4)}\n${footer}`), template);
    const printed = printedOf(article);
    expect(printed).toContain(`${sentence} (1)`);
    expect(printed).toContain(`${sentence} (6)`);
    expect(printed).toContain(code[1]!.trim().replace(/word|day|count/, (name) => `${name}3`));
    expect(printed).not.toContain('Careers');
  });
});
