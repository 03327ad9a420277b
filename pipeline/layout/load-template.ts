/** Loads and validates a template folder; the only reader of `templates/`. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { TemplateError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { expandCreditPatterns, type ExtractRules, type LanguageWords } from '../extract/index.js';
import type { ScrapeRules } from '../structure/index.js';
import type { EpubSettings, FontFace, HyphenationRules, Labels, Paper, PrintRule, PrintSettings, Sheet, StyleRole, TextStyle } from '../types.js';
import schema from './template.schema.json' with { type: 'json' };
import { toPoints, TRIM_PRESETS } from './units.js';

/** A template resolved to points, absolute font paths and loaded stylesheet text. */
export interface Template {
  name: string;
  dir: string;
  /** The template's folder and the folders of the templates it extends, parents first: a change in any is a change of the template. */
  dirs: string[];
  /** SHA-256 over the template's files and resolved font paths: a build is stale when it changes. */
  hash: string;
  /** The publisher a house template names for every book it makes; a book names none otherwise. */
  publisher?: string;
  lang: string;
  print: PrintSettings;
  epub: EpubSettings;
  labels: Labels;
  /** Extraction rules: the scrape patterns and each language's words. */
  extract: ExtractRules;
  /** Whether headings written all in capitals (a scrape's section lines) are set in title case. */
  headingCapitals: 'keep' | 'title-case';
  /** Per language (primary subtag): fonts tried before the general fallbacks, and the least leading of running text as a multiple of its size. */
  languages: Record<string, LanguageSettings>;
}

/** What a template sets for articles in one language. */
export interface LanguageSettings {
  fallbackFonts: string[];
  boldFallbackFonts: string[];
  leading?: number;
}

type RawStyle = { family: string; size: string; leading: string } & Partial<Record<'face' | 'align' | 'transform', string>> &
  Partial<Record<'spaceBefore' | 'spaceAfter' | 'indent' | 'inset' | 'tracking', string>> & { gray?: number };

interface RawTemplate {
  name: string;
  publisher?: string;
  lang?: string;
  page: {
    trim: string | { width: string; height: string };
    bleed?: string;
    sink?: string;
    margins: Record<'top' | 'bottom' | 'inside' | 'outside', string>;
    gutterByPageCount?: boolean;
    cropMarks?: boolean;
    minLineWeight?: string;
    coverPage?: boolean;
    minPages?: number;
  };
  frontMatter?: { titlePage?: boolean; copyrightPage?: boolean; colophon?: string };
  fonts: Record<string, Partial<Record<FontFace, string>>>;
  fallbackFonts?: string[];
  boldFallbackFonts?: string[];
  fallbackSize?: 'as-set' | 'x-height';
  languages?: Record<string, { fallbackFonts?: string[]; boldFallbackFonts?: string[]; leading?: number }>;
  styles: Partial<Record<StyleRole, RawStyle>> & Record<'title' | 'heading' | 'body' | 'caption' | 'credit' | 'copyright' | 'runningHead' | 'folio', RawStyle>;
  hyphenate?: boolean;
  hyphenation?: Record<string, HyphenationRules>;
  headingCapitals?: 'keep' | 'title-case';
  printRules?: { minTypeSize?: string; minLeading?: number; forbid?: PrintRule[] };
  runningHeads?: boolean;
  folios?: boolean;
  pdfa?: boolean;
  printCover?: { paper?: Paper; back?: string; spine?: { fontFamily?: string; fontWeight?: number; size?: string; fill?: string } };
  booklet?: { sheet?: Sheet };
  epub: { stylesheet: string; cover?: string };
  labels: Labels;
  scrape: Omit<ScrapeRules, 'slugMaxWords' | 'creditLines'> & { slugMaxWords?: number; creditLines?: ScrapeRules['creditLines'] };
  words: Record<string, LanguageWords>;
}

