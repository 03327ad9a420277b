/**
 * Edition → cover PNG. The template's SVG skeleton is filled with the headline, the author and
 * the publisher, each set here as outlines (./text.ts: fonts per script, bidi order, fitted and
 * balanced in its frame) and its background colour chosen from the template's palette by the
 * article's slug; then rasterised by resvg (no system fonts, so every machine draws the same
 * pixels) and encoded by ./png.ts. The background is drawn once per template and colour, and
 * only the bands holding the text per book (see renderInBands).
 */
import { createHash } from 'node:crypto';
import { renderAsync, Resvg } from '@resvg/resvg-js';
import { RenderError } from '../errors.js';
import type { Edition } from '../types.js';
import { escapeXml } from '../epub/xml-text.js';
import type { Direction } from '../pdf/blocks/bidi.js';
import { loadFont, type LoadedFont } from '../pdf/measure/fonts.js';
import { isItalic } from '../pdf/finalise/print-rules.js';
import { pathData, setText, type Frame } from './text.js';
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

/** Where a filled placeholder draws, top to bottom, in the SVG's user units. */
export interface Extent {
  top: number;
  bottom: number;
}

/** Room above a first baseline and below a last one, in ems: more than accents, descenders and CJK glyphs reach. */
const ASCENT_EMS = 1.4;
const DESCENT_EMS = 0.7;
/** Smallest size a placeholder shrinks to, as a fraction of its `font-size`, when its `<text>` does not say (`data-min-size`). */
const MIN_SIZE_RATIO = 0.55;
/** Baseline to baseline, as a multiple of the size, when its `<text>` does not say (`data-line-height`). */
const LINE_HEIGHT = 1.2;
/** A `data-line-height` above this is in user units, not a ratio. */
const MAX_LINE_HEIGHT_RATIO = 4;

/** A filled skeleton, and where each filled placeholder draws (unknown when its `<text>` gives no `y` or `font-size`). */
export interface Filled {
  svg: string;
  extents: Array<Extent | undefined>;
}

/** What the placeholders are set with: the fonts in the order they are tried, and the book's direction. */
export interface Setting {
  fonts: (family: string | undefined, weight: number) => LoadedFont[];
  direction: Direction;
  /** Characters no font has, collected for a warning. */
  missing: Set<string>;
}

/**
 * Fills one placeholder. A `<text>` that holds only the placeholder and gives `x`, `y` and
 * `font-size` is replaced by the text set as outlines (./text.ts): fitted to `data-width` (the
 * frame's width; the view box less twice `x` by default) and `data-height`, between `font-size`
 * and `data-min-size`, at most `data-max-lines` lines `data-line-height` sizes apart, aligned to
 * `x` (to the frame's right edge for right-to-left text; centred on `x` with `text-anchor="middle"`).
 * An empty value leaves nothing. Elsewhere the placeholder is replaced by the escaped text.
 */
export function fill({ svg, extents }: Filled, name: string, value: string, setting: Setting): Filled {
  const match = placeholderText(name).exec(svg);
  if (!match) return { svg: svg.split(`{{${name}}}`).join(escapeXml(value)), extents };
  const [whole, , attributes = ''] = match;
  const number = (key: string): number => Number(attribute(attributes, key));
  const x = number('x');
  const y = number('y');
  const maxSize = number('font-size');
  if (!Number.isFinite(x) || !Number.isFinite(y) || !(maxSize > 0))
    return { svg: svg.replace(whole, whole.replace(`{{${name}}}`, escapeXml(value))), extents: [...extents, undefined] };
  if (!value.trim()) return { svg: svg.replace(whole, ''), extents };
  const viewWidth = Number(
    attribute(/<svg\b[^>]*>/.exec(svg)?.[0] ?? '', 'viewBox')
      ?.trim()
      .split(/[\s,]+/)[2],
  );
  const anchor = attribute(attributes, 'text-anchor') ?? 'start';
  const width = number('data-width') > 0 ? number('data-width') : anchor === 'middle' ? 2 * Math.min(x, viewWidth - x) : viewWidth - 2 * x;
  // A ratio of the size; skeletons written before fitting gave user units (124 for 104-unit type).
  const given = number('data-line-height');
  const lineHeight = given > MAX_LINE_HEIGHT_RATIO ? given / maxSize : given > 0 ? given : LINE_HEIGHT;
  const maxLines = number('data-max-lines') > 0 ? number('data-max-lines') : 1;
  const frame: Frame = {
    width,
    height: number('data-height') > 0 ? number('data-height') : maxSize * (1 + (maxLines - 1) * lineHeight),
    maxSize,
    minSize: number('data-min-size') > 0 ? number('data-min-size') : maxSize * MIN_SIZE_RATIO,
    lineHeight,
    maxLines,
  };
  const weight = Number(attribute(attributes, 'font-weight') ?? 400) || (attribute(attributes, 'font-weight') === 'bold' ? 700 : 400);
  const set = setText(value, setting.fonts(attribute(attributes, 'font-family'), weight), frame, setting.direction);
  for (const char of set.missing) setting.missing.add(char);
  const paint = ['fill', 'fill-opacity', 'opacity'].map((key) => (attribute(attributes, key) !== undefined ? ` ${key}="${attribute(attributes, key)}"` : '')).join('');
  const step = set.size * lineHeight;
  const paths = set.lines.map((line, index) => {
    const start = anchor === 'middle' ? x - line.width / 2 : set.direction === 'rtl' ? x + width - line.width : x;
    return `<path${paint} d="${pathData(line, start, y + index * step)}"/>`;
  });
  const label = `<title>${escapeXml(value)}</title>`;
  const extent = { top: y - ASCENT_EMS * set.size, bottom: y + (set.lines.length - 1) * step + DESCENT_EMS * set.size };
  return { svg: svg.replace(whole, `<g role="img">${label}${paths.join('')}</g>`), extents: [...extents, extent] };
}

