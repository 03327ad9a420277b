/**
 * Where the article starts in a whole-page scrape: a table of contents between the opening paragraphs and the rest.
 * Several languages; the texts are our own.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article } from '../../pipeline/types.js';

const template = loadTemplate('default');

const SENTENCE: Record<string, string> = {
  en: 'The council said on Monday that the work on the river bank went on through the winter, and that the people who live there were told about it in the spring.',
  de: 'Die Stadt hat am Montag gesagt, dass die Arbeiten am Ufer den ganzen Winter über weitergingen und dass die Anwohner im Frühjahr davon erfahren haben.',
  fr: 'La mairie a dit lundi que les travaux sur la rive ont continué pendant tout l’hiver et que les habitants en ont été informés au printemps.',
  es: 'El ayuntamiento dijo el lunes que las obras en la orilla del río siguieron durante todo el invierno y que los vecinos lo supieron en la primavera.',
  pt: 'A prefeitura disse nesta segunda-feira que as obras na margem do rio continuaram durante todo o inverno e que os moradores foram avisados na primavera.',
};
const body = (lang: string, n = 6): string => Array.from({ length: n }, (_, i) => `${SENTENCE[lang]} (${i + 1})`).join('\n');
const MENU = 'Home\nNews\nSport\nWeather\nSearch\nSign in\nSubscribe';
const FOOTER = 'Most read\nAbout us';

async function read(content: string): Promise<Article> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-start-'));
  const file = join(dir, 'article.txt');
  await writeFile(file, content);
  return prepareArticle(file, template);
}

const printed = (article: Article): string => article.tree.children.map((node) => toString(node)).join('\n');

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
    const article = await read(
      `Jane Doe\nAbout\nSubscribe\n21 September 2020\nRivers\n${headline}\n${deck}\n${opening}\n${label}\n${sections.join('\n')}\nConclusion\n${parts}\n${FOOTER}`,
    );
    expect(article.meta.title).toBe(headline);
    expect(article.meta.date).toBe('2020-09-21');
    expect(printed(article)).toContain(`${SENTENCE[lang]} (opening 1)`);
  });
});
