/**
 * A cover → a small JPEG for the downloads page and the e-reader catalogue. The full-size cover
 * stays in the EPUB; a page of many books loads these. The generated cover is drawn small by
 * resvg beside the large one (see `renderCoverWithReport`'s `thumbnailWidth`) and only encoded
 * here: decoding and scaling the 1400×2100 PNG cost 50–65 ms of CPU, drawing and encoding about
 * 17 (measured on a loaded machine). An article's own cover (a JPEG or PNG) is scaled.
 * JPEG rather than WebP because OPDS 1.2 names GIF, JPEG and PNG for catalogue images; rather
 * than PNG because the cover's anti-aliased type made a PNG four times larger (measured).
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

/** Premultiplied RGBA pixels, as resvg draws them. */
export interface DrawnImage {
  pixels: Uint8Array;
  width: number;
  height: number;
}

/**
 * A baseline JPEG without metadata, on white: of a cover drawn at thumbnail size, or of an
 * encoded cover (PNG or JPEG bytes) scaled to {@link THUMBNAIL_WIDTH_PX} wide.
 */
export async function renderThumbnail(cover: DrawnImage | Uint8Array): Promise<Thumbnail> {
  // sharp (libvips) costs about 80 ms to load, so only builds with a cover load it.
  const { default: sharp } = await import('sharp');
  try {
    const image =
      cover instanceof Uint8Array
        ? sharp(cover).resize({ width: THUMBNAIL_WIDTH_PX, kernel: 'lanczos3' })
        : sharp(cover.pixels, { raw: { width: cover.width, height: cover.height, channels: 4, premultiplied: true } });
    const { data, info } = await image.flatten({ background: '#ffffff' }).jpeg({ quality: THUMBNAIL_QUALITY, chromaSubsampling: '4:2:0' }).toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch (cause) {
    throw new RenderError(`the cover's thumbnail could not be made (${(cause as Error).message})`, { cause });
  }
}
