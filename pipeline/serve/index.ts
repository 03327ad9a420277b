/**
 * The output folder over HTTP, on localhost only, with node:http and nothing else.
 *
 * Each request goes through these steps:
 * 1. Refuse methods other than GET and HEAD (405) and Host headers that are not loopback (421:
 *    a page on another site that re-points its DNS name at 127.0.0.1 must not read the books).
 * 2. Turn the request path into path segments ({@link resolveRequestPath}): `..`, NUL,
 *    backslashes or encoded slashes → 400; dotfiles and `.tmp` files → 404. Nothing on disk is
 *    looked at for a refused path.
 * 3. `realpath` the candidate and refuse it (404) unless it is still under the real root, which
 *    defeats symlinks that point out of the folder.
 * 4. Open the file (O_NOFOLLOW, O_NONBLOCK) and `fstat` the open handle, so what is measured, hashed and sent
 *    is one file even if the folder changes meanwhile.
 * 5. ETag (the file's SHA-256, see {@link etagOf}) and `If-None-Match` → 304.
 * 6. `Range` → 206 or 416 ({@link parseRange}); otherwise 200. The body is streamed from the
 *    handle, never read whole.
 * Every failure past step 1 ends in a short plain-text response: the handler never throws.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { GalleyError } from '../errors.js';
import { OPDS_FEED, OPDS_TYPE } from '../site/opds.js';
import { parseRange } from './range.js';
import { resolveRequestPath } from './request-path.js';

export { parseRange, type ByteRange } from './range.js';
export { resolveRequestPath, type RequestPath } from './request-path.js';

/** A server that could not start: a missing root, a host that is not loopback, a port in use. */
export class ServeError extends GalleyError {}

/** Where and how to serve. */
export interface ServeOptions {
  /** The folder to serve (the build's output folder). */
  root: string;
  /** TCP port; 0 (the default) picks any free one. */
  port?: number;
  /** A loopback address or `localhost`; defaults to 127.0.0.1. */
  host?: string;
}

/** A running server: its base URL and how to stop it. */
export interface RunningServer {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  /** Stops accepting connections, ends open ones and resolves when the port is free. */
  close(): Promise<void>;
}

