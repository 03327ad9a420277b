/**
 * Runs poppler's `pdftotext` for the read-back check, from a small shell started once per
 * thread. Started from this process, every run forked a copy of its page tables (a few hundred
 * MB mapped: 6–9 ms and thousands of page faults per book); the shell forks cheaply. PDFs and
 * texts pass through files in a folder of the shell's own, which it removes when it ends (when
 * this thread ends and its input closes).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** How long one pdftotext run may take before the read-back gives up (a 1 MB article takes well under a second). */
const TIMEOUT_MS = 120_000;

/** The shell's exit status when it cannot find a command. */
const NOT_FOUND = 127;

/**
 * Reads lines "id y height" (or "id - -" for whole pages) and answers "id status" for each.
 * $1 is the folder; `-r 72` makes the crop's pixels points, and the width is "all of it".
 */
const SCRIPT = `dir=$1
while read -r id y h; do
  if [ "$y" = - ]; then pdftotext -q -enc UTF-8 "$dir/$id.pdf" "$dir/$id.txt"
  else pdftotext -q -enc UTF-8 -r 72 -x 0 -y "$y" -W 100000 -H "$h" "$dir/$id.pdf" "$dir/$id.txt"; fi
  echo "$id $?"
done
rm -rf "$dir"`;

/** A crop of every page: from `top`, `height` points down (whole points). */
export interface Crop {
  top: number;
  height: number;
}

interface Pending {
  resolve(status: number): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The shell and the runs it has not answered yet. */
class Runner {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  readonly #dir: string;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #partial = '';
  #failed: Error | undefined;

  constructor() {
    this.#dir = mkdtempSync(join(tmpdir(), 'galley-poppler-'));
    this.#child = spawn('sh', ['-c', SCRIPT, 'galley-poppler', this.#dir], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (chunk: string) => this.#answer(chunk));
    this.#child.stdin.on('error', () => undefined);
    this.#child.on('error', (error) => this.#fail(error));
    this.#child.on('close', () => this.#fail(new Error('the pdftotext shell ended')));
    this.#idle();
  }

  /** Runs pdftotext on `bytes`; resolves with its text, or undefined when pdftotext is not installed. */
  async run(bytes: Uint8Array, crop: Crop | undefined): Promise<string | undefined> {
    if (this.#failed) throw this.#failed;
    const id = this.#next++;
    const pdf = join(this.#dir, `${id}.pdf`);
    const txt = join(this.#dir, `${id}.txt`);
    try {
      await writeFile(pdf, bytes);
      const status = await new Promise<number>((resolve, reject) => {
        if (this.#failed) return reject(this.#failed);
        const timer = setTimeout(() => {
          this.#child.kill();
          reject(new Error(`pdftotext took longer than ${TIMEOUT_MS / 1000} s`));
        }, TIMEOUT_MS);
        this.#pending.set(id, { resolve, reject, timer });
        if (this.#pending.size === 1) this.#busy();
        this.#child.stdin.write(crop ? `${id} ${crop.top} ${crop.height}\n` : `${id} - -\n`);
      });
      if (status === NOT_FOUND) {
        // No pdftotext: the shell is of no further use, and its folder goes now.
        this.#child.stdin.end();
        await rm(this.#dir, { recursive: true, force: true });
        return undefined;
      }
      if (status !== 0) throw new Error(`pdftotext exited with status ${status}`);
      return await readFile(txt, 'utf8');
    } finally {
      await Promise.all([rm(pdf, { force: true }), rm(txt, { force: true })]);
    }
  }

  #answer(chunk: string): void {
    const lines = (this.#partial + chunk).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) {
      const [id, status] = line.split(' ').map(Number);
      const pending = this.#pending.get(id!);
      if (!pending) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(id!);
      pending.resolve(status!);
    }
    if (this.#pending.size === 0) this.#idle();
  }

  #fail(error: Error): void {
    this.#failed ??= error;
    if (runner === this) runner = undefined;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }

  /** While runs are pending the shell keeps this thread alive; idle, it does not. */
  #busy(): void {
    this.#child.ref();
    (this.#child.stdout as Readable & { ref(): void }).ref();
  }

  #idle(): void {
    this.#child.unref();
    (this.#child.stdout as Readable & { unref(): void }).unref();
    (this.#child.stdin as Writable & { unref(): void }).unref();
  }
}

let runner: Runner | undefined;

/** Runs pdftotext on a PDF; undefined when pdftotext (or a shell) is not installed. */
export async function pdftotext(bytes: Uint8Array, crop?: Crop): Promise<string | undefined> {
  runner ??= new Runner();
  try {
    return await runner.run(bytes, crop);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
