/**
 * Bounds on Markdown the parser and the tree walkers can take. remark-parse slows down
 * cubically with list nesting and quadratically with emphasis markers in one paragraph, and
 * mdast-util-to-hast, hast-util-to-html and mdast-util-to-string recurse once per level (a
 * stack overflow at about 2,000 nested quotes). No article needs anything close to these
 * limits, so an input beyond them is refused with its line rather than hung on.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { InputError } from '../errors.js';

/** Deepest nesting of quotes and lists, counted in the source before parsing (list nesting costs cubic time in remark-parse). */
export const MAX_MARKDOWN_NESTING = 32;
/** Deepest mdast tree accepted after parsing; every later stage recurses once per level. */
export const MAX_TREE_DEPTH = 100;
/** Most emphasis or strike-through markers (`*`, `_`, `~`) in one paragraph; remark-parse pairs them in quadratic time. */
export const MAX_EMPHASIS_MARKERS = 2000;
/** Columns one level of list nesting needs at least (CommonMark: marker width plus a space). */
const COLUMNS_PER_LEVEL = 2;

/** Refuses Markdown whose nesting or emphasis markers would take the parser unbounded time. */
export function checkMarkdownSource(text: string, file: string): void {
  const lines = text.split('\n');
  let markers = 0;
  let paragraphStart = 0;
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    // Fenced code is literal: its indentation and underscores nest nothing and pair nothing.
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && !line.slice(line.indexOf(opener) + opener.length).trim()) fence = undefined;
      continue;
    }
    if (opener !== undefined) {
      fence = opener;
      continue;
    }
    if (!line.trim()) {
      markers = 0;
      paragraphStart = index + 1;
      continue;
    }
    const depth = containerDepth(line);
    if (depth > MAX_MARKDOWN_NESTING) {
      throw new InputError(`${file}:${index + 1}: quotes or lists nested about ${depth} deep; at most ${MAX_MARKDOWN_NESTING} levels are supported`, { file });
    }
    for (let i = 0; i < line.length; i++) {
      const char = line.charCodeAt(i);
      if (char === 0x2a || char === 0x5f || char === 0x7e) markers++;
    }
    if (markers > MAX_EMPHASIS_MARKERS) {
      throw new InputError(`${file}:${paragraphStart + 1}: one paragraph holds more than ${MAX_EMPHASIS_MARKERS} emphasis markers (*, _, ~); split it or escape them with \\`, {
        file,
      });
    }
  }
}

/** Estimates how many containers a line opens: quote markers, list markers and indentation. */
function containerDepth(line: string): number {
  let depth = 0;
  let columns = 0;
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    // Only indentation before the first marker nests; spaces after a marker belong to it.
    if (char === ' ') columns += depth === 0 ? 1 : 0;
    else if (char === '\t') columns += depth === 0 ? 4 - (columns % 4) : 0;
    else if (char === '>') depth++;
    else {
      const marker = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line.slice(i, i + 11));
      if (!marker) break;
      depth++;
      i += marker[0].length;
      continue;
    }
    i++;
  }
  return depth + Math.floor(columns / COLUMNS_PER_LEVEL);
}

/** Refuses a tree deeper than the stages after parsing can walk; measured without recursion. */
export function checkTreeDepth(tree: Root, file: string): void {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) {
      const line = node.position?.start.line;
      throw new InputError(`${file}${line ? `:${line}` : ''}: structure nested more than ${MAX_TREE_DEPTH} levels deep`, { file });
    }
    const children = (node as Partial<Parent>).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
}
