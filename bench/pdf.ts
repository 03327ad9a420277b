/**
 * PDF benchmark: time per stage (measure, break, flow, paint) for the seed article and for the
 * same article fifty times longer, to show that time grows linearly with length; then a
 * collection of the seed five times (title page, contents set until their page numbers settle)
 * and a Chinese article as long as the seed×50 (the CJK font parsed on first use, UAX #14 breaks).
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
/** Chapters of the collection row. */
const CHAPTERS = 5;
/** One Chinese paragraph of the Chinese row (a news sentence with CJK punctuation). */
const CHINESE_PARAGRAPH =
  '中国和俄罗斯在联合国安理会上加强了外交协调，双方外长在北京会谈后表示，将继续就地区局势保持密切沟通。' +
  '分析人士认为，这一立场既有现实考量，也反映了两国在国际事务中的长期合作。「我们呼吁各方保持克制」，发言人说。';
/** Paragraphs of the Chinese row: about as many characters as the seed×50 has letters. */
const CHINESE_PARAGRAPHS = 1_500;

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

/** The seed as every chapter of a collection. */
function collection(edition: Edition, chapters: number): Edition {
  const chapter = edition.chapters[0];
  if (!chapter) throw new Error('the seed has no chapter');
  return {
    ...edition,
    meta: { ...edition.meta, title: 'The seed, several times' },
    chapters: Array.from({ length: chapters }, (_, index) => ({ ...chapter, id: `chapter-${index + 1}`, tree: structuredClone(chapter.tree) })),
  };
}

/** A Chinese article: the seed's headline and `paragraphs` Chinese paragraphs. */
function chinese(edition: Edition, paragraphs: number): Edition {
  const chapter = edition.chapters[0];
  if (!chapter) throw new Error('the seed has no chapter');
  const headline = chapter.tree.children.filter((node) => node.type === 'heading').slice(0, 1);
  const body: RootContent[] = Array.from({ length: paragraphs }, () => ({ type: 'paragraph', children: [{ type: 'text', value: CHINESE_PARAGRAPH }] }));
  return { ...edition, chapters: [{ ...chapter, tree: { ...chapter.tree, children: [...headline, ...body] } }] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(edition: Edition): Promise<{ timings: Timings; total: number; pages: number; bytes: number; firstRun: number }> {
  const first = performance.now();
  await renderPdf(edition);
  const firstRun = performance.now() - first;
  const runs: Array<{ timings: Timings; total: number; pages: number; bytes: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await renderPdf(edition);
    runs.push({ timings: result.timings, total: performance.now() - started, pages: result.preflight.pages, bytes: result.bytes.length });
  }
  const timings = Object.fromEntries(STAGES.map((stage) => [stage, median(runs.map((run) => run.timings[stage]))])) as Timings;
  return { timings, total: median(runs.map((run) => run.total)), pages: runs[0]?.pages ?? 0, bytes: runs[0]?.bytes ?? 0, firstRun };
}

const template = loadTemplate('default', ROOT);
const seed = layoutEdition([await prepareArticle(SEED, template)], template);
const small = await measure(seed);
const large = await measure(longer(seed, SCALE));
const several = await measure(collection(seed, CHAPTERS));
// Measured last, so that its first run is the one that parses the CJK font.
const cjk = await measure(chinese(seed, CHINESE_PARAGRAPHS));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ seed: small, [`seed×${SCALE}`]: large, [`collection×${CHAPTERS}`]: several, chinese: cjk }, null, 2));
} else {
  const row = (name: string, run: typeof small): string =>
    `${name.padEnd(10)} ${String(run.pages).padStart(5)} ${STAGES.map((stage) => run.timings[stage].toFixed(1).padStart(9)).join('')} ${run.total.toFixed(1).padStart(9)} ${(run.total / run.pages).toFixed(2).padStart(9)}`;
  console.log(`PDF stages, median of ${RUNS} warm runs (ms)`);
  console.log(`${'article'.padEnd(10)} ${'pages'.padStart(5)}${STAGES.map((stage) => stage.padStart(9)).join('')}     total  ms/page`);
  console.log(row('seed', small));
  console.log(row(`seed×${SCALE}`, large));
  console.log(row(`coll.×${CHAPTERS}`, several));
  console.log(row('chinese', cjk));
  const growth = large.total / small.total;
  console.log(
    `${SCALE}× the text took ${growth.toFixed(1)}× the time (${(large.pages / small.pages).toFixed(1)}× the pages): ${growth <= SCALE * 1.5 ? 'linear' : 'worse than linear'}.`,
  );
  console.log(`The Chinese article's first run, which parses the CJK font, took ${cjk.firstRun.toFixed(0)} ms (${(cjk.firstRun - cjk.total).toFixed(0)} ms more than a warm run).`);
}
