/**
 * The Kindle preflight (issue 15, §1). For each rule Send to Kindle is known to enforce: an
 * article that would break it is built through the whole pipeline, and its EPUB keeps the rule
 * (checked by our preflight and by EPUBCheck); and a built EPUB broken by hand on that one rule
 * is caught by the preflight, so the check is shown able to fail. No Kindle service is reachable
 * from here: these are the rules public sources give, not Amazon's verdict.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBook, type BookResult } from '../../pipeline/index.js';
import { checkKindle, isKindleLanguage, type KindleRule } from '../../pipeline/epub/kindle.js';
import { epubcheck, MARKDOWN } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/kindle');

/** Every EPUB the tests built, for EPUBCheck at the end. */
const built = new Map<string, Uint8Array>();

/** Builds one article (or a project's article) into an EPUB and a PDF, read back and verified as a real build is. */
async function build(file: string, options: { template?: string; cwd?: string } = {}): Promise<{ result: BookResult; epub: Uint8Array }> {
  const result = await buildBook([file], { template: options.template ?? 'default', formats: ['epub', 'pdf'], ...(options.cwd ? { cwd: options.cwd } : {}) });
  const epub = result.artifacts.find((artifact) => artifact.mediaType === 'application/epub+zip')!.bytes;
  built.set(`${options.template ?? 'default'} ${file}`, epub);
  return { result, epub };
}

function passed(result: BookResult, rule: KindleRule): boolean | undefined {
  return result.kindle?.checks.find((check) => check.rule === rule)?.passed;
}

async function documents(epub: Uint8Array): Promise<Array<{ path: string; text: string }>> {
  const zip = await JSZip.loadAsync(epub);
  const paths = Object.keys(zip.files).filter((path) => path.endsWith('.xhtml'));
  return Promise.all(paths.map(async (path) => ({ path, text: await zip.file(path)!.async('string') })));
}

/** A clean book of the Markdown fixture, to break by hand one rule at a time. */
let clean: Uint8Array;
let project: string;

beforeAll(async () => {
  clean = (await build(MARKDOWN)).epub;
  project = mkdtempSync(join(tmpdir(), 'galley-kindle-'));
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Rewrites entries of an EPUB and zips it again as an EPUB should be (mimetype first, stored). */
async function tamper(epub: Uint8Array, edit: (zip: JSZip) => Promise<void>, options: { storeMimetype?: boolean } = {}): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(epub);
  await edit(zip);
  const out = new JSZip();
  out.file('mimetype', 'application/epub+zip', { compression: options.storeMimetype === false ? 'DEFLATE' : 'STORE' });
  // Padding (.bin) is stored, so a large book is quick to make.
  for (const [path, entry] of Object.entries(zip.files))
    if (path !== 'mimetype' && !entry.dir) out.file(path, await entry.async('uint8array'), path.endsWith('.bin') ? { compression: 'STORE' } : {});
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function replaceIn(zip: JSZip, path: string, from: string | RegExp, to: string): Promise<void> {
  const text = await zip.file(path)!.async('string');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  zip.file(path, changed);
}

async function failures(epub: Uint8Array): Promise<Record<string, string>> {
  const report = await checkKindle(epub);
  return Object.fromEntries(report.checks.filter((check) => !check.passed).map((check) => [check.rule, check.detail]));
}

describe('the Kindle preflight on a clean book', () => {
  it('passes every rule and says that no Kindle service was asked', async () => {
    const report = await checkKindle(clean);
    expect(report.checks.map((check) => check.rule)).toEqual(['xml-declaration', 'body-id-links', 'language', 'img-src', 'media', 'fonts', 'mimetype', 'size']);
    expect(report.warnings).toEqual([]);
    expect(report.language).toBe('en');
    expect(report.note).toContain('no Kindle service can be reached from here');
  });

  it('survives a repack (the hand-broken books below differ from it only where they are broken)', async () => {
    expect(await failures(await tamper(clean, async () => undefined))).toEqual({});
  });
});

describe('Kindle rule: an XML declaration naming UTF-8 on every content document', () => {
  it('holds for an article that declares ISO-8859-1 itself, in German with umlauts', async () => {
    const { result, epub } = await build(join(FIXTURES, 'encoding.md'));
    expect(passed(result, 'xml-declaration')).toBe(true);
    for (const { path, text } of await documents(epub)) {
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), path).toBe(true);
      expect(text.match(/<\?xml/g), path).toHaveLength(1);
      expect(text).not.toMatch(/ISO-8859-1/i);
    }
    expect(result.kindle?.language).toBe('de');
  });

  it('is caught when a document lacks it or names another encoding', async () => {
    const bare = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/chapter-1.xhtml', /^<\?xml[^>]*>\n/, ''));
    expect((await failures(bare))['xml-declaration']).toBe('OEBPS/chapter-1.xhtml does not begin with <?xml version="1.0" encoding="UTF-8"?>');
    const latin = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/toc.xhtml', 'encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    expect(Object.keys(await failures(latin))).toEqual(['xml-declaration']);
  });
});

