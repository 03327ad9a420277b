/** Reads an image an article refers to, only from inside the article's own folder; nothing is ever fetched. */
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { InputError } from '../errors.js';
import type { Asset } from '../types.js';

/** Largest image accepted, in bytes: a 300 ppi full-page photo as JPEG stays well below it. */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;
/** Largest image accepted, in pixels: a decompression bomb stops here rather than filling memory. */
const MAX_ASSET_PIXELS = 100_000_000;

/** Resolves `url` against the article's folder and reads it, refusing URLs, absolute paths and escapes. */
export async function readAsset(articleFile: string, url: string): Promise<Asset> {
  const refuse = (why: string): never => {
    throw new InputError(`${articleFile}: image "${url}" refused: ${why}`, { file: articleFile });
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) refuse("only files in the article's folder can be used, never URLs");
  if (isAbsolute(url) || url.startsWith('/') || url.startsWith('\\')) refuse('absolute paths are not allowed');
  const folder = await realpath(dirname(articleFile));
  let path: string;
  try {
    path = await realpath(resolve(folder, decodeURIComponent(url)));
  } catch {
    return refuse('file not found');
  }
  const inside = relative(folder, path);
  if (inside.startsWith('..') || isAbsolute(inside)) refuse("it is outside the article's folder");
  if (!(await stat(path)).isFile()) refuse('not a file');
  const bytes = await readFile(path);
  if (bytes.length > MAX_ASSET_BYTES) refuse(`${bytes.length} bytes is over the ${MAX_ASSET_BYTES}-byte limit`);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return refuse('not an image');
  }
  if (size.type === 'webp') return webpToPng(bytes, size.width, size.height, refuse);
  if (size.type !== 'jpg' && size.type !== 'png') refuse(`${size.type ?? 'unknown'} images are not supported (use JPEG, PNG or WebP)`);
  return { mediaType: size.type === 'jpg' ? 'image/jpeg' : 'image/png', bytes: new Uint8Array(bytes), width: size.width, height: size.height };
}

/**
 * EPUB 3 core media types and pdfkit take JPEG and PNG only, so WebP becomes a lossless PNG.
 * sharp (libvips, shipped inside its npm packages) is loaded only when an article has one.
 */
async function webpToPng(bytes: Buffer, width: number, height: number, refuse: (why: string) => never): Promise<Asset> {
  const { default: sharp } = await import('sharp');
  try {
    const png = await sharp(bytes, { limitInputPixels: MAX_ASSET_PIXELS }).png().toBuffer();
    return { mediaType: 'image/png', bytes: new Uint8Array(png), width, height };
  } catch (cause) {
    return refuse(`WebP could not be converted (${(cause as Error).message})`);
  }
}
