/**
 * RGBA pixels → PNG bytes, for the cover. Our own on purpose (measured on a 1400×2100 cover):
 * resvg's encoder takes 39 ms, pngjs 35–100 ms, and sharp 70–90 ms just to load, while a cover is
 * flat colour and a few lines of type, so PNG's Up filter turns almost every byte into zero and
 * zlib packs those fast. A row equal to the one above is all zeros without looking further, and
 * the others are filtered four bytes at a time.
 *
 * Rows are deflated in blocks of BLOCK_ROWS, each on its own and ending on a byte boundary, and
 * the blocks are joined into the one zlib stream PNG holds. A block that is the same in every
 * book (the cover's background, away from its text) is deflated once and reused; see ./index.ts.
 */
import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** IHDR: 8 bits per channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace. */
const BIT_DEPTH = 8;
const COLOUR_TYPE_RGBA = 6;
/** sRGB rendering intent "perceptual": the pixels are sRGB, as SVG colours are. */
const SRGB_PERCEPTUAL = 0;
const FILTER_NONE = 0;
const FILTER_UP = 2;
/**
 * How blocks are deflated: a book's own blocks fast (zlib's run-length strategy, 3 ms for the
 * rows of a headline), blocks made once and reused small (full matching: a cover's background
 * takes half the bytes).
 */
type Effort = 'fast' | 'small';
const DEFLATE: Record<Effort, { level: number; strategy: number }> = {
  fast: { level: 6, strategy: constants.Z_RLE },
  small: { level: 9, strategy: constants.Z_DEFAULT_STRATEGY },
};
/** Rows per independently deflated block. */
export const BLOCK_ROWS = 64;
/** zlib header: deflate with a 32 KB window, no preset dictionary (0x7801 is a multiple of 31). */
const ZLIB_HEADER = Uint8Array.of(0x78, 0x01);
/** An empty final block with fixed codes: ends the deflate stream after blocks that end on a sync flush. */
const FINAL_EMPTY_BLOCK = Uint8Array.of(0x03, 0x00);
/** Adler-32's modulus. */
const ADLER_BASE = 65521;
/** Bytes Adler-32 may add up before its sums must be reduced (zlib's NMAX). */
const ADLER_NMAX = 5552;

function pngChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Adler-32 as two sums, kept apart while bytes are added. */
interface Adler {
  a: number;
  b: number;
}

