/** The build layer's API as a queue worker in another process uses it: fingerprint, build and write one book, publish. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookFingerprint, bookKey, buildAndWriteBook, claimsInFolder, emptyManifest, GALLEY_VERSION, publishBooks, type BookJob } from '../../pipeline/build/index.js';

const ROOT = join(import.meta.dirname, '../..');

function article(dir: string, name: string, title: string): string {
  const file = join(dir, name);
  writeFileSync(file, `---\ntitle: ${title}\nlang: en\n---\n\nThe ferry left on time for the first time this winter.\n`);
  return file;
}

describe('the build layer', () => {
  it('fingerprints a job without building: options in any order agree, a changed option or source does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-api-'));
    const file = article(dir, 'a.md', 'The night ferry');
    const job: BookJob = { sources: [file], options: { template: 'default', formats: ['epub'], verify: false, cwd: ROOT } };
    const print = await bookFingerprint(job);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(await bookFingerprint({ sources: [file], options: { cwd: tmpdir(), verify: false, formats: ['epub'], template: 'default' } })).toBe(print);
    expect(await bookFingerprint({ ...job, options: { ...job.options, cropMarks: true } })).not.toBe(print);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nOne more line.\n`);
    expect(await bookFingerprint(job)).not.toBe(print);
  });

  it('builds and writes one book, finds it up to date the second time, and publishes only books whose files are there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-api-'));
    const out = join(dir, 'out');
    const job: BookJob = { sources: [article(dir, 'a.md', 'The night ferry')], options: { template: 'default', formats: ['epub'], verify: false, cwd: ROOT } };
    const first = await buildAndWriteBook(job, out);
    expect(first.built).toBe(true);
    expect(first.key).toBe(bookKey(job.sources));
    expect(first.entry.slug).toBe('the-night-ferry');
    expect(first.entry.fingerprint).toBe(await bookFingerprint(job));
    expect(Object.keys(first.entry.written)).toEqual(expect.arrayContaining(['the-night-ferry.cover.png', 'the-night-ferry.epub', 'the-night-ferry.report.json']));
    for (const name of Object.keys(first.entry.written)) expect(existsSync(join(out, name)), name).toBe(true);
    // A plain JSON record: it survives a queue's serialisation unchanged.
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(await publishBooks(out, { [first.key]: first.entry })).toEqual({ left: [] });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ReturnType<typeof emptyManifest>;
    expect(manifest.galley).toBe(GALLEY_VERSION);
    expect(manifest.books[first.key]).toEqual(first.entry);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('the-night-ferry.epub');

    const second = await buildAndWriteBook(job, out);
    expect(second).toMatchObject({ built: false, written: [], entry: first.entry });

    rmSync(join(out, 'the-night-ferry.epub'));
    expect(await publishBooks(out, { [first.key]: first.entry })).toEqual({ left: [first.key] });
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('the-night-ferry.epub');
    expect((await buildAndWriteBook(job, out)).built).toBe(true);
    expect(existsSync(join(out, 'the-night-ferry.epub'))).toBe(true);
  });

  it('gives books with one headline different slugs across writers, and each keeps its own', async () => {
    const out = mkdtempSync(join(tmpdir(), 'galley-claims-'));
    const writers = Array.from({ length: 6 }, () => claimsInFolder(out, emptyManifest(GALLEY_VERSION)));
    const slugs = await Promise.all(writers.map((claims, index) => claims.claim(`book ${index}`, 'the-night-ferry')));
    expect(new Set(slugs).size).toBe(6);
    expect([...slugs].sort()).toEqual(['the-night-ferry', 'the-night-ferry-2', 'the-night-ferry-3', 'the-night-ferry-4', 'the-night-ferry-5', 'the-night-ferry-6']);
    const again = claimsInFolder(out, emptyManifest(GALLEY_VERSION));
    expect(await again.claim('book 3', 'the-night-ferry')).toBe(slugs[3]);
    // A slug the manifest gives another book is not free, claim file or not.
    const manifest = emptyManifest(GALLEY_VERSION);
    manifest.books['older book'] = {
      slug: 'the-day-ferry',
      title: 'The day ferry',
      lang: 'en',
      identifier: 'urn:uuid:00000000-0000-0000-0000-000000000000',
      modified: '2024-01-01T00:00:00Z',
      files: [],
      sources: ['older book'],
      fingerprint: '',
      inputs: {},
      written: {},
    };
    expect(await claimsInFolder(out, manifest).claim('new book', 'the-day-ferry')).toBe('the-day-ferry-2');
  });
});
