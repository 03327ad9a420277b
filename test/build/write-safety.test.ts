/**
 * Builds that are killed or cannot write, through the real command: no half-written file is ever
 * left where a reader looks, the next build finishes the work, and the manifest stays true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const CLI = join(ROOT, 'pipeline/cli/galley.js');
const HEADLINES = ['Cranes return to the harbour', 'The night ferry keeps its timetable', 'A lighthouse keeper retires'];
/** Options that keep these tests quick: every file a book has, without the read-back check. */
const OPTIONS = ['-f', 'epub,pdf', '--no-verify', '-j', '1'];

/** A folder of three short articles, and the output folder beside it (created empty, so it can be watched). */
function articles(): { dir: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'galley-write-'));
  const dir = join(root, 'articles');
  const out = join(root, 'out');
  mkdirSync(dir);
  mkdirSync(out);
  HEADLINES.forEach((title, index) => writeArticle(dir, index, title, 1));
  return { dir, out };
}

function writeArticle(dir: string, index: number, title: string, edition: number): void {
  const body = `The town met on the quay on Saturday morning to see it for themselves. ${'People came from the villages along the coast, and the bakery sold out by nine. '.repeat(6)}`;
  writeFileSync(join(dir, `${index + 1}.md`), `---\ntitle: ${title}\nlang: en\n---\n\n${body}\n\nThis is edition ${edition} of the story.\n`);
}

/** Changes every article, so every book is stale. */
function editAll(dir: string, edition: number): void {
  HEADLINES.forEach((title, index) => writeArticle(dir, index, title, edition));
}

/** Every file under `out`, relative, with its SHA-256. */
function snapshot(out: string): Record<string, string> {
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => [join(entry.parentPath, entry.name).slice(out.length + 1), sha256(readFileSync(join(entry.parentPath, entry.name)))]));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks that every file a reader can see is whole: books open, JSON parses, the page is complete. */
async function expectWhole(out: string): Promise<void> {
  for (const name of readdirSync(out)) {
    if (name.startsWith('.')) continue;
    const bytes = readFileSync(join(out, name));
    if (name.endsWith('.pdf')) {
      expect(bytes.subarray(0, 5).toString(), name).toBe('%PDF-');
      expect(bytes.subarray(-32).toString(), name).toContain('%%EOF');
    } else if (name.endsWith('.epub'))
      await expect(
        JSZip.loadAsync(bytes).then((zip) => zip.file('mimetype')?.async('string')),
        name,
      ).resolves.toBe('application/epub+zip');
    else if (name.endsWith('.json')) expect(() => JSON.parse(bytes.toString()), name).not.toThrow();
    else if (name.endsWith('.png')) expect(bytes.subarray(-8).toString('latin1'), name).toContain('IEND');
    else if (name.endsWith('.html')) expect(bytes.toString().trimEnd().endsWith('</html>'), name).toBe(true);
  }
}

interface Manifest {
  books: Record<string, { slug: string; written: Record<string, string>; files: Array<{ name: string; sha256: string }> }>;
}

