import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { BLOCK_ROWS, blocksOf, encodePng, encodeRows, rowsOf, unpremultiply } from '../../pipeline/cover/png.js';

/** Decodes a PNG with libvips (sharp), a decoder that is not ours, to straight RGBA. */
async function decode(png: Uint8Array): Promise<{ width: number; height: number; pixels: Buffer }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, pixels: data };
}

describe('encodePng', () => {
  it('round-trips every byte value through the Up filter, including rows that differ in every channel', async () => {
    const width = 67; // odd, so rows are not a multiple of eight bytes
    const height = 5;
    const pixels = new Uint8Array(width * height * 4);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + (i >> 7) * 101) & 255;
    // Row 3 repeats row 2, the case the encoder writes as zeros without filtering.
    pixels.copyWithin(3 * width * 4, 2 * width * 4, 3 * width * 4);
    const decoded = await decode(encodePng(pixels, width, height));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
  });

  it('gives the same pixels as resvg’s own encoder for a drawing with transparency and anti-aliased text', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect x="10" y="10" width="60" height="40" fill="#c8a46a" fill-opacity="0.4"/><circle cx="80" cy="40" r="30" fill="#1d2733"/></svg>';
    const image = new Resvg(svg).render();
    const reference = await decode(image.asPng());
    const ours = await decode(encodePng(unpremultiply(image.pixels), image.width, image.height));
    expect([ours.width, ours.height]).toEqual([reference.width, reference.height]);
    // Un-premultiplying rounds; allow one step per channel, as encoders differ in their rounding.
    let worst = 0;
    for (let i = 0; i < ours.pixels.length; i++) worst = Math.max(worst, Math.abs(ours.pixels[i]! - reference.pixels[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('refuses pixels that do not fill the picture', () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/expected 16 bytes/);
  });
});

/** The IDAT chunks of a PNG joined: one zlib stream. */
function idat(png: Uint8Array): Buffer {
  const bytes = Buffer.from(png);
  const parts: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

describe('encodeRows', () => {
  it('joins separately deflated blocks into one zlib stream whose checksum zlib accepts, reused blocks included', () => {
    const width = 40;
    const height = BLOCK_ROWS * 3 + 5;
    const pixels = new Uint8Array(width * height * 4);
    // A flat picture with a stripe of noise in its second block.
    for (let i = 0; i < pixels.length; i++) pixels[i] = i % 4 === 3 ? 255 : 40;
    for (let i = BLOCK_ROWS * width * 4 + 100; i < (BLOCK_ROWS + 9) * width * 4; i++) pixels[i] = (i * 131) & 255;
    const rows = rowsOf(pixels, width, height);
    const fresh = encodeRows(rows);
    const blocks = blocksOf(rows);
    const reused = encodeRows(rows, (index) => (index === 1 ? undefined : blocks[index]));
    // Reused blocks are deflated harder: other bytes, the same data. inflateSync checks the Adler-32 at the end.
    const raw = inflateSync(idat(fresh));
    expect(raw.length).toBe((width * 4 + 1) * height);
    expect(inflateSync(idat(reused)).equals(raw)).toBe(true);
    expect(reused.length).toBeLessThanOrEqual(fresh.length);
  });
});
