import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const SEED = join(ROOT, 'test/fixtures/articles/seed/article.txt');
const MARKDOWN = join(ROOT, 'test/fixtures/articles/markdown-front-matter/article.md');
const SLUG = 'china-and-russia-reinforce-diplomatic-front-against-israel';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'galley-cli-'));
}

describe('galley build', () => {
  it('builds the seed into an EPUB, a PDF and a report, printing one line per file', () => {
    const out = tempDir();
    const run = galley(['build', SEED, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const ext of ['epub', 'pdf', 'report.json']) {
      expect(existsSync(join(out, `${SLUG}.${ext}`))).toBe(true);
      expect(run.stdout).toMatch(new RegExp(`wrote .*${SLUG}\\.${ext.replace('.', '\\.')}  \\d+(\\.\\d+)? (B|kB|MB)\\n`));
    }
    expect(run.stdout).toContain('dropped web boilerplate: "Video Embed"');
    expect(run.stdout).toContain('1 of 1 book built');
    const report = JSON.parse(readFileSync(join(out, `${SLUG}.report.json`), 'utf8')) as { dropped: Array<{ text: string; line: number }> };
    expect(report.dropped.map((entry) => entry.text)).toEqual(
      expect.arrayContaining(['.', 'Video Embed', 'CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER', 'Related Content', 'Kyrgyzstan Russia']),
    );
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('builds a Markdown article with front matter', () => {
    const out = tempDir();
    const run = galley(['build', MARKDOWN, '--out', out, '--format', 'epub,pdf']);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'harbour-cranes-return-to-the-old-port.cover.png',
      'harbour-cranes-return-to-the-old-port.epub',
      'harbour-cranes-return-to-the-old-port.pdf',
      'harbour-cranes-return-to-the-old-port.report.json',
      'harbour-cranes-return-to-the-old-port.thumbnail.jpg',
      'index.html',
      'manifest.json',
      'opds.xml',
    ]);
  });

  it('builds the other articles when one fails, exits 1 and names the bad file in one line', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    cpSync(SEED, join(dir, 'a-good.txt'));
    writeFileSync(join(dir, 'b-empty.txt'), '  \n\n ');
    const run = galley(['build', dir, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`${join(dir, 'b-empty.txt')}: no text to build (empty or only whitespace/punctuation)`]);
    expect(existsSync(join(out, `${SLUG}.pdf`))).toBe(true);
    expect(run.stdout).toContain('1 of 2 books built, 1 failed');
  });

  it('refuses a template with a wrong field: exit 2, one line naming the file and the field', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'templates/default'), join(cwd, 'templates/broken'), { recursive: true });
    const file = join(cwd, 'templates/broken/template.json');
    const template = JSON.parse(readFileSync(file, 'utf8'));
    template.styles.body.size = 'big';
    writeFileSync(file, JSON.stringify(template));
    const run = galley(['build', SEED, '--out', join(cwd, 'out'), '--template', 'broken'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`galley: ${file}: styles.body.size: must be a length such as 10.5pt, 6in or 148mm\n`);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('refuses a template naming a font family it does not define', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'templates/default'), join(cwd, 'templates/broken'), { recursive: true });
    const file = join(cwd, 'templates/broken/template.json');
    const template = JSON.parse(readFileSync(file, 'utf8'));
    template.styles.heading.family = 'nope';
    writeFileSync(file, JSON.stringify(template));
    const run = galley(['build', SEED, '--template', 'broken'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`galley: ${file}: styles.heading.family: no font family "nope" in fonts\n`);
  });

  it('answers usage errors with exit 2', () => {
    expect(galley(['build']).status).toBe(2);
    expect(galley(['build', SEED, '--format', 'docx']).status).toBe(2);
    expect(galley(['frobnicate']).status).toBe(2);
    const missing = galley(['build', join(ROOT, 'no/such/file.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe(`galley: ${join(ROOT, 'no/such/file.txt')}: no such file or folder`);
    const template = galley(['build', SEED, '--template', 'nonexistent']);
    expect(template.status).toBe(2);
    expect(template.stderr).toBe('galley: --template: no template "nonexistent" in ./templates or Galley\'s own (found: default, large-print)\nsee galley build --help\n');
  });
});

describe('a command that explains itself', () => {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  it('prints its version', () => {
    for (const flag of ['--version', '-V']) {
      const run = galley([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`galley ${version}\n`);
    }
  });

  it('describes every option with its default and the templates found, also for plain `galley`', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'templates/default'), join(cwd, 'templates/my-house'), { recursive: true });
    const plain = galley([], { cwd });
    expect(plain.status).toBe(0);
    expect(galley(['--help'], { cwd }).stdout).toBe(plain.stdout);
    const build = galley(['build', '--help'], { cwd });
    expect(build.status).toBe(0);
    expect(galley(['help', 'build'], { cwd }).stdout).toBe(build.stdout);
    for (const option of ['out', 'template', 'format', 'collection', 'pdfa', 'crop-marks', 'force', 'watch', 'no-verify', 'jobs', 'verbose']) {
      expect(build.stdout).toMatch(new RegExp(`--${option}\\b.* \\w`));
    }
    for (const [short, long] of [
      ['o', 'out'],
      ['t', 'template'],
      ['f', 'format'],
      ['j', 'jobs'],
      ['w', 'watch'],
    ])
      expect(build.stdout).toContain(`-${short}, --${long}`);
    expect(build.stdout).toMatch(/--out DIR .*\(default: output\)/);
    expect(build.stdout).toMatch(/--template NAME .*\(default: default\)/);
    expect(build.stdout).toMatch(/--format LIST .*\(default: epub,pdf\)/);
    expect(build.stdout).toContain('templates found: default, large-print, my-house');
    expect(build.stdout).not.toContain('--port');
    const serve = galley(['serve', '--help']);
    expect(serve.stdout).toMatch(/--port N .*\(default: 8080\)/);
  });

  it('builds with the short flags', () => {
    const out = tempDir();
    const run = galley(['build', MARKDOWN, '-o', out, '-t', 'default', '-f', 'epub', '-j', '1']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.epub') || name.endsWith('.pdf'))).toEqual(['harbour-cranes-return-to-the-old-port.epub']);
  });

  it('answers a mistake in one line and a hint, suggesting what was meant', () => {
    const cases: Array<[string[], string]> = [
      [['build', SEED, '--fromat', 'pdf'], 'galley: unknown option --fromat; did you mean --format?'],
      [
        ['build', SEED, '--template', 'defualt'],
        'galley: --template: no template "defualt" in ./templates or Galley\'s own (found: default, large-print); did you mean "default"?',
      ],
      [['build', SEED, '--format', 'pfd'], 'galley: --format: "pfd" is not one of epub, pdf, cover, booklet; did you mean "pdf"?'],
      [['build', SEED, '--out'], 'galley: --out needs a value (DIR)'],
      [['build', SEED, '--port', '9000'], 'galley: --port is not an option of galley build'],
    ];
    for (const [args, message] of cases) {
      const run = galley(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`${message}\nsee galley build --help\n`);
      expect(run.stdout).toBe('');
    }
    const command = galley(['biuld', SEED]);
    expect(command.status).toBe(2);
    expect(command.stderr).toBe('galley: unknown command "biuld"; did you mean "build"?\nsee galley --help\n');
  });

  it('refuses to serve a missing folder or a port in use in one line, exit 2', async () => {
    const missing = join(tempDir(), 'not-built');
    const run = galley(['serve', '--out', missing]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`galley: ${missing}: no such folder; build into it first (galley build <files> --out ${missing})\nsee galley serve --help\n`);
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = spawnSync(process.execPath, [join(ROOT, 'pipeline/cli/galley.js'), 'serve', '--out', tempDir(), '--port', String(port)], { encoding: 'utf8', timeout: 30_000 });
      expect(child.status).toBe(2);
      expect(child.stderr).toBe(`galley: --port ${port}: the port is in use; choose another with --port N\nsee galley serve --help\n`);
    } finally {
      blocker.close();
    }
  });

  it('finishes its work quietly when the reader of its output goes away (| head)', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    cpSync(SEED, join(dir, 'a.txt'));
    cpSync(MARKDOWN, join(dir, 'b.md'));
    const cli = join(ROOT, 'pipeline/cli/galley.js');
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" build "${dir}" --out "${out}" -f epub -j 1 | head -n 1`], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toHaveLength(2);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('harbour-cranes-return-to-the-old-port.epub');
    expect(existsSync(join(out, `${SLUG}.epub`))).toBe(true);
  });

  it('names the file in each message and lists dropped lines in line order, with the print warnings', () => {
    const out = tempDir();
    const run = galley(['build', SEED, MARKDOWN, '--collection', 'Two', '--out', out, '--no-verify']);
    expect(run.status).toBe(0);
    const messages = run.stdout.split('\n').filter((line) => /^ {2}(?!wrote|preflight|kindle:)/.test(line));
    expect(messages.length).toBeGreaterThan(3);
    const seed = relative(ROOT, SEED);
    let last = 0;
    // Messages about the whole file (no line) come first; those with a line follow in line order.
    for (const line of messages.filter((message) => new RegExp(`^ {2}${seed}:\\d+:`).test(message))) {
      const lineNumber = Number(/^ {2}[^:]+:(\d+):/.exec(line)?.[1]);
      expect(lineNumber).toBeGreaterThanOrEqual(last);
      last = lineNumber;
    }
    expect(last).toBeGreaterThan(0);
    for (const line of messages) expect(line).toMatch(new RegExp(`^ {2}(${seed}|${relative(ROOT, MARKDOWN)}|${relative(ROOT, join(out, 'two.pdf'))})(:\\d+)?: `));
    expect(run.stdout).toMatch(/two\.pdf: warning: \d+ pages: .*24 pages or more; --min-pages 24 pads it with blank pages at the end \(preflight\)/);
    expect(run.stdout).toContain('  kindle: 8 of 8 checks passed (dc:language en; no Kindle service asked)\n');
  });
});

