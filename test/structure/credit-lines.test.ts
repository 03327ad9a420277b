/** A photo credit on a line of its own ("Al Goldis, Associated Press"): the credit of the caption above it, never a heading or body text. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import { creditLinePattern } from '../../pipeline/extract/rules.js';

const template = loadTemplate('default');
const prose = (sentence: string): string => Array.from({ length: 4 }, () => sentence).join(' ');

async function article(lines: string[], name = 'article.txt') {
  const dir = await mkdtemp(join(tmpdir(), 'galley-credit-'));
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return prepareArticle(file, template);
}

function figures(tree: Awaited<ReturnType<typeof article>>['tree']): string[][] {
  return tree.children.flatMap((node) => (node.type === 'figure' ? [node.children.map((child) => `${child.type}: ${toString(child)}`)] : []));
}

describe('a photo credit on its own line', () => {
  it('tells a credit line from a byline and from a heading, in several scripts', () => {
    const line = creditLinePattern(template.extract.creditLines);
    for (const credit of [
      'Al Goldis, Associated Press',
      'Michael Conroy, AP',
      'JIM WATSON/AFP/Getty Images',
      'AFP/Getty Images',
      'Alex Wong | Getty Images',
      'Bernd von Jutrczenka/dpa',
      'Иван Петров/ТАСС',
    ]) {
      expect(line.test(credit), credit).toBe(true);
    }
    for (const other of ['Reuters', 'Associated Press', 'What happens next', 'Jane Doe and Sam Lee', 'News / Politics', 'Detroit News wire services']) {
      expect(line.test(other), other).toBe(false);
    }
  });

  it('becomes the credit of the caption on the line above, with the slug line above that kept as data (English)', async () => {
    const { tree } = await article([
      'Eagles end a losing streak against the Huskies',
      '',
      'Football Michigan',
      'Eastern Michigan quarterback Mike Glass III throws a pass in the first half',
      'Al Goldis, Associated Press',
      '',
      prose('Mike Glass threw for three touchdowns and ran for another as Eastern Michigan rolled past Northern Illinois on Tuesday night.'),
      '',
      prose('The Eagles snapped an eleven-game losing streak against the Huskies that dated back to the year of the last title.'),
    ]);
    expect(figures(tree)).toEqual([['figureCaption: Eastern Michigan quarterback Mike Glass III throws a pass in the first half', 'figureCredit: Al Goldis, Associated Press']]);
    expect(tree.children.some((node) => node.type === 'heading' && toString(node).includes('Associated Press'))).toBe(false);
  });

  it('is a credit alone when it reads as one (German, slash form) and stays a line when it may be a byline', async () => {
    const { tree } = await article([
      'Neue Haltestelle am Marktplatz eröffnet',
      '',
      prose('Die Stadt hat am Montag die neue Haltestelle am Marktplatz eröffnet, nach zwei Jahren Bauzeit und vielen Umleitungen.'),
      '',
      'Bernd von Jutrczenka/dpa',
      '',
      prose('Die Fahrgäste können nun ohne Umweg in die Altstadt fahren, sagte der Bürgermeister bei der Eröffnung am Vormittag.'),
    ]);
    expect(figures(tree)).toEqual([['figureCredit: Bernd von Jutrczenka/dpa']]);
    const byline = await article([
      'A quiet road',
      '',
      'Jane Doe, Reuters',
      '',
      prose('The road through the valley was closed for a week after the storm brought down trees and power lines.'),
    ]);
    expect(figures(byline.tree)).toEqual([]);
  });
});
