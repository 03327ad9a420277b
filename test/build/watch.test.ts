import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const SEED = join(ROOT, 'test/fixtures/articles/seed/article.txt');

/** Waits until the child's output has printed `pattern` `count` times in all. */
function waitFor(output: { text: string }, pattern: RegExp, count: number, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if ((output.text.match(new RegExp(pattern, 'g')) ?? []).length >= count) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output.text}`));
      else setTimeout(check, 100);
    };
    check();
  });
}

describe('galley build --watch', () => {
  it('rebuilds an article when it changes, and every article when the template changes, until interrupted', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'galley-watch-'));
    mkdirSync(join(cwd, 'articles'));
    cpSync(SEED, join(cwd, 'articles/seed.txt'));
    mkdirSync(join(cwd, 'templates/house'), { recursive: true });
    writeFileSync(join(cwd, 'templates/house/template.json'), JSON.stringify({ extends: 'default', epub: { stylesheet: 'style.css' } }));
    writeFileSync(join(cwd, 'templates/house/style.css'), 'p { color: #222222; }\n');
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/galley.js'), 'build', 'articles', '--out', 'out', '--template', 'house', '--watch', '--no-verify'], { cwd });
    const output = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(output, /watching /, 1);
      expect(output.text).toContain('1 of 1 book built');

      writeFileSync(join(cwd, 'articles/seed.txt'), readFileSync(SEED, 'utf8').replace('Presidents Xi Jinping', 'Leaders Xi Jinping'));
      await waitFor(output, /1 of 1 book built/, 2);

      writeFileSync(join(cwd, 'templates/house/style.css'), 'p { color: #111111; }\n');
      await waitFor(output, /1 of 1 book built/, 3);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out/china-and-russia-reinforce-diplomatic-front-against-israel.report.json'), 'utf8')) as { title: string };
    expect(report.title).toBe('China and Russia reinforce diplomatic front against Israel');
  });

  it('takes no notice of its own writes when the output folder is inside the watched one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'galley-watch-'));
    cpSync(SEED, join(cwd, 'seed.txt'));
    const child = spawn(process.execPath, [join(ROOT, 'pipeline/cli/galley.js'), 'build', '.', '-o', 'out', '-f', 'epub', '-w', '--no-verify'], { cwd });
    const output = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(output, /watching /, 1);
      writeFileSync(join(cwd, 'seed.txt'), readFileSync(SEED, 'utf8').replace('Presidents Xi Jinping', 'Leaders Xi Jinping'));
      await waitFor(output, /1 of 1 book built/, 2);
      // Left alone, a watcher that sees its own writes builds again within a second or two, and again after that.
      const again = await waitFor(output, /book built/, 3, 5_000).then(
        () => true,
        () => false,
      );
      expect(again).toBe(false);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    // Its own index.html, manifest and books written into out/ set off no build of their own.
    expect(output.text.match(/book built/g)).toHaveLength(2);
    expect(output.text).not.toContain('unchanged');
  });
});
