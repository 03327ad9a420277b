/**
 * `npm run bench`: Galley's speed and memory, measured in one run, side by side with pandoc
 * when it is installed. Timing lives here, never in tests.
 *   1. the seed's two books as a whole cold process (median of several runs);
 *   2. a batch of 1,000 articles: books per second and peak memory (VmHWM of the process, and
 *      the sampled peak of the process with its children, the shell that runs pdftotext);
 *      then the same batch through the queue (a local redis-server, when installed) with one
 *      `galley worker` on both cores and with two workers of one thread each. Each run also
 *      counts the CPU it used per book (every process involved, from /proc), which a shared
 *      machine disturbs far less than the wall clock; BENCH_ROUNDS=3 runs the three one after
 *      another three times and reports the medians;
 *   3. pandoc on the same work (EPUB, and PDF through WeasyPrint) as the reference;
 *   4. the PDF's stages, the print cover and booklet, and the pathological inputs, from their own benches;
 *   5. the typesetting measures of issue 11, beside TeX's when pdflatex is installed (typeset.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../test/helpers/redis.js';

const ROOT = join(import.meta.dirname, '..');
const SEED = join(ROOT, 'test/fixtures/articles/seed/article.txt');
const GALLEY = join(ROOT, 'pipeline/cli/galley.js');
const COLD_RUNS = 5;
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? 1000);
/** Rounds of the batch comparison (thread pool, queue with 1 and with 2 workers, interleaved); medians are reported. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
/** Kernel clock ticks per second, the unit of /proc's CPU times. */
const TICKS_PER_S = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
/** BENCH_ONLY=batch: the cold start and the batches (thread pool and queue) alone, without pandoc and the other benches. */
const ONLY_BATCH = process.env.BENCH_ONLY === 'batch';
/** pandoc is slow: its throughput is measured on a smaller batch and reported per article. */
const PANDOC_BATCH = 20;

interface Measured {
  ms: number;
  /** Peak resident memory of the process itself (VmHWM). */
  peakKiB: number;
  /** Highest sampled resident memory of the process and its children together (Galley's pdftotext shell and runs). */
  treePeakKiB: number;
  /** CPU time of the process (all its threads) and its children, in ms, as last sampled before it exited. */
  cpuMs: number;
  status: number | null;
}

function statusField(pid: number, field: string): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // The process has just exited.
  }
}

/** A process and all its descendants, from /proc. */
function processTree(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (listed) children.push(...listed.split(/\s+/).map(Number));
    }
  } catch {
    // Gone meanwhile.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** CPU time (user + system) of a process, all its threads, and the children it has waited for, in ms; 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of proc(5): utime, stime, cutime, cstime (fields[0] is field 3).
    return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** CPU time of a process and all its living descendants (a child's exited children are in its own count), in ms. */
function treeCpuMs(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + cpuMs(member), 0);
}

/** Runs a command, polling its peak resident memory (VmHWM) and its CPU time from /proc while it runs. */
function measure(command: string, args: string[], cwd = ROOT): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let peakKiB = 0;
    let treePeakKiB = 0;
    let cpu = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      const pid = child.pid!;
      peakKiB = Math.max(peakKiB, statusField(pid, 'VmHWM'));
      treePeakKiB = Math.max(
        treePeakKiB,
        processTree(pid).reduce((sum, member) => sum + statusField(member, 'VmRSS'), 0),
      );
      cpu = Math.max(cpu, treeCpuMs(pid));
    }, 20);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(poll);
      if (status !== 0) process.stderr.write(`${command} ${args.join(' ')} exited ${status}: ${stderr.slice(0, 500)}\n`);
      resolve({ ms: performance.now() - started, peakKiB, treePeakKiB: Math.max(treePeakKiB, peakKiB), cpuMs: cpu, status });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Writes `count` distinct articles shaped like the seed (own headline, paragraphs rotated). */
function makeBatch(dir: string, count: number, ext: 'txt' | 'md'): void {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const body = lines.filter((line) => line.length > 200);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const rotated = [...body.slice(i % body.length), ...body.slice(0, i % body.length)];
    const title = `Dispatch ${i + 1}: ${lines[0]}`;
    const text =
      ext === 'txt'
        ? [title, '', ...rotated.flatMap((p) => [p, '']), `© 2023 Washington Examiner`].join('\n')
        : [`# ${title}`, '', ...rotated.flatMap((p) => [p, '']), '© 2023 Washington Examiner'].join('\n');
    writeFileSync(join(dir, `article-${String(i).padStart(4, '0')}.${ext}`), text);
  }
}

