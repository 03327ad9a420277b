import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { FigureCaption } from '../../mdast-nodes.js';
import { classedElement } from './classed.js';

/** Turns a `figureCaption` into the caption text's own element inside `<figcaption>`. */
export function figureCaption(state: State, node: FigureCaption): Element {
  return state.applyData(node, classedElement(state, node, 'span', 'caption'));
}
