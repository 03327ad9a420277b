/** Front matter and folders as a user writes them, through the real command: every doubtful value is said, never silently used or dropped. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { epubcheck } from '../epub/helpers.js';
import { galley } from '../helpers/cli.js';

const BODY = [
  'The two restored cranes on the north quay lifted their first containers in thirty years on Monday morning.',
  '',
  'Dock workers watched from the old customs house as the crews tested each winch, and the harbour master said the port expects forty ships before the summer.',
  '',
].join('\n');

/** The package document of an EPUB. */
async function opf(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const name = Object.keys(zip.files).find((entry) => entry.endsWith('.opf'))!;
  return zip.file(name)!.async('string');
}

describe('front matter', () => {
  it('warns about an invalid language tag, an unreadable date and unknown keys, and reads two authors and a subtitle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-front-matter-'));
    const article = join(dir, 'cranes.md');
    writeFileSync(
      article,
      [
        '---',
        'title: Cranes return to the quay',
        'subtitle: Thirty years on, the port lifts again',
        'lang: xx-INVALID-tag!',
        'date: 14/05/2024',
        'author: [Ana Ruiz, Tom Berg]',
        'mood: sunny',
        '---',
        '',
        BODY,
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const run = galley(['build', article, '-o', out, '-f', 'epub']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('cranes.md: warning: front matter "lang: xx-INVALID-tag!" is not a BCP 47 language tag');
    expect(run.stdout).toContain('cranes.md: warning: front matter "date: 14/05/2024" is not a date Galley can read');
    expect(run.stdout).toMatch(/cranes\.md: warning: front matter key "mood" not known/);
    const pkg = await opf(join(out, 'cranes-return-to-the-quay.epub'));
    expect(pkg).toMatch(/<dc:language[^>]*>en<\/dc:language>/);
    expect(pkg).not.toContain('INVALID');
    expect([...pkg.matchAll(/<dc:creator[^>]*>([^<]*)<\/dc:creator>/g)].map((match) => match[1])).toEqual(['Ana Ruiz', 'Tom Berg']);
    expect(pkg).toMatch(/<dc:description[^>]*>Thirty years on, the port lifts again<\/dc:description>/);
    expect(pkg).not.toContain('14/05/2024');
  });

  it('warns about a date that is no date at all, and keeps a good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-front-matter-'));
    writeFileSync(join(dir, 'a.md'), ['---', 'title: A harbour story', 'date: not a date', '---', '', BODY].join('\n'));
    writeFileSync(join(dir, 'b.md'), ['---', 'title: Another harbour story', 'date: 2024-05-14', 'lang: en-GB', '---', '', BODY].join('\n'));
    const run = galley(['build', dir, '-o', join(dir, 'out'), '-f', 'epub']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('a.md: warning: front matter "date: not a date" is not a date Galley can read');
    expect(run.stdout.split('\n').filter((line) => line.includes('b.md:') && line.includes('warning'))).toEqual([]);
  });
});

describe('folders', () => {
  it('names the documents it cannot read in one line, and builds the articles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-folder-'));
    writeFileSync(join(dir, 'a.md'), ['---', 'title: A harbour story', '---', '', BODY].join('\n'));
    for (const name of ['notes.docx', 'scan.pdf', 'old.epub']) writeFileSync(join(dir, name), 'PK\u0003\u0004');
    writeFileSync(join(dir, 'photo.png'), '');
    const run = galley(['build', dir, '-o', join(dir, 'out'), '-f', 'epub']);
    expect(run.status).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^galley: skipped 3 files Galley cannot read \(only \.txt, \.html and \.md articles\): .*notes\.docx, .*old\.epub, .*scan\.pdf$/);
    expect(run.stdout).toContain('1 of 1 book built');
  });
});

/** A flat-colour picture in the given format. */
async function picture(format: 'jpeg' | 'png', width: number, height: number, colour: string): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return format === 'jpeg' ? image.jpeg({ quality: 80 }).toBuffer() : image.png().toBuffer();
}

/** A template of the test's own that prints the cover as the PDF's first page. */
function coverPageTemplate(dir: string): void {
  mkdirSync(join(dir, 'templates', 'with-cover'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'with-cover', 'template.json'), JSON.stringify({ extends: 'default', page: { coverPage: true } }));
}

