/** The text half of the flow (read → parse → extract → structure), shared by the book builder and the tests. */
import { extractArticle } from './extract/index.js';
import type { Template } from './layout/index.js';
import { parseArticle } from './parse/index.js';
import { readSource } from './read/index.js';
import { structureArticle } from './structure/index.js';
import type { Article } from './types.js';
import { treeText } from './verify/source-words.js';

/** Reads, extracts and recognises one article against a template's rules. */
export async function prepareArticle(file: string, template: Template): Promise<Article> {
  const source = await readSource(file);
  const parsed = parseArticle(source);
  // The words the books must keep, taken before later stages rewrite the tree's text (typography).
  const text = source.kind === 'html' ? undefined : treeText(parsed.tree);
  const extracted = extractArticle(parsed, source, template.extract);
  const article = structureArticle(extracted, source, { rules: template.extract, defaultLang: template.lang, languages: Object.keys(template.extract.languages) });
  return { ...article, sourceText: extracted.text ?? text! };
}
