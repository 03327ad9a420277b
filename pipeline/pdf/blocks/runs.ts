/**
 * Step 2: inline runs. Phrasing content becomes runs of one style each; every character is
 * checked against the style's font and then the fallback fonts (no font has fallback on its
 * own in pdfkit: an uncovered character would print as an empty box).
 */
import type { PhrasingContent } from 'mdast';
import type { FontFace, PrintSettings, TextStyle } from '../../types.js';
import { covers, fallbackFor, fontFor, xHeightOf, type LoadedFont } from '../measure/fonts.js';
import type { Run, RunStyle } from '../model.js';

/** Inline emphasis in force at a point of the text. */
interface Emphasis {
  italic: boolean;
  bold: boolean;
  code: boolean;
  strike?: boolean;
}

/** Link targets painted as annotations; anything else (a script, a file, a place in the page) stays plain text. */
const LINKABLE = /^(?:https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** What builds runs: settings, and the place where uncovered characters are collected. */
export interface RunContext {
  print: PrintSettings;
  /** Characters no font has, with how often they occur. */
  missing: Map<string, number>;
}

/** Weight class from which a face counts as bold and its fallbacks are the bold ones. */
const BOLD_WEIGHT = 600;

/** Characters never handed to pdfkit: soft hyphens (pdfkit#457), controls and zero-width marks. */
const INVISIBLE = /[\u00ad\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u2060\ufeff]/u;
const WHITESPACE = /[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

function faceOf(base: FontFace, emphasis: Emphasis): FontFace {
  const bold = emphasis.bold || base === 'bold' || base === 'boldItalic';
  const baseItalic = base === 'italic' || base === 'boldItalic';
  // Emphasis inside italic text is set roman, as a typesetter would.
  const italic = emphasis.italic ? !baseItalic : baseItalic;
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  return italic ? 'italic' : 'regular';
}

const styleCache = new WeakMap<TextStyle, Map<string, RunStyle>>();

/** The run style of a block style with inline emphasis applied. */
export function runStyle(print: PrintSettings, style: TextStyle, emphasis: Emphasis = { italic: false, bold: false, code: false }): RunStyle {
  let perStyle = styleCache.get(style);
  if (!perStyle) {
    perStyle = new Map();
    styleCache.set(style, perStyle);
  }
  const key = `${emphasis.italic}${emphasis.bold}${emphasis.code}${emphasis.strike ?? false}`;
  const cached = perStyle.get(key);
  if (cached) return cached;
  const family = emphasis.code ? print.styles.code.family : style.family;
  const base = emphasis.code ? print.styles.code.face : style.face;
  const made: RunStyle = {
    font: fontFor(print, family, faceOf(base, emphasis)),
    size: style.size,
    tracking: style.tracking,
    gray: style.gray,
    // Small capitals are drawn from capitals (c2sc), so every glyph reads back as the capital it is.
    uppercase: style.transform === 'uppercase' || style.transform === 'small-caps',
    ...(style.transform === 'small-caps' ? { smallCaps: true } : {}),
    ...(emphasis.strike ? { strike: true } : {}),
  };
  perStyle.set(key, made);
  return made;
}

/** Scripts whose fallback fonts are sized to the text face's x-height (their letters look a fifth smaller at the same size). */
const MATCHED_SCRIPTS = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/**
 * Limits of that scaling: never smaller than the style's size, so the type floors hold (KDP's
 * 7 pt, large print's 16 pt), and never so large that an odd font's metrics blow a run up.
 */
const MIN_FALLBACK_SCALE = 1;
const MAX_FALLBACK_SCALE = 1.3;

function withFont(print: PrintSettings, style: RunStyle, font: LoadedFont, text: string): RunStyle {
  if (font === style.font) return style;
  if (!print.matchXHeight || !MATCHED_SCRIPTS.test(text)) return { ...style, font };
  const own = xHeightOf(style.font);
  const theirs = xHeightOf(font);
  const scale = own > 0 && theirs > 0 ? Math.min(MAX_FALLBACK_SCALE, Math.max(MIN_FALLBACK_SCALE, own / theirs)) : 1;
  return { ...style, font, size: Math.round(style.size * scale * 100) / 100 };
}

/** Splits text into runs by the font that covers each character; drops invisible characters. */
export function textRuns(context: RunContext, text: string, offset: number, style: RunStyle, synthetic = false): Run[] {
  const runs: Run[] = [];
  let current: { text: string; offset: number; font: LoadedFont } | undefined;
  const flush = (): void => {
    if (current && current.text.length > 0) {
      runs.push({
        kind: 'text',
        text: current.text,
        offset: current.offset,
        style: withFont(context.print, style, current.font, current.text),
        ...(synthetic ? { synthetic } : {}),
      });
    }
    current = undefined;
  };
  const add = (piece: string, at: number, font: LoadedFont): void => {
    if (current && current.font === font) {
      current.text += piece;
    } else {
      flush();
      current = { text: piece, offset: at, font };
    }
  };
  // Spaces wait for the character after them: see spaceFont.
  let spaces: { text: string; offset: number } | undefined;
  let before = '';
  let index = 0;
  for (const char of text) {
    const at = offset + (synthetic ? 0 : index);
    index += char.length;
    if (INVISIBLE.test(char)) {
      if (spaces) add(spaces.text, spaces.offset, style.font);
      spaces = undefined;
      before = '';
      flush();
      continue;
    }
    if (WHITESPACE.test(char)) {
      if (spaces) spaces.text += ' ';
      else spaces = { text: ' ', offset: at };
      continue;
    }
    const font = pickFont(context, style, char);
    if (spaces) add(spaces.text, spaces.offset, spaceFont(style.font, current?.font, font, before, char));
    spaces = undefined;
    add(char, at, font);
    before = char;
  }
  if (spaces) add(spaces.text, spaces.offset, style.font);
  flush();
  return runs;
}

/** Symbols and pictographs, whose fonts' spaces are not made for text (Noto Emoji's is 1.27 em, Literata's 0.2 em). */
const SYMBOL = /[\p{S}\p{Extended_Pictographic}]/u;

/**
 * The font a space is measured and drawn in: a fallback font's own only between two words of
 * that font (Arabic words take Noto Naskh Arabic's space, Korean words Noto Sans KR's, as their
 * designers sized it for their letters); any other space, after an emoji, between two emoji, or
 * where the font changes, is the text font's.
 */
function spaceFont(text: LoadedFont, left: LoadedFont | undefined, right: LoadedFont, before: string, after: string): LoadedFont {
  return left === right && !SYMBOL.test(before) && !SYMBOL.test(after) ? right : text;
}

function pickFont(context: RunContext, style: RunStyle, char: string): LoadedFont {
  const shown = style.uppercase ? char.toUpperCase() : char;
  if ([...shown].every((c) => covers(style.font, c.codePointAt(0) ?? 0))) return style.font;
  const found = fallbackFor(context.print, shown, (style.font.font['OS/2']?.usWeightClass ?? 400) >= BOLD_WEIGHT);
  if (found) return found;
  context.missing.set(char, (context.missing.get(char) ?? 0) + 1);
  return style.font;
}

/** Runs of phrasing content; `position` counts characters exactly as `mdast-util-to-string` does. */
export function phrasingRuns(
  context: RunContext,
  nodes: PhrasingContent[],
  style: TextStyle,
  position: { offset: number },
  emphasis: Emphasis = { italic: false, bold: false, code: false },
): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'html':
        runs.push(...textRuns(context, node.value, position.offset, runStyle(context.print, style, emphasis)));
        position.offset += node.value.length;
        break;
      case 'inlineCode':
        runs.push(...textRuns(context, node.value, position.offset, runStyle(context.print, style, { ...emphasis, code: true })));
        position.offset += node.value.length;
        break;
      case 'emphasis':
        runs.push(...phrasingRuns(context, node.children, style, position, { ...emphasis, italic: !emphasis.italic }));
        break;
      case 'strong':
        runs.push(...phrasingRuns(context, node.children, style, position, { ...emphasis, bold: true }));
        break;
      case 'break':
        runs.push({ kind: 'break', offset: position.offset });
        break;
      case 'image':
      case 'imageReference':
        // An inline picture is not placed in print; its alt text stands in, as in the plain text.
        if (node.alt) {
          runs.push(...textRuns(context, node.alt, position.offset, runStyle(context.print, style, { ...emphasis, italic: !emphasis.italic })));
          position.offset += node.alt.length;
        }
        break;
      case 'footnoteReference':
        break;
      case 'delete':
        runs.push(...phrasingRuns(context, node.children, style, position, { ...emphasis, strike: true }));
        break;
      case 'link': {
        const inner = phrasingRuns(context, node.children, style, position, emphasis);
        const url = node.url.trim();
        for (const run of inner) if (run.kind === 'text' && LINKABLE.test(url)) run.link = url;
        runs.push(...inner);
        break;
      }
      default:
        // linkReference and any future parent: its text in the surrounding style.
        if ('children' in node) runs.push(...phrasingRuns(context, node.children as PhrasingContent[], style, position, emphasis));
    }
  }
  return runs;
}
