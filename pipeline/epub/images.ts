/**
 * Images handed to the book by us, never fetched by the library: each `<img>` whose source is a
 * key of its chapter's `assets` gets a packaged name; any other `<img>` leaves only its alt text.
 */
import type { ElementContent, Root, RootContent } from 'hast';
import type { Asset } from '../types.js';

/** One image file of the book. */
export interface PackagedImage {
  /** File name inside `images/`, which is also the name the library sees in place of a URL. */
  name: string;
  asset: Asset;
}

/** Finds the packaged image for an `<img>` source in one chapter, or undefined when the chapter has no such image. */
export type ImageLookup = (src: string) => PackagedImage | undefined;

/** Packaged images shared by all chapters, so an asset used twice is stored once. */
export class ImageRegistry {
  readonly #byAsset = new Map<Asset, PackagedImage>();

  /** The packaged image of `key` among a chapter's assets, or undefined when the chapter has no such asset. */
  lookup(assets: Record<string, Asset>, key: string): PackagedImage | undefined {
    if (!Object.hasOwn(assets, key)) return undefined;
    const asset = assets[key] as Asset;
    const known = this.#byAsset.get(asset);
    if (known) return known;
    const extension = asset.mediaType === 'image/png' ? 'png' : 'jpeg';
    const image = { name: `image-${this.#byAsset.size + 1}.${extension}`, asset };
    this.#byAsset.set(asset, image);
    return image;
  }

  /** Every packaged image, in the order first used. */
  get images(): PackagedImage[] {
    return [...this.#byAsset.values()];
  }
}

function resolve(children: readonly RootContent[], images: ImageLookup, alts: string[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type !== 'element') {
      if (child.type === 'text') out.push(child);
      continue;
    }
    if (child.tagName === 'img') {
      const src = child.properties.src;
      const alt = typeof child.properties.alt === 'string' ? child.properties.alt : '';
      const image = typeof src === 'string' ? images(src) : undefined;
      if (!image) {
        if (alt) out.push({ type: 'text', value: alt });
        continue;
      }
      alts.push(alt);
      out.push({ ...child, properties: { ...child.properties, src: image.name, alt } });
      continue;
    }
    out.push({ ...child, children: resolve(child.children, images, alts) });
  }
  return out;
}

/**
 * Gives every `<img>` its packaged name and returns the alt texts in document order, which
 * are put back after the library has replaced empty ones with "image-placeholder".
 */
export function resolveImages(tree: Root, images: ImageLookup): { tree: Root; alts: string[] } {
  const alts: string[] = [];
  return { tree: { type: 'root', children: resolve(tree.children, images, alts) }, alts };
}
