/**
 * Edition + the interior's page count → the print-on-demand cover: back, spine and front as one
 * picture with bleed, as KDP asks for it (../shared/notes/channels.md §1, KDP "Create a
 * Paperback Cover", G201953020).
 *
 * 1. geometry: spine = pages × the paper's thickness per page; full width = bleed + back +
 *    spine + front + bleed, height = bleed + trim + bleed (coverGeometry);
 * 2. panels: the front is the template's cover skeleton and the back its `printCover.back`
 *    skeleton, both filled as the EPUB's cover is (./index.ts) and mapped onto their trim boxes;
 *    the book's background colour runs under both and the spine and out into the bleed;
 * 3. spine: title and author as outlines, turned to read top to bottom, only from
 *    SPINE_TEXT_MIN_PAGES pages and only at a size of at least MIN_COVER_TYPE_PT that keeps
 *    SPINE_CLEARANCE_IN from each fold;
 * 4. barcode: a white box BARCODE_IN in the back's lower right, drawn last, so nothing is in it;
 * 5. raster: resvg at COVER_PPI, an RGB PNG (sharp), which ../pdf/paint/cover.ts places.
 */
import { renderAsync } from '@resvg/resvg-js';
import { RenderError, TemplateError } from '../errors.js';
import { escapeXml } from '../epub/xml-text.js';
import { POINTS_PER_INCH } from '../pdf/geometry.js';
import type { Edition, Paper } from '../types.js';
import { backgroundColour, coverSetting, fill, type Filled, type Setting } from './index.js';
import { pathData, setText, type SetText } from './text.js';

/** Thickness per page in inches (KDP, black ink): white paper, cream paper. */
export const PAPER_INCHES_PER_PAGE: Record<Paper, number> = { white: 0.002252, cream: 0.0025 };
/** KDP's cover bleed on every edge, in inches. */
export const COVER_BLEED_IN = 0.125;
/**
 * Fewest pages with spine text. KDP's help says "at least 79 pages" and its Cover Creator wants
 * 80; the issue says "more than 79". 80 satisfies all three (and an interior's count is even).
 */
export const SPINE_TEXT_MIN_PAGES = 80;
/** Space KDP asks for between spine text and each fold, in inches. */
export const SPINE_CLEARANCE_IN = 0.0625;
/** Space between spine text and the top and bottom trim, in inches (KDP's safe zone is 0.125). */
export const SPINE_END_IN = 0.375;
/** Size the spine's text is first set at to measure its ink, in points. */
const INK_PROBE_PT = 10;
/** Space between the title and the author on the spine, in ems of their size. */
const SPINE_GAP_EMS = 1.5;
/** Smallest type on a cover, in points (KDP). */
export const MIN_COVER_TYPE_PT = 7;
/** The barcode box KDP suggests, and its distance from the spine fold and the bottom trim, in inches. */
export const BARCODE_IN = { width: 2, height: 1.2, margin: 0.25 } as const;
/** Resolution the cover is drawn at (KDP, IngramSpark and Lulu ask for 300 ppi). */
export const COVER_PPI = 300;
/** Page counts KDP prints in black and white on regular trims (white, cream); the notes' third-party figures. */
export const KDP_MAX_PAGES: Record<Paper, number> = { white: 828, cream: 776 };

/** A rectangle in points from the top left corner of the whole cover. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where everything on the cover goes, in points. */
export interface CoverGeometry {
  pages: number;
  paper: Paper;
  inchesPerPage: number;
  bleed: number;
  spine: number;
  /** The whole sheet (media box). */
  width: number;
  height: number;
  /** The trimmed cover: back, spine and front (trim box). */
  trim: Box;
  back: Box;
  spineBox: Box;
  front: Box;
  barcode: Box;
}

const inch = (inches: number): number => inches * POINTS_PER_INCH;

