import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Copyright, FigureCaption, FigureCredit } from '../../mdast-nodes.js';

/** An element of the given tag and class holding the node's converted children, with the node's position. */
export function classedElement(state: State, node: Copyright | FigureCaption | FigureCredit, tagName: string, className: string): Element {
  const result: Element = { type: 'element', tagName, properties: { className: [className] }, children: state.all(node) };
  state.patch(node, result);
  return result;
}
