/**
 * Page-break markers where the print edition's pages begin, placed on the mdast tree so that
 * "page 3" in the EPUB starts at the same character as page 3 of the PDF.
 */
import type { Nodes, Parents, Root, RootContent, Text } from 'mdast';
import { RenderError } from '../errors.js';
import type { PageStart } from '../types.js';

/** The fragment identifier of the marker of printed page `page`. */
export function pageBreakId(page: number): string {
  return `page-${page}`;
}

/**
 * An empty mdast `text` that `mdast-util-to-hast` turns into the marker element through
 * `data.hName`: it counts zero characters, so later offsets in the same block stay true.
 */
function marker(page: number): Text {
  return {
    type: 'text',
    value: '',
    data: {
      hName: 'span',
      hProperties: {
        id: pageBreakId(page),
        'epub:type': 'pagebreak',
        role: 'doc-pagebreak',
        ariaLabel: String(page),
      },
      hChildren: [],
    },
  };
}

/** The length `mdast-util-to-string` gives a leaf, or undefined when the node is not a leaf to it. */
function leafLength(node: Nodes): number | undefined {
  if ('value' in node) return node.value.length;
  if ('alt' in node && node.alt) return node.alt.length;
  return undefined;
}

/**
 * Walks leaves in the order `mdast-util-to-string` reads them and puts the marker where the
 * text reaches `offset`; returns the characters seen, or -1 once the marker is placed.
 */
function placeIn(parent: Parents, offset: number, seen: number, mark: Text): number {
  const children = parent.children as Nodes[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index] as Nodes;
    const length = leafLength(child);
    if (length === undefined) {
      if (!('children' in child)) continue;
      seen = placeIn(child, offset, seen, mark);
      if (seen < 0) return seen;
      continue;
    }
    if (offset < seen + length) {
      if (child.type === 'text' && offset > seen) {
        // Split the text so the page starts at the exact character, as in print.
        const before: Text = { type: 'text', value: child.value.slice(0, offset - seen) };
        const after: Text = { type: 'text', value: child.value.slice(offset - seen) };
        children.splice(index, 1, before, mark, after);
      } else {
        // Code, raw HTML and image alt text are atomic: the marker goes just before them.
        children.splice(index, 0, mark);
      }
      return -1;
    }
    seen += length;
  }
  return seen;
}

/** Inserts one marker per page start into a chapter tree, which it changes (pass a copy). */
export function insertPageBreaks(tree: Root, starts: readonly PageStart[], chapterIndex: number): void {
  // Last first, so inserting a marker between blocks never shifts a block index still to come.
  const ordered = [...starts].sort((a, b) => b.block - a.block || b.offset - a.offset);
  for (const start of ordered) {
    const block = tree.children[start.block];
    if (!block || start.offset < 0) {
      throw new RenderError(`Page ${start.page} starts at block ${start.block} of chapter ${chapterIndex}, which does not exist.`);
    }
    const mark = marker(start.page);
    // A page that starts with a block gets its marker between blocks, never inside a heading,
    // where it would become part of the heading's accessible name.
    if (start.offset === 0 || !('children' in block)) {
      tree.children.splice(start.block, 0, mark as RootContent);
      continue;
    }
    if (placeIn(block, start.offset, 0, mark) >= 0) {
      tree.children.splice(start.block + 1, 0, mark as RootContent);
    }
  }
}
