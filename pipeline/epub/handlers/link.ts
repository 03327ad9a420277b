import type { Element, ElementContent } from 'hast';
import type { Link } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { isFragmentLink, isSafeLink } from '../safe-url.js';

/** Turns a `link` into `<a>` only for http(s), mailto and same-document targets; any other target leaves its text. */
export function link(state: State, node: Link): Element | ElementContent[] {
  const children = state.all(node);
  if (!isSafeLink(node.url) && !isFragmentLink(node.url)) return children;
  const result: Element = { type: 'element', tagName: 'a', properties: { href: node.url }, children };
  if (node.title) result.properties.title = node.title;
  state.patch(node, result);
  return state.applyData(node, result);
}
