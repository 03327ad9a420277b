import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, parseRange, resolveRequestPath, ServeError, startServer, type RunningServer } from '../../pipeline/serve/index.js';
import { rawRequest, sha256 } from './helpers.js';

/** Bigger than one stream chunk (64 KiB), so ranges and bodies cross chunk boundaries. */
const PDF = randomBytes(200_000);
const EPUB = randomBytes(70_000);
const HTML = '<!doctype html><title>Books</title><p>Hello';
const SECRET = 'outside the root';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galley-serve-'));
  const root = join(dir, 'output');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'index.html'), HTML);
  writeFileSync(join(root, 'book.pdf'), PDF);
  writeFileSync(join(root, 'book.epub'), EPUB);
  writeFileSync(join(root, 'Zoë’s "book" #1.epub'), EPUB);
  writeFileSync(join(root, 'cover.png'), randomBytes(10));
  writeFileSync(join(root, 'book.report.json'), '{}\n');
  writeFileSync(join(root, 'empty.pdf'), '');
  writeFileSync(join(root, 'notes.xyz'), 'x');
  writeFileSync(join(root, 'sub', 'inner.pdf'), 'inner');
  writeFileSync(join(root, '.secret'), 'hidden');
  writeFileSync(join(root, '.abc123.tmp'), 'half a book');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(root, 'escape.pdf'));
  symlinkSync(dir, join(root, 'up'));
  symlinkSync(join(root, '.secret'), join(root, 'visible.pdf'));
  symlinkSync(join(root, 'book.pdf'), join(root, 'alias.pdf'));
  execFileSync('mkfifo', [join(root, 'pipe.pdf')]);
  server = await startServer({ root });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string): string => new URL(path, server.url).href;

