/**
 * Slug claims shared by every worker: two articles with one headline must not write the same
 * `<slug>.epub`. `galley build` claims slugs in memory in input order; workers on many machines
 * claim them in one Redis hash per output folder (slug → book key), each claim one atomic script.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from 'bullmq';
import { SLUGS_KEY } from './connection.js';

/** KEYS[1] the hash; ARGV[1] the book key, ARGV[2] its earlier slug or "", ARGV[3] the slug its headline gives. */
const CLAIM = `
local function take(slug)
  local owner = redis.call('HGET', KEYS[1], slug)
  if not owner then redis.call('HSET', KEYS[1], slug, ARGV[1]) return true end
  return owner == ARGV[1]
end
if ARGV[2] ~= '' and take(ARGV[2]) then return ARGV[2] end
if take(ARGV[3]) then return ARGV[3] end
local n = 2
while not take(ARGV[3] .. '-' .. n) do n = n + 1 end
return ARGV[3] .. '-' .. n
`;

/** KEYS[1] the hash; ARGV pairs of slug and book key, each set only where the slug is free. */
const SEED = `
for i = 1, #ARGV, 2 do redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 0
`;

/** Books seeded per script call, so a manifest of 100,000 books is not one huge command. */
const SEED_CHUNK = 1000;

function claimsKey(out: string): string {
  return SLUGS_KEY + createHash('sha256').update(out).digest('hex').slice(0, 32);
}

function define(client: RedisClient): void {
  client.defineCommand('galleyClaimSlug', { numberOfKeys: 1, lua: CLAIM });
  client.defineCommand('galleySeedSlugs', { numberOfKeys: 1, lua: SEED });
}

/** The slug a book gets in `out`: its earlier one if still its own, else its headline's, else the first free `-2`, `-3`…. */
export async function claimSlug(client: RedisClient, out: string, key: string, slug: string, earlier: string | undefined): Promise<string> {
  define(client);
  return (await client.runCommand('galleyClaimSlug', [claimsKey(out), key, earlier ?? '', slug])) as string;
}

/** Records the slugs the manifest already gives its books, so books built earlier keep their names. */
export async function seedSlugs(client: RedisClient, out: string, books: Array<{ key: string; slug: string }>): Promise<void> {
  define(client);
  for (let start = 0; start < books.length; start += SEED_CHUNK) {
    await client.runCommand('galleySeedSlugs', [claimsKey(out), ...books.slice(start, start + SEED_CHUNK).flatMap((book) => [book.slug, book.key])]);
  }
}
