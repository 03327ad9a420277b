/**
 * Print cover and booklet benchmark (issue 15): the seed's print cover for 120 pages of white
 * paper (drawn at 300 ppi, placed, read back), and a booklet of the seed ten times longer on
 * Letter (set again at 5.5×8.5 in, then imposed with pdf-lib), beside the half-size interior
 * it was imposed from. Medians of RUNS warm runs. Run with `npx tsx bench/channels.ts`.
 */
import { resolve } from 'node:path';
import type { RootContent } from 'mdast';
import { bookletPrint, renderBooklet } from '../pipeline/booklet/index.js';
import { renderPrintCover } from '../pipeline/cover/print.js';
import { layoutEdition, loadTemplate } from '../pipeline/layout/index.js';
import { renderPdf } from '../pipeline/pdf/index.js';
import { prepareArticle } from '../pipeline/prepare.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = resolve(ROOT, 'source/china-and-russia-reinforce-diplomatic-front-against-israel.txt');
const RUNS = 5;
/** How many times the seed's body the booklet's book holds. */
const SCALE = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const template = loadTemplate('default', ROOT);
const seed = layoutEdition([await prepareArticle(SEED, template)], template);
const chapter = seed.chapters[0]!;
const body: RootContent[] = [];
for (let i = 0; i < SCALE; i++) body.push(...structuredClone(chapter.tree.children.filter((node) => node.type === 'paragraph')));
const long = { ...seed, chapters: [{ ...chapter, tree: { ...chapter.tree, children: [...chapter.tree.children, ...body] } }] };

await renderPrintCover(seed, 120, 'white');
const covers: Array<{ ms: number; bytes: number }> = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const made = await renderPrintCover(seed, 120, 'white');
  covers.push({ ms: performance.now() - started, bytes: made.bytes.length });
}

await renderBooklet(long, 'letter');
const booklets: Array<{ ms: number; typeset: number; impose: number; bytes: number; pages: number; sheets: number }> = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const made = await renderBooklet(long, 'letter');
  booklets.push({ ms: performance.now() - started, ...made.report.timings, bytes: made.bytes.length, pages: made.report.pages, sheets: made.report.sheets });
}
const interior = await renderPdf({ ...long, print: bookletPrint(long.print, 'letter') });

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
console.log(`Print cover, 120 pages of 6×9 in on white paper, median of ${RUNS}: ${median(covers.map((run) => run.ms)).toFixed(0)} ms, ${kB(covers[0]!.bytes)}`);
const first = booklets[0]!;
console.log(
  `Booklet, seed×${SCALE} (${first.pages} pages, ${first.sheets} Letter sheets), median of ${RUNS}: ${median(booklets.map((run) => run.ms)).toFixed(0)} ms ` +
    `(set at 5.5×8.5 in ${median(booklets.map((run) => run.typeset)).toFixed(0)} ms, imposed ${median(booklets.map((run) => run.impose)).toFixed(0)} ms); ` +
    `${kB(first.bytes)} from a ${kB(interior.bytes.length)} half-size interior`,
);
