/**
 * What every block handler shares: the builder a chapter's blocks are collected in, and the
 * helpers that turn a node's text into a block of runs.
 */
import type { BlockContent, DefinitionContent, PhrasingContent, RootContent } from 'mdast';
import type { Chapter, Diagnostic, Edition, StyleRole } from '../../types.js';
import { detectDirection, type Direction } from './bidi.js';
import type { Block, Run, SourceRef, StructGroup, TextBlock } from '../model.js';
import { phrasingRuns, runStyle, textRuns, type RunContext } from './runs.js';

/** Where in the text a handler is: the offset into the top-level block's plain text, advanced as runs are made. */
export interface Position {
  offset: number;
}

/** The container a block sits in: the role its text takes and the structure element it joins (none at the top level). */
export interface Scope {
  role: StyleRole;
  parent?: StructGroup;
}

/** Turns one mdast node into blocks, appended to the builder. */
export type BlockHandler<Node = RootContent> = (builder: Builder, node: Node, source: SourceRef, position: Position, scope: Scope) => void;

/** One chapter's blocks being built. */
export interface Builder {
  edition: Edition;
  context: RunContext;
  blocks: Block[];
  diagnostics: Diagnostic[];
  nextGroup: number;
  chapter: Chapter;
  /** Direction of the block being built. */
  dir: Direction;
  /** Builds a block inside a container (a quote, a list item), by the handlers for nested blocks. */
  nested: (node: BlockContent | DefinitionContent, source: SourceRef, position: Position, scope: Required<Scope>) => void;
}

/** A block's direction: its own `dir` (set by the structure stage on blocks in another script), else the chapter's. */
export function directionOf(node: { data?: unknown }, text: () => string, inherited: Direction): Direction {
  const data = node.data as { hProperties?: { dir?: unknown } } | undefined;
  const declared = data?.hProperties?.dir;
  if (declared === 'rtl' || declared === 'ltr') return declared;
  return declared === 'auto' ? detectDirection(text(), inherited) : inherited;
}

/** A new structure element shared by the blocks that follow (Figure, BlockQuote, L, Table). */
export function group(builder: Builder, tag: string, alt?: string): StructGroup {
  builder.nextGroup += 1;
  return { id: builder.nextGroup, tag, ...(alt !== undefined ? { alt } : {}) };
}

/** Appends a text block, unless it would print nothing. */
export function textBlock(
  builder: Builder,
  role: StyleRole,
  tag: string,
  source: SourceRef,
  runs: Run[],
  extra: Partial<Pick<TextBlock, 'group' | 'keepWithNext' | 'outline' | 'cells' | 'table' | 'style'>> = {},
): void {
  // A table row's cells are separate words even where one cell's text runs into the next.
  const plain = (extra.cells ? extra.cells.map((cell) => plainText(cell.runs)).join(' ') : plainText(runs)).replace(/\s+/g, ' ').trim();
  if (plain.length === 0) return;
  builder.blocks.push({
    kind: 'text',
    role,
    style: extra.style ?? builder.edition.print.styles[role],
    runs,
    tag,
    source,
    keepWithNext: extra.keepWithNext ?? false,
    plain,
    ...(builder.dir === 'rtl' ? { dir: builder.dir } : {}),
    ...(extra.cells ? { cells: extra.cells } : {}),
    ...(extra.table ? { table: extra.table } : {}),
    ...(extra.group ? { group: extra.group } : {}),
    ...(extra.outline !== undefined ? { outline: extra.outline } : {}),
  });
}

function plainText(runs: Run[]): string {
  return runs.map((run) => (run.kind === 'text' ? run.text : ' ')).join('');
}

/** Runs of phrasing content in a role's style. */
export function phrasing(builder: Builder, role: StyleRole, nodes: PhrasingContent[], position: Position): Run[] {
  return phrasingRuns(builder.context, nodes, builder.edition.print.styles[role], position);
}

/** Runs of a literal text (raw HTML, code) in a role's style. */
export function literal(builder: Builder, role: StyleRole, text: string, position: Position): Run[] {
  const runs = textRuns(builder.context, text, position.offset, runStyle(builder.edition.print, builder.edition.print.styles[role]));
  position.offset += text.length;
  return runs;
}
