/** Trustworthy rebuilds, through the real command: a book is rebuilt when anything it was made from or wrote changed. */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const SLUG = 'cranes-over-the-harbour';

async function picture(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** A folder with an article that shows `harbour.png`, and the output folder beside it. */
async function articleWithPicture(): Promise<{ dir: string; article: string; out: string }> {
  const root = mkdtempSync(join(tmpdir(), 'galley-rebuild-'));
  const dir = join(root, 'article');
  mkdirSync(dir);
  writeFileSync(join(dir, 'harbour.png'), await picture('#3366aa'));
  const article = join(dir, 'article.md');
  writeFileSync(
    article,
    [
      '---',
      'title: Cranes over the harbour',
      'lang: en',
      '---',
      '',
      'The north quay at dawn, with both restored cranes at work.',
      '',
      '![Two cranes](harbour.png "The cranes at dawn.")',
      '',
      'Dock workers watched from the old customs house.',
      '',
    ].join('\n'),
  );
  return { dir, article, out: join(root, 'out') };
}

/** The PNG pictures inside an EPUB other than the cover, as bytes. */
async function epubPictures(file: string): Promise<Buffer[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((name) => name.endsWith('.png') && !/cover/i.test(name));
  return Promise.all(names.map(async (name) => Buffer.from(await zip.file(name)!.async('uint8array'))));
}

/** Every href of the downloads page that names a local file. */
function linkedFiles(out: string): string[] {
  return [...readFileSync(join(out, 'index.html'), 'utf8').matchAll(/(?:href|src)="([^"#:?]+)"/g)].map((match) => match[1]!).filter((href) => !href.startsWith('/'));
}

describe('rebuilds', () => {
  it('rebuilds a book when a picture it uses changes, and only then', async () => {
    const { dir, article, out } = await articleWithPicture();
    expect(galley(['build', article, '-o', out, '-f', 'epub']).stdout).toContain('1 of 1 book built');
    expect(galley(['build', article, '-o', out, '-f', 'epub']).stdout).toContain('0 of 1 book built, 1 unchanged');
    const red = await picture('#cc2200');
    writeFileSync(join(dir, 'harbour.png'), red);
    const run = galley(['build', article, '-o', out, '-f', 'epub']);
    expect(run.stdout).toContain('1 of 1 book built');
    const pictures = await epubPictures(join(out, `${SLUG}.epub`));
    expect(pictures.length).toBe(1);
    const { data } = await sharp(pictures[0]).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([0xcc, 0x22, 0x00]);
  });

  it('rebuilds a book whose picture was missing once it appears', async () => {
    const { dir, article, out } = await articleWithPicture();
    rmSync(join(dir, 'harbour.png'));
    expect(galley(['build', article, '-o', out, '-f', 'epub']).stdout).toContain('(image-refused)');
    writeFileSync(join(dir, 'harbour.png'), await picture('#3366aa'));
    const run = galley(['build', article, '-o', out, '-f', 'epub']);
    expect(run.stdout).toContain('1 of 1 book built');
    expect(run.stdout).not.toContain('(image-refused)');
  });

  it('rebuilds a book one of whose files is missing or changed, and the downloads page links only files that are there', async () => {
    const { article, out } = await articleWithPicture();
    expect(galley(['build', article, '-o', out]).status).toBe(0);
    for (const name of [`${SLUG}.pdf`, `${SLUG}.epub`, `${SLUG}.cover.png`, `${SLUG}.report.json`]) {
      rmSync(join(out, name));
      const run = galley(['build', article, '-o', out]);
      expect(run.stdout, name).toContain('1 of 1 book built');
      expect(existsSync(join(out, name))).toBe(true);
      for (const href of linkedFiles(out)) expect(existsSync(join(out, decodeURIComponent(href))), href).toBe(true);
    }
    writeFileSync(join(out, `${SLUG}.pdf`), 'not the PDF that was built');
    expect(galley(['build', article, '-o', out]).stdout).toContain('1 of 1 book built');
    expect(
      readFileSync(join(out, `${SLUG}.pdf`))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(galley(['build', article, '-o', out]).stdout).toContain('0 of 1 book built, 1 unchanged');
  });

  it('rebuilds when the options change', async () => {
    const { article, out } = await articleWithPicture();
    expect(galley(['build', article, '-o', out, '-f', 'epub']).stdout).toContain('1 of 1 book built');
    expect(galley(['build', article, '-o', out, '-f', 'epub', '--crop-marks']).stdout).toContain('1 of 1 book built');
    expect(galley(['build', article, '-o', out, '-f', 'epub,pdf', '--crop-marks']).stdout).toContain('1 of 1 book built');
    expect(existsSync(join(out, `${SLUG}.pdf`))).toBe(true);
  });

  it('rebuilds when any file of the template or of the template it extends changes', async () => {
    const { article, out } = await articleWithPicture();
    const cwd = join(out, '..');
    cpSync(join(ROOT, 'templates/default'), join(cwd, 'templates/base'), { recursive: true });
    mkdirSync(join(cwd, 'templates/child/parts'), { recursive: true });
    writeFileSync(join(cwd, 'templates/child/template.json'), JSON.stringify({ extends: 'base' }));
    writeFileSync(join(cwd, 'templates/child/parts/notes.txt'), 'one');
    const build = (): string => galley(['build', article, '-o', out, '-f', 'epub', '-t', 'child'], { cwd }).stdout;
    expect(build()).toContain('1 of 1 book built');
    expect(build()).toContain('1 unchanged');
    writeFileSync(join(cwd, 'templates/base/style.css'), `${readFileSync(join(cwd, 'templates/base/style.css'), 'utf8')}\np { color: #111; }\n`);
    expect(build()).toContain('1 of 1 book built');
    writeFileSync(join(cwd, 'templates/child/parts/notes.txt'), 'two');
    expect(build()).toContain('1 of 1 book built');
    expect(build()).toContain('1 unchanged');
  });

  it('rebuilds under --watch when a picture changes', async () => {
    const { dir, article, out } = await articleWithPicture();
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/galley.js'), 'build', article, '-o', out, '-f', 'epub', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const waitFor = async (pattern: RegExp): Promise<void> => {
      for (let tries = 0; tries < 600 && !pattern.test(stdout); tries++) await new Promise((done) => setTimeout(done, 100));
    };
    try {
      await waitFor(/watching /);
      expect(stdout).toContain('watching ');
      writeFileSync(join(dir, 'harbour.png'), await picture('#cc2200'));
      await waitFor(/1 of 1 book built[\s\S]*1 of 1 book built/);
      expect(stdout.match(/1 of 1 book built/g)).toHaveLength(2);
    } finally {
      child.kill('SIGINT');
      await new Promise((done) => child.once('exit', done));
    }
  }, 120_000);
});
