/**
 * Cover PNG → a small JPEG for the downloads page and the e-reader catalogue. The full
 * 1400×2100 cover (about a megabyte) stays in the EPUB; a page of many books loads these.
 * JPEG rather than WebP because OPDS 1.2 names GIF, JPEG and PNG for catalogue images.
 */
import { RenderError } from '../errors.js';

/** Width of a thumbnail in pixels: sharp on a high-density screen at 150 CSS pixels. */
export const THUMBNAIL_WIDTH_PX = 300;
/** JPEG quality of a thumbnail (libvips' scale, 1–100). */
const THUMBNAIL_QUALITY = 82;

/** A thumbnail's bytes and pixel size. */
export interface Thumbnail {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Scales a cover PNG to {@link THUMBNAIL_WIDTH_PX} wide, keeping its proportions, as a baseline JPEG without metadata. */
export async function renderThumbnail(cover: Uint8Array): Promise<Thumbnail> {
  // sharp (libvips) costs about 80 ms to load, so only builds with a cover load it.
  const { default: sharp } = await import('sharp');
  try {
    const { data, info } = await sharp(cover)
      .resize({ width: THUMBNAIL_WIDTH_PX, kernel: 'lanczos3' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true, chromaSubsampling: '4:2:0' })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch (cause) {
    throw new RenderError(`the cover's thumbnail could not be made (${(cause as Error).message})`, { cause });
  }
}
