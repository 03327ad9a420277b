/** Setting real text: hyphenation rules, justification, and input no article should carry. */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../pipeline/pdf/blocks/index.js';
import { hyphenatorFor } from '../../pipeline/pdf/break/hyphenate.js';
import type { Line, TextBlock } from '../../pipeline/pdf/model.js';
import { PASSES, setBlock } from '../../pipeline/pdf/break/set.js';
import { MAX_CONSECUTIVE_HYPHENS } from '../../pipeline/pdf/break/knuth-plass.js';
import { protrusionOf, widthOf } from '../../pipeline/pdf/break/items.js';
import { LETTER_SPACING_LIMIT } from '../../pipeline/pdf/break/microtype.js';
import { editionFromTree } from './helpers.js';

/** Column width of the default template's 6 × 9 page with its widest gutter, in points. */
const COLUMN = 324;

function bodyBlock(text: string): TextBlock {
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  const block = buildBlocks(editionFromTree(tree)).chapters[0]?.[0];
  if (block?.kind !== 'text') throw new Error('no text block');
  return block;
}

function lineText(line: Line): string {
  return line.segments.map((segment) => segment.text).join(' ');
}

/**
 * The right edge of a line as paint draws its last segment: word by word, glyphs and spaces
 * scaled by the line's font expansion, spaces widened by `wordSpacing`; less what the last
 * character may hang into the margin (protrusion), so that a justified line's edge is the column's.
 */
function rightEdge(line: Line): number {
  const last = line.segments[line.segments.length - 1];
  if (!last) return 0;
  const words = last.text.split(' ');
  const scale = last.scale ?? 1;
  const space = widthOf(last.style, ' ') * scale + last.wordSpacing;
  const edge = last.x + words.reduce((sum, word) => sum + widthOf(last.style, word) * scale, 0) + (words.length - 1) * space;
  return edge - protrusionOf(last.style, [...last.text].pop() ?? '', 'right');
}

function set(text: string): Line[] {
  return setBlock(bodyBlock(text), { width: COLUMN, hyphenator: hyphenatorFor('en'), indentFirstLine: false }).lines;
}

