/** Where the queue lives: the Redis URL, the queues' names, and BullMQ loaded only when a queue command runs. */
import type { ConnectionOptions } from 'bullmq';
import { GalleyError } from '../errors.js';

/** The queue of book jobs, one per book. */
export const BOOKS_QUEUE = 'galley-books';
/** The queue of batch jobs: each is the flow parent of one `queue add`'s books and updates the manifest and downloads page once. */
export const BATCHES_QUEUE = 'galley-batches';
/** Redis hash prefix of the slugs claimed per output folder, so two books with one headline get two names. */
export const SLUGS_KEY = 'galley:slugs:';

/** How long a command (not a worker) keeps trying to reach Redis before it gives up with one line, in ms. */
const COMMAND_GIVE_UP_MS = 15_000;
/** Delay between a command's reconnection attempts, in ms. */
const COMMAND_RETRY_MS = 500;

/** A Redis URL that is malformed or a Redis that cannot be reached: a configuration problem, exit code 2. */
export class QueueError extends GalleyError {}

/** BullMQ, imported on first use so that `galley build` never loads it. */
export function loadBullmq(): Promise<typeof import('bullmq')> {
  return import('bullmq');
}

/**
 * ioredis options from a `redis://[user:password@]host[:port][/db]` or `rediss://` URL. A
 * worker waits for Redis however long it is away (`maxRetriesPerRequest: null`, as BullMQ
 * requires of blocking connections); a command gives up after about 15 seconds.
 */
export function connectionFor(url: string, role: 'worker' | 'command'): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(`--redis: "${url}" is not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new QueueError(`--redis: "${url}" is not a redis:// or rediss:// URL`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new QueueError(`--redis: "${url}": the database after the host must be a number`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    ...(role === 'command' ? { retryStrategy: (attempt: number) => (attempt * COMMAND_RETRY_MS > COMMAND_GIVE_UP_MS ? null : COMMAND_RETRY_MS) } : {}),
  };
}

/** The URL to show in messages, without its password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Waits until every BullMQ object has its connection, or says in one line that Redis cannot be reached. */
export async function reachable(url: string, ...parts: Array<{ waitUntilReady(): Promise<unknown> }>): Promise<void> {
  try {
    await Promise.all(parts.map((part) => part.waitUntilReady()));
  } catch (cause) {
    throw new QueueError(`cannot reach Redis at ${displayUrl(url)} (${(cause as Error).message})`, { cause });
  }
}
