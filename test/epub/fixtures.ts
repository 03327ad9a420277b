/** Hand-made editions for the EPUB tests: images, and hostile input no real article should carry. */
import { Resvg } from '@resvg/resvg-js';
import type { Root } from 'mdast';
import type { Asset, Edition } from '../../pipeline/types.js';
import { editionFromTree } from './helpers.js';

/** A small PNG drawn here, so the tests need no binary fixture. */
export function pngAsset(): Asset {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#336699"/></svg>';
  return { mediaType: 'image/png', bytes: new Uint8Array(new Resvg(svg).render().asPng()), width: 40, height: 30 };
}

/** Alt text of the figure's photo in `figureEdition`. */
export const PHOTO_ALT = 'Two harbour cranes lifting a red container at dusk';

/** An article with a captioned photo, a decorative inline image and an image whose bytes the edition lacks. */
export function figureEdition(): Edition {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Cranes return' }] },
      {
        type: 'figure',
        image: { url: 'cranes.png', alt: PHOTO_ALT },
        slug: 'Harbour Cranes',
        children: [
          { type: 'figureCaption', children: [{ type: 'text', value: 'The cranes on the north quay.' }] },
          { type: 'figureCredit', children: [{ type: 'text', value: 'Ana Ruiz/AP' }] },
        ],
      },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'A rule ' },
          { type: 'image', url: 'rule.png', alt: '' },
          { type: 'text', value: ' and a local file ' },
          { type: 'image', url: 'file:///etc/hostname', alt: 'host name' },
          { type: 'text', value: ' end here.' },
        ],
      },
      { type: 'copyright', children: [{ type: 'text', value: '© 2024 Test Press' }] },
    ],
  };
  return editionFromTree(tree, { 'cranes.png': pngAsset(), 'rule.png': pngAsset() });
}

/** Markup that must reach the reader as text, and attributes and links that must not reach the book at all. */
export const HOSTILE_HTML = '<script>alert("x")</script><b onclick="steal()">bold</b><iframe src="https://evil.example/"></iframe>';

/** An article whose tree carries scripts, handlers, dangerous links and XML-illegal characters. */
export function hostileEdition(): Edition {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [{ type: 'text', value: 'Hostile\u0001 input\u000B' }] },
      { type: 'html', value: HOSTILE_HTML },
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: 'Inline ' },
          { type: 'html', value: '<img src=x onerror="alert(1)">' },
          { type: 'text', value: ' then ' },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', value: 'a script link' }] },
          { type: 'text', value: ', ' },
          { type: 'link', url: ' JaVaScRiPt:alert(2)', children: [{ type: 'text', value: 'a hidden one' }] },
          { type: 'text', value: ', ' },
          { type: 'link', url: 'data:text/html,<script>alert(3)</script>', children: [{ type: 'text', value: 'a data link' }] },
          { type: 'text', value: ', ' },
          { type: 'link', url: 'https://example.org/ok', children: [{ type: 'text', value: 'a web link' }] },
          { type: 'text', value: ' and ' },
          { type: 'image', url: 'data:image/png;base64,AAAA', alt: 'a data image' },
          { type: 'text', value: '.' },
        ],
      },
      {
        type: 'paragraph',
        data: { hProperties: { onClick: 'alert(4)', style: 'color:red' } },
        children: [{ type: 'text', value: 'Handlers smuggled through data.' }],
      },
      { type: 'code', lang: 'html', value: '<style>body{display:none}</style>' },
    ],
  };
  return editionFromTree(tree);
}
