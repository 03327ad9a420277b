import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { FigureCaption } from '../../mdast-nodes.js';

/** Turns a `figureCaption` into the caption text's own element inside `<figcaption>`. */
export function figureCaption(state: State, node: FigureCaption): Element {
  const result: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['caption'] },
    children: state.all(node),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
