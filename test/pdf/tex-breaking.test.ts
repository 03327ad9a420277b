/**
 * Line breaking as TeX does it (issue 11): the new penalties and passes on paragraphs whose
 * optimal breaks are known, the language's hyphenation rules, and microtypography in the breaker.
 */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../pipeline/pdf/blocks/index.js';
import { buildItems } from '../../pipeline/pdf/break/items.js';
import { hyphenationRules, hyphenatorFor } from '../../pipeline/pdf/break/hyphenate.js';
import { breakParagraph, FINAL_HYPHEN_DEMERITS, INFINITE_PENALTY, ratioOfBadness, type Item } from '../../pipeline/pdf/break/knuth-plass.js';
import { expansionFor, FONT_EXPANSION_LIMIT } from '../../pipeline/pdf/break/microtype.js';
import type { TextBlock } from '../../pipeline/pdf/model.js';
import { PASSES, PRETOLERANCE, setBlock, TOLERANCE } from '../../pipeline/pdf/break/set.js';
import { loadTemplate } from '../../pipeline/layout/index.js';
import { editionFromTree } from './helpers.js';
import { ROOT } from '../helpers/editions.js';

const FILL = 100_000;
const end: Item[] = [
  { type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false },
  { type: 'glue', width: 0, stretch: FILL, shrink: 0 },
  { type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false },
];
const space: Item = { type: 'glue', width: 1, stretch: 1, shrink: 1 };