describe('galley build over a batch', () => {
  it('skips unchanged books, keeps a manifest and a downloads page, and rebuilds after a change', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    cpSync(SEED, join(dir, 'seed.txt'));
    cpSync(MARKDOWN, join(dir, 'harbour.md'));
    const first = galley(['build', dir, '--out', out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2 of 2 books built');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { books: Record<string, { slug: string; files: Array<{ name: string; sha256: string }> }> };
    expect(
      Object.values(manifest.books)
        .map((book) => book.slug)
        .sort(),
    ).toEqual(['china-and-russia-reinforce-diplomatic-front-against-israel', 'harbour-cranes-return-to-the-old-port']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('harbour-cranes-return-to-the-old-port.epub');

    const second = galley(['build', dir, '--out', out]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('0 of 2 books built, 2 unchanged');
    expect(second.stdout).not.toContain('wrote');

    writeFileSync(join(dir, 'harbour.md'), readFileSync(MARKDOWN, 'utf8').replace('forty ships', 'fifty ships'));
    const third = galley(['build', dir, '--out', out]);
    expect(third.stdout).toContain('1 of 2 books built, 1 unchanged');
    expect(third.stdout).toContain(`wrote ${relative(ROOT, join(out, 'harbour-cranes-return-to-the-old-port.pdf'))}`);
    expect(third.stdout).not.toContain(SLUG);
  });

  it('gives two articles with the same headline different files', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    cpSync(SEED, join(dir, 'a.txt'));
    writeFileSync(join(dir, 'b.txt'), readFileSync(SEED, 'utf8').replace('Presidents Xi Jinping', 'President Xi Jinping'));
    const run = galley(['build', dir, '--out', out]);
    expect(run.status).toBe(0);
    expect(existsSync(join(out, `${SLUG}.epub`))).toBe(true);
    expect(existsSync(join(out, `${SLUG}-2.epub`))).toBe(true);
    expect(existsSync(join(out, `${SLUG}-2.pdf`))).toBe(true);
  });

  it('keeps the name a book had when an article with the same headline comes before it, also when both are rebuilt', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    cpSync(SEED, join(dir, 'b.txt'));
    expect(galley(['build', dir, '--out', out, '-f', 'epub', '--no-verify']).status).toBe(0);
    writeFileSync(join(dir, 'a.txt'), readFileSync(SEED, 'utf8').replace('Presidents Xi Jinping', 'President Xi Jinping'));
    const run = galley(['build', dir, '--out', out, '-f', 'epub', '--no-verify', '--force']);
    expect(run.stdout).toContain('2 of 2 books built');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { books: Record<string, { slug: string }> };
    expect(manifest.books[join(dir, 'b.txt')]?.slug).toBe(SLUG);
    expect(manifest.books[join(dir, 'a.txt')]?.slug).toBe(`${SLUG}-2`);
  });

  it('makes one book of many with --collection', () => {
    const out = tempDir();
    const run = galley(['build', SEED, MARKDOWN, '--collection', 'Weekend Reading', '--out', out]);
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['weekend-reading.epub', 'weekend-reading.pdf']));
    const pdfText = spawnSync('pdftotext', [join(out, 'weekend-reading.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(pdfText).toContain('China and Russia reinforce diplomatic front');
    expect(pdfText).toContain('Harbour cranes return to the old port');
    expect(pdfText).toContain('© 2023 Washington Examiner');
    expect(pdfText).toContain('© 2024 The Riverside Courier');
  });
});

describe('galley.config.json', () => {
  it('gives the defaults, and flags win over it', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'galley.config.json'), JSON.stringify({ out: 'books', formats: ['epub'], template: 'large-print', jobs: 1 }));
    const run = galley(['build', MARKDOWN], { cwd });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(join(cwd, 'books')).filter((name) => /\.(epub|pdf)$/.test(name))).toEqual(['harbour-cranes-return-to-the-old-port.epub']);
    const report = JSON.parse(readFileSync(join(cwd, 'books/harbour-cranes-return-to-the-old-port.report.json'), 'utf8')) as { template: string };
    expect(report.template).toBe('large-print');
    const flags = galley(['build', MARKDOWN, '-o', 'other', '-f', 'pdf', '-t', 'default'], { cwd });
    expect(flags.status).toBe(0);
    expect(readdirSync(join(cwd, 'other')).filter((name) => /\.(epub|pdf)$/.test(name))).toEqual(['harbour-cranes-return-to-the-old-port.pdf']);
    expect((JSON.parse(readFileSync(join(cwd, 'other/harbour-cranes-return-to-the-old-port.report.json'), 'utf8')) as { template: string }).template).toBe('default');
  });

  it('refuses a configuration that does not match its schema in one line, exit 2', () => {
    const cwd = tempDir();
    const file = join(cwd, 'galley.config.json');
    const cases: Array<[string, string]> = [
      [
        JSON.stringify({ fromats: ['pdf'] }),
        'unknown key "fromats" (known: out, template, formats, collection, publisher, rights, minPages, pdfa, cropMarks, force, verify, jobs, verbose, paper, sheet, port)',
      ],
      [JSON.stringify({ formats: ['docx'] }), 'formats.0: must be one of epub, pdf, cover, booklet'],
      [JSON.stringify({ jobs: 0 }), 'jobs: must be >= 1'],
      ['{ "out": ', 'not valid JSON'],
    ];
    for (const [text, message] of cases) {
      writeFileSync(file, text);
      const run = galley(['build', MARKDOWN], { cwd });
      expect(run.status).toBe(2);
      expect(run.stderr.split('\n')).toHaveLength(2);
      expect(run.stderr).toContain(`galley: ${file}: ${message}`);
      expect(existsSync(join(cwd, 'output'))).toBe(false);
    }
    expect(galley(['--version'], { cwd }).status).toBe(0);
  });
});