function addBytes(sum: Adler, bytes: Uint8Array): void {
  let { a, b } = sum;
  for (let start = 0; start < bytes.length; start += ADLER_NMAX) {
    const end = Math.min(bytes.length, start + ADLER_NMAX);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  sum.a = a;
  sum.b = b;
}

/** Adds `count` zero bytes: the first sum stays, the second grows by it `count` times. */
function addZeros(sum: Adler, count: number): void {
  sum.b = (sum.b + (count % ADLER_BASE) * sum.a) % ADLER_BASE;
}

/**
 * Adds a filtered row held as 32-bit words (`bytes` is the same memory). Filtered rows are
 * mostly zero even where type is, so runs of zero words are added at once.
 */
function addWords(sum: Adler, words: Uint32Array, bytes: Uint8Array): void {
  let zeros = 0;
  let since = 0;
  for (let word = 0; word < words.length; word++) {
    if (words[word] === 0) {
      zeros += 4;
      continue;
    }
    if (zeros) {
      addZeros(sum, zeros);
      zeros = 0;
    }
    for (let at = word * 4; at < word * 4 + 4; at++) {
      sum.a += bytes[at]!;
      sum.b += sum.a;
    }
    since += 4;
    if (since >= ADLER_NMAX - 4) {
      sum.a %= ADLER_BASE;
      sum.b %= ADLER_BASE;
      since = 0;
    }
  }
  if (zeros) addZeros(sum, zeros);
  sum.a %= ADLER_BASE;
  sum.b %= ADLER_BASE;
}

/** Adler-32 of two pieces joined, from each piece's checksum and the second's length (zlib's adler32_combine). */
function combineAdler(first: number, second: number, secondLength: number): number {
  const remainder = secondLength % ADLER_BASE;
  let a = first & 0xffff;
  let b = (remainder * a) % ADLER_BASE;
  a += (second & 0xffff) + ADLER_BASE - 1;
  b += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + ADLER_BASE - remainder;
  if (a >= ADLER_BASE) a -= ADLER_BASE;
  if (a >= ADLER_BASE) a -= ADLER_BASE;
  if (b >= ADLER_BASE * 2) b -= ADLER_BASE * 2;
  if (b >= ADLER_BASE) b -= ADLER_BASE;
  return ((b << 16) | a) >>> 0;
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

/**
 * The rows of one pixel buffer of RGBA. Premultiplied pixels (what resvg renders) are made
 * straight in place, each distinct row once: a row equal to the row above it, as most rows of a
 * cover are, is that row.
 */
export function rowsOf(pixels: Uint8Array, width: number, height: number, premultiplied = false): Rows {
  const stride = width * 4;
  if (pixels.length !== stride * height) throw new RangeError(`expected ${stride * height} bytes of RGBA, got ${pixels.length}`);
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.length);
  // One view per row, made once: a Buffer view costs more to make than comparing a row.
  const views = Array.from({ length: height }, (_, y) => source.subarray(y * stride, (y + 1) * stride));
  if (!premultiplied) return { width, height, row: (y) => views[y]! };
  // First which rows repeat the row above (compared as rendered), then the others made straight.
  const shown = views.slice();
  for (let y = 1; y < height; y++) if (views[y]!.equals(views[y - 1]!)) shown[y] = shown[y - 1]!;
  for (let y = 0; y < height; y++) if (shown[y] === views[y]) unpremultiply(views[y]!);
  return { width, height, row: (y) => shown[y]! };
}

/** One block of rows, filtered and deflated on its own (raw deflate ending on a sync flush), with its Adler-32 and length. */
export interface Block {
  deflated: Buffer;
  adler: number;
  length: number;
}

/** The filter buffer, kept from one block to the next (zlib reads it synchronously). */
let scratch: Buffer | undefined;

/** Filters rows [from, to) of `rows` (each against the row above it) and deflates them. */
function blockOf({ width, row }: Rows, from: number, to: number, effort: Effort): Block {
  const stride = width * 4;
  const length = (stride + 1) * (to - from);
  if (!scratch || scratch.length < length) scratch = Buffer.allocUnsafe(length);
  const filtered = scratch.subarray(0, length);
  const adler: Adler = { a: 1, b: 0 };
  // The row above as 32-bit words, this row's, and their difference.
  const above = new Uint32Array(width);
  const here = new Uint32Array(width);
  const hereBytes = new Uint8Array(here.buffer);
  const difference = new Uint32Array(width);
  const differenceBytes = new Uint8Array(difference.buffer);
  if (from > 0) new Uint8Array(above.buffer).set(row(from - 1));
  let repeats = true;
  for (let y = from; y < to; y++) {
    const at = (y - from) * (stride + 1);
    const bytes = row(y);
    // Most rows of a cover repeat the row above: their Up-filtered bytes are all zero.
    if (y > 0 && bytes.equals(row(y - 1))) {
      filtered[at] = FILTER_UP;
      filtered.fill(0, at + 1, at + 1 + stride);
      addBytes(adler, filtered.subarray(at, at + 1));
      addZeros(adler, stride);
      continue;
    }
    repeats = false;
    hereBytes.set(bytes);
    if (y === 0) {
      filtered[at] = FILTER_NONE;
      filtered.set(hereBytes, at + 1);
      addBytes(adler, filtered.subarray(at, at + 1));
      addWords(adler, here, hereBytes);
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
      addBytes(adler, filtered.subarray(at, at + 1));
      addWords(adler, difference, differenceBytes);
    }
    above.set(here);
  }
  const deflated = effort === 'small' ? deflateOnce(filtered, repeats) : deflateBlock(filtered, effort);
  return { deflated, adler: ((adler.b << 16) | adler.a) >>> 0, length };
}

function deflateBlock(filtered: Buffer, effort: Effort): Buffer {
  return deflateRawSync(filtered, { ...DEFLATE[effort], finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * Blocks deflated hard, by their filtered bytes. A background's blocks mostly filter to the same
 * bytes (rows that repeat the row above are all zeros, whatever the colour): the default
 * template's eight backgrounds hold 34 distinct blocks in 264, and full matching took 90 ms a
 * background (measured), paid by every thread for every palette colour. A block of repeated
 * rows is known by its length alone; the others by a digest of their bytes.
 */
const deflatedBlocks = new Map<string, Buffer>();
const MAX_DEFLATED_BLOCKS = 512;

function deflateOnce(filtered: Buffer, repeats: boolean): Buffer {
  const key = repeats ? `repeats ${filtered.length}` : createHash('sha256').update(filtered).digest('base64');
  let deflated = deflatedBlocks.get(key);
  if (!deflated) {
    deflated = deflateBlock(filtered, 'small');
    if (deflatedBlocks.size >= MAX_DEFLATED_BLOCKS) deflatedBlocks.clear();
    deflatedBlocks.set(key, deflated);
  }
  return deflated;
}

/** Every block of a picture, deflated hard, for reuse by pictures that share some of its blocks. */
export function blocksOf(rows: Rows): Block[] {
  const blocks: Block[] = [];
  for (let from = 0; from < rows.height; from += BLOCK_ROWS) blocks.push(blockOf(rows, from, Math.min(rows.height, from + BLOCK_ROWS), 'small'));
  return blocks;
}

/** Encodes `width`×`height` RGBA pixels, row after row, as a PNG (`premultiplied`: see rowsOf). */
export function encodePng(pixels: Uint8Array, width: number, height: number, premultiplied = false): Uint8Array {
  return encodeRows(rowsOf(pixels, width, height, premultiplied));
}

/**
 * Encodes rows of straight RGBA as a PNG. `reuse(index)` may hand back a block already made
 * for the same rows (and the row above them), by blocksOf; the pixels are the same as when it
 * is made anew, and the file smaller.
 */
export function encodeRows(rows: Rows, reuse: (index: number) => Block | undefined = () => undefined): Uint8Array {
  const parts: Uint8Array[] = [ZLIB_HEADER];
  let adler = 1;
  for (let from = 0, index = 0; from < rows.height; from += BLOCK_ROWS, index++) {
    const block = reuse(index) ?? blockOf(rows, from, Math.min(rows.height, from + BLOCK_ROWS), 'fast');
    parts.push(block.deflated);
    adler = combineAdler(adler, block.adler, block.length);
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  parts.push(FINAL_EMPTY_BLOCK, trailer);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(rows.width, 0);
  header.writeUInt32BE(rows.height, 4);
  header.set([BIT_DEPTH, COLOUR_TYPE_RGBA, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('sRGB', Uint8Array.of(SRGB_PERCEPTUAL)),
    pngChunk('IDAT', Buffer.concat(parts)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}
