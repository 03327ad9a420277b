import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { FigureCredit } from '../../mdast-nodes.js';

/** Turns a `figureCredit` into a credit element set apart from the caption text. */
export function figureCredit(state: State, node: FigureCredit): Element {
  const result: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['credit'] },
    children: state.all(node),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
