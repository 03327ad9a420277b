import type { Element, ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Figure } from '../../mdast-nodes.js';

/**
 * Turns a `figure` into `<figure>` with its picture and a `<figcaption>`; the slug is data and
 * stays out. A photo note (its picture is not in the source: layout/photo-notes.ts) is the
 * caption alone, classed `photo-note`.
 */
export function figure(state: State, node: Figure): Element {
  const children: ElementContent[] = [];
  if (node.image && !node.photoNote) {
    // The raw URL is the key into `Edition.assets`; the image step swaps it for the packaged name.
    children.push({
      type: 'element',
      tagName: 'img',
      properties: { src: node.image.url, alt: node.image.alt },
      children: [],
    });
  }
  const parts = state.all(node);
  if (parts.length > 0) {
    const caption: ElementContent[] = [];
    parts.forEach((part, index) => {
      // A space keeps caption and credit apart for readers that ignore the stylesheet.
      if (index > 0) caption.push({ type: 'text', value: ' ' });
      caption.push(part);
    });
    children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: caption });
  }
  const result: Element = { type: 'element', tagName: 'figure', properties: node.photoNote ? { className: ['photo-note'] } : {}, children };
  state.patch(node, result);
  return state.applyData(node, result);
}