/** Content types by file extension; anything else is sent as bytes, never guessed. */
const CONTENT_TYPES: Record<string, string> = {
  '.epub': 'application/epub+zip',
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/** Files whose name says more than their extension: the e-reader catalogue is an OPDS acquisition feed. */
const CONTENT_TYPES_BY_NAME: Record<string, string> = {
  [OPDS_FEED]: OPDS_TYPE,
};

/** Formats a browser should save rather than show. */
const ATTACHMENT_EXTENSIONS = new Set(['.epub', '.pdf']);

/** Headers on every response. The CSP lets the downloads page keep its inline stylesheet and images but run nothing. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  // Builds overwrite files in place, so a cached copy must be revalidated (cheaply, by ETag) each time.
  'Cache-Control': 'no-cache',
} as const;

/** Starts serving `root` on localhost and resolves once the port is listening. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new ServeError(`--host ${host}: Galley serves on localhost only (127.0.0.1, ::1 or localhost)`);
  let root: string;
  try {
    root = await realpath(resolve(options.root));
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch (cause) {
    throw new ServeError(`${options.root}: cannot serve (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, { file: options.root, cause });
  }
  const etags = new EtagCache();
  const server = createServer((request, response) => {
    handle(request, response, root, etags).catch((error: unknown) => fail(response, error));
  });
  // Malformed requests never reach the handler; answer them briefly instead of Node's silent reset.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((done, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => reject(new ServeError(`cannot listen on ${host}:${options.port ?? 0} (${cause.code ?? cause.message})`, { cause })));
    server.listen(options.port ?? 0, host, () => done());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    close: () =>
      new Promise<void>((done, reject) => {
        server.close((error) => (error ? reject(error) : done()));
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, root: string, etags: EtagCache): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
  if (!isLoopbackHost(request.headers.host)) return plain(response, 421, 'Misdirected request: this server answers to localhost only');
  const path = resolveRequestPath(request.url ?? '');
  if (path.status !== 200) return plain(response, path.status, path.status === 400 ? 'Bad request' : 'Not found');
  const file = await openUnder(root, path.segments);
  if (!file) return plain(response, 404, 'Not found');
  let streaming = false;
  try {
    const { handle: fileHandle, size, real } = file;
    const extension = extname(real).toLowerCase();
    const etag = await etags.get(fileHandle, real);
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES_BY_NAME[basename(real)] ?? CONTENT_TYPES[extension] ?? 'application/octet-stream',
      ETag: etag,
      'Accept-Ranges': 'bytes',
    };
    if (ATTACHMENT_EXTENSIONS.has(extension)) headers['Content-Disposition'] = contentDisposition(path.segments.at(-1) ?? '');
    if (matchesAny(request.headers['if-none-match'], etag)) return plain(response, 304, '', headers);
    const ifRange = request.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : undefined;
    if (range === 'unsatisfiable') return plain(response, 416, 'Range not satisfiable', { ...headers, 'Content-Range': `bytes */${size}` });
    const [start, end] = range ? [range.start, range.end] : [0, size - 1];
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
    response.writeHead(range ? 206 : 200, { ...COMMON_HEADERS, ...headers });
    if (request.method === 'HEAD' || size === 0) {
      response.end();
      return;
    }
    streaming = true;
    // The stream owns the handle from here: it closes it on end, on error and when the client goes away.
    pipeline(fileHandle.createReadStream({ start, end, autoClose: true }), response, () => undefined);
  } finally {
    if (!streaming) await file.handle.close().catch(() => undefined);
  }
}

/** Opens `segments` under `root` if, symlinks resolved, it is a regular, visible file still inside `root`. */
async function openUnder(root: string, segments: string[]): Promise<{ handle: FileHandle; size: number; real: string } | undefined> {
  let real: string;
  try {
    real = await realpath(join(root, ...segments));
  } catch {
    return undefined;
  }
  if (!real.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const inside = relative(root, real);
  // A symlink with a plain name may still point at a dotfile or a half-written `.tmp` inside the root.
  if (inside.split(sep).some((segment) => segment.startsWith('.'))) return undefined;
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO someone left in the folder must not hang a thread waiting for a writer.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  const info = await handle.stat().catch(() => undefined);
  if (!info?.isFile()) {
    await handle.close().catch(() => undefined);
    return undefined;
  }
  return { handle, size: info.size, real };
}

/**
 * Strong ETags from the SHA-256 of the content: the same hash the downloads page prints, and
 * truly strong (byte-identical ⇔ same tag), which size+mtime is not when a rebuild writes a
 * same-sized file within the clock's resolution. Hashing costs one extra read of the file, so
 * tags are cached by inode, size, and modification and change times (a rebuild renames a new
 * file into place, which changes the inode).
 */
class EtagCache {
  readonly #tags = new Map<string, string>();

  async get(handle: FileHandle, path: string): Promise<string> {
    const info = await handle.stat({ bigint: true });
    const key = `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    const cached = this.#tags.get(path);
    if (cached?.startsWith(`${key} `)) return cached.slice(key.length + 1);
    const tag = `"sha256-${await sha256Of(handle)}"`;
    this.#tags.set(path, `${key} ${tag}`);
    return tag;
  }
}

/** Reads the open file by position (the handle's own offset stays at 0 for the body stream). */
async function sha256Of(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(256 * 1024);
  for (let position = 0; ;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

/** `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored and `*` matches any file. */
function matchesAny(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** `attachment` with an ASCII fallback name for old clients and the exact name in RFC 8187 form. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The Host header names a loopback host (any port): what a browser on this machine sends. */
function isLoopbackHost(header: string | undefined): boolean {
  if (header === undefined) return true;
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(header)?.[1] ?? header.replace(/:\d+$/, '');
  return isLoopback(name.toLowerCase());
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string | number> = {}): void {
  const body = status === 304 || text === '' ? '' : `${text}\n`;
  const bodyHeaders = status === 304 ? {} : { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) };
  response.writeHead(status, { ...COMMON_HEADERS, ...headers, ...bodyHeaders });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** The last resort: a bug or an I/O error becomes a 500 (or a cut connection if the body had begun). */
function fail(response: ServerResponse, _error: unknown): void {
  try {
    if (response.headersSent) response.destroy();
    else plain(response, 500, 'Internal server error');
  } catch {
    response.destroy();
  }
}
