/**
 * Step 2 (blocks): a chapter's mdast becomes blocks with a style role, a structure tag and
 * inline runs. Only printable content becomes a block: a figure's slug line never does.
 */
import type { BlockContent, DefinitionContent, List, PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Chapter, Diagnostic, Edition, StyleRole } from '../../types.js';
import { detectDirection, type Direction } from './bidi.js';
import type { Block, Run, SourceRef, StructGroup, TableCell, TextBlock } from '../model.js';
import { phrasingRuns, runStyle, textRuns, type RunContext } from './runs.js';

/** Marker of an unordered list item (a typographic bullet, not a size or a colour). */
const BULLET = '•';
/** What stands for a thematic break in print. */
const SECTION_BREAK = '* * *';

interface Builder {
  edition: Edition;
  context: RunContext;
  blocks: Block[];
  diagnostics: Diagnostic[];
  nextGroup: number;
  chapter: Chapter;
  /** Direction of the block being built. */
  dir: Direction;
}

/** A block's direction: its own `dir` (set by the structure stage on blocks in another script), else the chapter's. */
function directionOf(node: { data?: unknown }, text: () => string, inherited: Direction): Direction {
  const data = node.data as { hProperties?: { dir?: unknown } } | undefined;
  const declared = data?.hProperties?.dir;
  if (declared === 'rtl' || declared === 'ltr') return declared;
  return declared === 'auto' ? detectDirection(text(), inherited) : inherited;
}

function group(builder: Builder, tag: string, alt?: string): StructGroup {
  builder.nextGroup += 1;
  return { id: builder.nextGroup, tag, ...(alt !== undefined ? { alt } : {}) };
}

function textBlock(
  builder: Builder,
  role: StyleRole,
  tag: string,
  source: SourceRef,
  runs: Run[],
  extra: Partial<Pick<TextBlock, 'group' | 'keepWithNext' | 'outline' | 'cells'>> = {},
): void {
  // A table row's cells are separate words even where one cell's text runs into the next.
  const plain = (extra.cells ? extra.cells.map((cell) => plainText(cell.runs)).join(' ') : plainText(runs)).replace(/\s+/g, ' ').trim();
  if (plain.length === 0) return;
  builder.blocks.push({
    kind: 'text',
    role,
    style: builder.edition.print.styles[role],
    runs,
    tag,
    source,
    keepWithNext: extra.keepWithNext ?? false,
    plain,
    ...(builder.dir === 'rtl' ? { dir: builder.dir } : {}),
    ...(extra.cells ? { cells: extra.cells } : {}),
    ...(extra.group ? { group: extra.group } : {}),
    ...(extra.outline !== undefined ? { outline: extra.outline } : {}),
  });
}

function plainText(runs: Run[]): string {
  return runs.map((run) => (run.kind === 'text' ? run.text : ' ')).join('');
}

function phrasing(builder: Builder, role: StyleRole, nodes: PhrasingContent[], position: { offset: number }): Run[] {
  return phrasingRuns(builder.context, nodes, builder.edition.print.styles[role], position);
}

function literal(builder: Builder, role: StyleRole, text: string, position: { offset: number }): Run[] {
  const runs = textRuns(builder.context, text, position.offset, runStyle(builder.edition.print, builder.edition.print.styles[role]));
  position.offset += text.length;
  return runs;
}

/** Code keeps its line ends as forced breaks. */
function codeRuns(builder: Builder, text: string, position: { offset: number }): Run[] {
  const runs: Run[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) {
      runs.push({ kind: 'break', offset: position.offset });
      position.offset += 1;
    }
    runs.push(...literal(builder, 'code', line, position));
  });
  return runs;
}

/** The front matter's subtitle, under the headline (before the authors). */
function subtitle(builder: Builder, source: SourceRef): void {
  const text = builder.chapter.meta.subtitle;
  if (!text) return;
  textBlock(builder, 'subtitle', 'P', source, textRuns(builder.context, text, 0, runStyle(builder.edition.print, builder.edition.print.styles.subtitle), true));
}

