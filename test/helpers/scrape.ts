/** Our own whole-page scrapes for tests: prose in several languages, a menu and a footer around it, read as the book builder does. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article } from '../../pipeline/types.js';

const template = loadTemplate('default');

/** A sentence of ordinary prose per language, numbered into paragraphs. */
export const SENTENCE: Record<string, string> = {
  en: 'The council said on Monday that the work on the river bank went on through the winter, and that the people who live there were told about it in the spring.',
  de: 'Die Stadt hat am Montag gesagt, dass die Arbeiten am Ufer den ganzen Winter über weitergingen und dass die Anwohner im Frühjahr davon erfahren haben.',
  fr: 'La mairie a dit lundi que les travaux sur la rive ont continué pendant tout l’hiver et que les habitants en ont été informés au printemps.',
  es: 'El ayuntamiento dijo el lunes que las obras en la orilla del río siguieron durante todo el invierno y que los vecinos lo supieron en la primavera.',
  it: 'Il comune ha detto lunedì che i lavori sulla riva del fiume sono andati avanti per tutto l’inverno e che gli abitanti lo hanno saputo in primavera.',
  pt: 'A prefeitura disse nesta segunda-feira que as obras na margem do rio continuaram durante todo o inverno e que os moradores foram avisados na primavera.',
  ru: 'Городские власти сообщили в понедельник, что ремонт набережной продолжался всю зиму, а жители узнали об этом только весной. Это было неожиданно для всех, кто живёт рядом с рекой.',
  zh: '市政府星期一表示，河岸的修缮工程整个冬天都没有停下来，住在附近的居民直到春天才收到通知。工人们说，他们希望在雨季到来之前完成全部工作。',
};
export const body = (lang: string, n = 6): string => Array.from({ length: n }, (_, i) => `${SENTENCE[lang]} (${i + 1})`).join('\n');
export const MENU = 'Home\nNews\nSport\nWeather\nSearch\nSign in\nSubscribe';
export const FOOTER = 'Most read\nAbout us';

/** The article a scrape with this text becomes. */
export async function readScrape(content: string): Promise<Article> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-scrape-'));
  const file = join(dir, 'article.txt');
  await writeFile(file, content);
  return prepareArticle(file, template);
}

/** The article's text as printed, one block a line. */
export const printed = (article: Article): string => article.tree.children.map((node) => toString(node)).join('\n');
