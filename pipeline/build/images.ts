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
  return { assets, inputs: [...inputs].sort(), diagnostics };
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