describe("TeX's passes and penalties", () => {
  it("takes its tolerances from TeX's badness: badness 100 is ratio 1, pretolerance 30 ratio 0.67, tolerance 200 ratio 1.26", () => {
    expect(ratioOfBadness(100)).toBeCloseTo(1, 9);
    expect(ratioOfBadness(PRETOLERANCE)).toBeCloseTo(0.669, 3);
    expect(ratioOfBadness(TOLERANCE)).toBeCloseTo(1.26, 2);
    expect(PASSES.map((pass) => pass.hyphenate)).toEqual([false, true, true, true, true]);
    expect(PASSES.map((pass) => pass.capitalised)).toEqual([false, false, true, true, true]);
  });

  it('pays \\finalhyphendemerits to keep a hyphen off the last full line', () => {
    // "aaaa bb-|bb cc" on an 8-unit line, spaces shrinking by 1.25. Hyphenated, line 1 is exact:
    // (10 + 0)² + 50² = 2,600, then the last line 10² and the final-hyphen demerits. Unhyphenated,
    // "aaaa bbbb" is 1 unit too wide, shrunk at ratio −0.8 (badness 51.2): (10 + 51.2)² ≈ 3,745.
    // Without FINAL_HYPHEN_DEMERITS the hyphen would win (2,700 < 3,845); with them it loses.
    const glue: Item = { type: 'glue', width: 1, stretch: 1, shrink: 1.25 };
    const items: Item[] = [
      { type: 'box', width: 4 },
      glue,
      { type: 'box', width: 2 },
      { type: 'penalty', width: 1, penalty: 50, flagged: true },
      { type: 'box', width: 2 },
      glue,
      { type: 'box', width: 2 },
      ...end,
    ];
    const breaks = breakParagraph(items, { lineWidth: 8, tolerance: 1 });
    expect(breaks?.map((b) => b.position)).toEqual([5, 9]);
    expect(breaks?.[0]?.ratio).toBeCloseTo(-0.8, 9);
    expect(FINAL_HYPHEN_DEMERITS).toBe(5_000);
  });

  it('with \\emergencystretch, sets a paragraph no chain within tolerance can, without an infinitely bad line', () => {
    // Two words that leave 4 units to fill on a line whose only space stretches by 1: ratio 4, beyond tolerance.
    const items: Item[] = [{ type: 'box', width: 3 }, space, { type: 'box', width: 3 }, space, { type: 'box', width: 9 }, ...end];
    expect(breakParagraph(items, { lineWidth: 11, tolerance: ratioOfBadness(TOLERANCE) })).toBeUndefined();
    const breaks = breakParagraph(items, { lineWidth: 11, tolerance: ratioOfBadness(TOLERANCE), emergencyStretch: 4 });
    expect(breaks?.map((b) => b.position)).toEqual([3, 7]);
  });

  it("lets font expansion take a line's shortfall before the spaces (pdfTeX's \\pdfadjustspacing=2)", () => {
    // 100 units of words and one space on a 104-unit line: 2 units of expansion leave 1 for the space.
    const items: Item[] = [{ type: 'box', width: 50, expansion: 1 }, space, { type: 'box', width: 50, expansion: 1 }, space, { type: 'box', width: 10 }, ...end];
    const breaks = breakParagraph(items, { lineWidth: 104, tolerance: 1 });
    expect(breaks?.[0]?.position).toBe(3);
    expect(breaks?.[0]?.ratio).toBeCloseTo(1, 9);
    // The same line without expansion would need ratio 3: beyond tolerance 1, and nothing else fits.
    const plain = items.map((item) => (item.type === 'box' ? { type: 'box' as const, width: item.width } : item));
    expect(breakParagraph(plain, { lineWidth: 104, tolerance: 1 })).toBeUndefined();
  });

  it('lets a hyphen at the break hang into the margin (protrusion counts in the breaker)', () => {
    // "aaaa-|aaaa": 4 + hyphen 1 on a 4.5-unit line fits only if the hyphen hangs out by 0.5.
    const items: Item[] = [{ type: 'box', width: 4 }, { type: 'penalty', width: 1, penalty: 50, flagged: true, protrudeRight: 0.5 }, { type: 'box', width: 4 }, ...end];
    expect(breakParagraph(items, { lineWidth: 4.5, tolerance: 1 })?.[0]?.position).toBe(1);
    const without: Item[] = items.map((item) => (item.type === 'penalty' && item.flagged ? { ...item, protrudeRight: 0 } : item));
    expect(breakParagraph(without, { lineWidth: 4.5, tolerance: 1 })).toBeUndefined();
  });

  it('keeps a ruled line from ending at a hyphen, taking the best chain that does not', () => {
    // Words of 5 split 2+3 by a rewarded hyphen point: the optimum hyphenates line 1; with line 1
    // ruled, the first break is a space, and later lines may still hyphenate.
    const items: Item[] = [];
    for (let word = 0; word < 12; word++) {
      if (word > 0) items.push({ type: 'glue', width: 1, stretch: 1, shrink: 1 });
      items.push({ type: 'box', width: 2 }, { type: 'penalty', width: 1, penalty: -1000, flagged: true }, { type: 'box', width: 3 });
    }
    items.push(...end);
    const flaggedAt = (breaks: Array<{ position: number }> | undefined): boolean[] =>
      (breaks ?? []).map((b) => items[b.position]?.type === 'penalty' && (items[b.position] as { flagged: boolean }).flagged);
    expect(flaggedAt(breakParagraph(items, { lineWidth: 13, tolerance: 3 }))[0]).toBe(true);
    const ruled = flaggedAt(breakParagraph(items, { lineWidth: 13, tolerance: 3, unhyphenatedLines: new Set([1, 3]) }));
    expect(ruled[0]).toBe(false);
    expect(ruled[2]).toBe(false);
    expect(ruled.some((flagged) => flagged)).toBe(true);
  });

  it('with \\looseness, sets the paragraph one line longer or shorter when a feasible chain has that many lines', () => {
    // Twelve 3-unit words, spaces stretching and shrinking by 1, on a 15-unit line: four words a
    // line (4·3 + 3 = 15, exact) in 3 lines. Looser: 4 lines (three words: 9 + 2 = 11, ratio 2);
    // tighter: 2 lines of six words (18 + 5 = 23, ratio −8) is beyond the shrink, so none.
    const items: Item[] = [];
    for (let word = 0; word < 12; word++) {
      if (word > 0) items.push({ type: 'glue', width: 1, stretch: 1, shrink: 1 });
      items.push({ type: 'box', width: 3 });
    }
    items.push(...end);
    expect(breakParagraph(items, { lineWidth: 15, tolerance: 3 })).toHaveLength(3);
    const looser = breakParagraph(items, { lineWidth: 15, tolerance: 3, looseness: 1 });
    expect(looser).toHaveLength(4);
    expect(looser?.every((b) => b.ratio <= 3 && b.ratio >= -1)).toBe(true);
    expect(breakParagraph(items, { lineWidth: 15, tolerance: 3, looseness: -1 })).toHaveLength(3);
  });

  it("rounds expansion towards zero on pdfTeX's step and never beyond ±3 %", () => {
    expect(FONT_EXPANSION_LIMIT).toBe(0.03);
    expect(expansionFor(5, 1000 * FONT_EXPANSION_LIMIT)).toBeCloseTo(1.005, 9);
    expect(expansionFor(29.6, 1000 * FONT_EXPANSION_LIMIT)).toBeCloseTo(1.029, 9);
    expect(expansionFor(50, 1000 * FONT_EXPANSION_LIMIT)).toBeCloseTo(1.03, 9);
    expect(expansionFor(-50, 1000 * FONT_EXPANSION_LIMIT)).toBeCloseTo(0.97, 9);
    expect(expansionFor(0.9999, 1000 * FONT_EXPANSION_LIMIT)).toBe(1);
  });
});

