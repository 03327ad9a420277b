import type { Element } from 'hast';
import type { Image } from 'mdast';
import type { State } from 'mdast-util-to-hast';

/** Turns a Markdown `image` into `<img>` keyed by its raw URL, which the image step resolves against the edition's assets. */
export function image(state: State, node: Image): Element {
  const result: Element = {
    type: 'element',
    tagName: 'img',
    properties: { src: node.url, alt: node.alt ?? '' },
    children: [],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
