/** The block handlers of print, one per mdast block kind, in one file each (as `epub/handlers/`). */
import type { BlockContent, DefinitionContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { BlockHandler } from '../builder.js';
import { blockquote } from './blockquote.js';
import { code } from './code.js';
import { copyright } from './copyright.js';
import { figure } from './figure.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { list } from './list.js';
import { paragraph } from './paragraph.js';
import { plain } from './plain.js';
import { table } from './table.js';
import { thematicBreak } from './thematic-break.js';

/** Handlers of a chapter's top-level blocks, keyed by node type. */
type HandlerMap<Node extends { type: string }> = { [Type in Node['type']]?: BlockHandler<Extract<Node, { type: Type }>> };

/** A block that prints nothing (front matter, link definitions). */
const skip: BlockHandler<RootContent> = () => undefined;

/** Handlers of the blocks at a chapter's top level; any other kind is printed plain (`plain`). */
export const topLevelHandlers: HandlerMap<RootContent> = {
  blockquote,
  code,
  copyright,
  definition: skip,
  figure,
  heading,
  html,
  list,
  paragraph,
  table,
  thematicBreak,
  yaml: skip,
};

/** Handlers of the blocks inside a quote or a list item (a heading there is a paragraph); any other kind prints nothing. */
export const nestedHandlers: HandlerMap<BlockContent | DefinitionContent> = {
  blockquote,
  code,
  heading: paragraph,
  html,
  list,
  paragraph,
  table,
};

/** The handler for a top-level node: its own, else the plain paragraph. */
export function topLevelHandler(node: RootContent): BlockHandler {
  return (topLevelHandlers[node.type] as BlockHandler | undefined) ?? plain;
}

/** The handler for a nested node: its own, else one that only moves the position past its text. */
export function nestedHandler(node: BlockContent | DefinitionContent): BlockHandler {
  return (
    (nestedHandlers[node.type] as BlockHandler | undefined) ??
    ((_builder, skipped, _source, position) => {
      position.offset += toString(skipped).length;
    })
  );
}
