/**
 * Edition → cover PNG. The template's SVG skeleton is filled with the headline and the
 * publisher (escaped, the headline broken into lines here, because SVG text does not wrap),
 * then rasterised by resvg with the template's own fonts only, so every machine draws the same
 * pixels, and encoded by ./png.ts. The background is drawn once per template and only the bands
 * holding the headline and publisher per book (see renderInBands).
 */
import { renderAsync, Resvg } from '@resvg/resvg-js';
import { RenderError } from '../errors.js';
import type { Edition } from '../types.js';
import { escapeXml } from '../epub/xml-text.js';
import { BLOCK_ROWS, blocksOf, encodePng, encodeRows, rowsOf, type Block, type Rows } from './png.js';

/** Width of the cover in pixels; the height follows the skeleton's 2:3 view box. */
const COVER_WIDTH_PX = 1400;

/** A `<text>` element holding nothing but one placeholder, with its start tag's attributes. */
function placeholderText(name: string): RegExp {
  return new RegExp(`(<text\\b([^>]*)>)\\s*\\{\\{${name}\\}\\}\\s*(</text>)`);
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
}

/** Greedy line breaking by character count: covers are short, and the count is the template's to tune. */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Keeps at most `maxLines` lines, ending the last kept one with an ellipsis when text was cut. */
export function limitLines(lines: string[], maxLines: number): string[] {
  if (!(maxLines > 0) || lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

/** Where a filled placeholder draws, top to bottom, in the SVG's user units. */
interface Extent {
  top: number;
  bottom: number;
}

/** Room above a first baseline and below a last one, in ems: more than accents, descenders and CJK glyphs reach. */
const ASCENT_EMS = 1.4;
const DESCENT_EMS = 0.7;

/** A filled skeleton, and where each filled placeholder draws (unknown when its `<text>` gives no `y` or `font-size`). */
interface Filled {
  svg: string;
  extents: Array<Extent | undefined>;
}

/**
 * Fills one placeholder. When its `<text>` names `data-wrap` (characters per line) and
 * `data-line-height` (user units), the value is set as one `<tspan>` per line, at most
 * `data-max-lines` of them so a long headline cannot run into the rest of the cover.
 */
function fill({ svg, extents }: Filled, name: string, value: string): Filled {
  const match = placeholderText(name).exec(svg);
  if (!match) return { svg: svg.split(`{{${name}}}`).join(escapeXml(value)), extents: [...extents, undefined] };
  const [whole, start = '', attributes = '', end = ''] = match;
  const wrap = Number(attribute(attributes, 'data-wrap'));
  const lineHeight = attribute(attributes, 'data-line-height');
  const x = attribute(attributes, 'x');
  const wrapped = Boolean(wrap && lineHeight && x !== undefined);
  const lines = wrapped ? limitLines(wrapWords(value, wrap), Number(attribute(attributes, 'data-max-lines'))) : [value];
  const content = wrapped ? lines.map((line, index) => `<tspan x="${x}" dy="${index === 0 ? '0' : lineHeight}">${escapeXml(line)}</tspan>`).join('') : escapeXml(value);
  const y = Number(attribute(attributes, 'y'));
  const size = Number(attribute(attributes, 'font-size'));
  const extent =
    Number.isFinite(y) && size > 0 ? { top: y - ASCENT_EMS * size, bottom: y + (lines.length - 1) * (wrapped ? Number(lineHeight) : 0) + DESCENT_EMS * size } : undefined;
  return { svg: svg.replace(whole, `${start}${content}${end}`), extents: [...extents, extent] };
}

/** Text in Latin, Greek or Cyrillic (and their punctuation) is covered by the template's own families. */
const OWN_FAMILIES_COVER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** The template's font files, so resvg needs no system font; fallbacks (large, CJK among them) only when the text needs them. */
function fontFiles(edition: Edition, text: string): string[] {
  const files = Object.values(edition.print.fonts).flatMap((faces) => Object.values(faces));
  return [...new Set([...files, ...(OWN_FAMILIES_COVER.test(text) ? [] : edition.print.fallbackFonts)])];
}

type RenderOptions = NonNullable<Parameters<typeof renderAsync>[1]>;

/**
 * Renders the template's cover SVG, filled with the edition's headline and publisher, as a
 * 1400×2100 PNG. A template's background (and a whole cover, when it cannot be drawn in bands)
 * is drawn on resvg's own thread, so a caller can set the book meanwhile. `inBands: false`
 * draws the whole cover at once, as a template that cannot be drawn in bands gets it; tests
 * compare the two.
 */
export async function renderCover(edition: Edition, { inBands = true }: { inBands?: boolean } = {}): Promise<Uint8Array> {
  const skeleton = edition.epub.coverSvg;
  if (!skeleton) throw new RenderError(`Template "${edition.template}" has no cover.`);
  const fillBoth = (title: string, publisher: string): Filled => fill(fill({ svg: skeleton, extents: [] }, 'title', title), 'publisher', publisher);
  const filled = fillBoth(edition.meta.title, edition.meta.publisher ?? '');
  const options: RenderOptions = {
    fitTo: { mode: 'width', value: COVER_WIDTH_PX },
    font: { loadSystemFonts: false, fontFiles: fontFiles(edition, `${edition.meta.title}${edition.meta.publisher ?? ''}`) },
    logLevel: 'off',
  };
  try {
    const banded = inBands ? await renderInBands(fillBoth('', '').svg, filled, options) : undefined;
    if (banded) return banded;
    const image = await renderAsync(filled.svg, options);
    return encodePng(image.pixels, image.width, image.height, true);
  } catch (cause) {
    throw new RenderError(`Could not render the cover of template "${edition.template}".`, { cause });
  }
}

/** Rows of space left around each band, in pixels. */
const BAND_PADDING_PX = 4;
/** Backgrounds kept per thread (one per template and font set in use). */
const MAX_BACKGROUNDS = 4;

/** A cover's background: its rows, and its PNG blocks for the parts of a cover that show only background. */
interface Background extends Rows {
  blocks: Block[];
}

const backgrounds = new Map<string, Promise<Background>>();

/**
 * The cover without its headline and publisher, rendered once per template and font set and
 * kept as its distinct rows only (a cover's rows mostly repeat the row above), with its PNG
 * blocks: a few hundred kB.
 */
function backgroundOf(svg: string, options: RenderOptions): Promise<Background> {
  const key = `${JSON.stringify(options)}\n${svg}`;
  let found = backgrounds.get(key);
  if (!found) {
    found = renderAsync(svg, options).then((image) => {
      const all = rowsOf(image.pixels, image.width, image.height, true);
      const distinct: Buffer[] = [];
      const index = new Uint32Array(image.height);
      for (let y = 0; y < image.height; y++) {
        const row = all.row(y);
        if (distinct.length === 0 || !row.equals(distinct[distinct.length - 1]!)) distinct.push(Buffer.from(row));
        index[y] = distinct.length - 1;
      }
      const rows: Rows = { width: image.width, height: image.height, row: (y: number) => distinct[index[y]!]! };
      return { ...rows, blocks: blocksOf(rows) };
    });
    if (backgrounds.size >= MAX_BACKGROUNDS) backgrounds.delete(backgrounds.keys().next().value!);
    backgrounds.set(key, found);
  }
  return found;
}

/**
 * Draws only the bands of the cover where the headline and publisher go, over the background
 * drawn once (a 1400×2100 cover costs resvg 17 ms, most of it filling the background, and its
 * pixels another 12 MB of fresh memory per book). Every book of a template takes this path, alone
 * or in a batch, so a cover is the same bytes either way. Returns undefined when the skeleton
 * does not say where its text goes (no `y` or `font-size`, a `transform`, no view box at the
 * origin) or a band's edge is not plain background (text reaching further than expected); the
 * caller then renders the whole cover.
 */
async function renderInBands(backgroundSvg: string, filled: Filled, options: RenderOptions): Promise<Uint8Array | undefined> {
  const extents = filled.extents.filter((extent): extent is Extent => extent !== undefined);
  if (extents.length !== filled.extents.length || /\stransform=/.test(filled.svg)) return undefined;
  const root = /<svg\b[^>]*>/.exec(filled.svg)?.[0];
  const viewBox = root ? attribute(root, 'viewBox')?.trim().split(/[\s,]+/).map(Number) : undefined;
  if (!root || viewBox?.length !== 4 || viewBox[0] !== 0 || viewBox[1] !== 0 || !(viewBox[2]! > 0)) return undefined;
  const background = await backgroundOf(backgroundSvg, options);
  const scale = background.width / viewBox[2]!;
  // Bands in whole pixel rows, overlapping ones merged.
  const bands: Array<{ top: number; bottom: number; rows?: Rows }> = [];
  for (const extent of [...extents].sort((a, b) => a.top - b.top)) {
    const top = Math.max(0, Math.floor(extent.top * scale) - BAND_PADDING_PX);
    const bottom = Math.min(background.height, Math.ceil(extent.bottom * scale) + BAND_PADDING_PX);
    const last = bands[bands.length - 1];
    if (last && top <= last.bottom) last.bottom = Math.max(last.bottom, bottom);
    else if (bottom > top) bands.push({ top, bottom });
  }
  // One parse (resvg lays the text out while parsing) serves every band; cropping only moves the view box.
  const resvg = new Resvg(filled.svg, options);
  for (const band of bands) {
    // resvg-js takes a crop box only as its own BBox object, which getBBox() hands out.
    const box = resvg.getBBox();
    if (!box) return undefined;
    Object.assign(box, { x: 0, y: band.top / scale, width: viewBox[2], height: (band.bottom - band.top) / scale });
    resvg.cropByBBox(box);
    const image = resvg.render();
    if (image.width !== background.width || image.height !== band.bottom - band.top) return undefined;
    band.rows = rowsOf(image.pixels, image.width, image.height, true);
    // The first and last rows must be plain background: otherwise text reaches beyond the band.
    if (!band.rows.row(0).equals(background.row(band.top)) || !band.rows.row(image.height - 1).equals(background.row(band.bottom - 1))) return undefined;
  }
  const rows: Rows = {
    width: background.width,
    height: background.height,
    row: (y) => {
      const band = bands.find((candidate) => y >= candidate.top && y < candidate.bottom);
      return band?.rows ? band.rows.row(y - band.top) : background.row(y);
    },
  };
  // A block is the background's when neither its rows nor the row above them (its filter's
  // reference) lie in a band.
  return encodeRows(rows, (index) => {
    const from = index * BLOCK_ROWS - 1;
    const to = (index + 1) * BLOCK_ROWS;
    return bands.some((band) => band.top < to && band.bottom > from) ? undefined : background.blocks[index];
  });
}
