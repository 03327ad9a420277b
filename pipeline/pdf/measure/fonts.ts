/**
 * Step 1a of the PDF renderer: fonts, parsed once per process from the template's absolute
 * paths and shared by measuring and painting (pdfkit accepts the fontkit Font object, which
 * saves re-parsing per document; see ../shared/notes/pdfkit.md).
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { RenderError } from '../../errors.js';
import type { FontFace, PrintSettings } from '../../types.js';

/** A parsed font with the key pdfkit knows it by. */
export interface LoadedFont {
  /** Absolute path of the file; also the family key handed to pdfkit. */
  path: string;
  font: Font;
}

const cache = new Map<string, LoadedFont>();

/** Parses the font at an absolute path, once per process. */
export function loadFont(path: string): LoadedFont {
  const cached = cache.get(path);
  if (cached) return cached;
  let parsed: Font;
  try {
    const created = fontkit.create(readFileSync(path));
    parsed = 'fonts' in created ? firstFont(created.fonts, path) : created;
  } catch (cause) {
    if (cause instanceof RenderError) throw cause;
    throw new RenderError(`cannot read font ${path}`, { file: path, cause });
  }
  const loaded: LoadedFont = { path, font: ownCodePoints(parsed) };
  cache.set(path, loaded);
  return loaded;
}

/**
 * Makes every glyph a layout returns carry the code points of its own place in the text. fontkit
 * hands out one shared glyph object per glyph id, whose `codePoints` are those of the first text
 * it was made for: Noto Naskh Arabic draws seen (س) and sheen (ش) with one dotless shape, so once
 * "مسلحة" was shaped, the shape in "بشار" said seen too, and pdfkit's subsetter asks for the parts
 * of composite glyphs by id alone (Literata's Cyrillic а is drawn with the Latin a), leaving that
 * glyph with no code point at all. A layout gets a glyph object of its own, whose prototype is the
 * shared one, with the code points fontkit's shaper tracked for that place (a ligature all of its
 * letters, the dots a letter was decomposed into none); the painter writes them to the ToUnicode map.
 */
function ownCodePoints(font: Font): Font {
  const shared = font as unknown as { getGlyph(id: number, codePoints?: number[]): object };
  const getGlyph = shared.getGlyph.bind(font);
  shared.getGlyph = (id: number, codePoints: number[] = []) => Object.create(getGlyph(id, codePoints), { codePoints: { value: codePoints, enumerable: true } }) as object;
  return font;
}

/** Shaped words remembered per font across documents before that font's cache starts afresh (bounds memory). */
const MAX_SHARED_LAYOUTS = 20_000;

/** pdfkit's shaped words (its `layoutCache`, keyed by a word and its trailing space), per font file. */
const layoutCaches = new Map<string, Record<string, unknown>>();

/**
 * Hands pdfkit's font object in `doc` the process's cache of shaped words for `font`. pdfkit
 * shapes every word again when it paints, with a cache that lives as long as one document, and
 * that shaping was half the time of painting a book; the shaped runs depend only on the font
 * and the word (pdfkit copies a run before it changes one), so every document can share them.
 */
export function shareLayoutCache(doc: object, font: LoadedFont): void {
  const current = (doc as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!current?.layoutCache) return;
  let shared = layoutCaches.get(font.path);
  if (!shared) {
    shared = Object.create(null) as Record<string, unknown>;
    layoutCaches.set(font.path, shared);
  }
  current.layoutCache = shared;
}

/** Starts a font's shared cache afresh once it holds too many words; called before each document. */
export function trimLayoutCaches(): void {
  for (const [path, cache] of layoutCaches) {
    if (Object.keys(cache).length > MAX_SHARED_LAYOUTS) layoutCaches.delete(path);
  }
}

function firstFont(fonts: Font[], path: string): Font {
  const first = fonts[0];
  if (!first) throw new RenderError(`font collection ${path} holds no font`, { file: path });
  return first;
}

/** The faces tried, in order, when a family lacks the one asked for. */
const FACE_FALLBACKS: Record<FontFace, FontFace[]> = {
  regular: ['regular'],
  italic: ['italic', 'regular'],
  bold: ['bold', 'regular'],
  boldItalic: ['boldItalic', 'bold', 'italic', 'regular'],
};

/** Resolves a family and face of the template to a parsed font, degrading to a face the family has. */
export function fontFor(print: PrintSettings, family: string, face: FontFace): LoadedFont {
  const faces = print.fonts[family];
  if (!faces) throw new RenderError(`template names font family "${family}" but does not define it`);
  for (const candidate of FACE_FALLBACKS[face]) {
    const path = faces[candidate];
    if (path) return loadFont(path);
  }
  const any = Object.values(faces).find((p): p is string => typeof p === 'string');
  if (!any) throw new RenderError(`font family "${family}" has no font file`);
  return loadFont(any);
}

const fallbackChoices = new WeakMap<PrintSettings, Map<string, LoadedFont | null>>();

/**
 * The first of the template's fallback fonts that draws every character of `shown`, or
 * undefined; bold text tries the bold fallbacks first, so headlines are bold in every script.
 * Fonts are parsed only when a character gets this far, so a book that never needs the CJK font
 * (10 MB) never reads it.
 */
export function fallbackFor(print: PrintSettings, shown: string, bold = false): LoadedFont | undefined {
  let choices = fallbackChoices.get(print);
  if (!choices) {
    choices = new Map();
    fallbackChoices.set(print, choices);
  }
  const key = bold ? `b\0${shown}` : shown;
  const cached = choices.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const codePoints = [...shown].map((char) => char.codePointAt(0) ?? 0);
  let found: LoadedFont | undefined;
  for (const path of bold ? [...(print.boldFallbackFonts ?? []), ...print.fallbackFonts] : print.fallbackFonts) {
    const font = loadFont(path);
    if (codePoints.every((codePoint) => covers(font, codePoint))) {
      found = font;
      break;
    }
  }
  choices.set(key, found ?? null);
  return found;
}

/** Letter height a font's text is matched by, as a fraction of its em: its x-height, or for a font without one (Arabic) the height of heh (ه), Arabic's x-height. */
export function xHeightOf(font: LoadedFont): number {
  const { font: f } = font;
  if (f.xHeight > 0) return f.xHeight / f.unitsPerEm;
  const heh = 0x0647;
  if (f.hasGlyphForCodePoint(heh)) return (f.glyphForCodePoint(heh) as unknown as { bbox: { maxY: number } }).bbox.maxY / f.unitsPerEm;
  return 0;
}

/** Whether a font draws a code point (whitespace and controls are never drawn as glyphs). */
export function covers(font: LoadedFont, codePoint: number): boolean {
  return font.font.hasGlyphForCodePoint(codePoint);
}
