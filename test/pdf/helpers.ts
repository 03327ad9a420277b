/** Test helpers for the PDF renderer: editions to render, and poppler to read the result back. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Figure } from '../../pipeline/mdast-nodes.js';
import type { Asset, Edition } from '../../pipeline/types.js';
import type { PageModel } from '../../pipeline/pdf/index.js';

const run = promisify(execFile);

export { editionFromFile, editionFromTree, MARKDOWN, ROOT, SEED } from '../helpers/editions.js';

/** Runs a poppler tool on PDF bytes and returns its standard output. */
export async function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'pdfimages', bytes: Uint8Array, args: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-pdf-'));
  try {
    const file = join(dir, 'book.pdf');
    await writeFile(file, bytes);
    const output = tool === 'pdftotext' ? [file, '-'] : [file];
    const { stdout } = await run(tool, [...args, ...output], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The page the book's text opens on (1-based): after the title and copyright pages the default template prints, and a cover page when there is one. */
export function textPage(result: { pages: Array<{ page: number }> }): number {
  const first = result.pages[0];
  if (!first) throw new Error('the book has no page of text');
  return first.page;
}

/** poppler's arguments for one page: `-f N -l N`. */
export function onPage(page: number): string[] {
  return ['-f', String(page), '-l', String(page)];
}

/** A grey PNG picture of the given size in pixels, as an article's asset. */
export function png(width: number, height: number): Asset {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#808080"/></svg>`;
  return { mediaType: 'image/png', bytes: new Uint8Array(new Resvg(svg).render().asPng()), width, height };
}

/** The edition with a picture for its first figure (the seed's scrape has only the caption, which print sets in a note at the end without its photo). */
export function withPhoto(edition: Edition): Edition {
  const chapter = edition.chapters[0]!;
  const tree = structuredClone(chapter.tree);
  const figure = tree.children.find((node): node is Figure => node.type === 'figure');
  if (!figure) throw new Error('the edition has no figure');
  figure.image = { url: 'photo.png', alt: '' };
  // Layout made it a photo note at the article's end, the picture being missing: with its picture it stands under the headline, where the source has it.
  delete figure.photoNote;
  tree.children.splice(tree.children.indexOf(figure), 1);
  tree.children.splice(tree.children.findIndex((node) => node.type === 'heading') + 1, 0, figure);
  return { ...edition, chapters: [{ ...chapter, tree, assets: { ...chapter.assets, 'photo.png': png(1200, 800) } }, ...edition.chapters.slice(1)] };
}

/** Horizontal strokes drawn on a page (pdf.js's operator list): their weight, y (from the top) and span. */
export async function strokes(pdf: { bytes: Uint8Array }, page: number): Promise<Array<{ weight: number; y: number; from: number; to: number }>> {
  const doc = await getDocument({ data: pdf.bytes.slice(), verbosity: 0 }).promise;
  const p = await doc.getPage(page);
  const list = await p.getOperatorList();
  const out: Array<{ weight: number; y: number; from: number; to: number }> = [];
  let weight = 1;
  const weights: number[] = [];
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) weights.push(weight);
    else if (fn === OPS.restore) weight = weights.pop() ?? 1;
    else if (fn === OPS.setLineWidth) weight = args[0] as number;
    else if (fn === OPS.constructPath) {
      // pdf.js gives a path's bounding box as its last argument, in the path's own coordinates:
      // pdfkit's, y down from the page's top (an upright page's). A horizontal line has no height.
      const box = args[2] as ArrayLike<number> | null;
      if (box && box.length === 4 && Math.abs(box[1]! - box[3]!) < 0.01) out.push({ weight, y: box[1]!, from: box[0]!, to: box[2]! });
    }
  });
  await doc.destroy();
  return out;
}

/** Every page's lines of the article as set, one per line of text (in reading order, from the block's own text), an inserted hyphen shown. */
export function pageLines(model: PageModel): string {
  const out: string[] = [];
  for (const page of model.pages) {
    // The title and copyright pages are the template's, not the article's lines.
    const frontMatter = page.flow !== undefined && page.flow.chapter < 0;
    out.push(`--- page ${page.number}${page.flow ? (frontMatter ? ' (front matter)' : '') : ' (blank)'}`);
    if (frontMatter) continue;
    for (const placed of page.flow?.placed ?? []) {
      const block = placed.set.block;
      if (block.kind === 'image') {
        out.push(`[picture: ${block.alt}]`);
        continue;
      }
      const line = placed.set.lines[placed.line]!;
      const end = placed.set.lines[placed.line + 1]?.offset ?? block.plain.length;
      out.push(`${block.plain.slice(line.offset, end).trim()}${line.insertedHyphen ? '-' : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** pdf.js's structure tree roles of a page (its tree holds every element with content on the page, whole), in order. */
export async function structRoles(bytes: Uint8Array, page: number): Promise<string[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if ('role' in node && typeof node.role === 'string') found.push(node.role);
    if ('children' in node && Array.isArray(node.children)) node.children.forEach(walk);
  };
  walk(await (await doc.getPage(page)).getStructTree());
  await doc.destroy();
  return found;
}
