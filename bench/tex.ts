/**
 * The reference for the typesetting bench: the same body paragraphs Galley set, set by pdfLaTeX
 * with microtype (expansion and protrusion, its defaults) in Latin Modern at 11/14 pt on
 * Galley's text column (6 × 9 in page, 4.5 in measure), and measured from the PDF's words as
 * poppler reads them (`pdftotext -bbox-layout`), by the same definitions as typeset-measures.ts.
 * LaTeX is written directly (pandoc need not be installed); `\frenchspacing` because Galley
 * puts no extra space after a full stop.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PageSpec } from '../pipeline/pdf/finalise/index.js';
import type { SetBlock } from '../pipeline/pdf/model.js';
import { emptyMeasures, SHORT_FRAGMENT_LETTERS, SQUEEZED_SPACE_SHARE, type TypesetMeasures } from './typeset-measures.js';

/** Type size and leading of the TeX setting, in points. */
const TEX_SIZE_PT = 11;
const TEX_LEADING_PT = 14;
/** Galley's default column: 6 in − 0.875 in − 0.625 in wide, 9 in − 0.75 in − 0.8 in tall. */
const TEX_MEASURE_IN = 4.5;
const TEX_TEXT_HEIGHT_IN = 7.45;
/** Latin Modern's interword space, in ems (cmr's 1/3 em). */
const TEX_SPACE_EMS = 1 / 3;
/** A line whose right end is within this of the measure (points) is full; protrusion moves it either way. */
const FULL_LINE_SLACK_PT = 4;

/** Whether pdflatex and pdftotext can be run. */
export function texAvailable(): boolean {
  return spawnSync('pdflatex', ['--version']).status === 0 && spawnSync('pdftotext', ['-v']).status === 0;
}

/** The plain text of every justified body paragraph of a page model, in order. */
export function bodyParagraphs(model: PageSpec[]): string[] {
  const seen = new Set<SetBlock>();
  const out: string[] = [];
  for (const page of model) {
    for (const placed of page.flow?.placed ?? []) {
      const block = placed.set.block;
      if (seen.has(placed.set) || block.kind !== 'text' || block.role !== 'body' || block.style.align !== 'justify') continue;
      seen.add(placed.set);
      out.push(block.plain);
    }
  }
  return out;
}

/** Text as LaTeX: specials escaped, characters outside Latin-1 and general punctuation dropped (T1 has no glyphs for them). */
function latex(text: string): string {
  return text
    .replace(/[^\u0020-\u007e\u00a0-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/gu, '')
    .replace(
      /[\\{}$&#^_%~]/g,
      (char) => ({ '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}', _: '\\_', '%': '\\%', '~': '\\~{}' })[char] ?? '',
    )
    .trim();
}

const DOCUMENT = (body: string): string => `\\documentclass{article}
\\usepackage[T1]{fontenc}
\\usepackage[utf8]{inputenc}
\\usepackage{lmodern}
\\usepackage[english]{babel}
\\usepackage{microtype}
\\usepackage[paperwidth=6in,paperheight=9in,textwidth=${TEX_MEASURE_IN}in,textheight=${TEX_TEXT_HEIGHT_IN}in,centering]{geometry}
\\fontsize{${TEX_SIZE_PT}}{${TEX_LEADING_PT}}\\selectfont
\\frenchspacing
\\setlength{\\parindent}{1em}
\\setlength{\\parskip}{0pt}
\\pagestyle{empty}
\\begin{document}
\\fontsize{${TEX_SIZE_PT}}{${TEX_LEADING_PT}}\\selectfont
${body}
\\end{document}
`;

interface Word {
  xMin: number;
  xMax: number;
  text: string;
}
interface TexLine {
  page: number;
  words: Word[];
  left: number;
  right: number;
  bottom: number;
}

/** Lines of the PDF with their words, from pdftotext's XHTML bounding boxes. */
function readLines(pdf: string): { lines: TexLine[]; pages: number; textLeft: number } {
  const run = spawnSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines: TexLine[] = [];
  let page = -1;
  for (const chunk of run.stdout.split(/(?=<page |<line )/)) {
    if (chunk.startsWith('<page ')) {
      page += 1;
      continue;
    }
    const box = /^<line xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)"/.exec(chunk);
    if (!box) continue;
    const words = [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      xMax: Number(m[2]),
      text: m[3]!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    }));
    if (words.length) lines.push({ page, words, left: words[0]!.xMin, right: words[words.length - 1]!.xMax, bottom: Number(box[1]) });
  }
  const lefts = lines.map((line) => line.left).sort((a, b) => a - b);
  return { lines, pages: page + 1, textLeft: lefts[Math.floor(lefts.length / 10)] ?? 0 };
}

