/** The command on hostile batches: every bad file is one line naming it, the rest still build, nothing is half-written. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { galley, ROOT } from '../helpers/cli.js';

const SEED = join(ROOT, 'test/fixtures/articles/seed/article.txt');
const SLUG = 'china-and-russia-reinforce-diplomatic-front-against-israel';

/** Every file below a folder, relative, so a stray temporary file anywhere is seen. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('galley build on a hostile batch', () => {
  it('builds the good articles, refuses each bad one in one line and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-hostile-cli-'));
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    mkdirSync(input);
    cpSync(SEED, join(input, 'a-seed.txt'));
    cpSync(SEED, join(input, 'b-seed-again.txt'));
    const bad: Record<string, string | Uint8Array> = {
      'c-empty.txt': '',
      'd-whitespace.md': ' \n\t\n',
      'e-junk-only.txt': 'Video Embed\n\nRelated Content\n\n.\n\nCLICK HERE TO READ MORE\n',
      'f-binary.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0]),
      'g-invalid-utf8.txt': new Uint8Array([...Buffer.from('Caf\u00e9 headline\nbody '), 0xff, 0x0a]),
      'h-deep-quotes.md': `# Deep\n\n${'>'.repeat(5000)} text\n`,
      'i-deep-lists.md': `# Lists\n\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
      'j-emphasis-storm.md': `# Storm\n\n${'*a'.repeat(20_000)}\n`,
      'k-bad-yaml.md': '---\ntitle: [unclosed\n---\n\nBody text.\n',
    };
    // A remote image is refused, not fetched, but the article is still built without it.
    writeFileSync(join(input, 'l-remote-image.md'), '# Remote\n\n![x](https://example.com/x.jpg)\n\nBody text here.\n');
    for (const [name, content] of Object.entries(bad)) writeFileSync(join(input, name), content);
    const run = galley(['build', input, '--out', out]);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(Object.keys(bad).length);
    for (const name of Object.keys(bad)) {
      const line = lines.find((l) => l.includes(join(input, name)));
      expect(line, `no one-line error for ${name}:\n${run.stderr}`).toBeDefined();
      expect(line).not.toMatch(/internal error|\bat .*:\d+:\d+|Error:/);
    }
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(lines.find((l) => l.includes('h-deep-quotes'))).toMatch(/nested about 5000 deep/);
    expect(lines.find((l) => l.includes('j-emphasis-storm'))).toMatch(/emphasis markers/);
    expect(lines.find((l) => l.includes('g-invalid-utf8'))).toMatch(/not valid UTF-8 at byte 20/);
    expect(run.stdout).toContain(`3 of ${3 + Object.keys(bad).length} books built, ${Object.keys(bad).length} failed`);
    expect(run.stdout).toMatch(/warning: image "https:\/\/example\.com\/x\.jpg" refused: only files in the article's folder can be used, never URLs \(image-refused\)/);
    const written = allFiles(out).map((path) => path.slice(out.length + 1));
    expect(written).toEqual(expect.arrayContaining([`${SLUG}.epub`, `${SLUG}.pdf`, `${SLUG}-2.epub`, `${SLUG}-2.pdf`]));
    expect(written.filter((name) => /\.tmp$|^\./.test(name.split('/').at(-1)!))).toEqual([]);
  });

  it('leaves no temporary or half-written file when a book cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-hostile-write-'));
    const out = join(dir, 'out');
    // A folder where the PDF should go: the rename onto it fails after the bytes were written.
    mkdirSync(join(out, `${SLUG}.pdf`), { recursive: true });
    const run = galley(['build', SEED, '--out', out, '--force']);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`${SLUG}\\.pdf: cannot write`));
    expect(allFiles(out).filter((path) => path.endsWith('.tmp'))).toEqual([]);
  });

  it('builds an article with stray control characters, listing each with its line, and refuses a real binary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-controls-'));
    const lines = readFileSync(SEED, 'utf8').split('\n');
    const dirty = lines.map((line, index) =>
      index === 11
        ? `${line}\u0007`
        : index === 13
          ? `\u001b[31m${line}\u001b[0m`
          : index === 15
            ? line.replace(' ', '\u000b')
            : index === 17
              ? line.replace(' ', '\u0000 ')
              : line,
    );
    writeFileSync(join(dir, 'dirty.txt'), dirty.join('\n'));
    writeFileSync(join(dir, 'real.txt'), '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >> endobj\n');
    const out = join(dir, 'out');
    const run = galley(['build', dir, '--out', out, '-f', 'epub']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`${join(dir, 'real.txt')}: binary file, not an article (a binary file signature, NUL or control bytes near the start)`]);
    const report = JSON.parse(readFileSync(join(out, `${SLUG}.report.json`), 'utf8')) as { diagnostics: Array<{ rule: string; line: number; message: string }> };
    const removed = report.diagnostics.filter((d) => d.rule === 'removed-character');
    expect(removed.map((d) => d.line)).toEqual([12, 14, 14, 16, 18]);
    expect(removed.map((d) => d.message).join('; ')).toMatch(/bell.*ESC\[31m.*ESC\[0m.*vertical tab.*NUL/);
    expect(run.stdout).toContain('dirty.txt:12: warning: removed control character U+0007 (bell) (removed-character)');
  });
});