/** The templates shipped with Galley, used when the working folder has no template of that name. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');
let compiled: ValidateFunction<RawTemplate> | undefined;
/** The schema's validator, compiled on first use: compiling costs about 50 ms, which `galley --version` and `--help` need not pay. */
const validator = (): ValidateFunction<RawTemplate> => (compiled ??= new Ajv({ allErrors: false, strict: false }).compile<RawTemplate>(schema));
const DEFAULT_SLUG_MAX_WORDS = 6;
/** Largest spine type when the template does not say: it shrinks to the spine's width anyway. */
const DEFAULT_SPINE_SIZE = '12pt';
/** The thinnest line KDP prints (print-and-accessibility.md: "lines at least 0.75 pt"), when the template names none. */
const DEFAULT_MIN_LINE_WEIGHT = '0.75pt';
const cache = new Map<string, Template>();

/** Finds a template by name (in `./templates`, then Galley's own) or by folder path, validates and resolves it. */
export function loadTemplate(nameOrDir: string, cwd = process.cwd()): Template {
  const dir = templateDir(nameOrDir, cwd);
  const cached = cache.get(dir);
  if (cached) return cached;
  const file = join(dir, 'template.json');
  const chain = readChain(dir, cwd, []);
  const validate = validator();
  if (!validate(chain.raw)) throw new TemplateError(`${file}: ${describe(validate.errors?.[0])}`, { file });
  const template = resolveTemplate(chain.raw, chain.stylesheets, dir, file);
  template.dirs = chain.dirs;
  template.hash = hashTemplate(chain.dirs, template);
  cache.set(dir, template);
  return template;
}

/** Forgets every loaded template, so that a long-running build (`--watch`) sees edits to template files. */
export function forgetTemplates(): void {
  cache.clear();
}

/** A template's JSON merged over the templates it extends, with its files made absolute. */
interface Chain {
  raw: Record<string, unknown>;
  /** Stylesheets from the farthest ancestor to the template itself: later ones override earlier ones. */
  stylesheets: string[];
  dirs: string[];
}

/** Reads a template and, when it says `"extends": "name"`, the template it builds on: only the differences need writing. */
function readChain(dir: string, cwd: string, seen: string[]): Chain {
  const file = join(dir, 'template.json');
  let own: unknown;
  try {
    own = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const reason = cause instanceof SyntaxError ? `not valid JSON (${cause.message})` : 'cannot be read';
    throw new TemplateError(`${file}: ${reason}`, { file, cause });
  }
  if (!isObject(own)) throw new TemplateError(`${file}: must be a JSON object`, { file });
  const { extends: parentName, ...local } = own;
  const files = localFiles(local, dir, file);
  // A template that extends another and names no stylesheet still brings the `style.css` beside it (the README's promise).
  const ownCss = join(dir, 'style.css');
  const stylesheet = files.stylesheet ?? (parentName !== undefined && existsSync(ownCss) ? ownCss : undefined);
  const stylesheets = stylesheet ? [stylesheet] : [];
  local.name ??= basename(dir);
  if (parentName === undefined) return { raw: local, stylesheets, dirs: [dir] };
  if (typeof parentName !== 'string') throw new TemplateError(`${file}: extends: must be the name of another template`, { file });
  const parentDir = templateDir(parentName, cwd);
  if (parentDir === dir || seen.includes(parentDir)) throw new TemplateError(`${file}: extends: "${parentName}" leads back to itself`, { file });
  const parent = readChain(parentDir, cwd, [...seen, dir]);
  return { raw: merge(parent.raw, local), stylesheets: [...parent.stylesheets, ...stylesheets], dirs: [...parent.dirs, dir] };
}

