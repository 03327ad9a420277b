/** Chinese: covered by the CJK fallback font and broken between ideographs by UAX #14, never by emergency breaks. */
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../pipeline/pdf/index.js';
import { editionFromTree, onPage, poppler, textPage } from './helpers.js';

const CHINESE =
  '中华人民共和国是世界上人口最多的国家之一，拥有悠久的历史和灿烂的文化。北京是中国的首都，也是全国的政治、文化和国际交往中心。' +
  '上海是中国最大的经济中心城市，位于长江入海口，是一座国际化大都市。「引号里的文字」不应该在引号之后断开。' +
  '这一段文字足够长，可以测试换行是否发生在汉字之间，而不是通过紧急断行来处理。';

/** Punctuation UAX #14 keeps off the start of a line (closing marks) and off its end (opening marks). */
const NO_LINE_START = /^[，。、」）：；！？]/u;
const NO_LINE_END = /[「（]$/u;

const tree: Root = {
  type: 'root',
  children: [
    { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Chinese text' }] },
    { type: 'paragraph', data: { hProperties: { lang: 'zh' } }, children: [{ type: 'text', value: CHINESE }] },
  ],
};

describe('a Chinese paragraph', () => {
  it.each(['default', 'large-print'])('sets within the margins with the %s template, without emergency breaks or missing glyphs', async (template) => {
    const edition = editionFromTree(tree, template);
    const result = await renderPdf(edition);
    const rules = result.diagnostics.map((diagnostic) => diagnostic.rule);
    expect(rules).not.toContain('pdf-emergency-break');
    expect(rules).not.toContain('pdf-missing-glyph');
    expect(result.preflight.charactersNotCovered).toEqual([]);
    expect(await poppler('pdffonts', result.bytes)).toMatch(/NotoSansSC-Regular/);

    const text = await poppler('pdftotext', result.bytes);
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /\p{Script=Han}/u.test(line));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('')).toBe(CHINESE);
    for (const line of lines) {
      expect(line, line).not.toMatch(NO_LINE_START);
      expect(line, line).not.toMatch(NO_LINE_END);
    }

    // The paragraph's page is a right-hand page: the inside margin is on the left.
    const right = edition.print.trim.width - edition.print.margins.outside;
    const boxes = await poppler('pdftotext', result.bytes, ['-bbox', ...onPage(textPage(result))]);
    const edges = [...boxes.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((match) => [Number(match[1]), Number(match[2])] as const);
    for (const [left, end] of edges) {
      expect(left).toBeGreaterThanOrEqual(edition.print.margins.inside - 0.5);
      expect(end).toBeLessThanOrEqual(right + 0.5);
    }
  });
});
