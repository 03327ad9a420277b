import fc from 'fast-check';
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { editionFromFile, editionFromTree, parseXml, SEED, text, unzip } from './helpers.js';

/** Any string, biased towards the characters that break XML and HTML. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '&', '"', "'", '\u0000', '\u0001', '\u000B', '\uFFFE', '\uD800', '\u202E', ']]>', '<script>', 'javascript:', ' on', '='),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  ),
  maxLength: 40,
});

const phrasing: fc.Arbitrary<PhrasingContent> = fc.oneof(
  nasty.map((value): PhrasingContent => ({ type: 'text', value })),
  nasty.map((value): PhrasingContent => ({ type: 'html', value })),
  nasty.map((value): PhrasingContent => ({ type: 'inlineCode', value })),
  fc.tuple(nasty, nasty).map(([url, value]): PhrasingContent => ({ type: 'link', url, children: [{ type: 'text', value }] })),
  fc.tuple(nasty, nasty).map(([url, alt]): PhrasingContent => ({ type: 'image', url, alt })),
  nasty.map((value): PhrasingContent => ({ type: 'emphasis', children: [{ type: 'text', value }] })),
);

const tree: fc.Arbitrary<Root> = fc
  .array(fc.array(phrasing, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 })
  .map((paragraphs) => ({ type: 'root', children: paragraphs.map((children): Paragraph => ({ type: 'paragraph', children })) }));

describe('properties', () => {
  it('turns any tree into well-formed XHTML with no script, handler or foreign URL', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (root) => {
        const edition = editionFromTree(root);
        // The cover is not under test here and costs more than the rest of the book.
        const zip = await unzip(await renderEpub({ ...edition, epub: { css: edition.epub.css } }));
        const doc = parseXml(await text(zip, 'OEBPS/chapter-1.xhtml'));
        for (const element of Array.from(doc.getElementsByTagName('*'))) {
          expect(['script', 'style', 'iframe', 'img', 'object']).not.toContain(element.localName);
          for (const attribute of Array.from(element.attributes)) {
            expect(attribute.name).not.toMatch(/^on/i);
            if (element.localName === 'a' && attribute.name === 'href') expect(attribute.value).toMatch(/^(https?:\/\/|mailto:|#)/i);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('puts a page-break marker after exactly `offset` characters of its block', async () => {
    const seed = await editionFromFile(SEED);
    const edition = { ...seed, epub: { css: seed.epub.css } };
    const blocks = edition.chapters[0]?.tree.children ?? [];
    const candidates = blocks.map((block, index) => ({ index, length: toString(block).length })).filter((block) => block.length > 1);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...candidates).chain((block) => fc.record({ block: fc.constant(block.index), offset: fc.integer({ min: 1, max: block.length - 1 }) })),
        async ({ block, offset }) => {
          const zip = await unzip(await renderEpub(edition, { pages: [{ page: 7, chapter: 0, block, offset }] }));
          const source = await text(zip, 'OEBPS/chapter-1.xhtml');
          const doc = parseXml(source);
          const marker = Array.from(doc.getElementsByTagName('span')).find((span) => span.getAttribute('id') === 'page-7');
          expect(marker).toBeDefined();
          let node: Node | null = marker as unknown as Node;
          // Climb to the top-level block that holds the marker and read its text up to the marker.
          while (node?.parentNode && (node.parentNode as Element).localName !== 'section') node = node.parentNode;
          let before = '';
          let done = false;
          const walk = (current: Node): void => {
            if (done) return;
            if (current === (marker as unknown as Node)) {
              done = true;
              return;
            }
            // The space between caption and credit belongs to the markup, not to the text.
            if (current.nodeType === 3 && (current.parentNode as Element | null)?.localName !== 'figcaption') before += current.nodeValue ?? '';
            for (const child of Array.from(current.childNodes)) walk(child);
          };
          if (node) walk(node);
          expect(before).toBe(toString(blocks[block]).slice(0, offset));
        },
      ),
      { numRuns: 100 },
    );
  });
});
