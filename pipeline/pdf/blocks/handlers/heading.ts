import type { Heading } from 'mdast';
import type { StyleRole } from '../../../types.js';
import { phrasing, textBlock, type BlockHandler, type Builder } from '../builder.js';
import type { SourceRef } from '../../model.js';
import { runStyle, textRuns } from '../runs.js';

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

/** The subtitle and byline a chapter's headline carries (or the chapter opens with, when it has no headline). */
export function headlineMatter(builder: Builder, source: SourceRef): void {
  subtitle(builder, source);
  byline(builder, source);
}

/** A top-level heading: the headline (with its subtitle and byline) or a section heading, kept with what follows and in the outline. */
export const heading: BlockHandler<Heading> = (builder, node, source, position) => {
  const role: StyleRole = node.depth === 1 ? 'title' : node.depth === 2 ? 'heading' : 'subheading';
  const tag = `H${Math.min(node.depth, 6)}`;
  textBlock(builder, role, tag, source, phrasing(builder, role, node.children, position), {
    keepWithNext: true,
    outline: node.depth === 1 ? 0 : 1,
  });
  if (node.depth === 1) headlineMatter(builder, { ...source, block: source.block + 1 });
};