describe('hyphenation rules per language, from the template', () => {
  const template = loadTemplate('default', ROOT);
  const table = template.print.hyphenation;
  const split = (lang: string, word: string, capitalised = false): string => {
    const points = hyphenatorFor(lang, table)?.(word, { capitalised }) ?? [];
    let out = '';
    let from = 0;
    for (const point of points) {
      out += `${word.slice(from, point)}-`;
      from = point;
    }
    return out + word.slice(from);
  };

  it("keeps English to TeX's 2/3: no fragment of two letters after the hyphen", () => {
    expect(hyphenationRules('en-US', table)).toMatchObject({ left: 2, right: 3 });
    expect(split('en', 'printed')).toBe('printed');
    expect(split('en', 'wanted')).toBe('wanted');
    expect(split('en', 'immediately')).toBe('im-me-di-ately');
    expect(split('en', 'possibility')).toBe('pos-si-bil-ity');
  });

  it('hyphenates German nouns, capitalised, but not English names; never all-caps words', () => {
    expect(split('de', 'Straßenbahnhaltestelle')).toBe('Stra-ßen-bahn-hal-te-stel-le');
    expect(split('de', 'Bundeskanzlerin')).toBe('Bun-des-kanz-le-rin');
    expect(split('de', 'BUNDESKANZLERIN')).toBe('BUNDESKANZLERIN');
    expect(split('en', 'Washington')).toBe('Washington');
    // The breaker's last-resort passes may break a name, never an all-caps word.
    expect(split('en', 'Washington', true)).toBe('Wash-ing-ton');
    expect(split('en', 'WASHINGTON', true)).toBe('WASHINGTON');
  });

  it("falls back to the template's default rules, then to the package's 2/2", () => {
    expect(hyphenationRules('sv', table)).toEqual(table.default);
    expect(hyphenationRules('sv', {})).toEqual({ left: 2, right: 2, capitalised: false });
  });
});