describe('startServer', () => {
  it('listens on 127.0.0.1 on a free port by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves / as index.html, as UTF-8 HTML with nosniff', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.text()).toBe(HTML);
  });

  it.each([
    ['book.pdf', 'application/pdf'],
    ['book.epub', 'application/epub+zip'],
    ['cover.png', 'image/png'],
    ['book.report.json', 'application/json'],
    ['notes.xyz', 'application/octet-stream'],
  ])('sends %s as %s', async (name, type) => {
    const response = await fetch(url(name));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await response.arrayBuffer();
  });

  it('streams the whole file with its length, and names books as attachments', async () => {
    const response = await fetch(url('book.pdf'));
    expect(response.headers.get('content-length')).toBe(String(PDF.length));
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="book.pdf"; filename*=UTF-8''book.pdf`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(PDF));
    const epub = await fetch(url('book.epub'));
    expect(epub.headers.get('content-disposition')).toBe(`attachment; filename="book.epub"; filename*=UTF-8''book.epub`);
    await epub.arrayBuffer();
  });

  it('serves names with spaces, quotes and non-ASCII, with an escaped fallback in the disposition', async () => {
    const response = await fetch(url(encodeURIComponent('Zoë’s "book" #1.epub')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Zo__s _book_ #1.epub"; filename*=UTF-8''Zo%C3%AB%E2%80%99s%20%22book%22%20%231.epub`);
    await response.arrayBuffer();
  });

  it('gives a strong ETag, the SHA-256 of the file, and answers If-None-Match with 304', async () => {
    const first = await fetch(url('book.pdf'));
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toBe(`"sha256-${sha256(PDF)}"`);
    for (const header of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await fetch(url('book.pdf'), { headers: { 'If-None-Match': header } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
    }
    const changed = await fetch(url('book.pdf'), { headers: { 'If-None-Match': '"sha256-0"' } });
    expect(changed.status).toBe(200);
    await changed.arrayBuffer();
  });

  it('changes the ETag when a rebuild replaces the file', async () => {
    const root = join(dir, 'output');
    writeFileSync(join(root, 'rebuilt.pdf'), 'first');
    const before = await fetch(url('rebuilt.pdf'));
    expect(await before.text()).toBe('first');
    writeFileSync(join(root, 'rebuilt.pdf'), 'other');
    const after = await fetch(url('rebuilt.pdf'), { headers: { 'If-None-Match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe(`"sha256-${sha256(Buffer.from('other'))}"`);
    expect(await after.text()).toBe('other');
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100000-', 100_000, PDF.length - 1],
    ['bytes=-500', PDF.length - 500, PDF.length - 1],
    ['bytes=199990-999999', 199_990, PDF.length - 1],
    ['bytes=65530-65545', 65_530, 65_545],
  ])('answers Range: %s with 206 and the exact bytes', async (range, start, end) => {
    const response = await fetch(url('book.pdf'), { headers: { Range: range } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${PDF.length}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF.subarray(start, end + 1))).toBe(true);
  });

  it.each([['bytes=200000-'], ['bytes=999999-1000000'], ['bytes=-0']])('answers an unsatisfiable Range: %s with 416', async (range) => {
    const response = await fetch(url('book.pdf'), { headers: { Range: range } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${PDF.length}`);
    await response.arrayBuffer();
  });

  it('ignores several ranges, other units and a stale If-Range, sending the whole file', async () => {
    for (const headers of [{ Range: 'bytes=0-1,5-6' } as Record<string, string>, { Range: 'items=0-1' }, { Range: 'bytes=0-1', 'If-Range': '"sha256-stale"' }]) {
      const response = await fetch(url('book.pdf'), { headers });
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBe(PDF.length);
    }
    const fresh = await fetch(url('book.pdf'), { headers: { Range: 'bytes=0-1', 'If-Range': `"sha256-${sha256(PDF)}"` } });
    expect(fresh.status).toBe(206);
    await fresh.arrayBuffer();
  });

  it('serves an empty file and refuses ranges of it', async () => {
    const whole = await fetch(url('empty.pdf'));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('0');
    expect((await whole.arrayBuffer()).byteLength).toBe(0);
    const ranged = await fetch(url('empty.pdf'), { headers: { Range: 'bytes=0-' } });
    expect(ranged.status).toBe(416);
    await ranged.arrayBuffer();
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await rawRequest(server.url, '/book.pdf', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(PDF.length));
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers.etag).toBe(`"sha256-${sha256(PDF)}"`);
    expect(response.body.length).toBe(0);
    const ranged = await rawRequest(server.url, '/book.pdf', { method: 'HEAD', headers: { Range: 'bytes=0-9' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-length']).toBe('10');
    expect(ranged.body.length).toBe(0);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('refuses %s with 405 and Allow', async (method) => {
    const response = await rawRequest(server.url, '/book.pdf', { method, headers: { 'Content-Length': '0' } });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/sub/../../secret.txt',
    '/sub/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/book.pdf%00.html',
    '/%',
    '/%c0%ae%c0%ae/secret.txt',
    '//etc/passwd',
    '/./book.pdf',
    'http://127.0.0.1/book.pdf',
  ])('refuses %s with 400', async (target) => {
    const response = await rawRequest(server.url, target);
    expect(response.status).toBe(400);
    expect(response.body.toString()).not.toContain(SECRET);
  });

  it.each(['/escape.pdf', '/up/secret.txt', '/visible.pdf', '/.secret', '/.abc123.tmp', '/%2esecret', '/sub', '/pipe.pdf', '/missing.pdf'])(
    'refuses %s with 404 (symlinks out of the root, hidden files, folders, FIFOs, missing files)',
    async (target) => {
      const response = await rawRequest(server.url, target);
      expect(response.status).toBe(404);
      expect(response.body.toString()).not.toContain(SECRET);
      expect(response.body.toString()).not.toContain('hidden');
    },
  );

  it('follows symlinks that stay inside the root, and serves sub-folders', async () => {
    const alias = await fetch(url('alias.pdf'));
    expect(alias.status).toBe(200);
    expect(sha256(new Uint8Array(await alias.arrayBuffer()))).toBe(sha256(PDF));
    expect(await (await fetch(url('sub/inner.pdf'))).text()).toBe('inner');
  });

  it('ignores the query string', async () => {
    const response = await fetch(url('book.epub?download=1'));
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(EPUB.length);
  });

  it('refuses a Host that is not loopback (DNS rebinding)', async () => {
    const response = await rawRequest(server.url, '/book.pdf', { headers: { Host: 'attacker.example:80' } });
    expect(response.status).toBe(421);
    expect(response.body.length).toBeLessThan(100);
  });

  it('keeps serving after a client hangs up halfway through a download', async () => {
    const controller = new AbortController();
    const response = await fetch(url('book.pdf'), { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.read().catch(() => undefined);
    expect((await fetch(url('book.epub'))).status).toBe(200);
  });
});

describe('startServer refuses to start', () => {
  it('on a host that is not loopback', async () => {
    await expect(startServer({ root: dir, host: '0.0.0.0' })).rejects.toThrow(ServeError);
    await expect(startServer({ root: dir, host: '192.168.1.10' })).rejects.toThrow(/localhost only/);
  });

  it('on a missing folder', async () => {
    await expect(startServer({ root: join(dir, 'nope') })).rejects.toThrow(ServeError);
  });

  it('on a port that is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(startServer({ root: dir, port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('parseRange', () => {
  it('reads the three forms of one range and refuses what cannot be satisfied', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores what it does not understand', () => {
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'bytes=5-3', 'bytes=0-1,3-4', 'pages=1-2', 'bytes=a-b']) {
      expect(parseRange(header, 10)).toBeUndefined();
    }
  });
});

describe('resolveRequestPath', () => {
  it('decodes segments and maps / to index.html', () => {
    expect(resolveRequestPath('/')).toEqual({ status: 200, segments: ['index.html'] });
    expect(resolveRequestPath('/a%20b.pdf?x=1#y')).toEqual({ status: 200, segments: ['a b.pdf'] });
    expect(resolveRequestPath('/sub/b.epub')).toEqual({ status: 200, segments: ['sub', 'b.epub'] });
  });
});

describe('contentDisposition', () => {
  it('encodes the characters RFC 8187 does not allow bare', () => {
    expect(contentDisposition("it's (new)*.pdf")).toBe(`attachment; filename="it's (new)*.pdf"; filename*=UTF-8''it%27s%20%28new%29%2A.pdf`);
    expect(contentDisposition('a\\b%c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%5Cb%25c.pdf`);
  });
});