function byline(builder: Builder, source: SourceRef): void {
  const names = builder.chapter.meta.byline;
  if (!names || names.length === 0) return;
  const runs = textRuns(builder.context, names.join(', '), 0, runStyle(builder.edition.print, builder.edition.print.styles.byline), true);
  textBlock(builder, 'byline', 'P', source, runs);
}

/** A table: one block per row (cells side by side), the header row in bold and kept with the next. */
function table(builder: Builder, node: Table, source: SourceRef, position: { offset: number }, role: StyleRole, parent?: StructGroup): void {
  const tableGroup = parent ?? group(builder, 'Table');
  node.children.forEach((row, rowIndex) => {
    const header = rowIndex === 0;
    const cells: TableCell[] = row.children.map((cell, column) => {
      const align = node.align?.[column];
      const runs = phrasingRuns(builder.context, cell.children, builder.edition.print.styles[role], position, { italic: false, bold: header, code: false });
      return { runs, header, ...(align ? { align } : {}) };
    });
    textBlock(
      builder,
      role,
      'TR',
      source,
      cells.flatMap((cell) => cell.runs),
      { cells, group: tableGroup, keepWithNext: header && node.children.length > 1 },
    );
  });
}

function list(builder: Builder, node: List, source: SourceRef, position: { offset: number }, parent?: StructGroup): void {
  const listGroup = parent ?? group(builder, 'L');
  node.children.forEach((item, index) => {
    const marker = node.ordered ? `${(node.start ?? 1) + index}.` : BULLET;
    let first = true;
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        const runs: Run[] = [];
        if (first) runs.push(...textRuns(builder.context, `${marker} `, position.offset, runStyle(builder.edition.print, builder.edition.print.styles.listItem), true));
        runs.push(...phrasing(builder, 'listItem', child.children, position));
        textBlock(builder, 'listItem', 'LI', source, runs, { group: listGroup });
      } else {
        nested(builder, child, source, position, 'listItem', listGroup);
      }
      first = false;
    }
  });
}

/** Blocks inside a blockquote or list item. */
function nested(builder: Builder, node: BlockContent | DefinitionContent, source: SourceRef, position: { offset: number }, role: StyleRole, parent: StructGroup): void {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      textBlock(builder, role, 'P', source, phrasing(builder, role, node.children, position), { group: parent });
      break;
    case 'list':
      list(builder, node, source, position, parent);
      break;
    case 'blockquote':
      for (const child of node.children) nested(builder, child, source, position, role, parent);
      break;
    case 'code':
      textBlock(builder, 'code', 'Code', source, codeRuns(builder, node.value, position), { group: parent });
      break;
    case 'html':
      textBlock(builder, role, 'P', source, literal(builder, role, node.value, position), { group: parent });
      break;
    case 'table':
      table(builder, node, source, position, role, parent);
      break;
    default:
      position.offset += toString(node).length;
  }
}

