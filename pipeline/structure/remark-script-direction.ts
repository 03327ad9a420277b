/**
 * Marks blocks written in another script than the article's (a Hebrew quotation in an English
 * report, a Russian paragraph in a Greek one) with their own language and direction, as
 * `data.hProperties` that mdast-util-to-hast copies onto the element: reading systems then pick
 * fonts, hyphenation and bidi order for the block. Blocks in the article's own script are left
 * alone; they inherit the document's `lang` and `dir`.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { dominantScript, languageOf } from './language.js';

/** Block types that carry their own `lang` and `dir` when their script differs. */
const BLOCKS = new Set(['paragraph', 'heading', 'figureCaption', 'tableCell', 'copyright']);

/** A remark plugin setting `lang` and `dir` on blocks whose script differs from the article's; `plausible`: BCP 47 tags preferred on a short block (the template's languages). */
export function remarkScriptDirection(plausible: readonly string[] = []) {
  return (tree: Root): void => {
    const main = dominantScript(toString(tree));
    if (!main) return;
    visit(tree, (node) => {
      if (!BLOCKS.has(node.type)) return;
      const text = toString(node);
      const script = dominantScript(text);
      if (!script || script.name === main.name) return;
      const lang = languageOf(text, script, plausible);
      const properties: Record<string, string> = { lang };
      if (script.dir !== main.dir) properties.dir = script.dir;
      node.data = { ...node.data, hProperties: { ...(node.data as { hProperties?: object } | undefined)?.hProperties, ...properties } };
    });
  };
}