/** The cover's geometry for an interior of `pages` pages at `trim` (points) on `paper`. */
export function coverGeometry(trim: { width: number; height: number }, pages: number, paper: Paper): CoverGeometry {
  const bleed = inch(COVER_BLEED_IN);
  const spine = inch(pages * PAPER_INCHES_PER_PAGE[paper]);
  const back: Box = { x: bleed, y: bleed, width: trim.width, height: trim.height };
  const spineBox: Box = { x: bleed + trim.width, y: bleed, width: spine, height: trim.height };
  const front: Box = { x: bleed + trim.width + spine, y: bleed, width: trim.width, height: trim.height };
  const barcode: Box = {
    x: back.x + back.width - inch(BARCODE_IN.margin + BARCODE_IN.width),
    y: back.y + back.height - inch(BARCODE_IN.margin + BARCODE_IN.height),
    width: inch(BARCODE_IN.width),
    height: inch(BARCODE_IN.height),
  };
  return {
    pages,
    paper,
    inchesPerPage: PAPER_INCHES_PER_PAGE[paper],
    bleed,
    spine,
    width: 2 * bleed + 2 * trim.width + spine,
    height: 2 * bleed + trim.height,
    trim: { x: bleed, y: bleed, width: 2 * trim.width + spine, height: trim.height },
    back,
    spineBox,
    front,
    barcode,
  };
}

/** What the spine carries, or why it carries nothing. */
export interface SpineText {
  printed: boolean;
  /** Type size in points, when printed. */
  size?: number;
  /** Why there is no spine text. */
  reason?: string;
}

/** The cover picture and what was decided while drawing it. */
export interface CoverArt {
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
  geometry: CoverGeometry;
  spineText: SpineText;
  /** Problems a print service would query (the summary reaching the barcode box). */
  warnings: string[];
  /** Characters no font has, left out. */
  missing: string[];
}

/** The view box of a skeleton's root element. */
function viewBoxOf(svg: string): [number, number, number, number] {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const numbers = /\sviewBox="([^"]*)"/
    .exec(root)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (numbers?.length === 4 && numbers.every(Number.isFinite) && numbers[2]! > 0 && numbers[3]! > 0) return numbers as [number, number, number, number];
  const size = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)`).exec(root)?.[1]);
  return [0, 0, size('width') || 1400, size('height') || 2100];
}

/** A filled skeleton drawn into `box`: its view box fitted whole and centred (as `xMidYMid meet`). */
function panel(svg: string, box: Box): string {
  const start = /<svg\b[^>]*>/.exec(svg);
  const end = svg.lastIndexOf('</svg>');
  if (!start || end < 0) throw new RenderError('a cover skeleton has no <svg> root');
  const attributes = start[0]
    .slice(4, -1)
    .replace(/\s(x|y|width|height|viewBox)="[^"]*"/g, '')
    .replace(/\/$/, '');
  const [vx, vy, vw, vh] = viewBoxOf(svg);
  const aspect = /\spreserveAspectRatio=/.test(attributes) ? '' : ' preserveAspectRatio="xMidYMid meet"';
  return `<svg${attributes} x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" viewBox="${vx} ${vy} ${vw} ${vh}"${aspect}>${svg.slice(start.index + start[0].length, end)}</svg>`;
}

/** Where a skeleton's user unit `y` lands on the cover, once mapped into `box` as panel() maps it. */
function coverY(svg: string, box: Box, y: number): number {
  const [, vy, vw, vh] = viewBoxOf(svg);
  const scale = Math.min(box.width / vw, box.height / vh);
  return box.y + (box.height - vh * scale) / 2 + (y - vy) * scale;
}

/** Ink of the set lines above and below the baseline (SVG y, down), from their outlines. */
function inkOf(set: SetText): { top: number; bottom: number } {
  let top = 0;
  let bottom = 0;
  for (const line of set.lines) {
    for (const [, points] of line.outline) {
      for (let index = 1; index < points.length; index += 2) {
        top = Math.min(top, points[index]!);
        bottom = Math.max(bottom, points[index]!);
      }
    }
  }
  return { top, bottom };
}