describe('the first pass does not hyphenate', () => {
  function block(text: string): TextBlock {
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
    const found = buildBlocks(editionFromTree(tree)).chapters[0]?.[0];
    if (found?.kind !== 'text') throw new Error('no text block');
    return found;
  }

  it('sets ordinary prose within \\pretolerance, with no hyphen at all', () => {
    const prose =
      'The ministers met on Tuesday and agreed that the talks would go on next month in the capital, ' +
      'where officials from both countries are expected to discuss trade, energy and the situation at the border. ';
    const report = setBlock(block(prose.repeat(4)), { width: 312, hyphenator: hyphenatorFor('en'), indentFirstLine: false });
    expect(report.pass).toBe(0);
    expect(report.lines.some((line) => line.hyphenated)).toBe(false);
  });

  it("tries hyphenation when the words alone need a line looser than badness 30, which plain TeX's \\pretolerance 100 would accept, and keeps the words whole when that is still best", () => {
    // On 298 pt the words alone need a first line at ratio 0.89 (badness 70).
    const prose =
      'The ministers met on Tuesday and agreed that the talks would go on next month in the capital, ' +
      'where officials from both countries are expected to discuss trade, energy and the situation at the border.';
    const found = block(prose);
    const whole = buildItems(found.runs, { lineWidth: 298, justify: true, indent: 0, microtype: true, hyphenator: undefined });
    expect(breakParagraph(whole, { lineWidth: 298, tolerance: ratioOfBadness(PRETOLERANCE) })).toBeUndefined();
    const plainTeX = breakParagraph(whole, { lineWidth: 298, tolerance: ratioOfBadness(100) });
    expect(plainTeX?.[0]?.ratio).toBeGreaterThan(ratioOfBadness(PRETOLERANCE));
    const report = setBlock(found, { width: 298, hyphenator: hyphenatorFor('en'), indentFirstLine: false });
    expect(report.pass).toBe(1);
    expect(report.lines.some((line) => line.insertedHyphen)).toBe(false);
  });

  it('breaks an English name only when nothing else sets the paragraph within tolerance, before loosening a line beyond it', () => {
    // After the indent, "allowing Volkswagen" does not fit the first line and no lowercase word
    // near it breaks: within tolerance only a break in "Volkswagen" does (the emergency pass set the first line at ×3.35).
    const text =
      'The MEB’s flexibility shows its strength here, allowing Volkswagen to tinker with the length of its EV and its drivetrain. ' +
      'As shown off at the LA Auto Show this week, the concept is about as long as a large sport utility vehicle. However it’s narrower and lower.';
    const found = block(text);
    const options = { width: 324, hyphenator: hyphenatorFor('en'), indentFirstLine: true };
    const report = setBlock(found, options);
    expect(report.pass).toBe(PASSES.findIndex((pass) => pass.capitalised));
    expect(report.lines[0]?.segments.map((segment) => segment.text).join('')).toMatch(/allowing Volks\w*-$/);
    expect(Math.max(...report.lines.slice(0, -1).map((line) => line.segments[0]?.wordSpacing ?? 0))).toBeLessThan(1.5);
    // Ordinary prose keeps its names whole.
    expect(
      setBlock(block('Washington and Jefferson met in Philadelphia. '.repeat(8)), options).lines.some((line) =>
        /[A-Z][a-z]*-$/.test(line.segments.map((segment) => segment.text).join('')),
      ),
    ).toBe(false);
  });

  it('hyphenates when the words alone cannot be set within \\pretolerance', () => {
    const hard = 'Internationalisation counterrevolutionaries notwithstanding, extraordinarily uncharacteristically incomprehensibilities. ';
    const report = setBlock(block(hard.repeat(6)), { width: 200, hyphenator: hyphenatorFor('en'), indentFirstLine: false });
    expect(report.pass).toBeGreaterThanOrEqual(1);
    expect(report.lines.some((line) => line.insertedHyphen)).toBe(true);
  });
});

describe('breaks at slashes', () => {
  function boxes(text: string): string[] {
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
    const found = buildBlocks(editionFromTree(tree)).chapters[0]?.[0];
    if (found?.kind !== 'text') throw new Error('no text block');
    return buildItems(found.runs, { lineWidth: 300, justify: true, indent: 0, hyphenator: undefined }).flatMap((item) =>
      item.type === 'box' ? [item.text] : item.type === 'penalty' && Math.abs(item.penalty) < INFINITE_PENALTY ? ['|'] : [],
    );
  }

  it('never starts a line with a spaced dash', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'the nominee \u2014 who lost \u2014 and then the other one \u2013 not him \u2013 won it all again. '.repeat(12) }] },
      ],
    };
    const found = buildBlocks(editionFromTree(tree)).chapters[0]?.[0];
    if (found?.kind !== 'text') throw new Error('no text block');
    let endingInDash = 0;
    for (const width of [150, 200, 250, 324]) {
      const lines = setBlock(found, { width, hyphenator: undefined, indentFirstLine: false }).lines;
      expect(lines.length).toBeGreaterThan(5);
      for (const line of lines) expect(line.segments[0]?.text).not.toMatch(/^[\u2013\u2014]/u);
      endingInDash += lines.filter((line) => /[\u2013\u2014]$/u.test(line.segments[line.segments.length - 1]?.text ?? '')).length;
    }
    // The dash goes to the end of the line instead.
    expect(endingInDash).toBeGreaterThan(0);
  });

  it('never breaks "24/7" or a date at its slash, but may break "and/or"', () => {
    expect(boxes('open 24/7 on 12/05/2024')).toEqual(['open', '24/7', 'on', '12/05/2024']);
    expect(boxes('either and/or')).toEqual(['either', 'and/', '|', 'or']);
  });

  it('never breaks a range or score at its dash ("24–30", "5–2"), but may break "Paris–Berlin"', () => {
    expect(boxes('pages 24\u201330 won 5\u20132')).toEqual(['pages', '24\u201330', 'won', '5\u20132']);
    expect(boxes('the Paris\u2013Berlin line')).toEqual(['the', 'Paris\u2013', '|', 'Berlin', 'line']);
  });
});
