import type { ThematicBreak } from 'mdast';
import { runStyle, textRuns } from '../runs.js';
import type { BlockHandler } from '../builder.js';

/** What stands for a thematic break in print. */
const SECTION_BREAK = '* * *';

/** A section break: a centred mark in the body's type, unindented. */
export const thematicBreak: BlockHandler<ThematicBreak> = (builder, _node, source) => {
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
};
