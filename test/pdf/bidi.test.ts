/** Right-to-left text: words in display order by UAX #9, paragraphs aligned from the right. */
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { visualPieces } from '../../pipeline/pdf/blocks/bidi.js';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import type { Edition } from '../../pipeline/types.js';
import { editionFromTree, poppler, onPage, textPage } from './helpers.js';

const HEBREW = 'שלום עולם, זהו משפט ארוך בעברית שנועד לבדוק את סדר המילים בשורה. המשפט ממשיך עוד ועוד כדי לשבור שורות רבות בפסקה אחת, עם המספר 2024 באמצע.';
const ARABIC = 'مرحبا بالعالم، هذه جملة طويلة باللغة العربية لاختبار ترتيب الكلمات في السطر.';
const SECOND = 'פסקה שנייה קצרה.';
const MIXED = 'English with a Hebrew phrase שלום עולם inside it.';

/** Directional marks poppler wraps around right-to-left text. */
const MARKS = /[\u200e\u200f\u202a-\u202e]/g;

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
}

let edition: Edition;
let result: PdfResult;
let items: Item[];

beforeAll(async () => {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Right to left' }] },
      { type: 'paragraph', data: { hProperties: { dir: 'rtl', lang: 'he' } }, children: [{ type: 'text', value: HEBREW }] },
      { type: 'paragraph', data: { hProperties: { dir: 'rtl', lang: 'he' } }, children: [{ type: 'text', value: SECOND }] },
      { type: 'paragraph', data: { hProperties: { dir: 'rtl', lang: 'ar' } }, children: [{ type: 'text', value: ARABIC }] },
      { type: 'paragraph', children: [{ type: 'text', value: MIXED }] },
    ],
  };
  edition = editionFromTree(tree);
  result = await renderPdf(edition);
  // Word boxes from poppler; a right-to-left word's letters come in the order they are drawn.
  const boxes = await poppler('pdftotext', result.bytes, ['-bbox', ...onPage(textPage(result))]);
  items = [...boxes.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((match) => ({
    str: match[4] ?? '',
    x: Number(match[1]),
    y: Number(match[2]),
    width: Number(match[3]) - Number(match[1]),
  }));
});

/** The box of a word, matched in either letter order; on the line of `on` when given. */
function find(word: string, on?: Item): Item {
  const found = items.find((item) => (item.str === word || [...item.str].reverse().join('') === word) && (!on || Math.abs(item.y - on.y) < 2));
  if (!found) throw new Error(`no text item "${word}" among ${items.map((item) => item.str).join(' | ')}`);
  return found;
}

describe('right-to-left paragraphs', () => {
  it('read back in logical order: poppler reorders what is placed right to left', async () => {
    // Poppler attaches a comma drawn in the text face to either neighbour, so words are compared without punctuation.
    const words = (text: string): string => text.replace(MARKS, '').replace(/[.,،]/g, ' ').replace(/\s+/g, ' ').trim();
    const text = words(await poppler('pdftotext', result.bytes));
    expect(text).toContain(words(HEBREW.split(' 2024')[0] ?? ''));
    expect(text).toContain(words(SECOND));
  });

  it('place the first word at the right edge and each next word to its left, justified to both edges', () => {
    const right = edition.print.trim.width - edition.print.margins.outside;
    const left = edition.print.margins.inside;
    const words = ['שלום', 'זהו', 'משפט', 'ארוך'];
    const xs = words.map((word) => find(word).x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!, words[i]).toBeLessThan(xs[i - 1]!);
    const first = find('שלום');
    expect(first.x + first.width).toBeCloseTo(right, 0);
    const line = items.filter((item) => Math.abs(item.y - first.y) < 2);
    expect(Math.min(...line.map((item) => item.x))).toBeCloseTo(left, 0);
  });

  it('sets the last line of a right-to-left paragraph against the right edge, and its indent on the right', () => {
    const right = edition.print.trim.width - edition.print.margins.outside;
    // The last line reads "2024 באמצע.": the number comes first, so it is the rightmost word.
    const first = find('2024');
    expect(first.x + first.width).toBeCloseTo(right, 0);
    expect(find('באמצע.', first).x).toBeLessThan(first.x);
    // The second paragraph follows a paragraph, so it takes the first-line indent: at its right.
    const opening = find('פסקה');
    expect(right - (opening.x + opening.width)).toBeCloseTo(edition.print.styles.body.indent, 0);
    expect(find('קצרה.', opening).x).toBeLessThan(opening.x);
  });

  it('keeps a Hebrew phrase inside an English line in its own order', () => {
    const line = find('phrase');
    expect(line.x).toBeLessThan(find('עולם', line).x);
    expect(find('עולם', line).x).toBeLessThan(find('שלום', line).x);
    expect(find('שלום', line).x).toBeLessThan(find('inside', line).x);
  });
});

describe('the reordering itself (UAX #9, L2)', () => {
  it('reverses right-to-left runs and keeps numbers and Latin inside them left to right', () => {
    const order = (parts: string[], dir: 'ltr' | 'rtl'): string[] => visualPieces(parts, dir).map((piece) => piece.text);
    expect(order(['abc', ' ', 'אבג', ' ', 'דהו', ' ', 'xyz'], 'ltr')).toEqual(['abc', ' ', 'דהו', ' ', 'אבג', ' ', 'xyz']);
    expect(order(['אבג', ' ', '2024', ' ', 'abc', ' ', 'def'], 'rtl')).toEqual(['abc', ' ', 'def', ' ', '2024', ' ', 'אבג']);
    // A bracket in right-to-left text is mirrored, since the shaper sets it left to right.
    expect(order(['(', 'אבג', ')'], 'rtl')).toEqual(['(', 'אבג', ')']);
  });
});
