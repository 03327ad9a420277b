/**
 * epub-gen-memory with the parts that fetch, read files or vary between builds replaced:
 * images and the cover are handed over as bytes, the book id and every date are pinned, and
 * the alt texts the library overwrites are put back.
 */
import { type Content, EPub, type Options } from 'epub-gen-memory';
import { RenderError } from '../errors.js';
import { escapeXml } from './xml-text.js';
import type { PackagedImage } from './images.js';

/** What the subclass hands to the zip itself instead of letting the library fetch it. */
export interface Handover {
  /** Every zip entry's date, from `EditionMeta.modified`. */
  modified: Date;
  /** The book id the library would otherwise make up. */
  identifier: string;
  /** Images by their packaged file name. */
  images: readonly PackagedImage[];
  /** Alt texts per chapter, in document order. */
  alts: readonly (readonly string[])[];
  /** Start numbers of ordered lists per chapter, in document order. */
  listStarts: readonly (readonly (number | undefined)[])[];
  /** The cover picture, when there is one. */
  cover: { bytes: Uint8Array; mediaType: 'image/png' | 'image/jpeg' } | undefined;
}

/**
 * JPEG and PNG are compressed already: deflating them again (the library asks for level 9) won
 * nothing and took most of the EPUB's time, so pictures go into the zip as they are.
 */
const STORED = { compression: 'STORE' } as const;
/** Deflate level of the EPUB's text entries. */
const ZIP_LEVEL = 6;

// The package is CommonJS: its default export is not callable under native ESM, the named class is.
/** epub-gen-memory's `EPub`, deterministic and unable to reach the network or the disk. */
export class GalleyEPub extends EPub {
  readonly #handover: Handover;

  constructor(options: Options, content: Content, handover: Handover) {
    super(options, content);
    this.#handover = handover;
    this.uuid = handover.identifier;
    if (handover.cover) this.cover = { mediaType: handover.cover.mediaType, extension: handover.cover.mediaType === 'image/jpeg' ? 'jpg' : 'png' };
    this.#renameImages();
    this.#restoreAlts();
    this.#restoreListStarts();
    // The library deflates at level 9; level 6 made the seed's EPUB 40 bytes larger and its zipping a third faster.
    const generate = this.generateAsync.bind(this);
    this.generateAsync = ((options) => generate({ ...options, compressionOptions: { level: ZIP_LEVEL } })) as EPub['generateAsync'];
  }

  /** Swaps the library's random image ids for the packaged names we gave the `<img>` sources. */
  #renameImages(): void {
    const known = new Map(this.#handover.images.map((image) => [image.name, image]));
    for (const image of this.images) {
      const packaged = known.get(image.url);
      if (!packaged) throw new RenderError(`An image the renderer did not package reached the book: ${image.url}`);
      const [stem = image.url, extension = ''] = packaged.name.split('.');
      const from = `images/${image.id}.${image.extension}`;
      const to = `images/${stem}.${extension}`;
      for (const chapter of this.content) chapter.content = chapter.content.split(from).join(to);
      image.id = stem;
      image.extension = extension;
      image.mediaType = packaged.asset.mediaType;
    }
  }

  /** Puts each `<img>`'s own alt back, in document order, including the empty alt of decoration. */
  #restoreAlts(): void {
    this.content.forEach((chapter, index) => {
      const alts = this.#handover.alts[index] ?? [];
      let next = 0;
      chapter.content = chapter.content.replace(/<img\b[^>]*>/g, (tag) => {
        const alt = alts[next++];
        if (alt === undefined) throw new RenderError(`Chapter ${index + 1} has more images than the renderer made.`);
        return tag.replace(/\balt="[^"]*"/, `alt="${escapeXml(alt)}"`);
      });
      if (next !== alts.length) throw new RenderError(`Chapter ${index + 1} lost an image on the way into the book.`);
    });
  }

  /** Puts back the `start` of ordered lists, which the library's attribute allow-list drops. */
  #restoreListStarts(): void {
    this.content.forEach((chapter, index) => {
      const starts = this.#handover.listStarts[index] ?? [];
      let next = 0;
      chapter.content = chapter.content.replace(/<ol\b/g, (tag) => {
        const start = starts[next++];
        return start === undefined ? tag : `${tag} start="${start}"`;
      });
      if (next !== starts.length) throw new RenderError(`Chapter ${index + 1} lost a list on the way into the book.`);
    });
  }

  protected override async generateTemplateFiles(): Promise<void> {
    await super.generateTemplateFiles();
    // The EPUB 2 NCX is optional in EPUB 3 and the library's one numbers and dates things its own way.
    this.zip.remove('OEBPS/toc.ncx');
  }

  protected override async downloadAllFonts(): Promise<void> {
    if (this.options.fonts.length > 0) throw new RenderError('Fonts must be handed over, never fetched.');
  }

  protected override async downloadAllImages(): Promise<void> {
    // An empty folder in the zip is an EPUBCheck warning (PKG-014).
    if (this.images.length === 0) return;
    const folder = this.zip.folder('OEBPS')?.folder('images');
    if (!folder) throw new RenderError('Could not create the images folder of the EPUB.');
    const byName = new Map(this.#handover.images.map((image) => [image.name.split('.')[0], image]));
    for (const image of this.images) {
      const packaged = byName.get(image.id);
      if (!packaged) throw new RenderError(`No bytes for image ${image.id}.`);
      folder.file(`${image.id}.${image.extension}`, packaged.asset.bytes, STORED);
    }
  }

  protected override async makeCover(): Promise<void> {
    const cover = this.#handover.cover;
    if (!cover || !this.cover) return;
    this.zip.folder('OEBPS')?.file(`cover.${this.cover.extension}`, cover.bytes, STORED);
  }

  override async render(): Promise<this> {
    await super.render();
    // JSZip stamps entries (folders too) with the clock; the edition's own time makes builds repeatable.
    for (const entry of Object.values(this.zip.files)) entry.date = this.#handover.modified;
    return this;
  }
}
