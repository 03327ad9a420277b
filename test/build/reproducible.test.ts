import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const SOURCES = [join(ROOT, 'test/fixtures/articles/seed/article.txt'), join(ROOT, 'test/fixtures/articles/markdown-front-matter/article.md')];
const CLOCK = join(ROOT, 'test/fixtures/clock/shift-clock.mjs');
const THREE_YEARS_MS = 3 * 365.25 * 24 * 3600 * 1000 + 12_345_678;

function buildHashes(env: Record<string, string>): Record<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'galley-repro-'));
  const run = galley(['build', ...SOURCES, '--out', out], { env });
  expect(run.status).toBe(0);
  const hashes: Record<string, string> = {};
  for (const name of readdirSync(out).sort())
    hashes[name] = createHash('sha256')
      .update(readFileSync(join(out, name)))
      .digest('hex');
  return hashes;
}

describe('reproducible builds', () => {
  it('gives byte-identical books in other time zones and with a clock moved by years', () => {
    const first = buildHashes({ TZ: 'UTC' });
    const second = buildHashes({ TZ: 'Pacific/Kiritimati', NODE_OPTIONS: `--import ${CLOCK}`, GALLEY_TEST_CLOCK_SHIFT_MS: String(THREE_YEARS_MS) });
    expect(Object.keys(first)).toEqual(Object.keys(second));
    expect(Object.keys(first).filter((name) => /\.(epub|pdf)$/.test(name))).toHaveLength(4);
    expect(second).toEqual(first);
  });

  it('takes every timestamp from SOURCE_DATE_EPOCH when it is set', () => {
    const pinned = buildHashes({ SOURCE_DATE_EPOCH: '1700000000' });
    const other = buildHashes({ SOURCE_DATE_EPOCH: '1700000001' });
    const books = Object.keys(pinned).filter((name) => /\.(epub|pdf)$/.test(name));
    for (const name of books) expect(other[name], name).not.toBe(pinned[name]);
    expect(buildHashes({ SOURCE_DATE_EPOCH: '1700000000', TZ: 'Asia/Kolkata' })).toEqual(pinned);
  });
});