/** Makes the files a template names (stylesheet, cover, fonts given as ./paths) absolute, refusing ones outside its folder. */
function localFiles(local: Record<string, unknown>, dir: string, file: string): { stylesheet?: string } {
  const inside = (name: string, field: string): string => {
    const path = resolve(dir, name);
    if (!path.startsWith(dir + sep) || !existsSync(path)) throw new TemplateError(`${file}: ${field}: file "${name}" not found in ${dir}`, { file });
    return path;
  };
  const result: { stylesheet?: string } = {};
  const epub = local.epub;
  if (isObject(epub)) {
    if (typeof epub.stylesheet === 'string') epub.stylesheet = result.stylesheet = inside(epub.stylesheet, 'epub.stylesheet');
    if (typeof epub.cover === 'string') epub.cover = inside(epub.cover, 'epub.cover');
  }
  const printCover = local.printCover;
  if (isObject(printCover) && typeof printCover.back === 'string') printCover.back = inside(printCover.back, 'printCover.back');
  const fonts = local.fonts;
  if (isObject(fonts)) {
    for (const [family, faces] of Object.entries(fonts)) {
      if (!isObject(faces)) continue;
      for (const [face, spec] of Object.entries(faces)) {
        if (face !== '$comment' && typeof spec === 'string' && spec.startsWith('.')) faces[face] = inside(spec, `fonts.${family}.${face}`);
      }
    }
  }
  for (const field of ['fallbackFonts', 'boldFallbackFonts'] as const) {
    const list = local[field];
    if (Array.isArray(list)) local[field] = list.map((spec: unknown, index) => (typeof spec === 'string' && spec.startsWith('.') ? inside(spec, `${field}.${index}`) : spec));
  }
  return result;
}

/** Fields whose entries a child replaces whole: a style role or a font family is one design decision, not a mix of two. */
const REPLACED_WHOLE = new Set(['styles', 'fonts']);