/** Palette a skeleton offers on its root (`data-palette="#1d2733 #3a1f33 …"`), for `{{background}}`. */
function paletteOf(svg: string): string[] {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  return (attribute(root, 'data-palette') ?? '').split(/\s+/).filter((colour) => /^#[0-9a-f]{3,8}$/i.test(colour));
}

/** The book's background colour: one of the template's palette, chosen by the article's slug, so a shelf of covers is not all one colour. */
export function backgroundColour(svg: string, slug: string): string | undefined {
  const palette = paletteOf(svg);
  if (palette.length === 0) return undefined;
  const digest = createHash('sha256').update(slug).digest();
  return palette[digest.readUInt32BE(0) % palette.length];
}

/** How a book's cover text is set: the template's fonts by family and weight, in the book's direction. */
export function coverSetting(edition: Edition): Setting {
  return { fonts: coverFonts(edition), direction: edition.meta.dir, missing: new Set() };
}

/** Fonts by family name and weight class, from the template's files. */
function coverFonts(edition: Edition): Setting['fonts'] {
  const own = [...new Set(Object.values(edition.print.fonts).flatMap((faces) => Object.values(faces)))].map(loadFont);
  const regular = edition.print.fallbackFonts.map(loadFont);
  const bold = (edition.print.boldFallbackFonts ?? []).map(loadFont);
  return (family, weight) => {
    const named = own
      .filter((font) => !family || family.split(',').some((name) => name.trim().replace(/^['"]|['"]$/g, '') === font.font.familyName))
      .filter((font) => !isItalic(font.font))
      .sort((a, b) => Math.abs((a.font['OS/2']?.usWeightClass ?? 400) - weight) - Math.abs((b.font['OS/2']?.usWeightClass ?? 400) - weight));
    const fallbacks = weight >= 600 ? [...bold, ...regular] : [...regular, ...bold];
    return [...new Set([...named.slice(0, 1), ...fallbacks, ...own])];
  };
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
  return (await renderCoverWithReport(edition, { inBands })).png;
}

/** What a cover drew beside its picture: characters no font has (for a warning naming them), and a small copy when asked for. */
export interface CoverReport {
  png: Uint8Array;
  missing: string[];
  /** The same cover drawn `thumbnailWidth` pixels wide, as premultiplied RGBA. */
  thumbnail?: { pixels: Uint8Array; width: number; height: number };
}

/**
 * Renders the cover as {@link renderCover} does, and says which characters of its text no font
 * has. With `thumbnailWidth`, also draws the filled cover that wide: drawing the vectors again
 * small costs about 2 ms, where decoding and scaling the large PNG cost about 50 ms (measured).
 */
export async function renderCoverWithReport(edition: Edition, { inBands = true, thumbnailWidth }: { inBands?: boolean; thumbnailWidth?: number } = {}): Promise<CoverReport> {
  const template = edition.epub.coverSvg;
  if (!template) throw new RenderError(`Template "${edition.template}" has no cover.`);
  const background = backgroundColour(template, edition.meta.slug);
  const skeleton = background ? template.split('{{background}}').join(background) : template;
  const setting = coverSetting(edition);
  const author = (edition.meta.byline ?? []).join(', ');
  const fillAll = (title: string, byline: string, publisher: string): Filled =>
    fill(fill(fill({ svg: skeleton, extents: [] }, 'title', title, setting), 'author', byline, setting), 'publisher', publisher, setting);
  const filled = fillAll(edition.meta.title, author, edition.meta.publisher ?? '');
  const options: RenderOptions = {
    fitTo: { mode: 'width', value: COVER_WIDTH_PX },
    // Placeholders are drawn as outlines; the template's fonts are loaded only for text of its own.
    font: {
      loadSystemFonts: false,
      fontFiles: /<text\b/.test(filled.svg)
        ? [...new Set(Object.values(edition.print.fonts).flatMap((faces) => Object.values(faces)))].filter((path): path is string => !!path)
        : [],
    },
    logLevel: 'off',
  };
  try {
    const small = thumbnailWidth ? renderAsync(filled.svg, { ...options, fitTo: { mode: 'width', value: thumbnailWidth } }) : undefined;
    small?.catch(() => undefined);
    const banded = inBands ? await renderInBands(fillAll('', '', '').svg, filled, options) : undefined;
    let png = banded;
    if (!png) {
      const image = await renderAsync(filled.svg, options);
      png = encodePng(image.pixels, image.width, image.height, true);
    }
    const thumbnail = await small;
    return {
      png,
      missing: [...setting.missing],
      ...(thumbnail ? { thumbnail: { pixels: new Uint8Array(thumbnail.pixels), width: thumbnail.width, height: thumbnail.height } } : {}),
    };
  } catch (cause) {
    throw new RenderError(`Could not render the cover of template "${edition.template}".`, { cause });
  }
}

/** Rows of space left around each band, in pixels. */
const BAND_PADDING_PX = 4;
/** Backgrounds kept per thread (one per template and palette colour in use). */
const MAX_BACKGROUNDS = 12;

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
  const viewBox = root
    ? attribute(root, 'viewBox')
        ?.trim()
        .split(/[\s,]+/)
        .map(Number)
    : undefined;
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
