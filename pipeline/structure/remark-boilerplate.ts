/** Drops web furniture a scraped page carries ("Video Embed", promos, lone punctuation), reporting each line. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { filterRoot, plainParagraphText, reportDropped, type ScrapeRules } from './context.js';

/** A remark plugin removing whole paragraphs that match the template's boilerplate patterns. */
export function remarkBoilerplate(rules: ScrapeRules) {
  const patterns = rules.boilerplate.map((source) => new RegExp(source, 'iu'));
  return (tree: Root, file: VFile): void => {
    filterRoot(tree, (node) => {
      const text = plainParagraphText(node);
      if (text === undefined || !patterns.some((pattern) => pattern.test(text))) return true;
      reportDropped(file, node, 'dropped-boilerplate', 'web boilerplate');
      return false;
    });
  };
}
