/**
 * `npm run bench:extract [DATASET]`: article extraction measured on real pages. Every page of
 * the news-pages dataset (../shared/datasets/news-pages; its README says how it was made) is
 * built twice, from its saved HTML and from its whole-page text scrape, and the dataset's own
 * `score.py` scores both folders of EPUBs: body F1 (the article-extraction-benchmark's metric),
 * titles, bylines and dates. pandoc, when installed, is scored the same way as the baseline
 * with no extraction. Then extraction alone is timed per article, warm. The pages are
 * third-party texts: they are read from the dataset folder and unpacked to a temporary folder,
 * never into this repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildBook, type Format } from '../pipeline/index.js';
import { extractArticle } from '../pipeline/extract/index.js';
import { loadTemplate } from '../pipeline/layout/index.js';
import { parseArticle } from '../pipeline/parse/index.js';
import { readSource } from '../pipeline/read/index.js';

const ROOT = join(import.meta.dirname, '..');
const DATASET = resolve(process.argv[2] ?? join(ROOT, '../shared/datasets/news-pages'));
/** Extraction is timed over this many passes of every page, after one pass of warm-up. */
const TIMED_PASSES = 2;

interface Page {
  id: string;
}

async function main(): Promise<void> {
  if (!existsSync(join(DATASET, 'index.json'))) {
    console.log(`bench:extract: no dataset at ${DATASET} (give its folder as the argument)`);
    return;
  }
  const only = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : undefined;
  const pages = (JSON.parse(readFileSync(join(DATASET, 'index.json'), 'utf8')) as Page[]).filter((page) => !only || only.test(page.id));
  const work = mkdtempSync(join(tmpdir(), 'galley-extract-'));
  try {
    const inputs = pages.map((page) => {
      const folder = join(work, 'pages', page.id);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'source.html'), gunzipSync(readFileSync(join(DATASET, 'pages', page.id, 'source.html.gz'))));
      writeFileSync(join(folder, 'scrape.txt'), readFileSync(join(DATASET, 'pages', page.id, 'scrape.txt')));
      return { id: page.id, html: join(folder, 'source.html'), scrape: join(folder, 'scrape.txt') };
    });
    const kinds = (process.env.BENCH_KINDS ?? 'html,scrape').split(',') as Array<'html' | 'scrape'>;
    // Both books, so a page whose print edition the read-back refuses counts as a failure; BENCH_FORMATS=epub is quicker.
    const formats = (process.env.BENCH_FORMATS ?? 'epub,pdf').split(',') as Format[];
    for (const kind of kinds) {
      const out = join(work, `books-${kind}`);
      const failures: string[] = [];
      const started = performance.now();
      for (const input of inputs) {
        try {
          const book = await buildBook([input[kind]], { template: 'default', formats, sourceDateEpoch: 0 });
          const epub = book.artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')!;
          mkdirSync(join(out, input.id), { recursive: true });
          writeFileSync(join(out, input.id, 'book.epub'), epub.bytes);
          if (process.env.BENCH_KEEP) writeFileSync(join(out, input.id, 'report.json'), book.artifacts.find((a) => a.name.endsWith('.report.json'))!.bytes);
        } catch (error) {
          failures.push(`${input.id}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `\nGalley from ${kind === 'html' ? 'source.html' : 'scrape.txt'}: ${inputs.length - failures.length} books in ${seconds.toFixed(1)} s, ${failures.length} failed to build`,
      );
      for (const failure of failures) console.log(`  failed: ${failure}`);
      score(out, kind);
      if (process.env.BENCH_KEEP) console.log(`  books kept in ${out}`);
    }
    pandocBaseline(inputs, work);
    await timeExtraction(inputs.flatMap((input) => [input.html, input.scrape]));
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }
}

function score(books: string, label: string): void {
  const args = [join(DATASET, 'score.py'), DATASET, books];
  if (process.env.BENCH_JSON) args.push('--json', join(process.env.BENCH_JSON, `${label}.json`));
  const run = spawnSync('python3', args, { encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n');
  if (process.env.BENCH_VERBOSE) console.log(lines.slice(0, -1).join('\n'));
  console.log(`  ${lines[lines.length - 1] ?? run.stderr.trim()}`);
}

function pandocBaseline(inputs: Array<{ id: string; html: string; scrape: string }>, work: string): void {
  if (spawnSync('pandoc', ['--version']).status !== 0 || process.env.BENCH_NO_PANDOC) {
    console.log('\npandoc: not installed (apt-get install pandoc), no baseline');
    return;
  }
  for (const [kind, from] of [
    ['html', 'html'],
    ['scrape', 'commonmark'],
  ] as const) {
    const out = join(work, `pandoc-${kind}`);
    for (const input of inputs) {
      mkdirSync(join(out, input.id), { recursive: true });
      spawnSync('pandoc', ['-f', from, '-t', 'epub3', input[kind], '-o', join(out, input.id, 'book.epub')]);
    }
    console.log(`\npandoc from ${kind === 'html' ? 'source.html' : 'scrape.txt'} (no extraction):`);
    score(out, `pandoc-${kind}`);
  }
}

/**
 * Read, parse and extract, warm: the extraction stage's own cost per article (reading the file
 * included). CPU time (this process's, garbage collection included) is the figure to compare on a
 * shared machine; wall time is printed beside it and means something only when the machine is quiet.
 */
async function timeExtraction(files: string[]): Promise<void> {
  const template = loadTemplate('default');
  const once = async (file: string): Promise<void> => {
    const source = await readSource(file);
    extractArticle(parseArticle(source), source, template.extract);
  };
  const cpu = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  for (const file of files) await once(file);
  const times: Record<string, { cpu: number[]; wall: number[] }> = { html: { cpu: [], wall: [] }, scrape: { cpu: [], wall: [] } };
  for (let pass = 0; pass < TIMED_PASSES; pass++) {
    for (const file of files) {
      const kind = times[file.endsWith('.html') ? 'html' : 'scrape']!;
      const startedCpu = cpu();
      const started = performance.now();
      await once(file);
      kind.wall.push(performance.now() - started);
      kind.cpu.push(cpu() - startedCpu);
    }
  }
  const summary = (list: number[]): string => {
    const sorted = [...list].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
    const mean = sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length);
    return `median ${at(0.5)}, p95 ${at(0.95)}, mean ${mean.toFixed(1)}, max ${at(1 - 1e-9)}`;
  };
  console.log(`\nextraction alone, warm (read + parse + extract), ms per article (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`);
  for (const [kind, { cpu: cpuTimes, wall }] of Object.entries(times)) {
    console.log(`  ${kind.padEnd(6)} CPU  ${summary(cpuTimes)}`);
    console.log(`  ${''.padEnd(6)} wall ${summary(wall)}`);
  }
}

await main();
