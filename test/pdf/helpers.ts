/** Test helpers for the PDF renderer: editions to render, and poppler to read the result back. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Root } from 'mdast';
import { layoutEdition, loadTemplate } from '../../pipeline/layout/index.js';
import { prepareArticle } from '../../pipeline/prepare.js';
import type { Article, Edition } from '../../pipeline/types.js';

const run = promisify(execFile);

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

/** An edition of one hand-made tree. */
export function editionFromTree(tree: Root, templateName = 'default', assets: Edition['assets'] = {}): Edition {
  const template = loadTemplate(templateName, ROOT);
  const article: Article = {
    meta: { slug: 'hand-made', title: 'A hand-made article', lang: 'en', dir: 'ltr', file: 'hand-made.md', rights: '© 2024 Test Press', date: '2024-03-01' },
    tree,
    diagnostics: [],
  };
  return layoutEdition([article], template, { assets });
}

/** Runs a poppler tool on PDF bytes and returns its standard output. */
export async function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'pdfimages', bytes: Uint8Array, args: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-pdf-'));
  try {
    const file = join(dir, 'book.pdf');
    await writeFile(file, bytes);
    const output = tool === 'pdftotext' ? [file, '-'] : [file];
    const { stdout } = await run(tool, [...args, ...output], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
