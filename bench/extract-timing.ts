/**
 * Extraction's own time per article, warm, as `bench:extract` and `bench:extract:quick` report
 * it. Every file is read and extracted once untimed (warm-up: modules loaded, rules compiled,
 * the code optimised), then timed in BENCH_REPEATS passes over all the files (a page is timed
 * once a pass, not several times in a row, so it does not find its own work in the caches).
 *
 * What is timed is the extraction call alone, `extractArticle(parseArticle(source))`, in CPU
 * time: the process's user + system time (`process.cpuUsage`, garbage collection included),
 * which a busy machine inflates less than wall time. Reading the file (`readSource`: decoding,
 * cleaning) is timed apart and printed on its own line.
 *
 * Two figures per article: the median of its passes (what it costs on this machine as it is),
 * and the least of its passes, the quiet-machine estimate: other processes on a shared machine
 * only add time (preemption, caches and cores shared), so the quickest pass is the nearest to a
 * quiet machine's. Both are given as the median, p90 and mean over the articles.
 */
import { availableParallelism, loadavg } from 'node:os';
import { extractArticle } from '../pipeline/extract/index.js';
import type { Template } from '../pipeline/layout/index.js';
import { parseArticle } from '../pipeline/parse/index.js';
import { readSource } from '../pipeline/read/index.js';

/** One input to time, with the kind it is reported under (html, scrape). */
export interface TimedFile {
  kind: string;
  file: string;
}

/** Times every file's extraction, warm; returns the report's lines. */
export async function timeExtraction(files: TimedFile[], template: Template, repeats: number): Promise<string[]> {
  const loadBefore = loadavg()[0]!;
  const cpu = (): number => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  /** Per file: the CPU ms of each timed pass (extraction, reading) and the wall ms of each. */
  const runs = files.map(() => ({ extract: [] as number[], wall: [] as number[], read: [] as number[] }));
  for (let pass = -1; pass < repeats; pass++) {
    for (const [index, { file }] of files.entries()) {
      const beforeRead = cpu();
      const source = await readSource(file);
      const beforeCpu = cpu();
      const before = performance.now();
      extractArticle(parseArticle(source), source, template.extract);
      const wall = performance.now() - before;
      const used = cpu() - beforeCpu;
      if (pass < 0) continue; // the warm-up pass
      runs[index]!.extract.push(used);
      runs[index]!.wall.push(wall);
      runs[index]!.read.push(beforeCpu - beforeRead);
    }
  }
  const lines = [
    `extraction alone (parse + extract; reading apart), warm: ${repeats} timed passes after one of warm-up, ms per article` +
      ` (load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`,
  ];
  for (const kind of [...new Set(files.map((file) => file.kind))]) {
    const mine = runs.filter((_, index) => files[index]!.kind === kind);
    const each = (pick: (run: (typeof runs)[number]) => number[], of: (list: number[]) => number): number[] => mine.map((run) => of(pick(run)));
    lines.push(
      `  ${kind.padEnd(6)} CPU, median of passes ${summary(each((run) => run.extract, median))}`,
      `  ${''.padEnd(6)} CPU, least of passes  ${summary(each((run) => run.extract, least))}  (quiet-machine estimate)`,
      `  ${''.padEnd(6)} wall, median of passes ${summary(each((run) => run.wall, median))}`,
      `  ${''.padEnd(6)} reading the file, CPU median ${median(each((run) => run.read, median)).toFixed(1)}`,
    );
  }
  return lines;
}

/** Median, p90 and mean over the articles, each article counting once. */
function summary(values: number[]): string {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return `median ${median(values).toFixed(1)}, p90 ${quantile(values, 0.9).toFixed(1)}, mean ${mean.toFixed(1)}`;
}

function least(values: number[]): number {
  return Math.min(...values);
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile, interpolated between the two nearest ranks (so the median of an even count is the mean of the middle two). */
function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
}
