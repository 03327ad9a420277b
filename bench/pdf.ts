/**
 * PDF benchmark: time per stage (measure, break, flow, paint) for the seed article and for the
 * same article fifty times longer, to show that time grows linearly with length.
 * Run with `npx tsx bench/pdf.ts` (add `--json` for machine-readable output).
 */
import { resolve } from 'node:path';
import type { RootContent } from 'mdast';
import { layoutEdition, loadTemplate } from '../pipeline/layout/index.js';
import { renderPdf, type PdfResult } from '../pipeline/pdf/index.js';
import { prepareArticle } from '../pipeline/prepare.js';
import type { Edition } from '../pipeline/types.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = resolve(ROOT, 'source/china-and-russia-reinforce-diplomatic-front-against-israel.txt');
/** How many times longer the long article is. */
const SCALE = 50;
/** Timed runs per size after one warm-up run; the median is reported. */
const RUNS = 5;

type Timings = PdfResult['timings'];
const STAGES = ['measure', 'break', 'flow', 'paint'] as const;

/** The seed's body repeated `times` times after its headline and figure. */
function longer(edition: Edition, times: number): Edition {
  const chapter = edition.chapters[0];
  if (!chapter) throw new Error('the seed has no chapter');
  const children = chapter.tree.children;
  const openingEnd = children.findIndex((node) => node.type === 'paragraph');
  const opening = children.slice(0, openingEnd);
  const body = children.slice(openingEnd).filter((node) => node.type !== 'copyright');
  const closing = children.filter((node) => node.type === 'copyright');
  const repeated: RootContent[] = [];
  for (let i = 0; i < times; i++) repeated.push(...structuredClone(body));
  return { ...edition, chapters: [{ ...chapter, tree: { ...chapter.tree, children: [...opening, ...repeated, ...closing] } }] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(edition: Edition): Promise<{ timings: Timings; total: number; pages: number; bytes: number }> {
  await renderPdf(edition);
  const runs: Array<{ timings: Timings; total: number; pages: number; bytes: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await renderPdf(edition);
    runs.push({ timings: result.timings, total: performance.now() - started, pages: result.preflight.pages, bytes: result.bytes.length });
  }
  const timings = Object.fromEntries(STAGES.map((stage) => [stage, median(runs.map((run) => run.timings[stage]))])) as Timings;
  return { timings, total: median(runs.map((run) => run.total)), pages: runs[0]?.pages ?? 0, bytes: runs[0]?.bytes ?? 0 };
}

const template = loadTemplate('default', ROOT);
const seed = layoutEdition([await prepareArticle(SEED, template)], template);
const small = await measure(seed);
const large = await measure(longer(seed, SCALE));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ seed: small, [`seed×${SCALE}`]: large }, null, 2));
} else {
  const row = (name: string, run: typeof small): string =>
    `${name.padEnd(10)} ${String(run.pages).padStart(5)} ${STAGES.map((stage) => run.timings[stage].toFixed(1).padStart(9)).join('')} ${run.total.toFixed(1).padStart(9)} ${(run.total / run.pages).toFixed(2).padStart(9)}`;
  console.log(`PDF stages, median of ${RUNS} warm runs (ms)`);
  console.log(`${'article'.padEnd(10)} ${'pages'.padStart(5)}${STAGES.map((stage) => stage.padStart(9)).join('')}     total  ms/page`);
  console.log(row('seed', small));
  console.log(row(`seed×${SCALE}`, large));
  const growth = large.total / small.total;
  console.log(`${SCALE}× the text took ${growth.toFixed(1)}× the time (${(large.pages / small.pages).toFixed(1)}× the pages): ${growth <= SCALE * 1.5 ? 'linear' : 'worse than linear'}.`);
}