describe('Kindle rule: no link targets the id of a <body>', () => {
  it('holds for an article that gives its body an id and links back to it', async () => {
    const { result, epub } = await build(join(FIXTURES, 'body-id.md'));
    expect(passed(result, 'body-id-links')).toBe(true);
    for (const { text } of await documents(epub)) {
      expect(text).not.toMatch(/<body[^>]*\sid=/);
      expect(text).not.toContain('href="#top"');
    }
  });

  it('is caught when the table of contents links to a chapter body’s id', async () => {
    const broken = await tamper(clean, async (zip) => {
      await replaceIn(zip, 'OEBPS/chapter-1.xhtml', '<body epub:type="bodymatter"', '<body id="start" epub:type="bodymatter"');
      await replaceIn(zip, 'OEBPS/toc.xhtml', 'href="chapter-1.xhtml"', 'href="chapter-1.xhtml#start"');
    });
    expect((await failures(broken))['body-id-links']).toBe('OEBPS/toc.xhtml links to chapter-1.xhtml#start, the id of a <body>');
  });
});

describe('Kindle rule: a dc:language Send to Kindle lists', () => {
  it('warns, naming the language, for an article in Russian (the book is still built)', async () => {
    const { result } = await build(join(FIXTURES, 'russian.md'));
    expect(passed(result, 'language')).toBe(false);
    expect(result.kindle?.warnings).toEqual(['Kindle language: dc:language "ru" (Russian) is not among the languages Send to Kindle lists']);
    const warning = result.diagnostics.find((diagnostic) => diagnostic.rule === 'kindle-language');
    expect(warning).toMatchObject({ severity: 'warning', file: join(FIXTURES, 'russian.md') });
    expect(warning?.message).toContain('"ru" (Russian)');
    expect(result.artifacts.map((artifact) => artifact.name.split('.').slice(1).join('.'))).toContain('epub');
  });

  it('reads the base code of a tag with a region or script, and knows the ISO 639-2 forms', () => {
    expect(['en', 'en-GB', 'de-AT', 'zh-Hant-TW', 'pt_BR', 'deu', 'fre', 'nb'].every(isKindleLanguage)).toBe(true);
    expect(['ru', 'ko', 'uk', 'el', 'he', 'tr', 'no', ''].some(isKindleLanguage)).toBe(false);
  });

  it('is caught when the package has no dc:language', async () => {
    const broken = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/content.opf', /<dc:language>[^<]*<\/dc:language>\n?/, ''));
    expect((await failures(broken)).language).toBe('the package has no dc:language');
  });
});

describe('Kindle rule: no <img> without a src', () => {
  it('holds for an article with an <img> without src, a lazy-loaded one (data-src) and an empty Markdown image', async () => {
    const { result, epub } = await build(join(FIXTURES, 'img-without-src.md'));
    expect(passed(result, 'img-src')).toBe(true);
    for (const { text } of await documents(epub)) for (const image of text.match(/<img\b[^>]*>/g) ?? []) expect(image).toMatch(/\ssrc="[^"]+"/);
  });

  it('is caught for an <img> without src and for one whose file is not in the book', async () => {
    const bare = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/chapter-1.xhtml', '</section>', '<img alt="x"/></section>'));
    expect((await failures(bare))['img-src']).toBe('OEBPS/chapter-1.xhtml has an <img> without src');
    const missing = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/chapter-1.xhtml', '</section>', '<img src="images/gone.png" alt="x"/></section>'));
    expect((await failures(missing))['img-src']).toBe('OEBPS/chapter-1.xhtml has an <img> whose src images/gone.png is not in the book');
  });
});

