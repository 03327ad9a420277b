/** Front matter and folders as a user writes them, through the real command: every doubtful value is said, never silently used or dropped. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { galley } from './helpers/cli.js';

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
      ['---', 'title: Cranes return to the quay', 'subtitle: Thirty years on, the port lifts again', 'lang: xx-INVALID-tag!', 'date: 14/05/2024', 'author: [Ana Ruiz, Tom Berg]', 'mood: sunny', '---', '', BODY].join('\n'),
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
