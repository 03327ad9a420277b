/**
 * The EPUB's stylesheet as a reader meets it: chapters screenshot in Chromium in light, dark and
 * sepia reading modes, every text colour checked against WCAG AA (4.5:1) both from the computed
 * styles and from the pixels; and the large-print stylesheet's faces, alignment and sizes.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEpub } from '../../pipeline/epub/index.js';
import { CHROMIUM, editionFromFile, ROOT, SEED, unzip } from './helpers.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const KITCHEN_SINK = join(ROOT, 'test/epub/fixtures/kitchen-sink.md');
/** WCAG 2.2 success criterion 1.4.3 (AA) for text of ordinary size. */
const WCAG_AA = 4.5;
/** Device pixels per CSS pixel of the screenshots: glyph stems a pixel or more wide, so their ink is the text's colour. */
const SCALE = 2;
/** What a reading system's sepia mode sets on the page (Apple Books' colours, roughly); our stylesheet must inherit it. */
/** Where to keep the screenshots for a person to look at (GALLEY_SCREENSHOTS=folder); kept nowhere by default. */
const SAVE_DIR = process.env.GALLEY_SCREENSHOTS;
const SEPIA = 'html { background: #f8f1e3 !important; color: #4f321c !important; }';

type Rgb = [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const channel = (value: number): number => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two opaque colours. */
function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A text-bearing element as the page computed it. */
interface TextElement {
  what: string;
  /** Its colour with the opacity of it and its ancestors, as r, g, b, alpha. */
  color: [number, number, number, number];
  /** The nearest background colour set by it or an ancestor, if any. */
  background: [number, number, number, number] | undefined;
  box: { x: number; y: number; width: number; height: number };
  fontFamily: string;
  fontStyle: string;
  fontSize: number;
  lineHeight: number;
  textAlign: string;
  hyphens: string;
  textTransform: string;
  breakAfter: string;
  breakInside: string;
  tag: string;
}

/** Every element with text of its own, with what was computed for it. */
async function textElements(page: Page): Promise<TextElement[]> {
  return page.evaluate(() => {
    const parse = (value: string): [number, number, number, number] => {
      const parts = (value.match(/[\d.]+/g) ?? []).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const out: unknown[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const own = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!own) continue;
      const style = getComputedStyle(element);
      const color = parse(style.color);
      let background: [number, number, number, number] | undefined;
      for (let at: Element | null = element; at; at = at.parentElement) {
        const computed = getComputedStyle(at);
        color[3] *= Number(computed.opacity);
        const bg = parse(computed.backgroundColor);
        if (!background && bg[3] > 0 && !/rgba\(0, 0, 0, 0\)/.test(computed.backgroundColor)) background = bg;
      }
      const rect = element.getBoundingClientRect();
      out.push({
        what: `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> ${(element.textContent ?? '').trim().slice(0, 30)}`,
        color,
        background,
        box: { x: rect.x + window.scrollX, y: rect.y + window.scrollY, width: rect.width, height: rect.height },
        fontFamily: style.fontFamily,
        fontStyle: style.fontStyle,
        fontSize: parseFloat(style.fontSize),
        lineHeight: parseFloat(style.lineHeight),
        textAlign: style.textAlign,
        hyphens: style.hyphens,
        textTransform: style.textTransform,
        breakAfter: style.breakAfter,
        breakInside: style.breakInside,
        tag: element.tagName.toLowerCase(),
      });
    }
    return out as TextElement[];
  });
}

let browser: Browser;
let dir: string;
/** Pages of each template's books, written out: template → file URLs. */
const books: Record<string, string[]> = {};
const css: Record<string, string> = {};

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  dir = await mkdtemp(join(tmpdir(), 'galley-styles-'));
  for (const template of ['default', 'large-print']) {
    books[template] = [];
    for (const [name, file] of [
      ['seed', SEED],
      ['sink', KITCHEN_SINK],
    ] as const) {
      const zip = await unzip(await renderEpub(await editionFromFile(file, template)));
      for (const path of ['OEBPS/style.css', 'OEBPS/chapter-1.xhtml', 'OEBPS/copyright.xhtml', 'OEBPS/title-page.xhtml']) {
        const target = join(dir, template, name, path);
        await mkdir(dirname(target), { recursive: true });
        const content = await zip.file(path)!.async('string');
        await writeFile(target, content);
        if (path.endsWith('.css')) css[template] = content;
        else books[template]!.push(pathToFileURL(target).href);
      }
    }
  }
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A screenshot as the relative luminance of each pixel. */
interface Picture {
  luminance: Float32Array;
  width: number;
  height: number;
}

/** Relative luminance of each 8-bit channel value, for turning a screenshot into luminances at once. */
const CHANNEL = Array.from({ length: 256 }, (_, value) => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

function ratio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Opens a book's page in a reading mode, screenshots it, and returns its text elements and the picture. */
async function open(url: string, mode: 'light' | 'dark' | 'sepia', save?: string): Promise<{ elements: TextElement[]; picture: Picture; canvas: Rgb }> {
  const context = await browser.newContext({ colorScheme: mode === 'dark' ? 'dark' : 'light', viewport: { width: 600, height: 800 }, deviceScaleFactor: SCALE });
  try {
    const page = await context.newPage();
    await page.goto(url);
    if (mode === 'sepia') await page.addStyleTag({ content: SEPIA });
    const elements = await textElements(page);
    const png = await page.screenshot({ fullPage: true, ...(save ? { path: save } : {}) });
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const luminance = new Float32Array(info.width * info.height);
    for (let i = 0, p = 0; p < luminance.length; i += info.channels, p++)
      luminance[p] = 0.2126 * CHANNEL[data[i]!]! + 0.7152 * CHANNEL[data[i + 1]!]! + 0.0722 * CHANNEL[data[i + 2]!]!;
    return { elements, picture: { luminance, width: info.width, height: info.height }, canvas: [data[0]!, data[1]!, data[2]!] };
  } finally {
    await context.close();
  }
}

/** Contrast of the pixel in a box that differs most from the background: the ink of the text it holds. */
function inkContrast(picture: Picture, box: TextElement['box'], background: Rgb): number {
  const left = Math.max(0, Math.floor(box.x * SCALE));
  const top = Math.max(0, Math.floor(box.y * SCALE));
  const right = Math.min(picture.width, Math.ceil((box.x + box.width) * SCALE));
  const bottom = Math.min(picture.height, Math.ceil((box.y + box.height) * SCALE));
  let darkest = Infinity;
  let lightest = -Infinity;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < right; x++) {
      const value = picture.luminance[y * picture.width + x]!;
      if (value < darkest) darkest = value;
      if (value > lightest) lightest = value;
    }
  }
  const under = luminance(background);
  return right > left && bottom > top ? Math.max(ratio(darkest, under), ratio(lightest, under)) : 1;
}