/** Sets the paragraphs with pdfLaTeX + microtype and measures the result. */
export async function texMeasures(paragraphs: Array<{ text: string }>): Promise<TypesetMeasures> {
  const measures = emptyMeasures();
  const texts = paragraphs.map((p) => latex(p.text)).filter((text) => text.length > 0);
  if (texts.length === 0) return measures;
  const dir = mkdtempSync(join(tmpdir(), 'galley-tex-'));
  try {
    writeFileSync(join(dir, 'bench.tex'), DOCUMENT(texts.join('\n\n')));
    spawnSync('pdflatex', ['-interaction=batchmode', '-halt-on-error', 'bench.tex'], { cwd: dir, encoding: 'utf8' });
    const pdf = join(dir, 'bench.pdf');
    try {
      readFileSync(pdf);
    } catch {
      throw new Error(
        `pdflatex made no PDF: ${readFileSync(join(dir, 'bench.log'), 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('!'))
          .slice(0, 3)
          .join(' ')}`,
      );
    }
    const { lines, pages, textLeft } = readLines(pdf);
    const measure = TEX_MEASURE_IN * 72;
    const natural = TEX_SPACE_EMS * TEX_SIZE_PT;
    const source = texts.join(' ');
    measures.books = 1;
    measures.pages = pages;
    measures.paragraphs = texts.length;
    let previousMean: number | undefined;
    lines.forEach((line, index) => {
      const next = lines[index + 1];
      // A paragraph's first line is indented; the line before one (or the document's last) ends a paragraph.
      const endsParagraph = !next || next.left > textLeft + 3;
      if (endsParagraph) {
        previousMean = undefined;
        return;
      }
      if (line.right < textLeft + measure - FULL_LINE_SLACK_PT) return;
      measures.fullLines += 1;
      const last = line.words[line.words.length - 1]!.text;
      const following = next.words[0]!.text;
      const fragment = /^[\p{L}\p{M}]+/u.exec(following)?.[0] ?? '';
      if (/-$/.test(last)) {
        // Inserted when the source holds the two halves run together, else a hyphen of the text.
        const inserted = /[\p{L}]-$/u.test(last) && source.includes(`${last.slice(0, -1)}${following.replace(/[^\p{L}\p{M}].*$/u, '')}`);
        if (inserted) {
          measures.hyphenEnds += 1;
          if ([...fragment].length <= SHORT_FRAGMENT_LETTERS) measures.shortFragments += 1;
          const afterNext = lines[index + 2];
          if (!afterNext || afterNext.left > textLeft + 3) measures.lastLineHyphens += 1;
          if (next.page !== line.page) measures.pageTurnHyphens += 1;
        } else measures.explicitEnds += 1;
      } else if (/[\u2013\u2014]$/u.test(last)) measures.explicitEnds += 1;
      const gaps: number[] = [];
      for (let i = 1; i < line.words.length; i++) gaps.push(line.words[i]!.xMin - line.words[i - 1]!.xMax);
      if (gaps.length === 0) {
        previousMean = undefined;
        return;
      }
      for (const gap of gaps) {
        measures.spaces.push(gap / natural);
        measures.spaceEms.push(gap / TEX_SIZE_PT);
      }
      if (gaps.some((gap) => gap < SQUEEZED_SPACE_SHARE * natural)) measures.squeezedLines += 1;
      const mean = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length / TEX_SIZE_PT;
      if (previousMean !== undefined && next.page === line.page) measures.neighbourChanges.push(Math.abs(mean - previousMean));
      previousMean = mean;
    });
    // A page (not the last) whose last line sits a line or more above the lowest last line of any page.
    const bottoms = new Map<number, number>();
    for (const line of lines) bottoms.set(line.page, Math.max(bottoms.get(line.page) ?? 0, line.bottom));
    const lowest = Math.max(...bottoms.values());
    for (const [page, bottom] of bottoms) if (page < pages - 1 && lowest - bottom >= TEX_LEADING_PT - 0.5) measures.shortPages += 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return measures;
}
