/** Every character checked against the fonts: fallbacks for other scripts (CJK too), a warning for the rest. */
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
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

  it('warns about, and names, the characters no font has', () => {
    expect(result.preflight.charactersNotCovered).toEqual(['U+13000 𓀀']);
    const warning = result.diagnostics.find((diagnostic) => diagnostic.rule === 'pdf-missing-glyph');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('U+13000 𓀀');
  });
});
