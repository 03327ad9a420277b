/**
 * `npm run bench:extract:quick [DATASET]`: extraction alone, without building books, for tuning.
 * Each page of the news-pages dataset is read, parsed, extracted and structured (as the book
 * builder does), and its tree's text, less the first h1 (the headline, which the scorer leaves
 * out), is scored with the dataset's own `score.py` functions: body F1, P and R with the
 * article-extraction-benchmark's metric, titles, bylines and dates. It agrees with
 * `bench:extract`'s EPUB scores to within 0.005 per page and takes about a minute.
 * BENCH_KINDS=html,scrape picks the inputs (default scrape); BENCH_WORST=N lists the N pages
 * with the lowest F1, BENCH_HEAD=1 every missed title, byline and date (label <- found), BENCH_SAVE=FILE
 * keeps what was found (FILE-scrape.json) to compare two runs. Then extraction alone is timed per article, warm
 * (extract-timing.ts), over BENCH_REPEATS passes (default 3; 0 skips the timing).
 * The pages are unpacked to a temporary folder, never into this repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { toString } from 'mdast-util-to-string';
import { loadTemplate } from '../pipeline/layout/index.js';
import { photoNotesLast } from '../pipeline/layout/photo-notes.js';
import { prepareArticle } from '../pipeline/prepare.js';
import { timeExtraction, type TimedFile } from './extract-timing.js';

const ROOT = join(import.meta.dirname, '..');
const DATASET = resolve(process.argv[2] ?? join(ROOT, '../shared/datasets/news-pages'));

/** Scores a JSON file of { id: { text, title, byline, date } } with score.py's own functions. */
const SCORER = String.raw`
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location('score', sys.argv[1] + '/score.py')
score = importlib.util.module_from_spec(spec); spec.loader.exec_module(score)
found = json.load(open(sys.argv[2])); worst = int(sys.argv[3]); head = sys.argv[4] == '1'
rows, counts, misses = [], {'titles': [0, 0], 'bylines': [0, 0], 'dates': [0, 0]}, []
def count(kind, pid, label, got, hit):
    counts[kind][1] += 1; counts[kind][0] += hit
    if not hit: misses.append(f'    {kind[:-1]:6} {pid[:40]}: {label!r} <- {got!r}')
for pid, r in found.items():
    lab = json.load(open(f'{sys.argv[1]}/pages/{pid}/labels.json'))
    rows.append((pid, score.string_shingle_matching(lab['body'], r['text'])))
    if lab['title']:
        count('titles', pid, lab['title'], r.get('title'), score.norm_title(lab['title']) == score.norm_title(r.get('title') or ''))
    if lab['byline']:
        count('bylines', pid, lab['byline'], r.get('byline'), bool(score.byline_match(lab['byline'], r.get('byline') or [])))
    if lab['published']:
        count('dates', pid, lab['published'], r.get('date'), bool(r.get('date')) and bool(score.calendar_dates(lab['published']) & score.calendar_dates(r['date'])))
m = score.metrics_from_tp_fp_fns([x for _, x in rows])
print(f"  body F1 {m['f1']:.3f} (P {m['precision']:.3f}, R {m['recall']:.3f}); " + '; '.join(f'{k} {v[0]}/{v[1]}' for k, v in counts.items()))
per = sorted(((score.precision_score(*x), score.recall_score(*x), pid) for pid, x in rows), key=lambda t: 2 * t[0] * t[1] / (t[0] + t[1] or 1))
for p, r, pid in per[:worst]:
    print(f'    P {p:.2f} R {r:.2f} {pid}')
if head:
    print('\n'.join(sorted(misses)))
`;

interface Page {
  id: string;
}

async function main(): Promise<void> {
  if (!existsSync(join(DATASET, 'index.json'))) {
    console.log(`bench:extract:quick: no dataset at ${DATASET} (give its folder as the argument)`);
    return;
  }
  const pages = JSON.parse(readFileSync(join(DATASET, 'index.json'), 'utf8')) as Page[];
  const template = loadTemplate('default');
  const work = mkdtempSync(join(tmpdir(), 'galley-extract-quick-'));
  const timed: TimedFile[] = [];
  try {
    for (const kind of (process.env.BENCH_KINDS ?? 'scrape').split(',')) {
      const found: Record<string, { text: string; title?: string; byline?: string[]; date?: string }> = {};
      for (const page of pages) {
        const folder = join(work, page.id);
        mkdirSync(folder, { recursive: true });
        const file = join(folder, kind === 'html' ? 'source.html' : 'scrape.txt');
        const stored = readFileSync(join(DATASET, 'pages', page.id, kind === 'html' ? 'source.html.gz' : 'scrape.txt'));
        writeFileSync(file, kind === 'html' ? gunzipSync(stored) : stored);
        const article = await prepareArticle(file, template);
        // As layout sets the chapter: a caption whose picture is not in the dataset goes to the article's end.
        article.tree = photoNotesLast(article.tree, {});
        const headline = article.tree.children.findIndex((node) => node.type === 'heading' && node.depth === 1);
        const text = article.tree.children
          .filter((_, index) => index !== headline)
          // A figure's caption and credit are set apart in the EPUB (two spans, a space between).
          .map((node) => (node.type === 'figure' ? node.children.map((child) => toString(child)).join(' ') : toString(node)))
          .join('\n\n');
        found[page.id] = { text, title: article.meta.declaredTitle ?? article.meta.title, byline: article.meta.byline, date: article.meta.date };
      }
      const json = join(work, `${kind}.json`);
      writeFileSync(json, JSON.stringify(found));
      // BENCH_SAVE=FILE keeps what was found (text, title, byline, date per page) to compare two runs.
      if (process.env.BENCH_SAVE) writeFileSync(process.env.BENCH_SAVE.replace(/(\.json)?$/, `-${kind}.json`), JSON.stringify(found, null, 1));
      console.log(`Galley from ${kind}:`);
      const scored = spawnSync('python3', ['-c', SCORER, DATASET, json, process.env.BENCH_WORST ?? '0', process.env.BENCH_HEAD ?? '0'], { encoding: 'utf8' });
      process.stdout.write(scored.stdout + scored.stderr);
      timed.push(...pages.map((page) => ({ kind, file: join(work, page.id, kind === 'html' ? 'source.html' : 'scrape.txt') })));
    }
    const repeats = Number(process.env.BENCH_REPEATS ?? 3);
    if (repeats > 0) console.log((await timeExtraction(timed, template, repeats)).join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