describe('ebook styles that respect the reader', () => {
  it('fixes no colour: text inherits the reading system’s, quieter parts use opacity', () => {
    for (const sheet of Object.values(css)) {
      expect(sheet).not.toMatch(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i);
      for (const [, value] of sheet.matchAll(/(?:^|[;{\s])(?:color|background(?:-color)?)\s*:\s*([^;}]+)/g))
        expect(value!.trim()).toMatch(/^(?:inherit|currentColor|transparent)$/i);
    }
  });

  it('sizes in em and rem only, hyphenates with the -webkit- form too, and keeps headings with what follows and figures whole', () => {
    for (const sheet of Object.values(css)) {
      const lengths = [...sheet.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/[\d.]+(px|pt|pc|cm|mm|in|%|vw|vh)\b/g)].map((m) => m[0]);
      expect(lengths.filter((length) => length !== '100%')).toEqual([]);
      expect(sheet).toMatch(/-webkit-hyphens:\s*(auto|manual)/);
    }
    expect(css.default).toMatch(/h1, h2, h3, h4, h5, h6 \{[^}]*break-after: avoid/);
    expect(css.default).toMatch(/figure \{[^}]*break-inside: avoid/);
  });

  for (const template of ['default', 'large-print']) {
    for (const mode of ['light', 'dark', 'sepia'] as const) {
      it(`keeps every text colour at WCAG AA contrast in ${mode} mode (${template})`, async () => {
        let checked = 0;
        for (const url of books[template]!) {
          const { elements, picture, canvas } = await open(url, mode, SAVE_DIR && join(SAVE_DIR, `${template}-${mode}-${url.split('/').slice(-3).join('-')}.png`));
          if (mode === 'dark') expect(luminance(canvas)).toBeLessThan(0.05);
          else expect(luminance(canvas)).toBeGreaterThan(0.7);
          for (const element of elements) {
            if (element.box.width < 1 || element.box.height < 1) continue;
            const [r, g, b, alpha] = element.color;
            const under: Rgb = element.background ? [element.background[0], element.background[1], element.background[2]] : canvas;
            const seen: Rgb = [0, 1, 2].map((i) => Math.round([r, g, b][i]! * alpha + under[i]! * (1 - alpha))) as Rgb;
            expect(contrast(seen, under), `${element.what} in ${url}`).toBeGreaterThanOrEqual(WCAG_AA);
            // The pixels agree: the strongest ink in the element's box reaches the same contrast.
            expect(inkContrast(picture, element.box, under), `ink of ${element.what} in ${url}`).toBeGreaterThanOrEqual(WCAG_AA);
            checked++;
          }
        }
        expect(checked).toBeGreaterThan(40);
      });
    }
  }

  it('opens the leading of Chinese, Japanese and Korean paragraphs to 1.7 and never hyphenates them', async () => {
    const zip = await unzip(await renderEpub(await editionFromFile(join(ROOT, 'test/fixtures/corpus/japanese-cjk.txt'))));
    const folder = join(dir, 'ja', 'OEBPS');
    await mkdir(folder, { recursive: true });
    for (const name of ['style.css', 'chapter-1.xhtml']) await writeFile(join(folder, name), await zip.file(`OEBPS/${name}`)!.async('string'));
    const { elements } = await open(pathToFileURL(join(folder, 'chapter-1.xhtml')).href, 'light');
    // Blocks in another language (the fixture's English line carries lang="en") keep the usual leading.
    const paragraphs = elements.filter((element) => element.tag === 'p' && /[\p{Script=Han}\p{Script=Hiragana}]/u.test(element.what));
    expect(paragraphs.length).toBeGreaterThan(2);
    for (const paragraph of paragraphs) {
      expect(paragraph.lineHeight / paragraph.fontSize, paragraph.what).toBeCloseTo(1.7, 2);
      expect(paragraph.hyphens, paragraph.what).toBe('none');
    }
  });

  it('sets Korean with keep-all: on a phone no line breaks between two letters of a word', async () => {
    const zip = await unzip(await renderEpub(await editionFromFile(join(ROOT, 'test/fixtures/corpus/korean-news.md'))));
    const folder = join(dir, 'ko', 'OEBPS');
    await mkdir(folder, { recursive: true });
    for (const name of ['style.css', 'chapter-1.xhtml']) await writeFile(join(folder, name), await zip.file(`OEBPS/${name}`)!.async('string'));
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(folder, 'chapter-1.xhtml')).href);
      const found = await page.evaluate(() => {
        const paragraphs = [...document.querySelectorAll('p')].filter((p) => /\p{Script=Hangul}/u.test(p.textContent ?? ''));
        let lineEnds = 0;
        const broken: string[] = [];
        for (const p of paragraphs) {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let previous: { top: number; char: string } | undefined;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (let i = 0; i < text.length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const rect = range.getClientRects()[0];
              // keep-all keeps letters and digits together (CSS Text 3); a line may still break at punctuation ("것”|이라고").
              if (!rect || !/[\p{L}\p{N}]/u.test(text[i]!)) {
                previous = undefined;
                continue;
              }
              // A new line that starts between two characters of one word.
              if (previous && rect.top > previous.top + 2) broken.push(`${previous.char}|${text[i]}`);
              previous = { top: rect.top, char: text[i]! };
            }
          }
          lineEnds += Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)) - 1;
        }
        return { wordBreak: paragraphs.map((p) => getComputedStyle(p).wordBreak), lineEnds, broken };
      });
      expect(found.wordBreak.length).toBeGreaterThan(3);
      expect(new Set(found.wordBreak)).toEqual(new Set(['keep-all']));
      expect(found.lineEnds).toBeGreaterThan(10);
      expect(found.broken).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the large-print stylesheet: sans, ragged right, no hyphenation, no italics or capitals, larger type', async () => {
    const sizes: Record<string, number> = {};
    for (const template of ['default', 'large-print']) {
      const [seedChapter] = books[template]!.filter((url) => url.includes('/seed/') && url.endsWith('chapter-1.xhtml'));
      const { elements } = await open(seedChapter!, 'light');
      const paragraphs = elements.filter((element) => element.tag === 'p');
      sizes[template] = Math.min(...paragraphs.map((element) => element.fontSize));
      if (template !== 'large-print') continue;
      for (const url of books[template]!) {
        const { elements: all } = await open(url, 'light');
        for (const element of all) {
          expect(element.fontFamily, element.what).toMatch(['code', 'pre'].includes(element.tag) ? /Mono|monospace/ : /^"Source Sans 3"/);
          expect(element.fontStyle, element.what).toBe('normal');
          expect(element.textTransform, element.what).toBe('none');
          expect(element.hyphens, element.what).not.toBe('auto');
          if (['p', 'li', 'figcaption', 'span'].includes(element.tag)) expect(element.textAlign, element.what).toMatch(/^(left|start)$/);
        }
      }
    }
    expect(sizes['large-print']! / sizes.default!).toBeGreaterThanOrEqual(1.3);
  });
});