describe('setting a paragraph', () => {
  const prose =
    'Nevertheless, this strategy is extraordinarily risky. The unprecedented horror of these attacks means that ' +
    'international observers, governments and institutions may not so easily forget and forgive those who ' +
    'stand against them, notwithstanding considerable diplomatic manoeuvring and counterbalancing commitments. '.repeat(3);

  it('justifies every line but the last to the column edge', () => {
    const lines = set(prose);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines.slice(0, -1)) expect(rightEdge(line)).toBeCloseTo(COLUMN, 1);
    expect(rightEdge(lines[lines.length - 1] as Line)).toBeLessThan(COLUMN);
  });

  it(`hyphenates, but never more than ${MAX_CONSECUTIVE_HYPHENS} lines in a row, and draws no soft hyphen`, () => {
    const lines = set(prose);
    let run = 0;
    for (const line of lines) {
      run = line.hyphenated ? run + 1 : 0;
      expect(run).toBeLessThanOrEqual(MAX_CONSECUTIVE_HYPHENS);
      expect(lineText(line)).not.toContain('\u00ad');
    }
    expect(lines.some((line) => line.hyphenated)).toBe(true);
  });

  it('hyphenates no capitalised word, URL or word under six letters while the paragraph can be set without', () => {
    const names =
      'Constantinople and the Mediterranean were discussed at considerable length, then Transcaucasian railways, Kyrgyzstan and Netanyahu, for the international representatives. ';
    const lines = set(names.repeat(8));
    expect(lines.some((line) => line.insertedHyphen)).toBe(true);
    for (const line of lines) {
      if (!line.hyphenated) continue;
      expect(lineText(line)).toMatch(/-$/);
      const last = lineText(line).split(' ').pop() ?? '';
      // A line may end after a hard break point of a URL (a slash), never at an inserted hyphen inside a name.
      expect(last).not.toMatch(/^\p{Lu}\p{L}*-$/u);
    }
    // A paragraph of names alone cannot be set within tolerance otherwise: its names break (the last-resort pass), never a URL.
    const report = setBlock(bodyBlock('Constantinople Mediterranean Transcaucasian Kyrgyzstan Netanyahu https://example.com/extraordinarily/unprecedented '.repeat(12)), {
      width: COLUMN,
      hyphenator: hyphenatorFor('en'),
      indentFirstLine: false,
    });
    expect(PASSES[report.pass]?.capitalised).toBe(true);
    for (const line of report.lines) expect(lineText(line).split(' ').pop() ?? '').not.toMatch(/^https?:.*[^/]-$/u);
    const short = set('cat dog emu gnu yak ant bee '.repeat(40));
    expect(short.every((line) => !line.hyphenated)).toBe(true);
  });

  it('letter-spaces a justified line by at most 3 % of its space, the way its glyphs are expanded, never narrowing a word space below 80 %', () => {
    const lines = set(prose);
    let spaced = 0;
    for (const line of lines.slice(0, -1)) {
      for (const segment of line.segments) {
        const natural = widthOf({ ...segment.style, tracking: 0 }, ' ');
        const tracking = segment.style.tracking;
        const scale = segment.scale ?? 1;
        expect(Math.abs(tracking)).toBeLessThanOrEqual(LETTER_SPACING_LIMIT * natural + 1e-9);
        if (tracking !== 0) {
          spaced += 1;
          expect(Math.sign(tracking)).toBe(Math.sign(scale - 1));
        }
        // A word space: the space glyph, its justification and the letter spacing of the glyph before it.
        if (segment.text.includes(' ')) expect(widthOf(segment.style, ' ') * scale + segment.wordSpacing + tracking * scale).toBeGreaterThanOrEqual(0.8 * natural - 1e-9);
      }
    }
    expect(spaced).toBeGreaterThan(0);
    expect(lines[lines.length - 1]?.segments.every((segment) => segment.style.tracking === 0)).toBe(true);
  });

  it('breaks a 5,000-character word inside the margin', () => {
    const lines = set(`Start ${'x'.repeat(5000)} end.`);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(rightEdge(line)).toBeLessThanOrEqual(COLUMN + 0.01);
    expect(
      lines
        .map((line) => lineText(line))
        .join('')
        .replace(/[^x]/g, '').length,
    ).toBe(5000);
  });

  it('sets a 250,000-character paragraph, every line inside the margin', () => {
    const words = ['consolidate', 'Russia', 'status', 'junior', 'partner', 'in', 'challenging', 'global', 'leadership', 'a'];
    let text = '';
    for (let i = 0; text.length < 250_000; i++) text += `${words[(i * 7) % words.length]} `;
    const lines = set(text);
    expect(lines.length).toBeGreaterThan(2000);
    for (const line of lines) expect(rightEdge(line)).toBeLessThanOrEqual(COLUMN + 0.01);
  });

  it('records where each line starts in the block text', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega '.repeat(4);
    const lines = set(text);
    expect(lines[0]?.offset).toBe(0);
    for (const line of lines) {
      const first = line.segments[0]?.text.split(' ')[0]?.replace(/-$/, '') ?? '';
      expect(text.slice(line.offset, line.offset + first.length)).toBe(first);
    }
  });
});

describe('setting Korean', () => {
  it('breaks at spaces only, keeping a particle on a Latin word, and inside a word only when it is wider than the line', () => {
    const text = '서울시는 Galley를 이용해 신문 기사를 책으로 만든다고 밝혔다. '.repeat(4);
    const lines = setBlock(bodyBlock(text), { width: 120, hyphenator: undefined, indentFirstLine: false }).lines;
    expect(lines.length).toBeGreaterThan(4);
    for (const [index, line] of lines.entries()) {
      const next = lines[index + 1];
      if (next) expect(text.charAt(next.offset - 1), lineText(line)).toBe(' ');
    }
    // A word of 60 syllables is wider than a 120 pt line: it breaks between syllables, as a last resort, within the line.
    const long = '가'.repeat(60);
    const set = setBlock(bodyBlock(`앞 ${long} 뒤`), { width: 120, hyphenator: undefined, indentFirstLine: false }).lines;
    expect(set.length).toBeGreaterThanOrEqual(3);
    expect(set.map(lineText).join('')).toBe(`앞 ${long} 뒤`);
    for (const line of set) expect(line.width).toBeLessThanOrEqual(120 + 0.01);
  });
});
