/**
 * The cover drawn small (see `renderCoverWithReport`'s `thumbnailWidth`) → a JPEG for the
 * downloads page and the e-reader catalogue. The full 1400×2100 cover stays in the EPUB; a page
 * of many books loads these. JPEG rather than WebP because OPDS 1.2 names GIF, JPEG and PNG for
 * catalogue images; JPEG rather than PNG because the cover's gradients and anti-aliased type
 * made a PNG four times larger (50 kB against 12 kB for the seed, measured).
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

/** Encodes premultiplied RGBA pixels (as resvg draws them) as a baseline JPEG without metadata, on white. */
export async function renderThumbnail(image: { pixels: Uint8Array; width: number; height: number }): Promise<Thumbnail> {
  // sharp (libvips) costs about 80 ms to load, so only builds with a cover load it.
  const { default: sharp } = await import('sharp');
  try {
    const bytes = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4, premultiplied: true } })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: THUMBNAIL_QUALITY, chromaSubsampling: '4:2:0' })
      .toBuffer();
    return { bytes: new Uint8Array(bytes), width: image.width, height: image.height };
  } catch (cause) {
    throw new RenderError(`the cover's thumbnail could not be made (${(cause as Error).message})`, { cause });
  }
}
