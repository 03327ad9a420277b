import type { Element, ElementContent } from 'hast';
import type { Table } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { columnAligns } from '../../table-align.js';

/**
 * Turns a `table` into mdast-util-to-hast's `<table>` inside `<div class="table">`, which the
 * stylesheet lets scroll sideways: a table wider than a phone's screen then scrolls on its own
 * instead of widening the page or being cut off. The wrapper takes the keyboard's focus
 * (`tabindex="0"`), so a reader without a pointer can scroll it too (WCAG 2.1.1; axe's
 * scrollable-region-focusable).
 *
 * Each cell carries its column's alignment as the print book sets it (the source's `:--:` and
 * `--:`, or a column of numbers on the right) as a class, `align-left`, `align-center` or `align-right`: the
 * `align` attribute mdast-util-to-hast writes is obsolete in HTML5, and EPUBCheck and the
 * sanitiser refuse it.
 */
export function table(state: State, node: Table): Element {
  const inner = defaultHandlers.table(state, node);
  const aligns = columnAligns(node);
  const visit = (element: Element): void => {
    if (element.tagName === 'tr') {
      let column = 0;
      for (const cell of element.children) {
        if (cell.type !== 'element' || (cell.tagName !== 'th' && cell.tagName !== 'td')) continue;
        const align = aligns[column++];
        const { align: _dropped, ...properties } = cell.properties;
        cell.properties = align ? { ...properties, className: [`align-${align}`] } : properties;
      }
      return;
    }
    for (const child of element.children as ElementContent[]) if (child.type === 'element') visit(child);
  };
  visit(inner);
  return { type: 'element', tagName: 'div', properties: { className: ['table'], tabIndex: 0 }, children: [inner] };
}
