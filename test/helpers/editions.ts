/** Editions for the renderers' tests: the seed and fixtures through the real stages, or a hand-made tree. */
import { join, resolve } from 'node:path';
import type { Root } from 'mdast';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article, Asset, Edition } from '../../pipeline/types.js';

/** The repository root, for the seed and the templates. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The seed article as the build sees it. */
export const SEED = join(ROOT, 'source/china-and-russia-reinforce-diplomatic-front-against-israel.txt');

/** The Markdown fixture with front matter. */
export const MARKDOWN = join(ROOT, 'test/fixtures/articles/markdown-front-matter/article.md');

/** An edition laid out with a template from an article file, through the real stages. */
export async function editionFromFile(file: string, templateName = 'default'): Promise<Edition> {
  const template = loadTemplate(templateName, ROOT);
  const article = await prepareArticle(file, template);
  return layoutEdition([article], template);
}

/** An edition of one hand-made tree, for inputs no article would produce on its own. */
export function editionFromTree(tree: Root, templateName = 'default', assets: Record<string, Asset> = {}): Edition {
  const template = loadTemplate(templateName, ROOT);
  const article: Article = {
    meta: { slug: 'hand-made', title: 'A hand-made article', lang: 'en', dir: 'ltr', file: 'hand-made.md', rights: '© 2024 Test Press', date: '2024-03-01' },
    tree,
    diagnostics: [],
  };
  return layoutEdition([article], template, { assets: [assets] });
}
