/**
 * Step 2 (blocks): a chapter's mdast becomes blocks with a style role, a structure tag and
 * inline runs, by one handler per block kind (handlers/). Only printable content becomes a
 * block: a figure's slug line never does.
 */
import { toString } from 'mdast-util-to-string';
import type { Diagnostic, Edition } from '../../types.js';
import type { Block } from '../model.js';
import { directionOf, type Builder } from './builder.js';
import { headlineMatter } from './handlers/heading.js';
import { nestedHandler, topLevelHandler } from './handlers/index.js';
import type { RunContext } from './runs.js';

/** Every chapter's printable blocks, in reading order, with the characters no font covers. */
export function buildBlocks(edition: Edition): { chapters: Block[][]; missing: Map<string, number>; diagnostics: Diagnostic[] } {
  const context: RunContext = { print: edition.print, missing: new Map() };
  const diagnostics: Diagnostic[] = [];
  let nextGroup = 0;
  const chapters = edition.chapters.map((chapter, chapterIndex) => {
    const builder: Builder = {
      edition,
      context,
      blocks: [],
      diagnostics,
      nextGroup,
      chapter,
      dir: chapter.meta.dir,
      nested: (node, source, position, scope) => nestedHandler(node)(builder, node, source, position, scope),
    };
    const hasTitle = chapter.tree.children.some((node) => node.type === 'heading' && node.depth === 1);
    if (!hasTitle) headlineMatter(builder, { chapter: chapterIndex, block: 0 });
    chapter.tree.children.forEach((node, block) => {
      builder.dir = directionOf(node, () => toString(node), chapter.meta.dir);
      topLevelHandler(node)(builder, node, { chapter: chapterIndex, block }, { offset: 0 }, { role: 'body' });
    });
    nextGroup = builder.nextGroup;
    return builder.blocks;
  });
  return { chapters, missing: context.missing, diagnostics };
}