/** The spine's title and author as outlines turned a quarter clockwise (read top to bottom, tops towards the front), or why there are none. */
function spine(edition: Edition, geometry: CoverGeometry, setting: Setting): { svg: string; text: SpineText } {
  if (geometry.pages < SPINE_TEXT_MIN_PAGES)
    return { svg: '', text: { printed: false, reason: `${geometry.pages} pages: KDP allows spine text from ${SPINE_TEXT_MIN_PAGES} pages` } };
  const style = edition.print.cover.spine;
  const room = geometry.spine - 2 * inch(SPINE_CLEARANCE_IN);
  const length = geometry.spineBox.height - 2 * inch(SPINE_END_IN);
  const author = (edition.meta.byline ?? []).join(', ');
  const titleFonts = setting.fonts(style.fontFamily || undefined, style.fontWeight);
  const authorFonts = setting.fonts(style.fontFamily || undefined, 400);
  const frame = (width: number, size: number) => ({ width, height: size * 2, maxSize: size, minSize: Math.min(size, MIN_COVER_TYPE_PT), lineHeight: 1, maxLines: 1 });
  // Ink scales with the size: measured once, it gives the largest size the spine's width holds.
  const probes = [
    setText(edition.meta.title, titleFonts, frame(Infinity, INK_PROBE_PT), setting.direction),
    ...(author ? [setText(author, authorFonts, frame(Infinity, INK_PROBE_PT), setting.direction)] : []),
  ];
  const ink = probes.map(inkOf).reduce((a, b) => ({ top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) }));
  const size = Math.min(style.size, (INK_PROBE_PT * room) / (ink.bottom - ink.top));
  if (size < MIN_COVER_TYPE_PT) {
    const inches = (geometry.spine / POINTS_PER_INCH).toFixed(3);
    return {
      svg: '',
      text: {
        printed: false,
        reason: `the spine is ${inches} in: with ${SPINE_CLEARANCE_IN} in kept from each fold, type would be ${size.toFixed(1)} pt, under the ${MIN_COVER_TYPE_PT} pt least`,
      },
    };
  }
  const gap = SPINE_GAP_EMS * size;
  const authorSet = author ? setText(author, authorFonts, frame(length * 0.4, size), setting.direction) : undefined;
  const titleSet = setText(edition.meta.title, titleFonts, frame(length - (authorSet ? authorSet.lines[0]!.width + gap : 0), size), setting.direction);
  for (const set of [titleSet, authorSet]) for (const char of set?.missing ?? []) setting.missing.add(char);
  // The ink centred across the spine: its middle on the spine's centre line.
  const scale = titleSet.size / INK_PROBE_PT;
  const baseline = (-(ink.top + ink.bottom) / 2) * scale;
  const paths = [`<path fill="${style.fill}" d="${pathData(titleSet.lines[0]!, inch(SPINE_END_IN), baseline)}"/>`];
  if (authorSet) paths.push(`<path fill="${style.fill}" d="${pathData(authorSet.lines[0]!, length + inch(SPINE_END_IN) - authorSet.lines[0]!.width, baseline)}"/>`);
  const centre = geometry.spineBox.x + geometry.spine / 2;
  const label = `<title>${escapeXml([edition.meta.title, author].filter(Boolean).join(' · '))}</title>`;
  return {
    svg: `<g role="img" transform="translate(${centre} ${geometry.spineBox.y}) rotate(90)">${label}${paths.join('')}</g>`,
    text: { printed: true, size: Math.round(Math.min(titleSet.size, authorSet?.size ?? Infinity) * 10) / 10 },
  };
}

/** Shortest share of a cut summary kept when it is cut back to its last whole sentence. */
const MIN_SENTENCE_SHARE = 0.4;

/**
 * The summary as the back cover prints it: a description cut short ("… We did not…") ends at
 * its last whole sentence instead (Unicode sentence breaks, in the book's language), when that
 * keeps most of it; a back cover is not a search result.
 */
