import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { editionFromFile, SEED, unzip } from './helpers.js';
import { figureEdition } from './fixtures/editions.js';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Renders under a given clock and time zone; Node re-reads TZ when the variable changes. */
async function renderAt(now: string, tz: string, render: () => Promise<Uint8Array>): Promise<Uint8Array> {
  vi.useFakeTimers({ now: new Date(now), toFake: ['Date'] });
  process.env.TZ = tz;
  try {
    return await render();
  } finally {
    vi.useRealTimers();
  }
}

describe('reproducible EPUB', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('gives the same bytes at different times and in different time zones', async () => {
    const edition = await editionFromFile(SEED);
    const pages = [{ page: 1, chapter: 0, block: 0, offset: 0 }];
    const first = await renderAt('2001-02-03T04:05:06Z', 'UTC', () => renderEpub(edition, { pages }));
    const second = await renderAt('2039-12-31T23:59:59Z', 'Pacific/Chatham', () => renderEpub(edition, { pages }));
    expect(sha256(second)).toBe(sha256(first));
    const images = figureEdition();
    const third = await renderAt('2001-02-03T04:05:06Z', 'America/St_Johns', () => renderEpub(images));
    const fourth = await renderAt('2030-06-15T12:00:00Z', 'Asia/Kathmandu', () => renderEpub(images));
    expect(sha256(fourth)).toBe(sha256(third));
  });

  it('dates every zip entry with the edition’s modified time', async () => {
    const edition = await editionFromFile(SEED);
    const zip = await unzip(await renderAt('2039-12-31T23:59:59Z', 'Asia/Tokyo', () => renderEpub(edition)));
    const dates = new Set(Object.values(zip.files).map((file) => file.date.toISOString()));
    expect([...dates]).toEqual([new Date(edition.meta.modified).toISOString()]);
  });
});
