/**
 * The distributed mode end to end: real redis-server, real `galley worker` processes, real
 * `galley queue` commands, on generated articles (small, so 100 books take seconds, not minutes).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { epubcheck } from '../epub/helpers.js';
import { galley, ROOT } from '../helpers/cli.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

const GALLEY = join(ROOT, 'pipeline/cli/galley.js');
const WORDS = 'harbour crane tide ledger council ferry market warden quay lantern signal freight timber beacon pier'.split(' ');

/** A started `galley` process whose output is collected as it runs. */
interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [GALLEY, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Writes `good` distinct small Markdown articles and the three bad ones (empty, binary, a headline alone). */
function writeArticles(dir: string, good: number, bad = true): { good: string[]; bad: string[] } {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < good; i++) {
    const word = (n: number): string => WORDS[(i + n) % WORDS.length]!;
    const paragraph = (n: number): string =>
      `The ${word(n)} committee met on day ${i + 1} to discuss the ${word(n + 1)} and the ${word(n + 2)} of the old town. Residents said the ${word(n + 3)} had changed little in a decade, and asked for plain answers before the next meeting in spring.`;
    const file = join(dir, `article-${String(i).padStart(3, '0')}.md`);
    writeFileSync(file, `# Dispatch ${i + 1}: the ${word(0)} and the ${word(5)}\n\n${paragraph(1)}\n\n${paragraph(4)}\n\n${paragraph(7)}\n`);
    files.push(file);
  }
  if (!bad) return { good: files, bad: [] };
  const bads = [join(dir, 'bad-empty.txt'), join(dir, 'bad-binary.txt'), join(dir, 'bad-headline-only.md')];
  writeFileSync(bads[0]!, '  \n\n  \n');
  writeFileSync(bads[1]!, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0xff, 0xfe]));
  writeFileSync(bads[2]!, '# Only a headline\n');
  return { good: files, bad: bads };
}

