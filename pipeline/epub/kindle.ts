/**
 * The EPUB's Kindle preflight: the finished zip read back and checked against the rules known to
 * make Amazon's Send to Kindle refuse an EPUB that passes EPUBCheck (its generic "E999"). The
 * renderer keeps each rule by construction (see the README's "Kindle" section); this check is
 * the proof, written to the book's report. No Kindle service can be reached from here, so this is
 * what the public sources say Amazon checks, not a verdict from Amazon.
 *
 * Sources: innocenat/kindle-epub-fix (`script.js`: encoding declaration, links to a body's id,
 * dc:language on KDP's list G200673300, `<img>` without src, `mimetype` first and stored), the
 * Kindle Publishing Guidelines (supported media and fonts: JPEG, PNG, GIF; TrueType and OpenType;
 * no audio, video or scripts in a Send to Kindle book), and Amazon's 50 MB e-mail limit.
 */
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { posix } from 'node:path';
import postcss from 'postcss';

/**
 * Languages Send to Kindle takes (base codes, ISO 639-1 and 639-2), as kindle-epub-fix copied
 * them from KDP's "Supported languages" (G200673300) on 2022-09-13.
 */
export const KINDLE_LANGUAGES: ReadonlySet<string> = new Set([
  'af',
  'afr',
  'gsw',
  'ar',
  'ara',
  'eu',
  'baq',
  'eus',
  'nb',
  'nob',
  'br',
  'bre',
  'ca',
  'cat',
  'zh',
  'chi',
  'zho',
  'kw',
  'cor',
  'co',
  'cos',
  'da',
  'dan',
  'nl',
  'dut',
  'nld',
  'stq',
  'en',
  'eng',
  'fi',
  'fin',
  'fr',
  'fre',
  'fra',
  'fy',
  'fry',
  'gl',
  'glg',
  'de',
  'ger',
  'deu',
  'gu',
  'guj',
  'hi',
  'hin',
  'is',
  'ice',
  'isl',
  'ga',
  'gle',
  'it',
  'ita',
  'ja',
  'jpn',
  'lb',
  'ltz',
  'mr',
  'mar',
  'ml',
  'mal',
  'gv',
  'glv',
  'frr',
  'nn',
  'nno',
  'pl',
  'pol',
  'pt',
  'por',
  'oc',
  'oci',
  'rm',
  'roh',
  'sco',
  'gd',
  'gla',
  'es',
  'spa',
  'sv',
  'swe',
  'ta',
  'tam',
  'cy',
  'wel',
  'cym',
]);

/** Media types a Kindle book may hold (Kindle Publishing Guidelines: KF8 images, TrueType and OpenType fonts). */
const KINDLE_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/xhtml+xml',
  'text/css',
  'application/x-dtbncx+xml',
  'image/jpeg',
  'image/png',
  'image/gif',
  'font/ttf',
  'font/otf',
  'font/sfnt',
  'application/font-sfnt',
  'application/x-font-ttf',
  'application/x-font-truetype',
  'application/x-font-opentype',
  'application/vnd.ms-opentype',
]);

/** Font files a Kindle renders: TrueType and OpenType only (no WOFF, WOFF2, SVG or Type 1 fonts). */
const KINDLE_FONT_FILE = /\.(?:ttf|otf)$/i;

/** Elements whose media Send to Kindle drops or refuses: sound, video, plug-ins, frames, scripts. */
const UNSUPPORTED_ELEMENTS = ['audio', 'video', 'object', 'embed', 'iframe', 'script', 'canvas'];

/** Largest book Send to Kindle takes by e-mail, in bytes (the web uploader takes 200 MB). */
export const KINDLE_EMAIL_LIMIT_BYTES = 50 * 1024 * 1024;

/** The rules checked, by name. */
export type KindleRule = 'xml-declaration' | 'body-id-links' | 'language' | 'img-src' | 'media' | 'fonts' | 'mimetype' | 'size';

/** One rule's outcome: what was checked and, when broken, where. */
export interface KindleCheck {
  rule: KindleRule;
  passed: boolean;
  /** What was checked, or what breaks it, in words. */
  detail: string;
}

/** The Kindle preflight of one EPUB. */
export interface KindlePreflight {
  /** The package's dc:language, and whether its base code is on Amazon's list. */
  language: string;
  checks: KindleCheck[];
  /** The broken rules in words (empty when the book passes). */
  warnings: string[];
  /** Says that no Kindle service was asked. */
  note: string;
}

