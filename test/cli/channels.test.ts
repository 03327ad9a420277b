/** The print cover and the booklet through the real command: files beside the book, the numbers on the console, the flags checked. */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const SEED = join(ROOT, 'source/china-and-russia-reinforce-diplomatic-front-against-israel.txt');
const SLUG = 'china-and-russia-reinforce-diplomatic-front-against-israel';
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-channels-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('galley build --format cover,booklet', () => {
  it('writes <slug>.cover.pdf and <slug>.booklet.pdf as files of the book, and says their numbers', () => {
    const out = tempDir();
    const run = galley(['build', SEED, '--out', out, '--format', 'pdf,cover,booklet', '--paper', 'cream', '--sheet', 'a4', '--jobs', '1']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining([`${SLUG}.pdf`, `${SLUG}.cover.pdf`, `${SLUG}.booklet.pdf`]));
    const report = JSON.parse(readFileSync(join(out, `${SLUG}.report.json`), 'utf8')) as {
      preflight: { pages: number };
      printCover: { paper: string; spine: { in: number }; width: { in: number } };
      booklet: { sheet: string };
    };
    const pages = report.preflight.pages;
    const spine = Math.round(pages * 0.0025 * 10_000) / 10_000;
    expect(report.printCover).toMatchObject({ paper: 'cream', spine: { in: spine }, width: { in: Math.round((12.25 + pages * 0.0025) * 10_000) / 10_000 } });
    expect(report.booklet.sheet).toBe('a4');
    expect(run.stdout).toContain(`print cover: ${pages} pages on cream paper (0.0025 in a page): spine ${spine} in;`);
    expect(run.stdout).toMatch(/booklet: \d+ pages( and \d+ blank)? of 5\.83×8\.27 in on \d+ A4 sheets?; print both sides, flip on the short edge/);
    // The manifest lists them among the book's files, for the downloads page and the catalogue.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { books: Record<string, { files: Array<{ name: string }> }> };
    const names = Object.values(manifest.books)[0]!.files.map((file) => file.name);
    expect(names).toEqual(expect.arrayContaining([`${SLUG}.cover.pdf`, `${SLUG}.booklet.pdf`]));
  }, 120_000);

  it('refuses a paper or a sheet it does not know, in one line with exit code 2', () => {
    const paper = galley(['build', SEED, '--format', 'cover', '--paper', 'crem']);
    expect(paper.status).toBe(2);
    expect(paper.stderr).toBe('galley: --paper: "crem" is not one of white, cream; did you mean "cream"?\nsee galley build --help\n');
    const sheet = galley(['build', SEED, '--format', 'booklet', '--sheet', 'a3']);
    expect(sheet.status).toBe(2);
    expect(sheet.stderr.split('\n')[0]).toBe('galley: --sheet: "a3" is not one of letter, a4; did you mean "a4"?');
  });

  it('takes the paper and the sheet from galley.config.json', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'galley.config.json'), JSON.stringify({ formats: ['cover'], paper: 'cream', out: 'books', jobs: 1 }));
    const run = galley(['build', SEED], { cwd });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/print cover: \d+ pages on cream paper/);
    expect(readdirSync(join(cwd, 'books'))).toContain(`${SLUG}.cover.pdf`);
  }, 120_000);

  it('refuses a cover for a template without a cover skeleton, in one line with exit code 2', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'templates/default'), join(cwd, 'templates/plain'), { recursive: true });
    const file = join(cwd, 'templates/plain/template.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; epub: { cover?: string } };
    json.name = 'plain';
    delete json.epub.cover;
    writeFileSync(file, JSON.stringify(json));
    const run = galley(['build', SEED, '-t', 'plain', '--format', 'cover', '--jobs', '1'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('galley: template "plain" has no cover skeleton (epub.cover in its template.json), which --format cover needs\n');
  }, 120_000);
});
