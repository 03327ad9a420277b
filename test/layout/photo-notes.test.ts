import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { photoNotesLast } from '../../pipeline/layout/photo-notes.js';
import type { Figure } from '../../pipeline/mdast-nodes.js';
import type { Asset } from '../../pipeline/types.js';

const text = (value: string) => ({ type: 'text' as const, value });
const paragraph = (value: string) => ({ type: 'paragraph' as const, children: [text(value)] });
const figure = (url: string | undefined, caption?: string, alt = ''): Figure => ({
  type: 'figure',
  ...(url ? { image: { url, alt } } : {}),
  children: caption
    ? [
        { type: 'figureCaption', children: [text(caption)] },
        { type: 'figureCredit', children: [text('Jane Roe/AP')] },
      ]
    : [],
});
const asset = { bytes: new Uint8Array(), mime: 'image/jpeg' } as unknown as Asset;

describe('photo notes (a caption whose photo is not in the source)', () => {
  const tree = (): Root => ({
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [text('Headline')] },
      figure(undefined, 'Caption of a photo the scrape did not keep.'),
      paragraph('First paragraph.'),
      figure('here.jpg', 'A photo that is here.'),
      paragraph('Second paragraph.'),
      figure('gone.jpg', undefined, 'A heron on a post'),
      figure('gone.jpg'),
      { type: 'copyright', children: [text('© 2023 The Paper')] },
    ],
  });

  it('moves them to the end of the article, before the copyright line, and leaves pictures that are here in place', () => {
    const out = photoNotesLast(tree(), { 'here.jpg': asset });
    expect(out.children.map((node) => (node.type === 'figure' ? `figure${node.photoNote ? ' note' : ''}` : node.type))).toEqual([
      'heading',
      'paragraph',
      'figure',
      'paragraph',
      'figure note',
      'figure note',
      'copyright',
    ]);
  });

  it("gives a note with no caption the picture's alt text, and drops one with neither", () => {
    const notes = photoNotesLast(tree(), {}).children.filter((node): node is Figure => node.type === 'figure');
    expect(notes).toHaveLength(3);
    expect(notes[2]!.children).toEqual([{ type: 'figureCaption', children: [text('A heron on a post')] }]);
  });

  it('returns the tree itself when every picture is here', () => {
    const whole: Root = { type: 'root', children: [paragraph('Text.'), figure('here.jpg', 'Here.')] };
    expect(photoNotesLast(whole, { 'here.jpg': asset })).toBe(whole);
  });
});