export function backSummary(description: string, lang: string): string {
  if (!description.endsWith('…')) return description;
  const sentences = [...new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(description)].map((part) => part.segment);
  // The cut sentence goes, and with it a lone "…" split off after an abbreviation ("U.S.…").
  while (sentences.length && !/[\p{L}\p{N}]/u.test(sentences.pop()!));
  const whole = sentences.join('').trim();
  return whole.length >= description.length * MIN_SENTENCE_SHARE ? whole : description;
}

/** Fills a skeleton's placeholders in order. */
function fillAll(svg: string, values: Array<[string, string]>, setting: Setting): Filled {
  return values.reduce((filled, [name, value]) => fill(filled, name, value, setting), { svg, extents: [] } as Filled);
}

/** Draws the whole cover for an interior of `pages` pages on `paper` (see the steps above). */
export async function renderCoverArt(edition: Edition, pages: number, paper: Paper): Promise<CoverArt> {
  const front = edition.epub.coverSvg;
  if (!front) throw new TemplateError(`template "${edition.template}" has no cover skeleton (epub.cover in its template.json), which --format cover needs`);
  const geometry = coverGeometry(edition.print.trim, pages, paper);
  const setting = coverSetting(edition);
  const background = backgroundColour(front, edition.meta.slug) ?? '#ffffff';
  const author = (edition.meta.byline ?? []).join(', ');
  const publisher = edition.meta.publisher ?? '';
  const common: Array<[string, string]> = [
    ['background', background],
    ['title', edition.meta.title],
    ['author', author],
    ['publisher', publisher],
  ];
  const frontSvg = fillAll(front, common, setting).svg;
  const warnings: string[] = [];
  let backSvg = '';
  const backSkeleton = edition.print.cover.backSvg;
  if (backSkeleton) {
    const filled = fillAll(backSkeleton, common, setting);
    const withSummary = fill(filled, 'summary', backSummary(edition.meta.description, edition.meta.lang), setting);
    const extent = withSummary.extents.length > filled.extents.length ? withSummary.extents[withSummary.extents.length - 1] : undefined;
    if (extent && coverY(backSkeleton, geometry.back, extent.bottom) > geometry.barcode.y)
      warnings.push('the summary on the back runs into the barcode area; shorten it or move it up in the back skeleton');
    backSvg = panel(withSummary.svg, geometry.back);
  }
  const spineArt = spine(edition, geometry, setting);
  const { barcode } = geometry;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${geometry.width}" height="${geometry.height}" viewBox="0 0 ${geometry.width} ${geometry.height}">`,
    `<rect width="${geometry.width}" height="${geometry.height}" fill="${background}"/>`,
    backSvg,
    panel(frontSvg, geometry.front),
    spineArt.svg,
    // Drawn last and opaque, so nothing of the design shows in it (KDP rejects covers with anything there).
    `<rect x="${barcode.x}" y="${barcode.y}" width="${barcode.width}" height="${barcode.height}" fill="#ffffff"/>`,
    '</svg>',
  ].join('');
  const widthPx = Math.round((geometry.width / POINTS_PER_INCH) * COVER_PPI);
  const fontFiles = [...new Set(Object.values(edition.print.fonts).flatMap((faces) => Object.values(faces)))].filter((path): path is string => !!path);
  let image;
  try {
    image = await renderAsync(svg, {
      fitTo: { mode: 'width', value: widthPx },
      font: { loadSystemFonts: false, fontFiles: /<text\b/.test(svg) ? fontFiles : [] },
      logLevel: 'off',
    });
  } catch (cause) {
    throw new RenderError(`could not draw the print cover of template "${edition.template}"`, { cause });
  }
  // An opaque RGB picture: pdfkit places an RGB PNG's pixels as they are, where RGBA would be split into a picture and a soft mask.
  const { default: sharp } = await import('sharp');
  const png = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .withMetadata({ density: COVER_PPI })
    .toBuffer();
  return { png: new Uint8Array(png), widthPx: image.width, heightPx: image.height, geometry, spineText: spineArt.text, warnings, missing: [...setting.missing] };
}