function topLevel(builder: Builder, node: RootContent, source: SourceRef): void {
  const position = { offset: 0 };
  builder.dir = directionOf(node, () => toString(node), builder.chapter.meta.dir);
  switch (node.type) {
    case 'heading': {
      const role: StyleRole = node.depth === 1 ? 'title' : node.depth === 2 ? 'heading' : 'subheading';
      const tag = `H${Math.min(node.depth, 6)}`;
      textBlock(builder, role, tag, source, phrasing(builder, role, node.children, position), {
        keepWithNext: true,
        outline: node.depth === 1 ? 0 : 1,
      });
      if (node.depth === 1) {
        subtitle(builder, { ...source, block: source.block + 1 });
        byline(builder, { ...source, block: source.block + 1 });
      }
      break;
    }
    case 'paragraph':
      textBlock(builder, 'body', 'P', source, phrasing(builder, 'body', node.children, position));
      break;
    case 'copyright':
      textBlock(builder, 'copyright', 'P', source, phrasing(builder, 'copyright', node.children, position));
      break;
    case 'figure': {
      const caption = node.children.find((child) => child.type === 'figureCaption');
      const alt = node.image?.alt || (caption ? toString(caption) : '');
      const asset = node.image && Object.hasOwn(builder.chapter.assets, node.image.url) ? builder.chapter.assets[node.image.url] : undefined;
      if (!asset) {
        // A caption without its photo is left out of print, not set alone or gathered into a
        // credits note: it describes, and its credit attributes, a picture the reader cannot see
        // ("Above: …", "(Image: Getty)"), so alone it reads as a stray line between paragraphs.
        // The report keeps its words, so the editor can add the picture or restore them.
        const text = node.children.map((child) => toString(child)).join(' ');
        if (node.image || text.trim()) {
          builder.diagnostics.push({
            severity: node.image ? 'warning' : 'info',
            rule: node.image ? 'pdf-missing-image' : 'pdf-caption-without-photo',
            message: `${node.image ? `image ${node.image.url} is not among the chapter's images` : 'a caption’s photo is not in the source'}${text.trim() ? `; its caption is left out of print: "${text}"` : ''}`,
            file: builder.chapter.meta.file,
            ...(text.trim() ? { text } : {}),
          });
        }
        break;
      }
      const figure = group(builder, 'Figure', alt);
      builder.blocks.push({ kind: 'image', asset, alt, group: figure, source, keepWithNext: true });
      for (const child of node.children) {
        const role: StyleRole = child.type === 'figureCaption' ? 'caption' : 'credit';
        builder.dir = directionOf(child, () => toString(child), builder.chapter.meta.dir);
        // A caption stays with its credit; the credit closes the figure.
        textBlock(builder, role, child.type === 'figureCaption' ? 'Caption' : 'P', source, phrasing(builder, role, child.children, position), {
          group: figure,
          keepWithNext: child.type === 'figureCaption',
        });
      }
      break;
    }
    case 'blockquote': {
      const quote = group(builder, 'BlockQuote');
      for (const child of node.children) nested(builder, child, source, position, 'blockquote', quote);
      break;
    }
    case 'list':
      list(builder, node, source, position);
      break;
    case 'code':
      textBlock(builder, 'code', 'Code', source, codeRuns(builder, node.value, position));
      break;
    case 'html':
      textBlock(builder, 'body', 'P', source, literal(builder, 'body', node.value, position));
      break;
    case 'table':
      table(builder, node, source, position, 'body');
      break;
    case 'thematicBreak': {
      const style = runStyle(builder.edition.print, builder.edition.print.styles.body);
      const runs = textRuns(builder.context, SECTION_BREAK, 0, style, true);
      builder.blocks.push({
        kind: 'text',
        role: 'body',
        style: { ...builder.edition.print.styles.body, align: 'center', indent: 0 },
        runs,
        tag: 'P',
        source,
        keepWithNext: false,
        plain: SECTION_BREAK,
        ...(builder.dir === 'rtl' ? { dir: builder.dir } : {}),
      });
      break;
    }
    case 'yaml':
    case 'definition':
      break;
    default: {
      const text = toString(node);
      if (text.trim().length > 0) {
        builder.diagnostics.push({
          severity: 'info',
          rule: 'pdf-plain-block',
          message: `a ${node.type} block is printed as a plain paragraph`,
          file: builder.chapter.meta.file,
          ...(node.position ? { line: node.position.start.line, column: node.position.start.column } : {}),
        });
        textBlock(builder, 'body', 'P', source, literal(builder, 'body', text, position));
      }
    }
  }
}

/** Every chapter's printable blocks, in reading order, with the characters no font covers. */
export function buildBlocks(edition: Edition): { chapters: Block[][]; missing: Map<string, number>; diagnostics: Diagnostic[] } {
  const context: RunContext = { print: edition.print, missing: new Map() };
  const diagnostics: Diagnostic[] = [];
  let nextGroup = 0;
  const chapters = edition.chapters.map((chapter, chapterIndex) => {
    const builder: Builder = { edition, context, blocks: [], diagnostics, nextGroup, chapter, dir: chapter.meta.dir };
    const hasTitle = chapter.tree.children.some((node) => node.type === 'heading' && node.depth === 1);
    if (!hasTitle) {
      subtitle(builder, { chapter: chapterIndex, block: 0 });
      byline(builder, { chapter: chapterIndex, block: 0 });
    }
    chapter.tree.children.forEach((node, block) => topLevel(builder, node, { chapter: chapterIndex, block }));
    nextGroup = builder.nextGroup;
    return builder.blocks;
  });
  return { chapters, missing: context.missing, diagnostics };
}