/** Lines of the workers' logs that say a book was built, per source file. */
function builtCounts(logs: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of logs.join('').split('\n')) {
    const match = / built {2}(\S+) → /.exec(line);
    if (match) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return counts;
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every book in `out`: each EPUB a ZIP whose first entry is the stored mimetype, each PDF read back by pdftotext with its headline; no temporary file left. */
async function checkBooks(out: string, titles: Map<string, string>): Promise<string[]> {
  const names = readdirSync(out);
  expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  const slugs = names.filter((name) => name.endsWith('.epub')).map((name) => name.slice(0, -'.epub'.length));
  for (const slug of slugs) {
    const zip = await JSZip.loadAsync(readFileSync(join(out, `${slug}.epub`)));
    expect(Object.keys(zip.files)[0]).toBe('mimetype');
    expect(await zip.file('mimetype')!.async('string')).toBe('application/epub+zip');
    const text = spawnSync('pdftotext', ['-l', '1', join(out, `${slug}.pdf`), '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain(titles.get(slug) ?? `(no title for ${slug})`);
  }
  return slugs;
}

/** Headline by slug, from the manifest the batch wrote. */
function manifestTitles(out: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { books: Record<string, { slug: string; title: string }> };
  return new Map(Object.values(manifest.books).map((entry) => [entry.slug, entry.title]));
}

describe('galley queue and galley worker (real redis-server)', () => {
  let redis: RedisServer;
  let work: string;
  const workers: Running[] = [];

  beforeEach(async () => {
    redis = await startRedis();
    work = mkdtempSync(join(tmpdir(), 'galley-queue-'));
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await redis.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const startWorker = (): Running => {
    const worker = run(['worker', '--concurrency', '1'], { GALLEY_REDIS_URL: redis.url });
    workers.push(worker);
    return worker;
  };

  it('2 workers build 100 articles: 97 valid books, 3 failures with their errors, each book once; adding them again builds nothing', async () => {
    const { good, bad } = writeArticles(join(work, 'articles'), 97);
    const out = join(work, 'out');
    const [a, b] = [startWorker(), startWorker()];
    const add = run(['queue', 'add', join(work, 'articles'), '--out', out, '--format', 'epub,pdf', '--redis', redis.url, '--wait']);
    expect(await add.exited).toBe(1);
    expect(add.stdout()).toMatch(/^100 of 100 books queued as batch \S+\n/);
    expect(add.stdout()).toMatch(/batch \S+: 97 built, 3 failed\n$/);
    expect(add.stderr()).toMatch(/batch \S+: \d+ of 100 done/);
    for (const file of bad) expect(add.stderr()).toContain(`${file}: `);

    const titles = manifestTitles(out);
    expect(titles.size).toBe(97);
    const slugs = await checkBooks(out, titles);
    expect(slugs).toHaveLength(97);
    // Every headline differs, so no book was given a second name (`-2`) by a duplicate run.
    expect(slugs.filter((slug) => /-\d+$/.test(slug))).toEqual([]);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const slug of slugs) expect(index).toContain(`href="${slug}.epub"`);

    // Each worker logged one line per book it took; together every good article exactly once, every bad one failed once, unretried.
    await until(() => builtCounts([a.stdout(), b.stdout()]).size === 97, 10_000, 'the last log lines');
    const counts = builtCounts([a.stdout(), b.stdout()]);
    expect([...counts.keys()].sort()).toEqual(good);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(builtCounts([a.stdout()]).size).toBeGreaterThan(0);
    expect(builtCounts([b.stdout()]).size).toBeGreaterThan(0);
    for (const file of bad) expect((a.stdout() + b.stdout()).match(new RegExp(`failed ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*not retried`, 'g'))).toHaveLength(1);

    const status = galley(['queue', 'status', '--json', '--redis', redis.url]);
    expect(status.status).toBe(0);
    const parsed = JSON.parse(status.stdout) as {
      completed: number;
      failed: number;
      waiting: number;
      active: number;
      workers: number;
      failures: Array<{ sources: string[]; error: string; attempts: number }>;
    };
    expect(parsed).toMatchObject({ completed: 97, failed: 3, waiting: 0, active: 0 });
    expect(parsed.workers).toBeGreaterThanOrEqual(2);
    expect(parsed.failures.map((failure) => failure.sources[0]).sort()).toEqual([...bad].sort());
    expect(parsed.failures.every((failure) => failure.attempts === 1 && !failure.error.includes('\n'))).toBe(true);
    expect(parsed.failures.find((failure) => failure.sources[0] === bad[0])!.error).toBe(`${bad[0]}: no text to build (empty or only whitespace/punctuation)`);
    const human = galley(['queue', 'status', '--redis', redis.url]);
    expect(human.stdout).toContain('0 waiting, 0 building, 0 waiting to retry, 97 done, 3 failed');
    expect(human.stdout).toContain(`failed: ${bad[0]}: no text to build`);

    // A sample through EPUBCheck (all 97 would take minutes of JVM time; every build already read both books back).
    for (const slug of [slugs[0]!, slugs[48]!, slugs[96]!]) {
      const errors = (await epubcheck(readFileSync(join(out, `${slug}.epub`)))).filter((message) => message.severity === 'ERROR' || message.severity === 'FATAL');
      expect(errors).toEqual([]);
    }

    const manifestTime = statSync(join(out, 'manifest.json')).mtimeMs;
    const again = galley(['queue', 'add', join(work, 'articles'), '--out', out, '--redis', redis.url]);
    expect(again.stdout).toBe('0 of 100 books queued, 97 unchanged, 3 failed before\n');
    expect(again.status).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(builtCounts([a.stdout(), b.stdout()]).size).toBe(97);
    expect([...builtCounts([a.stdout(), b.stdout()]).values()].every((count) => count === 1)).toBe(true);
    expect(statSync(join(out, 'manifest.json')).mtimeMs).toBe(manifestTime);
  }, 600_000);

  it('a worker killed mid-batch (kill -9) loses nothing: the other takes its book over and every book is built once', async () => {
    const { good } = writeArticles(join(work, 'articles'), 24, false);
    const out = join(work, 'out');
    const [victim, survivor] = [startWorker(), startWorker()];
    const add = run(['queue', 'add', join(work, 'articles'), '--out', out, '--redis', redis.url, '--wait']);
    // Kill it while it holds a book: after it has built two, it is always working on its next one.
    await until(() => builtCounts([victim.stdout()]).size >= 2, 120_000, 'the victim to build two books');
    victim.child.kill('SIGKILL');
    expect(await add.exited).toBe(0);
    expect(add.stdout()).toMatch(/batch \S+: 24 built\n$/);
    expect(survivor.stdout()).toMatch(/stalled job \S+: its worker stopped; it is queued again/);
    const counts = builtCounts([victim.stdout(), survivor.stdout()]);
    expect([...counts.keys()].sort()).toEqual(good);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const titles = manifestTitles(out);
    expect(titles.size).toBe(24);
    expect(await checkBooks(out, titles)).toHaveLength(24);
  }, 300_000);

  it('Redis stopped and restarted mid-batch: the workers reconnect and finish, nothing is lost', async () => {
    const { good } = writeArticles(join(work, 'articles'), 24, false);
    const out = join(work, 'out');
    const [a, b] = [startWorker(), startWorker()];
    const add = run(['queue', 'add', join(work, 'articles'), '--out', out, '--redis', redis.url, '--wait']);
    await until(() => builtCounts([a.stdout(), b.stdout()]).size >= 4, 120_000, 'four books');
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await redis.start();
    expect(await add.exited).toBe(0);
    expect(add.stdout()).toMatch(/batch \S+: 24 built\n$/);
    expect(a.stdout() + b.stdout()).toMatch(/redis {2}redis:\/\/127\.0\.0\.1:\d+: .*\(retrying\)/);
    expect([...builtCounts([a.stdout(), b.stdout()]).keys()].sort()).toEqual(good);
    const titles = manifestTitles(out);
    expect(titles.size).toBe(24);
    expect(await checkBooks(out, titles)).toHaveLength(24);
  }, 300_000);

  it('drain removes the books not yet started; retry-failed runs a failed book again once its article is fixed', async () => {
    writeArticles(join(work, 'articles'), 4, false);
    const out = join(work, 'out');
    // No worker yet: the books wait, and drain removes them; the batch then has nothing left to wait for.
    const queued = galley(['queue', 'add', join(work, 'articles'), '--out', out, '--redis', redis.url]);
    expect(queued.stdout).toMatch(/^4 of 4 books queued as batch \S+\n$/);
    expect(galley(['queue', 'drain', '--redis', redis.url]).stdout).toBe('removed 4 books not yet started; running ones finish\n');
    const drained = JSON.parse(galley(['queue', 'status', '--json', '--redis', redis.url]).stdout) as { waiting: number; completed: number };
    expect(drained).toMatchObject({ waiting: 0, completed: 0 });

    const broken = join(work, 'late', 'broken.md');
    mkdirSync(join(work, 'late'));
    writeFileSync(broken, '# Late copy\n');
    startWorker();
    const first = run(['queue', 'add', join(work, 'late'), '--out', out, '--redis', redis.url, '--wait']);
    expect(await first.exited).toBe(1);
    expect(first.stderr()).toContain(`${broken}: only a headline, no article text`);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    writeFileSync(broken, '# Late copy\n\nThe copy desk filed the missing paragraphs of the harbour story an hour after the deadline.\n');
    expect(galley(['queue', 'retry-failed', '--redis', redis.url]).stdout).toBe('queued 1 failed job again\n');
    await until(
      () => {
        const status = JSON.parse(galley(['queue', 'status', '--json', '--redis', redis.url]).stdout) as { failed: number; batches: unknown[] };
        return status.failed === 0 && status.batches.length === 0;
      },
      120_000,
      'the retried book',
    );
    const titles = manifestTitles(out);
    expect([...titles.values()]).toEqual(['Late copy']);
    expect(await checkBooks(out, titles)).toEqual(['late-copy']);
  }, 300_000);
});

describe('galley queue and galley worker: usage', () => {
  it('needs a Redis URL, an action, and says so in one line with exit code 2', () => {
    const noUrl = galley(['worker'], { env: { GALLEY_REDIS_URL: '' } });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toBe('galley: worker needs the Redis URL: --redis redis://host:port or GALLEY_REDIS_URL\nsee galley worker --help\n');
    const noAction = galley(['queue', '--redis', 'redis://127.0.0.1:1']);
    expect(noAction.status).toBe(2);
    expect(noAction.stderr.split('\n')[0]).toBe('galley: queue needs one of add, status, retry-failed, drain');
    const typo = galley(['queue', 'stauts', '--redis', 'redis://127.0.0.1:1']);
    expect(typo.stderr.split('\n')[0]).toContain('did you mean "status"?');
    const badUrl = galley(['queue', 'status', '--redis', 'http://example.com']);
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toBe('galley: --redis: "http://example.com" is not a redis:// or rediss:// URL\n');
  });

  it('a Redis that cannot be reached is one line and exit code 2, not a stack trace', () => {
    const down = galley(['queue', 'status', '--redis', 'redis://127.0.0.1:1']);
    expect(down.status).toBe(2);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/^galley: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\)\n$/);
  });

  it('lists the queue commands in the help', () => {
    const help = galley(['--help']);
    expect(help.stdout).toContain('galley queue add <files or folders…>');
    expect(galley(['worker', '--help']).stdout).toContain('--concurrency N');
    expect(existsSync(GALLEY)).toBe(true);
  });
});
