/** Every character checked against the fonts: fallbacks for other scripts (CJK too), a warning for the rest. */
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBlocks } from '../../pipeline/pdf/blocks/index.js';
import { renderPdf, type PdfResult } from '../../pipeline/pdf/index.js';
import { editionFromTree, poppler } from './helpers.js';

let result: PdfResult;

beforeAll(async () => {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Many scripts' }] },
      {
        type: 'paragraph',
        children: [{ type: 'text', value: 'Greek αλφάβητο, Cyrillic алфавит, Hebrew שלום, Arabic سلام, Chinese 漢字, a face 😀, a plane ✈ and a hieroglyph 𓀀.' }],
      },
    ],
  };
  result = await renderPdf(editionFromTree(tree));
});

describe('font coverage', () => {
  it('sets Greek and Cyrillic in the text face and Hebrew and Arabic in the fallback fonts', async () => {
    const fonts = await poppler('pdffonts', result.bytes);
    expect(fonts).toContain('Literata-Regular');
    expect(fonts).toMatch(/NotoSansHebrew/);
    expect(fonts).toMatch(/NotoNaskhArabic/);
    const text = await poppler('pdftotext', result.bytes);
    expect(text).toContain('αλφάβητο');
    expect(text).toContain('алфавит');
  });

  it('sets Chinese in the CJK fallback font', async () => {
    expect(await poppler('pdffonts', result.bytes)).toMatch(/NotoSansSC-Regular/);
    expect(await poppler('pdftotext', result.bytes)).toContain('漢字');
  });

  it('sets emoji and symbols in Noto Emoji', async () => {
    expect(await poppler('pdffonts', result.bytes)).toMatch(/NotoEmoji-Regular/);
  });

  it('measures and draws a space in the text font next to an emoji, in a script font between two of its words', () => {
    const text = 'Fire 🔥 spreads 🔥 🔥 fast, and سلام عليكم says the sign.';
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
    const block = buildBlocks(editionFromTree(tree)).chapters[0]?.[0];
    if (block?.kind !== 'text') throw new Error('no text block');
    const fontOfSpace = (before: string, after: string): string[] =>
      block.runs.flatMap((run) => {
        if (run.kind !== 'text') return [];
        const at = text.indexOf(`${before} ${after}`);
        const space = at + before.length;
        return run.offset <= space && space < run.offset + run.text.length && run.text[space - run.offset] === ' ' ? [run.style.font.font.postscriptName] : [];
      });
    // Noto Emoji's space is 1.27 em wide, six times Literata's.
    expect(fontOfSpace('🔥', 'spreads')).toEqual(['Literata-Regular']);
    expect(fontOfSpace('Fire', '🔥')).toEqual(['Literata-Regular']);
    expect(fontOfSpace('🔥', '🔥')).toEqual(['Literata-Regular']);
    expect(fontOfSpace('سلام', 'عليكم')[0]).toMatch(/NotoNaskhArabic/);
    expect(fontOfSpace('and', 'سلام')).toEqual(['Literata-Regular']);
  });

  it('warns about, and names, the characters no font has', () => {
    expect(result.preflight.charactersNotCovered).toEqual(['U+13000 𓀀']);
    const warning = result.diagnostics.find((diagnostic) => diagnostic.rule === 'pdf-missing-glyph');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('U+13000 𓀀');
  });
});
