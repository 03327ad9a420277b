/**
 * Edition → cover PNG. The template's SVG skeleton is filled with the headline and the
 * publisher (escaped, the headline broken into lines here, because SVG text does not wrap),
 * then rasterised by resvg with the template's own fonts only, so every machine draws the same
 * pixels, and encoded by ./png.ts (a third of the time resvg's own encoder takes).
 */
import { renderAsync } from '@resvg/resvg-js';
import { RenderError } from '../errors.js';
import type { Edition } from '../types.js';
import { escapeXml } from '../epub/xml-text.js';
import { encodePng } from './png.js';

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

/**
 * Fills one placeholder. When its `<text>` names `data-wrap` (characters per line) and
 * `data-line-height` (user units), the value is set as one `<tspan>` per line, at most
 * `data-max-lines` of them so a long headline cannot run into the rest of the cover.
 */
function fill(svg: string, name: string, value: string): string {
  const match = placeholderText(name).exec(svg);
  if (!match) return svg.split(`{{${name}}}`).join(escapeXml(value));
  const [whole, start = '', attributes = '', end = ''] = match;
  const wrap = Number(attribute(attributes, 'data-wrap'));
  const lineHeight = attribute(attributes, 'data-line-height');
  const x = attribute(attributes, 'x');
  if (!wrap || !lineHeight || x === undefined) return svg.replace(whole, `${start}${escapeXml(value)}${end}`);
  const lines = limitLines(wrapWords(value, wrap), Number(attribute(attributes, 'data-max-lines')))
    .map((line, index) => `<tspan x="${x}" dy="${index === 0 ? '0' : lineHeight}">${escapeXml(line)}</tspan>`)
    .join('');
  return svg.replace(whole, `${start}${lines}${end}`);
}

/** Text in Latin, Greek or Cyrillic (and their punctuation) is covered by the template's own families. */
const OWN_FAMILIES_COVER = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** The template's font files, so resvg needs no system font; fallbacks (large, CJK among them) only when the text needs them. */
function fontFiles(edition: Edition, text: string): string[] {
  const files = Object.values(edition.print.fonts).flatMap((faces) => Object.values(faces));
  return [...new Set([...files, ...(OWN_FAMILIES_COVER.test(text) ? [] : edition.print.fallbackFonts)])];
}

/**
 * Renders the template's cover SVG, filled with the edition's headline and publisher, as a
 * 1400×2100 PNG. resvg draws on a thread of its own, so a caller can set the book meanwhile.
 */
export async function renderCover(edition: Edition): Promise<Uint8Array> {
  const skeleton = edition.epub.coverSvg;
  if (!skeleton) throw new RenderError(`Template "${edition.template}" has no cover.`);
  const svg = fill(fill(skeleton, 'title', edition.meta.title), 'publisher', edition.meta.publisher);
  try {
    const image = await renderAsync(svg, {
      fitTo: { mode: 'width', value: COVER_WIDTH_PX },
      font: { loadSystemFonts: false, fontFiles: fontFiles(edition, `${edition.meta.title}${edition.meta.publisher}`) },
      logLevel: 'off',
    });
    return encodePng(image.pixels, image.width, image.height, true);
  } catch (cause) {
    throw new RenderError(`Could not render the cover of template "${edition.template}".`, { cause });
  }
}