describe('Kindle rule: no unsupported media', () => {
  it('holds for an article with video, audio, an iframe, a Flash object and an SVG image', async () => {
    const { result, epub } = await build(join(FIXTURES, 'media.md'));
    expect(passed(result, 'media')).toBe(true);
    const zip = await JSZip.loadAsync(epub);
    expect(Object.keys(zip.files).filter((path) => /\.(?:mp4|mp3|swf|svg)$/.test(path))).toEqual([]);
    for (const { text } of await documents(epub)) expect(text).not.toMatch(/<(?:video|audio|iframe|object|embed|script)\b/);
  });

  it('is caught for a <video> in a chapter and for a sound file in the manifest', async () => {
    const video = await tamper(clean, (zip) => replaceIn(zip, 'OEBPS/chapter-1.xhtml', '</section>', '<video src="clip.mp4"/></section>'));
    expect((await failures(video)).media).toBe('OEBPS/chapter-1.xhtml has <video>');
    const sound = await tamper(clean, async (zip) => {
      zip.file('OEBPS/carol.mp3', new Uint8Array(16));
      await replaceIn(zip, 'OEBPS/content.opf', '</manifest>', '<item id="carol" href="carol.mp3" media-type="audio/mpeg"/>\n</manifest>');
    });
    expect((await failures(sound)).media).toBe('OEBPS/carol.mp3 is audio/mpeg');
  });
});

describe('Kindle rule: no unsupported fonts', () => {
  it('holds for a template whose stylesheet asks for a WOFF2 web font, imports a sheet and sets a background image', async () => {
    const folder = join(project, 'templates', 'webfont');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'template.json'), JSON.stringify({ extends: 'default' }));
    writeFileSync(
      join(folder, 'style.css'),
      '@import url("https://fonts.example.com/css?family=Merriweather");\n@font-face { font-family: "Merriweather"; src: url("fonts/merriweather.woff2") format("woff2"); }\nbody { font-family: "Merriweather", serif; background: url(paper.png) repeat; color: #111; }\n',
    );
    const { result, epub } = await build(MARKDOWN, { template: 'webfont', cwd: project });
    expect(passed(result, 'fonts')).toBe(true);
    const css = await (await JSZip.loadAsync(epub)).file('OEBPS/style.css')!.async('string');
    expect(css).not.toMatch(/@import|@font-face|url\(/);
    // The rest of the template's rule stays.
    expect(css).toContain('font-family: "Merriweather", serif;');
    expect(css).toContain('color: #111;');
    const warning = result.diagnostics.find((diagnostic) => diagnostic.rule === 'epub-stylesheet');
    expect(warning?.message).toContain('@font-face');
    expect(warning?.message).toContain('background: url(paper.png) repeat');
  });

  it('is caught for a WOFF2 font in the book and for a stylesheet that reaches outside it', async () => {
    const woff = await tamper(clean, async (zip) => {
      zip.file('OEBPS/fonts/a.woff2', new Uint8Array(16));
      await replaceIn(zip, 'OEBPS/content.opf', '</manifest>', '<item id="font-a" href="fonts/a.woff2" media-type="font/woff2"/>\n</manifest>');
      zip.file('OEBPS/style.css', `${await zip.file('OEBPS/style.css')!.async('string')}\n@font-face { font-family: A; src: url(fonts/a.woff2); }\n`);
    });
    expect((await failures(woff)).fonts).toBe(
      'OEBPS/fonts/a.woff2 is a font a Kindle cannot use (font/woff2); OEBPS/style.css uses the font fonts/a.woff2, which a Kindle cannot render',
    );
    const remote = await tamper(clean, async (zip) => {
      zip.file(
        'OEBPS/style.css',
        `@import "https://example.com/a.css";\n${await zip.file('OEBPS/style.css')!.async('string')}\np { background: url("https://example.com/p.png"); }\n`,
      );
    });
    expect((await failures(remote)).fonts).toBe('OEBPS/style.css imports "https://example.com/a.css"; OEBPS/style.css refers to https://example.com/p.png, outside the book');
  });
});

describe('Kindle packaging: mimetype first and stored, and the e-mail size limit', () => {
  it('is caught when mimetype is compressed, and for a book over 50 MB', async () => {
    expect(Object.keys(await failures(await tamper(clean, async () => undefined, { storeMimetype: false })))).toEqual(['mimetype']);
    const big = await tamper(clean, async (zip) => {
      zip.file('OEBPS/padding.bin', new Uint8Array(51 * 1024 * 1024));
    });
    expect((await failures(big)).size).toMatch(/^51\.\d MB is over Send to Kindle's 50 MB e-mail limit/);
  });
});

describe('EPUBCheck', () => {
  it('finds no error or warning in the books built above from articles and a template that would break a Kindle rule', { timeout: 600_000 }, async () => {
    expect(built.size).toBe(7);
    for (const [name, epub] of built) {
      const messages = (await epubcheck(epub)).filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity));
      expect(messages, name).toEqual([]);
    }
  });
});
