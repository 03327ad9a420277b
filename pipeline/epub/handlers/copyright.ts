import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Copyright } from '../../mdast-nodes.js';
import { classedElement } from './classed.js';

/** Turns a `copyright` notice into `<footer><p class="copyright">` at the end of the article. */
export function copyright(state: State, node: Copyright): Element {
  return state.applyData(node, { type: 'element', tagName: 'footer', properties: { className: ['notice'] }, children: [classedElement(state, node, 'p', 'copyright')] });
}
