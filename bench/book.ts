/**
 * One book, warm: the seed built again and again in one process, as a batch thread builds
 * books. Reports each stage's median time and the time and CPU per book. The cover is drawn
 * while the PDF is set, so stage times overlap and add up to more than the book's time.
 * Run with `npx tsx bench/book.ts [article] [builds]`.
 */
import { resolve } from 'node:path';
import { buildBook } from '../pipeline/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const file = process.argv[2] ?? resolve(ROOT, 'test/fixtures/articles/seed/article.txt');
const BUILDS = Number(process.argv[3] ?? 40);
/** Builds before timing starts: the JIT's warm-up and the first use of every font. */
const WARM_UP = 10;

const stages: Record<string, number[]> = {};
let started = 0;
let cpu = process.cpuUsage();
for (let i = 0; i < WARM_UP + BUILDS; i++) {
  if (i === WARM_UP) {
    started = performance.now();
    cpu = process.cpuUsage();
  }
  const result = await buildBook([file], { template: 'default', formats: ['epub', 'pdf'], cwd: ROOT });
  if (i >= WARM_UP) for (const [stage, ms] of Object.entries(result.timings)) (stages[stage] ??= []).push(ms);
}
const used = process.cpuUsage(cpu);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
process.stdout.write(`One book, warm (${BUILDS} builds of ${file.replace(`${ROOT}/`, '')} after ${WARM_UP} to warm up)\n`);
process.stdout.write(
  `  per stage (median): ${Object.entries(stages)
    .map(([stage, ms]) => `${stage} ${median(ms).toFixed(1)} ms`)
    .join(', ')}\n`,
);
process.stdout.write(
  `  per book: ${((performance.now() - started) / BUILDS).toFixed(1)} ms, ${((used.user + used.system) / 1000 / BUILDS).toFixed(1)} ms of this process's CPU (pdftotext's runs not counted)\n`,
);