const NOTE = 'checked against the rules public sources give for Send to Kindle; no Kindle service can be reached from here to confirm it';

/** Reads an EPUB back and checks every Kindle rule; never throws for a rule broken, only for a zip it cannot read. */
export async function checkKindle(epub: Uint8Array): Promise<KindlePreflight> {
  const zip = await JSZip.loadAsync(epub);
  const read = async (path: string): Promise<string | undefined> => zip.file(path)?.async('string');
  const container = parse((await read('META-INF/container.xml')) ?? '');
  const opfPath = container.getElementsByTagName('rootfile')[0]?.getAttribute('full-path') ?? '';
  const opfText = (await read(opfPath)) ?? '';
  const opf = parse(opfText);
  const base = posix.dirname(opfPath);
  const items = Array.from(opf.getElementsByTagName('item')).map((item) => ({
    path: posix.join(base, decodeURIComponent(item.getAttribute('href') ?? '')),
    mediaType: item.getAttribute('media-type') ?? '',
  }));
  const packaged = new Set(items.map((item) => item.path));
  const documents = await Promise.all(
    items.filter((item) => item.mediaType === 'application/xhtml+xml').map(async (item) => ({ path: item.path, text: (await read(item.path)) ?? '' })),
  );
  const parsed = documents.map((document) => ({ ...document, doc: parse(document.text) }));
  const stylesheets = await Promise.all(items.filter((item) => item.mediaType === 'text/css').map(async (item) => ({ path: item.path, text: (await read(item.path)) ?? '' })));

  const checks: KindleCheck[] = [];
  const check = (rule: KindleRule, problems: string[], passed: string): void => {
    checks.push({ rule, passed: problems.length === 0, detail: problems.length ? problems.join('; ') : passed });
  };

  // 1. An XML declaration naming UTF-8 on every content document (Send to Kindle otherwise reads ISO-8859-1).
  const undeclared = documents.filter((document) => !/^<\?xml\s+version="1\.[01]"\s+encoding="utf-8"\s*\?>/i.test(document.text)).map((document) => document.path);
  check(
    'xml-declaration',
    undeclared.map((path) => `${path} does not begin with <?xml version="1.0" encoding="UTF-8"?>`),
    `all ${documents.length} content documents declare UTF-8`,
  );

  // 2. No link to the id of a <body> (such links show up unresolved on a Kindle).
  const bodyIds = new Set(
    parsed.flatMap(({ path, doc }) => {
      const id = doc.getElementsByTagName('body')[0]?.getAttribute('id');
      return id ? [`${path}#${id}`] : [];
    }),
  );
  const toBodies: string[] = [];
  for (const { path, doc } of parsed) {
    for (const anchor of Array.from(doc.getElementsByTagName('a'))) {
      const href = anchor.getAttribute('href') ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || !href.includes('#')) continue;
      const [file = '', fragment = ''] = href.split('#');
      const target = `${file ? posix.join(posix.dirname(path), decodeURIComponent(file)) : path}#${fragment}`;
      if (bodyIds.has(target)) toBodies.push(`${path} links to ${href}, the id of a <body>`);
    }
  }
  check('body-id-links', toBodies, bodyIds.size ? 'no link targets a <body> id' : 'no <body> has an id');

  // 3. A dc:language whose base code Amazon lists.
  const language = opf.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'language')[0]?.textContent?.trim() ?? '';
  const languageProblems =
    language === ''
      ? ['the package has no dc:language']
      : isKindleLanguage(language)
        ? []
        : [`dc:language "${language}" (${languageName(language)}) is not among the languages Send to Kindle lists`];
  check('language', languageProblems, `dc:language "${language}" (${languageName(language)}) is on Amazon's list`);

  // 4. Every <img> has a src naming a file in the book.
  const badImages: string[] = [];
  for (const { path, doc } of parsed) {
    for (const image of Array.from(doc.getElementsByTagName('img'))) {
      const src = image.getAttribute('src') ?? '';
      if (src.trim() === '') badImages.push(`${path} has an <img> without src`);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) badImages.push(`${path} has an <img> from outside the book (${src})`);
      else if (!packaged.has(posix.join(posix.dirname(path), decodeURIComponent(src)))) badImages.push(`${path} has an <img> whose src ${src} is not in the book`);
    }
  }
  check('img-src', badImages, 'every <img> has a src in the book');

  // 5. Only media a Kindle shows: no sound, video, scripts or plug-ins, no image or document type it lacks.
  const media: string[] = [];
  for (const item of items) {
    if (item.path === opfPath || item.mediaType.startsWith('font/') || /font|opentype/.test(item.mediaType)) continue;
    if (!KINDLE_MEDIA_TYPES.has(item.mediaType)) media.push(`${item.path} is ${item.mediaType || 'of no media type'}`);
  }
  for (const { path, doc } of parsed) {
    for (const name of UNSUPPORTED_ELEMENTS) if (doc.getElementsByTagName(name).length) media.push(`${path} has <${name}>`);
  }
  check('media', media, `all ${items.length} files are XHTML, CSS, JPEG or PNG, with no sound, video or script`);

  // 6. Fonts: packaged ones TrueType or OpenType, and no stylesheet pointing at a font or file outside the book.
  const fonts: string[] = [];
  for (const item of items) {
    const isFont = item.mediaType.startsWith('font/') || /font|opentype/.test(item.mediaType) || /\.(?:woff2?|ttf|otf|eot|pfb|pfa)$/i.test(item.path);
    if (isFont && (!KINDLE_FONT_FILE.test(item.path) || !KINDLE_MEDIA_TYPES.has(item.mediaType))) fonts.push(`${item.path} is a font a Kindle cannot use (${item.mediaType})`);
  }
  for (const sheet of stylesheets) fonts.push(...stylesheetProblems(sheet.path, sheet.text, packaged));
  const fontCount = items.filter((item) => KINDLE_FONT_FILE.test(item.path)).length;
  check('fonts', fonts, fontCount ? `${fontCount} TrueType or OpenType fonts, every stylesheet reference inside the book` : 'no embedded fonts; the reader’s own fonts are used');

  // 7. The zip begins with `mimetype`, stored uncompressed (as kindle-epub-fix writes it).
  check('mimetype', mimetypeFirst(epub) ? [] : ['the zip does not begin with an uncompressed mimetype entry'], 'the zip begins with an uncompressed mimetype entry');

  // 8. Small enough to send by e-mail.
  const megabytes = (epub.length / 1024 / 1024).toFixed(1);
  check(
    'size',
    epub.length > KINDLE_EMAIL_LIMIT_BYTES ? [`${megabytes} MB is over Send to Kindle's 50 MB e-mail limit (the web uploader takes 200 MB)`] : [],
    `${megabytes} MB, under the 50 MB e-mail limit`,
  );

  return { language, checks, warnings: checks.filter((c) => !c.passed).map((c) => `Kindle ${c.rule}: ${c.detail}`), note: NOTE };
}

