/** The thumbnail: the same cover drawn 300 pixels wide, as the downloads page and the catalogue show it. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderCoverWithReport } from '../../pipeline/cover/index.js';
import { renderThumbnail, THUMBNAIL_WIDTH_PX } from '../../pipeline/cover/thumbnail.js';
import { editionFromFile, MARKDOWN } from './helpers.js';

describe('the cover thumbnail', () => {
  it('is a 300×450 JPEG of the same picture as the 1400×2100 cover, under a fifth of its size', async () => {
    const edition = await editionFromFile(MARKDOWN);
    const { png, thumbnail } = await renderCoverWithReport(edition, { thumbnailWidth: THUMBNAIL_WIDTH_PX });
    expect(thumbnail).toMatchObject({ width: 300, height: 450 });
    const jpeg = await renderThumbnail(thumbnail!);
    expect(await sharp(jpeg.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 300, height: 450, channels: 3 });
    expect(jpeg.bytes.length).toBeLessThan(png.length / 5);
    // Compared with the large cover scaled down: the same picture, up to JPEG's and anti-aliasing's small differences.
    const scaled = await sharp(png).resize({ width: 300 }).removeAlpha().raw().toBuffer();
    const small = await sharp(jpeg.bytes).raw().toBuffer();
    expect(small.length).toBe(scaled.length);
    let difference = 0;
    for (let i = 0; i < small.length; i++) difference += Math.abs(small[i]! - scaled[i]!);
    expect(difference / small.length).toBeLessThan(4);
    // And not just any picture of the same colour: a cover with another headline differs more.
    const other = await renderCoverWithReport({ ...edition, meta: { ...edition.meta, title: 'Something else entirely, in other words' } }, { thumbnailWidth: THUMBNAIL_WIDTH_PX });
    const otherSmall = await sharp((await renderThumbnail(other.thumbnail!)).bytes)
      .raw()
      .toBuffer();
    let otherDifference = 0;
    for (let i = 0; i < otherSmall.length; i++) otherDifference += Math.abs(otherSmall[i]! - scaled[i]!);
    expect(otherDifference / otherSmall.length).toBeGreaterThan(2 * (difference / small.length));
  });
});