describe('front matter cover, subtitle and publisher', () => {
  it("makes the article's own picture the cover of both books and of the downloads page, and sets subtitle and publisher in both books", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-cover-'));
    coverPageTemplate(dir);
    const cover = await picture('jpeg', 1800, 2700, '#b03020');
    writeFileSync(join(dir, 'cover.jpg'), cover);
    const article = join(dir, 'cranes.md');
    writeFileSync(
      article,
      [
        '---',
        'title: Cranes return to the quay',
        'subtitle: Thirty years on, the port lifts again',
        'publisher: The Harbour Courier',
        'cover: cover.jpg',
        'lang: en',
        '---',
        '',
        BODY,
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const run = galley(['build', article, '-o', out, '-t', 'with-cover'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/warning.*cover/i);
    const slug = 'cranes-return-to-the-quay';

    // The EPUB: the picture itself is the cover image, and the package says it is a JPEG.
    const epub = readFileSync(join(out, `${slug}.epub`));
    const zip = await JSZip.loadAsync(epub);
    const packaged = await zip.file('OEBPS/cover.jpg')!.async('nodebuffer');
    expect(Buffer.compare(packaged, cover)).toBe(0);
    expect(zip.file('OEBPS/cover.png')).toBeNull();
    const pkg = await opf(join(out, `${slug}.epub`));
    expect(pkg).toMatch(/<item id="cover-image" href="cover\.jpg" media-type="image\/jpeg" properties="cover-image"\/>/);
    expect(pkg).toMatch(/<dc:publisher>The Harbour Courier<\/dc:publisher>/);
    expect((await epubcheck(epub)).filter((message) => message.severity === 'ERROR' || message.severity === 'FATAL')).toEqual([]);
    const titlePage = await zip.file(/title-page\.xhtml$/)[0]!.async('string');
    expect(titlePage).toContain('<p class="subtitle">Thirty years on, the port lifts again</p>');
    expect(titlePage).toContain('<p class="publisher">The Harbour Courier</p>');
    const chapter = await zip.file(/chapter-1\.xhtml$/)[0]!.async('string');
    expect(chapter).toMatch(/<\/h1>\s*<p class="subtitle">Thirty years on, the port lifts again<\/p>/);

    // The downloads page shows the same picture, as a thumbnail made from it (its colour, not the generated cover's).
    expect(Buffer.compare(readFileSync(join(out, `${slug}.cover.jpg`)), cover)).toBe(0);
    expect(existsSync(join(out, `${slug}.cover.png`))).toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`src="${slug}.thumbnail.jpg"`);
    const { channels } = await sharp(readFileSync(join(out, `${slug}.thumbnail.jpg`))).stats();
    channels.slice(0, 3).forEach((channel, index) => expect(Math.abs(channel.mean - [0xb0, 0x30, 0x20][index]!)).toBeLessThan(8));

    // The PDF: page 1 is the picture (a JPEG, at its own size), the subtitle is set under the headline, the publisher is in the metadata.
    const pdf = join(out, `${slug}.pdf`);
    const images = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .slice(2)
      .map((row) => row.trim().split(/\s+/));
    expect(images.map((row) => [row[0], row[3], row[4], row[8]])).toEqual([['1', '1800', '2700', 'jpeg']]);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text.replace(/\s+/g, ' ')).toContain('Cranes return to the quay Thirty years on, the port lifts again');
    expect(spawnSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' }).stdout).toContain('The Harbour Courier');

    // A new picture makes the book stale.
    expect(galley(['build', article, '-o', out, '-t', 'with-cover'], { cwd: dir }).stdout).toContain('1 unchanged');
    writeFileSync(join(dir, 'cover.jpg'), await picture('jpeg', 1800, 2700, '#2040b0'));
    const again = galley(['build', article, '-o', out, '-t', 'with-cover'], { cwd: dir });
    expect(again.stdout).toContain('1 of 1 book built');
    expect(Buffer.compare(readFileSync(join(out, `${slug}.cover.jpg`)), readFileSync(join(dir, 'cover.jpg')))).toBe(0);
  });

  it("refuses a cover outside the article's folder, a URL, an absolute path, a missing file and a file that is no picture, each in one warning naming the file and the value", async () => {
    const root = mkdtempSync(join(tmpdir(), 'galley-cover-'));
    const dir = join(root, 'articles');
    mkdirSync(dir);
    writeFileSync(join(root, 'outside.png'), await picture('png', 600, 900, '#000000'));
    writeFileSync(join(dir, 'notes.txt'), 'not a picture at all\n');
    const values = ['../outside.png', '%2e%2e/outside.png', '/etc/passwd', 'https://example.com/cover.png', 'missing.png', 'notes.txt'];
    values.forEach((value, index) =>
      writeFileSync(join(dir, `article-${index}.md`), ['---', `title: Harbour story number ${index + 1}`, `cover: "${value}"`, '---', '', BODY].join('\n')),
    );
    const out = join(root, 'out');
    const run = galley(['build', ...values.map((_, index) => join(dir, `article-${index}.md`)), '-o', out, '-f', 'epub']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const warnings = run.stdout.split('\n').filter((line) => /cover/.test(line) && /warning/.test(line));
    expect(warnings).toHaveLength(values.length);
    values.forEach((value, index) => {
      const line = warnings.find((warning) => warning.includes(`article-${index}.md`));
      expect(line, value).toContain(`front matter "cover: ${value}" refused: `);
      expect(line).toContain('the generated cover is used');
    });
    expect(warnings.join('\n')).toMatch(/"cover: \.\.\/outside\.png" refused: it leads outside the article's folder/);
    expect(warnings.join('\n')).toMatch(/"cover: https:\/\/example\.com\/cover\.png" refused: only a picture in the article's folder can be its cover, never a URL/);
    expect(warnings.join('\n')).toMatch(/"cover: \/etc\/passwd" refused: absolute paths are not allowed/);
    expect(warnings.join('\n')).toMatch(/"cover: missing\.png" refused: file not found/);
    expect(warnings.join('\n')).toMatch(/"cover: notes\.txt" refused: not an image/);
    // Every book still has its generated cover, and nothing from outside reached one.
    const outside = readFileSync(join(root, 'outside.png'));
    for (let index = 0; index < values.length; index++) {
      const zip = await JSZip.loadAsync(readFileSync(join(out, `harbour-story-number-${index + 1}.epub`)));
      const packaged = await zip.file('OEBPS/cover.png')!.async('nodebuffer');
      expect(Buffer.compare(packaged, outside)).not.toBe(0);
    }
  });

  it("keeps a collection's generated cover and says why an article's own is left out", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-cover-'));
    writeFileSync(join(dir, 'cover.png'), await picture('png', 600, 900, '#336633'));
    writeFileSync(join(dir, 'a.md'), ['---', 'title: A harbour story', 'cover: cover.png', '---', '', BODY].join('\n'));
    writeFileSync(join(dir, 'b.md'), ['---', 'title: Another harbour story', '---', '', BODY].join('\n'));
    const out = join(dir, 'out');
    const run = galley(['build', join(dir, 'a.md'), join(dir, 'b.md'), '--collection', 'Harbour stories', '-o', out, '-f', 'epub']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/a\.md: warning: front matter "cover: cover\.png" left out: a collection has a cover of its own/);
    const zip = await JSZip.loadAsync(readFileSync(join(out, 'harbour-stories.epub')));
    expect(Buffer.compare(await zip.file('OEBPS/cover.png')!.async('nodebuffer'), readFileSync(join(dir, 'cover.png')))).not.toBe(0);
  });
});

describe("the print book's first pages and --min-pages", () => {
  it("prints a title and a copyright page before the text, pads to --min-pages (or galley.config.json's minPages) with blank pages, says which minimum applied, and verifies the words", () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-min-pages-'));
    const article = join(dir, 'cranes.md');
    writeFileSync(article, ['---', 'title: Cranes return to the quay', 'author: Ana Ruiz', 'rights: © 2024 The Harbour Courier', 'date: 2024-05-14', '---', '', BODY].join('\n'));
    const out = join(dir, 'out');
    const pdf = join(out, 'cranes-return-to-the-quay.pdf');
    const pages = (): number => Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1]);

    const plain = galley(['build', article, '-o', out, '-f', 'pdf'], { cwd: dir });
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('preflight: 4 pages (1 blank); no minimum page count;');
    expect(plain.stdout).toContain('warning: 4 pages: KDP prints books of 24 pages or more; --min-pages 24 pads it with blank pages at the end (preflight)');
    expect(pages()).toBe(4);
    const front = spawnSync('pdftotext', ['-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(front).toContain('Cranes return to the quay');
    expect(front).toContain('Originally published on May 14, 2024.');
    expect(front).toContain('Set in Literata, with display type in Source Sans 3.');

    const padded = galley(['build', article, '-o', out, '-f', 'pdf', '--min-pages', '24'], { cwd: dir });
    expect(padded.stderr).toBe('');
    expect(padded.status).toBe(0);
    expect(padded.stdout).toContain('preflight: 24 pages (21 blank); minimum 24 pages (--min-pages), 20 blank added;');
    expect(padded.stdout).toContain('warning: 21 blank pages in a row at the end: KDP accepts at most 10');
    expect(padded.stdout).not.toContain('KDP prints books of 24 pages or more');
    expect(pages()).toBe(24);

    writeFileSync(join(dir, 'galley.config.json'), JSON.stringify({ minPages: 18 }));
    const configured = galley(['build', article, '-o', out, '-f', 'pdf'], { cwd: dir });
    expect(configured.stdout).toContain('minimum 18 pages (--min-pages), 14 blank added');
    expect(pages()).toBe(18);

    const wrong = galley(['build', article, '-o', out, '--min-pages', 'many'], { cwd: dir });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^galley: --min-pages: "many" is not a page count from 0 to 1000\nsee galley build --help\n$/);
  });
});
