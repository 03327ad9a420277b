import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { FigureCredit } from '../../mdast-nodes.js';
import { classedElement } from './classed.js';

/** Turns a `figureCredit` into a credit element set apart from the caption text. */
export function figureCredit(state: State, node: FigureCredit): Element {
  return state.applyData(node, classedElement(state, node, 'span', 'credit'));
}
