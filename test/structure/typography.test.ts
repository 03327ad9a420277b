/** Dashes in prose (issue 11): spaced and double hyphens, number ranges; what must stay a hyphen. */
import { describe, expect, it } from 'vitest';
import { setDashes } from '../../pipeline/structure/remark-typography.js';

describe('dashes', () => {
  const cases: Array<[string, string, string]> = [
    ['en', 'talks - and then', 'talks \u2014 and then'],
    ['de', 'Gespräche - und dann', 'Gespräche \u2013 und dann'],
    ['en-GB', 'talks -- and then', 'talks \u2014 and then'],
    ['fr', 'a -- b', 'a \u2013 b'],
    ['en', 'travel--bag', 'travel\u2014bag'],
    ['en', 'pages 24-30.', 'pages 24\u201330.'],
    ['en', 'won 5-2 on Sunday', 'won 5\u20132 on Sunday'],
    ['en', 'the 2023-24 season', 'the 2023\u201324 season'],
    ['en', 'on 2024-05-14', 'on 2024-05-14'],
    ['en', 'call 1-800-555-0100', 'call 1-800-555-0100'],
    ['en', 'call 555-0100', 'call 555-0100'],
    ['en', 'COVID-19 cases', 'COVID-19 cases'],
    ['en', 'well-known', 'well-known'],
  ];
  for (const [lang, input, output] of cases) {
    it(`${lang}: ${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(setDashes(input, lang)).toBe(output);
    });
  }
});
