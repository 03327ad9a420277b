/**
 * Images handed to the book by us, never fetched by the library: each `<img>` whose source is a
 * key of `Edition.assets` gets a packaged name; any other `<img>` leaves only its alt text.
 */
import type { ElementContent, Root, RootContent } from 'hast';
import type { Asset } from '../types.js';

/** One image file of the book. */
export interface PackagedImage {
  /** File name inside `images/`, which is also the name the library sees in place of a URL. */
  name: string;
  asset: Asset;
}

/** Packaged images shared by all chapters, so the same asset is stored once. */
export class ImageRegistry {
  readonly #byKey = new Map<string, PackagedImage>();
  readonly #assets: Record<string, Asset>;

  constructor(assets: Record<string, Asset>) {
    this.#assets = assets;
  }

  /** The packaged image of an asset key, or undefined when the edition has no such asset. */
  lookup(key: string): PackagedImage | undefined {
    const known = this.#byKey.get(key);
    if (known) return known;
    if (!Object.hasOwn(this.#assets, key)) return undefined;
    const asset = this.#assets[key] as Asset;
    const extension = asset.mediaType === 'image/png' ? 'png' : 'jpeg';
    const image = { name: `image-${this.#byKey.size + 1}.${extension}`, asset };
    this.#byKey.set(key, image);
    return image;
  }

  /** Every packaged image, in the order first used. */
  get images(): PackagedImage[] {
    return [...this.#byKey.values()];
  }
}

function resolve(children: readonly RootContent[], registry: ImageRegistry, alts: string[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type !== 'element') {
      if (child.type === 'text') out.push(child);
      continue;
    }
    if (child.tagName === 'img') {
      const src = child.properties.src;
      const alt = typeof child.properties.alt === 'string' ? child.properties.alt : '';
      const image = typeof src === 'string' ? registry.lookup(src) : undefined;
      if (!image) {
        if (alt) out.push({ type: 'text', value: alt });
        continue;
      }
      alts.push(alt);
      out.push({ ...child, properties: { ...child.properties, src: image.name, alt } });
      continue;
    }
    out.push({ ...child, children: resolve(child.children, registry, alts) });
  }
  return out;
}

/**
 * Gives every `<img>` its packaged name and returns the alt texts in document order, which
 * are put back after the library has replaced empty ones with "image-placeholder".
 */
export function resolveImages(tree: Root, registry: ImageRegistry): { tree: Root; alts: string[] } {
  const alts: string[] = [];
  return { tree: { type: 'root', children: resolve(tree.children, registry, alts) }, alts };
}
