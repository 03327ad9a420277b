/** hast → markup the library's HTML parser reads back unchanged and re-serialises as XHTML. */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';

/**
 * Serialises a sanitised hast tree; void elements are closed and attributes quoted so the text
 * is also well-formed XML, and empty non-void elements keep an explicit end tag because the
 * library parses in HTML mode, where `<span/>` would swallow what follows.
 */
export function serialize(tree: Root): string {
  return toHtml(tree, {
    space: 'html',
    allowDangerousHtml: false,
    closeSelfClosing: true,
    tightSelfClosing: true,
    characterReferences: { useNamedReferences: false },
  });
}