/** Resolves once a process has used no CPU for `quietMs` (its threads have loaded and it waits for work). */
async function settled(pid: number, quietMs = 500): Promise<void> {
  let last = -1;
  for (;;) {
    const now = treeCpuMs(pid);
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/** A timed batch: wall milliseconds, and the CPU milliseconds of every process that took part. */
interface BatchRun {
  ms: number;
  cpuMs: number;
}

/**
 * The batch through `galley queue add --wait` on a fresh local redis-server, with `workers`
 * `galley worker` processes sharing the cores, started (and their threads loaded) before the
 * clock starts, as long-running workers are. The wall time runs from `queue add` to the
 * batch's end; the CPU time is that of `queue add`, the workers (with their pdftotext shells)
 * and redis-server over the same span.
 */
async function queueBatch(dir: string, out: string, workers: number): Promise<BatchRun> {
  const redis = await startRedis();
  const started: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) {
      const worker = spawn(process.execPath, [GALLEY, 'worker', '--redis', redis.url, '--concurrency', String(2 / workers)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      started.push(worker);
      await new Promise<void>((resolve) => worker.stdout!.once('data', () => resolve()));
      worker.stdout!.resume();
    }
    for (const worker of started) await settled(worker.pid!);
    const server = redis.pid()!;
    const before = started.reduce((sum, worker) => sum + treeCpuMs(worker.pid!), cpuMs(server));
    const add = await measure(process.execPath, [GALLEY, 'queue', 'add', dir, '--out', out, '--redis', redis.url, '--wait']);
    const after = started.reduce((sum, worker) => sum + treeCpuMs(worker.pid!), cpuMs(server));
    return { ms: add.ms, cpuMs: add.cpuMs + after - before };
  } finally {
    for (const worker of started) worker.kill('SIGTERM');
    await Promise.all(started.map((worker) => new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(undefined)))));
    await redis.dispose();
  }
}

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'galley-bench-'));
  const rows: string[][] = [];
  try {
    // 1. Cold start: the seed's EPUB and PDF, a fresh process each time.
    const cold: Measured[] = [];
    for (let i = 0; i < COLD_RUNS; i++) cold.push(await measure(process.execPath, [GALLEY, 'build', SEED, '--out', join(work, 'cold'), '--force']));
    const coldMs = median(cold.map((run) => run.ms));
    rows.push(['seed, EPUB + PDF, cold process', `${coldMs.toFixed(0)} ms`, `${(median(cold.map((run) => run.peakKiB)) / 1024).toFixed(0)} MB peak`]);

    // 2. A batch of articles in parallel: the thread pool, then the queue with one and with two
    // workers, in rounds (each into a fresh folder), so that a busy spell of a shared machine
    // falls on all three alike.
    const batchDir = join(work, 'batch');
    makeBatch(batchDir, BATCH_SIZE, 'txt');
    const queue = has('redis-server');
    const pool: Measured[] = [];
    const queued: BatchRun[][] = [[], []];
    for (let round = 0; round < ROUNDS; round++) {
      pool.push(await measure(process.execPath, [GALLEY, 'build', batchDir, '--out', join(work, `batch-out-${round}`)]));
      if (queue) for (const workers of [1, 2]) queued[workers - 1]!.push(await queueBatch(batchDir, join(work, `queue-out-${workers}-${round}`), workers));
    }
    const batch = pool[0]!;
    const poolMs = median(pool.map((run) => run.ms));
    const poolCpu = median(pool.map((run) => run.cpuMs)) / BATCH_SIZE;
    const perSecond = BATCH_SIZE / (poolMs / 1000);
    const rounds = ROUNDS > 1 ? `, median of ${ROUNDS} rounds` : '';
    const cpuOf = (runs: Array<{ cpuMs: number }>): string => {
      const perBook = runs.map((run) => run.cpuMs / BATCH_SIZE).sort((a, b) => a - b);
      return ROUNDS > 1 ? `${median(perBook).toFixed(0)} ms of CPU a book (${perBook[0]!.toFixed(0)}–${perBook.at(-1)!.toFixed(0)})` : `${perBook[0]!.toFixed(0)} ms of CPU a book`;
    };
    rows.push([
      `batch of ${BATCH_SIZE} articles (thread pool${rounds})`,
      `${(poolMs / 1000).toFixed(1)} s (${perSecond.toFixed(1)} books/s), ${cpuOf(pool)}`,
      `${(batch.peakKiB / 1024).toFixed(0)} MB peak (${(batch.treePeakKiB / 1024).toFixed(0)} MB with its pdftotext runs)`,
    ]);
    const rerun = await measure(process.execPath, [GALLEY, 'build', batchDir, '--out', join(work, 'batch-out-0')]);
    rows.push([`same batch again (all unchanged)`, `${(rerun.ms / 1000).toFixed(2)} s`, `${(rerun.peakKiB / 1024).toFixed(0)} MB peak`]);
    if (queue) {
      for (const workers of [1, 2]) {
        const runs = queued[workers - 1]!;
        const ms = median(runs.map((run) => run.ms));
        const rate = BATCH_SIZE / (ms / 1000);
        const cpu = median(runs.map((run) => run.cpuMs)) / BATCH_SIZE;
        rows.push([
          `same batch through the queue, ${workers === 1 ? '1 worker (2 threads)' : '2 workers (1 thread each)'}`,
          `${(ms / 1000).toFixed(1)} s (${rate.toFixed(1)} books/s), ${cpuOf(runs)}`,
          `overhead over the thread pool: ${(((perSecond - rate) / rate) * 100).toFixed(0)} % wall time a book, ${(((cpu - poolCpu) / poolCpu) * 100).toFixed(0)} % CPU a book`,
        ]);
      }
    } else rows.push(['queue', 'redis-server not installed (apt-get install redis-server)', '']);

    // 3. pandoc as the reference, when installed.
    if (ONLY_BATCH) rows.push(['pandoc', 'left out (BENCH_ONLY=batch)', '']);
    else if (has('pandoc')) {
      const md = join(work, 'seed.md');
      writeFileSync(md, readFileSync(SEED, 'utf8'));
      const pdfEngine = has('weasyprint') ? ['--pdf-engine=weasyprint'] : undefined;
      const seedRuns: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const epub = await measure('pandoc', [md, '-o', join(work, 'seed.epub'), '--metadata', 'title=Seed']);
        const pdf = pdfEngine ? await measure('pandoc', [md, '-o', join(work, 'seed.pdf'), ...pdfEngine, '--metadata', 'title=Seed']) : { ms: 0 };
        seedRuns.push(epub.ms + pdf.ms);
      }
      const pandocSeed = median(seedRuns);
      rows.push([`pandoc: seed, EPUB${pdfEngine ? ' + PDF (WeasyPrint)' : ''}`, `${pandocSeed.toFixed(0)} ms`, `Galley takes ${((coldMs / pandocSeed) * 100).toFixed(0)} % of it`]);
      const pandocDir = join(work, 'pandoc-batch');
      makeBatch(pandocDir, PANDOC_BATCH, 'md');
      const started = performance.now();
      for (let i = 0; i < PANDOC_BATCH; i++) {
        const file = join(pandocDir, `article-${String(i).padStart(4, '0')}.md`);
        await measure('pandoc', [file, '-o', `${file}.epub`]);
        if (pdfEngine) await measure('pandoc', [file, '-o', `${file}.pdf`, ...pdfEngine]);
      }
      const pandocRate = PANDOC_BATCH / ((performance.now() - started) / 1000);
      rows.push([
        `pandoc: batch (${PANDOC_BATCH} articles, one after another)`,
        `${pandocRate.toFixed(2)} books/s`,
        `Galley is ${(perSecond / pandocRate).toFixed(1)}× its throughput`,
      ]);
    } else rows.push(['pandoc', 'not installed (apt-get install pandoc weasyprint)', '']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((row) => row[0]!.length));
  process.stdout.write(`Galley benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`);
  for (const row of rows) process.stdout.write(`${row[0]!.padEnd(width)}  ${row[1]}  ${row[2]}\n`);
  for (const extra of ONLY_BATCH ? [] : ['book.ts', 'pdf.ts', 'channels.ts', 'hostile.ts', 'typeset.ts']) {
    if (!existsSync(join(import.meta.dirname, extra))) continue;
    process.stdout.write(`\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, extra)], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = 1;
  }
}

await main();