/** Whether a language tag's base code is one Send to Kindle takes. */
export function isKindleLanguage(tag: string): boolean {
  return KINDLE_LANGUAGES.has(tag.split(/[-_]/)[0]!.toLowerCase());
}

/** The English name of a language tag, for messages ("ru" → "Russian"). */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** `@import`, and `url()` that leaves the book or names a font a Kindle cannot use. */
function stylesheetProblems(path: string, css: string, packaged: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  let root: postcss.Root;
  try {
    root = postcss.parse(css);
  } catch (error) {
    return [`${path} cannot be parsed as CSS (${(error as Error).message})`];
  }
  root.walkAtRules('import', (rule) => void problems.push(`${path} imports ${rule.params}`));
  root.walkDecls((declaration) => {
    for (const [, , target = ''] of declaration.value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) {
      const inFontFace = declaration.parent?.type === 'atrule' && (declaration.parent as postcss.AtRule).name.toLowerCase() === 'font-face';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) problems.push(`${path} refers to ${target}, outside the book`);
      else if (!packaged.has(posix.join(posix.dirname(path), decodeURIComponent(target.split('#')[0]!)))) problems.push(`${path} refers to ${target}, which is not in the book`);
      else if (inFontFace && !KINDLE_FONT_FILE.test(target)) problems.push(`${path} uses the font ${target}, which a Kindle cannot render`);
    }
  });
  return problems;
}

/** The first local file header names `mimetype` and stores it (compression method 0). */
function mimetypeFirst(zip: Uint8Array): boolean {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (zip.length < 38 || view.getUint32(0, true) !== 0x04034b50) return false;
  const method = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  return method === 0 && new TextDecoder().decode(zip.subarray(30, 30 + nameLength)) === 'mimetype';
}

function parse(xml: string): ReturnType<DOMParser['parseFromString']> {
  return new DOMParser({ onError: () => undefined }).parseFromString(xml || '<empty/>', 'application/xml');
}
