/**
 * `npm run bench:extract [DATASET]`: article extraction measured on real pages. Every page of
 * the news-pages dataset (../shared/datasets/news-pages; its README says how it was made) is
 * built twice, from its saved HTML and from its whole-page text scrape, and the dataset's own
 * `score.py` scores both folders of EPUBs: body F1 (the article-extraction-benchmark's metric),
 * titles, bylines and dates. pandoc, when installed, is scored the same way as the baseline
 * with no extraction. Then extraction alone is timed per article, warm (extract-timing.ts). The pages are
 * third-party texts: they are read from the dataset folder and unpacked to a temporary folder,
 * never into this repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildBook, type Format } from '../pipeline/index.js';
import { loadTemplate } from '../pipeline/layout/index.js';
import { timeExtraction } from './extract-timing.js';

const ROOT = join(import.meta.dirname, '..');
const DATASET = resolve(process.argv[2] ?? join(ROOT, '../shared/datasets/news-pages'));
/** Extraction is timed over this many passes of every page, after one pass of warm-up (BENCH_REPEATS). */
const TIMED_PASSES = Number(process.env.BENCH_REPEATS ?? 5);

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
    // BENCH_TIMING_ONLY=1: the timing alone, without the books and their scores.
    for (const kind of process.env.BENCH_TIMING_ONLY ? [] : kinds) {
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
    if (!process.env.BENCH_TIMING_ONLY) pandocBaseline(inputs, work);
    const timed = inputs.flatMap((input) => kinds.map((kind) => ({ kind, file: input[kind] })));
    console.log(`\n${(await timeExtraction(timed, loadTemplate('default'), TIMED_PASSES)).join('\n')}`);
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

await main();
