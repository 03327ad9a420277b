import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Copyright } from '../../mdast-nodes.js';

/** Turns a `copyright` notice into `<footer><p class="copyright">` at the end of the article. */
export function copyright(state: State, node: Copyright): Element {
  const notice: Element = {
    type: 'element',
    tagName: 'p',
    properties: { className: ['copyright'] },
    children: state.all(node),
  };
  state.patch(node, notice);
  return state.applyData(node, {
    type: 'element',
    tagName: 'footer',
    properties: { className: ['notice'] },
    children: [notice],
  });
}
