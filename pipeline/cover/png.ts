/**
 * RGBA pixels → PNG bytes, for the cover. Our own on purpose (measured on a 1400×2100 cover):
 * resvg's encoder takes 39 ms, pngjs 35–100 ms, and sharp 70–90 ms just to load, while a cover is
 * flat colour and a few lines of type, so PNG's Up filter turns almost every byte into zero and
 * zlib's run-length strategy packs those in 5 ms (about 90 kB). A row equal to the one above is
 * all zeros without looking further, and the others are filtered four bytes at a time.
 */
import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** IHDR: 8 bits per channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace. */
const BIT_DEPTH = 8;
const COLOUR_TYPE_RGBA = 6;
/** sRGB rendering intent "perceptual": the pixels are sRGB, as SVG colours are. */
const SRGB_PERCEPTUAL = 0;
const FILTER_NONE = 0;
const FILTER_UP = 2;

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * The filtered rows, kept from one cover to the next: a cover's 12 MB would otherwise be garbage
 * after every book, and a batch's memory would peak with the covers the collector has not yet freed.
 * zlib reads it synchronously, so no two encodings ever share it.
 */
let scratch: Buffer | undefined;

function scratchOf(length: number): Buffer {
  if (!scratch || scratch.length < length) scratch = Buffer.allocUnsafe(length);
  return scratch.subarray(0, length);
}

/** Turns premultiplied RGBA (what resvg renders) into straight RGBA (what PNG stores), in place; opaque pixels are the same in both. */
export function unpremultiply(bytes: Uint8Array): Uint8Array {
  for (let alphaAt = 3; alphaAt < bytes.length; alphaAt += 4) {
    const alpha = bytes[alphaAt]!;
    if (alpha === 255 || alpha === 0) continue;
    for (let channel = alphaAt - 3; channel < alphaAt; channel++) bytes[channel] = Math.min(255, Math.round((bytes[channel]! * 255) / alpha));
  }
  return bytes;
}

/** A picture as rows of straight RGBA bytes, top to bottom (a row may be shared by several). */
export interface Rows {
  width: number;
  height: number;
  row(y: number): Buffer;
}

/** The rows of one pixel buffer of straight RGBA. */
export function rowsOf(pixels: Uint8Array, width: number, height: number): Rows {
  const stride = width * 4;
  if (pixels.length !== stride * height) throw new RangeError(`expected ${stride * height} bytes of RGBA, got ${pixels.length}`);
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length);
  return { width, height, row: (y) => source.subarray(y * stride, (y + 1) * stride) };
}

/** Encodes `width`×`height` straight RGBA pixels, row after row, as a PNG. */
export function encodePng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  return encodeRows(rowsOf(pixels, width, height));
}

/** Encodes rows of straight RGBA as a PNG. */
export function encodeRows({ width, height, row }: Rows): Uint8Array {
  const stride = width * 4;
  const filtered = scratchOf((stride + 1) * height);
  // The row above as 32-bit words, this row's, and their difference.
  const above = new Uint32Array(width);
  const here = new Uint32Array(width);
  const hereBytes = new Uint8Array(here.buffer);
  const difference = new Uint32Array(width);
  const differenceBytes = new Uint8Array(difference.buffer);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    const bytes = row(y);
    // Most rows of a cover repeat the row above: their Up-filtered bytes are all zero.
    if (y > 0 && bytes.equals(row(y - 1))) {
      filtered[at] = FILTER_UP;
      filtered.fill(0, at + 1, at + 1 + stride);
      continue;
    }
    hereBytes.set(bytes);
    if (y === 0) {
      filtered[at] = FILTER_NONE;
      filtered.set(hereBytes, at + 1);
    } else {
      // Each byte minus the byte above it (mod 256), four at once without borrowing across them:
      // (a|H) - (b&~H) never borrows out of a byte, and XOR with the top bits of (a ^ ~b) puts
      // the right top bit back.
      for (let x = 0; x < width; x++) {
        const a = here[x]!;
        const b = above[x]!;
        difference[x] = ((a | 0x80808080) - (b & 0x7f7f7f7f)) ^ ((a ^ ~b) & 0x80808080);
      }
      filtered[at] = FILTER_UP;
      filtered.set(differenceBytes, at + 1);
    }
    above.set(here);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([BIT_DEPTH, COLOUR_TYPE_RGBA, 0, 0, 0], 8);
  const data = deflateSync(filtered, { level: 6, strategy: constants.Z_RLE });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('sRGB', Uint8Array.of(SRGB_PERCEPTUAL)), chunk('IDAT', data), chunk('IEND', new Uint8Array(0))]);
}
