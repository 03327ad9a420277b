import type { Element } from 'hast';
import type { Table } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';

/**
 * Turns a `table` into mdast-util-to-hast's `<table>` inside `<div class="table">`, which the
 * stylesheet lets scroll sideways: a table wider than a phone's screen then scrolls on its own
 * instead of widening the page or being cut off. The wrapper takes the keyboard's focus
 * (`tabindex="0"`), so a reader without a pointer can scroll it too (WCAG 2.1.1; axe's
 * scrollable-region-focusable).
 */
export function table(state: State, node: Table): Element {
  const inner = defaultHandlers.table(state, node);
  return { type: 'element', tagName: 'div', properties: { className: ['table'], tabIndex: 0 }, children: [inner] };
}
