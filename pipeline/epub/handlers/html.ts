import type { Element, Text } from 'hast';
import type { Html, Parents } from 'mdast';
import type { State } from 'mdast-util-to-hast';

/** Parents whose children are phrasing content, where literal markup can stay bare text. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell', 'figureCaption', 'figureCredit', 'copyright']);

/** Shows raw HTML from an article as the literal text it is, never as markup. */
export function html(state: State, node: Html, parent: Parents | undefined): Text | Element {
  const text: Text = { type: 'text', value: node.value };
  state.patch(node, text);
  if (parent && PHRASING_PARENTS.has(parent.type)) return text;
  // A block of raw HTML becomes a paragraph of its source so it keeps its place in the flow.
  return { type: 'element', tagName: 'p', properties: { className: ['literal'] }, children: [text] };
}
