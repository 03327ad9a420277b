/** Where the queue lives: the Redis URL, the queues' names, and BullMQ loaded only when a queue command runs. */
import type { ConnectionOptions } from 'bullmq';
import { GalleyError } from '../errors.js';

/** The queue of book jobs, one per book. */
export const BOOKS_QUEUE = 'galley-books';
/** The queue of batch jobs: each is the flow parent of one `queue add`'s books and updates the manifest and downloads page once. */
export const BATCHES_QUEUE = 'galley-batches';

/** How long a command (not a worker) waits for its first connection before it says Redis cannot be reached, in ms. */
const COMMAND_CONNECT_MS = 3_000;
/** How long a command rides out an outage once connected (`queue add --wait` across a Redis restart), in ms. */
const COMMAND_GIVE_UP_MS = 30_000;
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
 * requires of blocking connections); a command gives up after 30 seconds.
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

/** A Queue, FlowProducer or Worker, as far as connecting is concerned. */
interface Connecting {
  waitUntilReady(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Waits until every BullMQ object has its connection, or says in one line that Redis cannot be
 * reached. Their error events are taken here (BullMQ prints a stack trace per retry otherwise).
 */
export async function reachable(url: string, ...parts: Connecting[]): Promise<void> {
  let last: Error | undefined;
  for (const part of parts) part.on('error', (error) => (last = error));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), COMMAND_CONNECT_MS)));
  try {
    await Promise.race([Promise.all(parts.map((part) => part.waitUntilReady())), late]);
  } catch (cause) {
    throw new QueueError(`cannot reach Redis at ${displayUrl(url)} (${(last ?? (cause as Error)).message})`, { cause });
  } finally {
    clearTimeout(timer);
  }
}