/** Objects merge key by key; anything else (numbers, strings, lists) in the child replaces the parent's. */
function merge(parent: Record<string, unknown>, child: Record<string, unknown>, replaceEntries = false): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    const base = merged[key];
    merged[key] = !replaceEntries && isObject(base) && isObject(value) ? merge(base, value, REPLACED_WHOLE.has(key)) : value;
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function templateDir(nameOrDir: string, cwd: string): string {
  const candidates = /[\\/]/.test(nameOrDir) ? [resolve(cwd, nameOrDir)] : [join(cwd, 'templates', nameOrDir), join(BUILTIN_TEMPLATES, nameOrDir)];
  const found = candidates.find((dir) => existsSync(join(dir, 'template.json')));
  if (!found) throw new TemplateError(`${join(candidates[0]!, 'template.json')}: template "${nameOrDir}" not found`, { file: candidates[0] });
  return found;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'does not match the template schema';
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  if (error.keyword === 'additionalProperties') return `${field}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${field}: missing field "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'pattern' && /length/.test(error.schemaPath)) return `${field}: must be a length such as 10.5pt, 6in or 148mm`;
  if (error.keyword === 'enum') return `${field}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${field}: ${error.message ?? 'is invalid'}`;
}

function resolveTemplate(raw: RawTemplate, stylesheets: string[], dir: string, file: string): Template {
  // Font packages resolve like imports: from the template's folder, then from Galley's own dependencies.
  const requires = [createRequire(join(dir, 'template.json')), createRequire(join(PACKAGE_ROOT, 'package.json'))];
  const fontPath = (spec: string, field: string): string => {
    const path = spec.startsWith('.') || isAbsolute(spec) ? resolve(dir, spec) : resolvePackageFile(requires, spec);
    if (!path || !existsSync(path)) throw new TemplateError(`${file}: ${field}: font file "${spec}" not found`, { file });
    return path;
  };
  const fonts: PrintSettings['fonts'] = {};
  for (const [family, faces] of Object.entries(raw.fonts)) {
    fonts[family] = Object.fromEntries(
      Object.entries(faces)
        .filter(([face]) => face !== '$comment')
        .map(([face, spec]) => [face, fontPath(spec, `fonts.${family}.${face}`)]),
    );
  }
  const styles = resolveStyles(raw, fonts, file);
  const [width, height] =
    typeof raw.page.trim === 'string' ? TRIM_PRESETS[raw.page.trim]!.map((inches) => inches * 72) : [toPoints(raw.page.trim.width), toPoints(raw.page.trim.height)];
  const scrape: ScrapeRules = {
    ...raw.scrape,
    creditPatterns: expandCreditPatterns(raw.scrape.creditPatterns, raw.words),
    slugMaxWords: raw.scrape.slugMaxWords ?? DEFAULT_SLUG_MAX_WORDS,
    creditLines: { agencies: raw.scrape.creditLines?.agencies ?? [], nameParticles: raw.scrape.creditLines?.nameParticles ?? [] },
  };
  for (const [field, list] of [
    ['boilerplate', scrape.boilerplate],
    ['creditPatterns', scrape.creditPatterns],
  ] as const) {
    list.forEach((source, index) => {
      try {
        new RegExp(source, 'u');
      } catch (cause) {
        throw new TemplateError(`${file}: scrape.${field}.${index}: not a valid regular expression (${(cause as Error).message})`, { file, cause });
      }
    });
  }
  const epub: EpubSettings = { css: stylesheets.map((path) => readFileSync(path, 'utf8')).join('\n') };
  if (raw.epub.cover) epub.coverSvg = readFileSync(raw.epub.cover, 'utf8');
  return {
    name: raw.name,
    dir,
    dirs: [dir],
    hash: '',
    ...(raw.publisher ? { publisher: raw.publisher } : {}),
    lang: raw.lang ?? 'en',
    print: {
      trim: { width: width!, height: height! },
      bleed: raw.page.bleed ? toPoints(raw.page.bleed) : 0,
      sink: raw.page.sink ? toPoints(raw.page.sink) : 0,
      margins: {
        top: toPoints(raw.page.margins.top),
        bottom: toPoints(raw.page.margins.bottom),
        inside: toPoints(raw.page.margins.inside),
        outside: toPoints(raw.page.margins.outside),
      },
      gutterByPageCount: raw.page.gutterByPageCount ?? false,
      cropMarks: raw.page.cropMarks ?? false,
      minLineWeight: toPoints(raw.page.minLineWeight ?? DEFAULT_MIN_LINE_WEIGHT),
      coverPage: raw.page.coverPage ?? false,
      minPages: raw.page.minPages ?? 0,
      frontMatter: {
        titlePage: raw.frontMatter?.titlePage ?? false,
        copyrightPage: raw.frontMatter?.copyrightPage ?? false,
        ...(raw.frontMatter?.colophon ? { colophon: checkColophon(raw.frontMatter.colophon, fonts, file) } : {}),
      },
      fonts,
      fallbackFonts: (raw.fallbackFonts ?? []).map((spec, index) => fontPath(spec, `fallbackFonts.${index}`)),
      boldFallbackFonts: (raw.boldFallbackFonts ?? []).map((spec, index) => fontPath(spec, `boldFallbackFonts.${index}`)),
      matchXHeight: raw.fallbackSize === 'x-height',
      styles,
      hyphenate: raw.hyphenate ?? false,
      hyphenation: Object.fromEntries(Object.entries(raw.hyphenation ?? {}).map(([tag, rules]) => [tag.toLowerCase(), rules])),
      ...(raw.printRules
        ? {
            rules: {
              minTypeSize: raw.printRules.minTypeSize ? toPoints(raw.printRules.minTypeSize) : 0,
              minLeading: raw.printRules.minLeading ?? 1,
              forbid: raw.printRules.forbid ?? [],
            },
          }
        : {}),
      runningHeads: raw.runningHeads ?? true,
      folios: raw.folios ?? true,
      pdfa: raw.pdfa ?? false,
      cover: {
        paper: raw.printCover?.paper ?? 'white',
        ...(raw.printCover?.back ? { backSvg: readFileSync(raw.printCover.back, 'utf8') } : {}),
        spine: {
          fontFamily: raw.printCover?.spine?.fontFamily ?? '',
          fontWeight: raw.printCover?.spine?.fontWeight ?? 700,
          size: toPoints(raw.printCover?.spine?.size ?? DEFAULT_SPINE_SIZE),
          fill: raw.printCover?.spine?.fill ?? '#000000',
        },
      },
      booklet: { sheet: raw.booklet?.sheet ?? 'letter' },
    },
    epub,
    labels: raw.labels,
    extract: { ...scrape, defaultLang: raw.lang ?? 'en', languages: raw.words },
    headingCapitals: raw.headingCapitals ?? 'keep',
    languages: Object.fromEntries(
      Object.entries(raw.languages ?? {}).map(([lang, settings]) => [
        lang.toLowerCase(),
        {
          fallbackFonts: (settings.fallbackFonts ?? []).map((spec, index) => fontPath(spec, `languages.${lang}.fallbackFonts.${index}`)),
          boldFallbackFonts: (settings.boldFallbackFonts ?? []).map((spec, index) => fontPath(spec, `languages.${lang}.boldFallbackFonts.${index}`)),
          ...(settings.leading ? { leading: settings.leading } : {}),
        },
      ]),
    ),
  };
}

function hashTemplate(dirs: string[], template: Template): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    // Subfolders too (a template's own fonts or images), so an edit anywhere in the template rebuilds its books.
    for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
      const path = join(dir, name);
      if (name.split(sep).some((part) => part.startsWith('.')) || !statSync(path).isFile()) continue;
      hash.update(`${basename(dir)}/${name}\0`).update(readFileSync(path));
    }
  }
  hash.update(JSON.stringify([template.print.fonts, template.print.fallbackFonts, template.print.boldFallbackFonts, template.languages]));
  return hash.digest('hex');
}

/** Package-relative font specs ("@scope/pkg/dir/file.ttf") resolve from the template's folder like imports do. */
function resolvePackageFile(requires: NodeJS.Require[], spec: string): string | undefined {
  for (const require of requires) {
    try {
      return require.resolve(spec);
    } catch {
      // Not installed here; try the next place.
    }
  }
  return undefined;
}

/** A colophon whose every `{{name}}` names one of the template's font families. */
function checkColophon(colophon: string, fonts: PrintSettings['fonts'], file: string): string {
  for (const [, name] of colophon.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    if (!fonts[name!]) throw new TemplateError(`${file}: frontMatter.colophon: {{${name}}} names no font family (the fonts are ${Object.keys(fonts).join(', ')})`, { file });
  }
  return colophon;
}

/** Roles a template may leave out, and the role each borrows from. */
const INHERITS: Array<[StyleRole, StyleRole]> = [
  ['byline', 'caption'],
  ['subtitle', 'byline'],
  ['subheading', 'heading'],
  ['blockquote', 'body'],
  ['listItem', 'body'],
  ['code', 'body'],
  ['table', 'body'],
];

function resolveStyles(raw: RawTemplate, fonts: PrintSettings['fonts'], file: string): Record<StyleRole, TextStyle> {
  const styles: Partial<Record<StyleRole, TextStyle>> = {};
  const rawStyles: Partial<Record<StyleRole, RawStyle>> = { ...raw.styles };
  for (const [role, from] of INHERITS) rawStyles[role] ??= rawStyles[from];
  for (const [role, style] of Object.entries(rawStyles) as Array<[StyleRole, RawStyle]>) {
    const face = (style.face ?? 'regular') as FontFace;
    if (!fonts[style.family]) throw new TemplateError(`${file}: styles.${role}.family: no font family "${style.family}" in fonts`, { file });
    if (!fonts[style.family]![face]) throw new TemplateError(`${file}: styles.${role}.face: family "${style.family}" has no ${face} face`, { file });
    const size = toPoints(style.size);
    const length = (value: string | undefined): number => (value ? toPoints(value, size) : 0);
    styles[role] = {
      family: style.family,
      face,
      size,
      leading: toPoints(style.leading),
      align: (style.align ?? 'left') as TextStyle['align'],
      spaceBefore: length(style.spaceBefore),
      spaceAfter: length(style.spaceAfter),
      indent: length(style.indent),
      inset: length(style.inset),
      transform: (style.transform ?? 'none') as TextStyle['transform'],
      tracking: length(style.tracking),
      gray: style.gray ?? 0,
    };
  }
  return styles as Record<StyleRole, TextStyle>;
}
