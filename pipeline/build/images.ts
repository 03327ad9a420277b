/** The images a book's articles use, read from each article's own folder. */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { InputError } from '../errors.js';
import { readAsset } from '../read/index.js';
import type { Article, Asset, Diagnostic } from '../types.js';

/** Each article's images keyed by the url as its tree writes it, the files they name, and why any was left out. */
export interface ArticleImages {
  /** One record per article, in order. */
  assets: Array<Record<string, Asset>>;
  /** The files the images name beside their articles, also ones not found (a change in any makes the book stale), sorted. */
  inputs: string[];
  diagnostics: Diagnostic[];
  /** The article's own cover (front matter `cover:`), when it gives one that can be read. */
  cover?: Asset;
}

/**
 * Reads every image the articles use, from their own folders only, leaving the trees as they
 * are. An image that is refused (a URL, a path outside the folder, a missing or unreadable
 * file) is left out with a diagnostic; the article is still built, with the image's caption
 * and alt text.
 */
export async function readImages(articles: Article[]): Promise<ArticleImages> {
  const inputs = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const assets: Array<Record<string, Asset>> = [];
  for (const article of articles) {
    const urls = new Set<string>();
    visit(article.tree, (node) => {
      if (node.type === 'figure' && node.image) urls.add(node.image.url);
      if (node.type === 'image') urls.add((node as Image).url);
    });
    // No prototype: an image called `__proto__` is an image like any other.
    const own: Record<string, Asset> = Object.create(null) as Record<string, Asset>;
    for (const url of urls) {
      const local = localPath(article.meta.file, url);
      if (local) inputs.add(local);
      try {
        own[url] = await readAsset(article.meta.file, url);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        diagnostics.push({ severity: 'warning', rule: 'image-refused', message: error.message.replace(`${article.meta.file}: `, ''), file: article.meta.file });
      }
    }
    assets.push(own);
  }
  const cover = await readCover(articles, inputs, diagnostics);
  return { assets, inputs: [...inputs].sort(), diagnostics, ...(cover ? { cover } : {}) };
}

/**
 * The article's own cover (front matter `cover:`), read from its folder only, or undefined. A
 * picture that cannot be read is one warning and the generated cover is used; a collection is
 * no one article's, so it keeps its generated cover and says so. The file is an input either way.
 */
async function readCover(articles: Article[], inputs: Set<string>, diagnostics: Diagnostic[]): Promise<Asset | undefined> {
  const wanting = articles.filter((article) => article.meta.cover !== undefined);
  for (const article of wanting) {
    const local = localPath(article.meta.file, article.meta.cover!);
    if (local) inputs.add(local);
  }
  if (articles.length > 1) {
    for (const article of wanting) {
      diagnostics.push({
        severity: 'warning',
        rule: 'front-matter-cover',
        message: `front matter "cover: ${article.meta.cover}" left out: a collection has a cover of its own`,
        file: article.meta.file,
      });
    }
    return undefined;
  }
  const article = wanting[0];
  if (!article) return undefined;
  try {
    return await readAsset(article.meta.file, article.meta.cover!);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const why = error.message.replace(/^.*? refused: /, '');
    diagnostics.push({
      severity: 'warning',
      rule: 'front-matter-cover',
      message: `front matter "cover: ${article.meta.cover}" refused: ${why}; the generated cover is used`,
      file: article.meta.file,
    });
    return undefined;
  }
}

/** The file an image reference names beside its article, or undefined for a URL or a path that cannot be one. */
function localPath(articleFile: string, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || isAbsolute(url) || url.startsWith('/')) return undefined;
  try {
    return resolve(dirname(articleFile), decodeURIComponent(url));
  } catch {
    return undefined;
  }
}
