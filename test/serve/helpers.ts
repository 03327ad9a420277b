/** Raw HTTP for the server tests: fetch normalises `..` and `%2e%2e` away before sending, so escapes need a socket. */
import { createHash } from 'node:crypto';
import { connect } from 'node:net';

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends `request-target` exactly as given (no normalisation, no escaping) and reads the whole response. */
export function rawRequest(base: string, target: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(base);
  const headers = { Host: url.host, Connection: 'close', ...options.headers };
  const head = `${options.method ?? 'GET'} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return new Promise((done, reject) => {
    const socket = connect(Number(url.port), url.hostname.replace(/^\[|\]$/g, ''));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const lines = all.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(lines[0]?.split(' ')[1]);
      const parsed: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      done({ status, headers: parsed, body: all.subarray(split + 4) });
    });
    socket.write(head, 'latin1');
  });
}

/** Lower-case hex SHA-256. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
