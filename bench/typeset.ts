/**
 * `npm run bench:typeset`: the typesetting measures of issue 11 (hyphenated line ends, short
 * fragments, word spaces, neighbouring-line spacing, short pages) on the test fixtures and, when
 * `../shared/datasets/news-pages/` is present, on its scrapes, set at the default template.
 * With `pdflatex` installed, the same paragraphs are set by TeX with microtype and measured
 * beside (bench/tex.ts). The dataset's texts are read in place, never copied.
 * `--json` prints machine-readable output; `--limit N` takes the first N scrapes; `--no-tex` skips TeX.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layoutEdition, loadTemplate } from '../pipeline/layout/index.js';
import { renderPdf } from '../pipeline/pdf/index.js';
import { prepareArticle } from '../pipeline/prepare.js';
import { emptyMeasures, measureBook, summarise, type TypesetMeasures } from './typeset-measures.js';
import { bodyParagraphs, texAvailable, texMeasures } from './tex.js';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = [
  join(ROOT, 'test/fixtures/articles/seed/article.txt'),
  ...readdirSync(join(ROOT, 'test/fixtures/corpus')).map((name) => join(ROOT, 'test/fixtures/corpus', name)),
];
const DATASET = resolve(ROOT, '../shared/datasets/news-pages/pages');

const args = process.argv.slice(2);
const json = args.includes('--json');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;

interface Collected {
  galley: TypesetMeasures;
  paragraphs: Array<{ lang: string; text: string }>;
  failed: string[];
}

async function measureFiles(files: string[]): Promise<Collected> {
  const template = loadTemplate('default', ROOT);
  const collected: Collected = { galley: emptyMeasures(), paragraphs: [], failed: [] };
  for (const file of files) {
    try {
      const edition = layoutEdition([await prepareArticle(file, template)], template);
      const pdf = await renderPdf(edition);
      measureBook(pdf.model.pages, collected.galley, edition.meta.lang);
      collected.paragraphs.push(...bodyParagraphs(pdf.model.pages).map((text) => ({ lang: edition.meta.lang, text })));
    } catch (error) {
      collected.failed.push(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return collected;
}

const rows: Array<{ name: string; galley: Record<string, string | number>; tex?: Record<string, string | number> }> = [];
const sets: Array<[string, string[]]> = [['fixtures', FIXTURES]];
if (existsSync(DATASET)) {
  const scrapes = readdirSync(DATASET)
    .sort()
    .map((id) => join(DATASET, id, 'scrape.txt'))
    .filter((file) => existsSync(file))
    .slice(0, limit);
  sets.push([`news-pages scrapes (${scrapes.length})`, scrapes]);
}
const tex = !args.includes('--no-tex') && texAvailable();
for (const [name, files] of sets) {
  const collected = await measureFiles(files);
  const row: (typeof rows)[number] = { name, galley: summarise(collected.galley) };
  if (tex) row.tex = summarise(await texMeasures(collected.paragraphs.filter((p) => p.lang.startsWith('en'))));
  rows.push(row);
  if (collected.failed.length) console.error(`${name}: ${collected.failed.length} not set:\n  ${collected.failed.slice(0, 5).join('\n  ')}`);
}

if (json) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  for (const row of rows) {
    console.log(`\n${row.name}${tex ? ' (TeX: pdfLaTeX + microtype, English paragraphs, same measure)' : ' (no TeX column: pdflatex not installed or --no-tex)'}`);
    const keys = Object.keys(row.galley);
    const width = Math.max(...keys.map((key) => key.length));
    console.log(`${'measure'.padEnd(width)}  ${'Galley'.padEnd(22)}${tex ? 'TeX + microtype' : ''}`);
    for (const key of keys) console.log(`${key.padEnd(width)}  ${String(row.galley[key]).padEnd(22)}${row.tex ? String(row.tex[key] ?? '') : ''}`);
  }
}