/** The manifest names every book once, and every file it records is there with the bytes it records; the page links only files that are there. */
function expectConsistent(out: string, books: number): void {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  expect(Object.keys(manifest.books)).toHaveLength(books);
  for (const entry of Object.values(manifest.books)) {
    for (const [name, hash] of Object.entries(entry.written)) expect(sha256(readFileSync(join(out, name))), name).toBe(hash);
  }
  const links = [...readFileSync(join(out, 'index.html'), 'utf8').matchAll(/(?:href|src)="([^"#:?]+)"/g)].map((match) => decodeURIComponent(match[1]!));
  expect(links.length).toBeGreaterThanOrEqual(books * 3);
  for (const link of links) expect(existsSync(join(out, link)), link).toBe(true);
  expect(readdirSync(out, { recursive: true }).filter((name) => String(name).endsWith('.tmp'))).toEqual([]);
}

/** Runs a build and kills it with SIGKILL the moment its `n`th temporary file appears in `out`; resolves with the signal that ended it. */
async function killAtTemporary(args: string[], out: string, n: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
  const seen = new Set<string>();
  const watcher = watch(out, (_event, name) => {
    if (name && /^\..+\.tmp$/.test(name)) seen.add(name);
    if (seen.size >= n) child.kill('SIGKILL');
  });
  const [, signal] = (await new Promise((done) => child.once('exit', (...result) => done(result)))) as [number | null, NodeJS.Signals | null];
  watcher.close();
  return signal;
}

describe('a build that is killed', () => {
  // Each book writes four files (EPUB, PDF, report, cover): the 6th temporary file is in the
  // middle of the second book, the 13th is the manifest, written after every book.
  for (const [moment, n] of [
    ['in the middle of writing a book', 6],
    ['while writing the manifest', 13],
  ] as const) {
    it(`with kill -9 ${moment} leaves no half-written file; the next build completes everything and the manifest is consistent`, async () => {
      const { dir, out } = articles();
      expect(galley(['build', dir, '-o', out, ...OPTIONS]).stdout).toContain('3 of 3 books built');
      editAll(dir, 2);
      const signal = await killAtTemporary(['build', dir, '-o', out, ...OPTIONS], out, n);
      expect(signal, 'the build ended before it could be killed').toBe('SIGKILL');
      await expectWhole(out);
      const again = galley(['build', dir, '-o', out, ...OPTIONS]);
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/\d of 3 books built/);
      expect(again.stdout).not.toContain('failed');
      await expectWhole(out);
      expectConsistent(out, 3);
      for (const slug of ['cranes-return-to-the-harbour', 'the-night-ferry-keeps-its-timetable', 'a-lighthouse-keeper-retires']) {
        const epub = await JSZip.loadAsync(readFileSync(join(out, `${slug}.epub`)));
        const chapter = Object.keys(epub.files).find((name) => /chapter-1\.xhtml$/.test(name))!;
        expect(await epub.file(chapter)!.async('string'), slug).toContain('edition 2 of the story');
      }
      expect(galley(['build', dir, '-o', out, ...OPTIONS]).stdout).toContain('0 of 3 books built, 3 unchanged');
    }, 600_000);
  }
});

/** Whether this machine lets an unprivileged process make a mount namespace (for a read-only bind mount, which stops root too). */
const CAN_UNSHARE = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true']).status === 0;
const IS_ROOT = process.getuid?.() === 0;

/** Runs galley with `out` read-only: a read-only bind mount in a private mount namespace (EROFS, for root too), else chmod (EACCES, not for root). */
function galleyWithReadOnly(out: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (CAN_UNSHARE) {
    const script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"';
    const run = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, out, process.execPath, CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }
  chmodSync(out, 0o555);
  try {
    return galley(args);
  } finally {
    chmodSync(out, 0o755);
  }
}

describe('a build that cannot write', () => {
  it.skipIf(!CAN_UNSHARE && IS_ROOT)(
    'into a read-only output folder says so in one line, leaves the earlier books as they were and does not update the manifest',
    async () => {
      const { dir, out } = articles();
      expect(galley(['build', dir, '-o', out, ...OPTIONS]).status).toBe(0);
      const before = snapshot(out);
      editAll(dir, 2);
      const run = galleyWithReadOnly(out, ['build', dir, '-o', out, ...OPTIONS]);
      expect(run.status).toBe(1);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^galley: ${out}/cranes-return-to-the-harbour\\.epub: cannot write: (the folder is on a read-only file system \\(EROFS\\)|permission denied \\(EACCES\\))$`),
      );
      expect(run.stdout).toContain('0 of 3 books built, stopped: the output folder could not be written');
      expect(snapshot(out)).toEqual(before);
      const after = galley(['build', dir, '-o', out, ...OPTIONS]);
      expect(after.stdout).toContain('3 of 3 books built');
      expectConsistent(out, 3);
    },
    600_000,
  );

  it.skipIf(!CAN_UNSHARE)(
    'into a full output folder (a full tmpfs) says so in one line and leaves the earlier books and the manifest as they were',
    async () => {
      const { dir, out } = articles();
      expect(galley(['build', dir, '-o', out, ...OPTIONS]).status).toBe(0);
      const before = snapshot(out);
      editAll(dir, 2);
      // In a private mount namespace: a small tmpfs over the output folder holding a copy of it, filled
      // to the last byte; after the build its contents are copied out for the checks.
      const copy = mkdtempSync(join(tmpdir(), 'galley-full-copy-'));
      const seen = mkdtempSync(join(tmpdir(), 'galley-full-seen-'));
      spawnSync('cp', ['-a', `${out}/.`, copy]);
      const script = [
        'out="$0"; copy="$1"; seen="$2"; shift 3',
        'mount -t tmpfs -o size=4m tmpfs "$out" || exit 90',
        'cp -a "$copy/." "$out/"',
        'head -c 16777216 /dev/zero > "$out/.filler" 2>/dev/null',
        '"$@"; status=$?',
        'rm -f "$out/.filler"; cp -a "$out/." "$seen/"; exit $status',
      ].join('\n');
      const run = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, out, copy, seen, process.execPath, CLI, 'build', dir, '-o', out, ...OPTIONS], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trimEnd().split('\n')).toEqual([`galley: ${out}/cranes-return-to-the-harbour.epub: cannot write: no space left on the device (ENOSPC)`]);
      expect(run.stdout).toContain('0 of 3 books built, stopped: the output folder could not be written');
      expect(snapshot(seen)).toEqual(before);
    },
    600_000,
  );

  it('into a folder that fills up (a file size limit) says so in one line, keeps the books written before, and records only what was written', async () => {
    const { dir, out } = articles();
    expect(galley(['build', dir, '-o', out, ...OPTIONS]).status).toBe(0);
    const before = snapshot(out);
    const manifestBefore = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    // Only the second article changes, and its book is what no longer fits: over 20 kB, the EPUB cannot be written.
    writeArticle(dir, 1, HEADLINES[1]!, 2);
    const run = spawnSync('prlimit', ['--fsize=20000', process.execPath, CLI, 'build', dir, '-o', out, ...OPTIONS], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `galley: ${out}/the-night-ferry-keeps-its-timetable.epub: cannot write: the file is larger than this system allows (file size limit) (EFBIG)`,
    ]);
    expect(run.stdout).toContain('0 of 3 books built, 2 unchanged, stopped: the output folder could not be written');
    // Nothing of the earlier books changed, the failed book's earlier files included; the small files (manifest, page, catalogue) could be written.
    const after = snapshot(out);
    for (const [name, hash] of Object.entries(before)) if (!['manifest.json', 'index.html', 'opds.xml'].includes(name)) expect(after[name], name).toBe(hash);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    const manifestAfter = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifestAfter.books).toEqual(manifestBefore.books);
    expectConsistent(out, 3);
    const again = galley(['build', dir, '-o', out, ...OPTIONS]);
    expect(again.stdout).toContain('1 of 3 books built, 2 unchanged');
    expectConsistent(out, 3);
  }, 600_000);
});
