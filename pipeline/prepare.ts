/** The text half of the flow (read → parse → structure), shared by the book builder and the tests. */
import type { Template } from './layout/index.js';
import { parseArticle } from './parse/index.js';
import { readSource } from './read/index.js';
import { structureArticle } from './structure/index.js';
import type { Article } from './types.js';

/** Reads and recognises one article against a template's rules. */
export async function prepareArticle(file: string, template: Template): Promise<Article> {
  const source = await readSource(file);
  return structureArticle(parseArticle(source), source, { rules: template.scrape, defaultLang: template.lang });
}
