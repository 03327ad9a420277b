/**
 * Runs poppler's `pdftotext` for the read-back check, from a small shell started once per
 * thread. Started from this process, every run forked a copy of its page tables (a few hundred
 * MB mapped: 6–9 ms and thousands of page faults per book); the shell forks cheaply. PDFs go to
 * the shell on its input and texts come back on its output, each after a line giving its length,
 * so nothing touches the disk. The shell ends when this thread ends and its input closes.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** How long one pdftotext run may take before the read-back gives up (a 1 MB article takes well under a second). */
const TIMEOUT_MS = 120_000;

/** The shell's exit status when it cannot find a command. */
const NOT_FOUND = 127;

/**
 * For each request, a line "id bytes y height" ("- -" for whole pages) and then the PDF's
 * bytes; answers a line "id status bytes" and then the text. `head -c` takes exactly the PDF
 * from the shell's input, and `cat` drains what pdftotext leaves unread (a broken file, or no
 * pdftotext at all), so the next request still starts on a line. `-r 72` makes the crop's pixels
 * points, and the width is "all of it". With LC_ALL=C, `${#text}` counts bytes.
 */
const SCRIPT = `export LC_ALL=C
while read -r id size y h; do
  if [ "$y" = - ]; then set --; else set -- -r 72 -x 0 -y "$y" -W 100000 -H "$h"; fi
  text=$(head -c "$size" | { pdftotext -q -enc UTF-8 "$@" - -; status=$?; cat >/dev/null; exit $status; })
  printf '%s %s %s\\n' "$id" "$?" "\${#text}"
  printf '%s' "$text"
done`;

/** A crop of every page: from `top`, `height` points down (whole points). */
export interface Crop {
  top: number;
  height: number;
}

/** pdftotext's answer to one request. */
interface Answer {
  status: number;
  text: string;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The shell and the runs it has not answered yet. */
class Runner {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  /** Output not yet parsed: a header line, or the text it announced, in part. */
  #buffered = Buffer.alloc(0);
  #failed: Error | undefined;

  constructor() {
    this.#child = spawn('sh', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.#child.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#child.stdin.on('error', () => undefined);
    this.#child.on('error', (error) => this.#fail(error));
    this.#child.on('close', () => this.#fail(new Error('the pdftotext shell ended')));
    // The shell's input never keeps this thread alive; its output does while runs are pending.
    (this.#child.stdin as Writable & { unref(): void }).unref();
    this.#idle();
  }

  /** Runs pdftotext on `bytes`; resolves with its text, or undefined when pdftotext is not installed. */
  async run(bytes: Uint8Array, crop: Crop | undefined): Promise<string | undefined> {
    const id = this.#next++;
    const { status, text } = await new Promise<Answer>((resolve, reject) => {
      if (this.#failed) return reject(this.#failed);
      const timer = setTimeout(() => {
        this.#child.kill();
        reject(new Error(`pdftotext took longer than ${TIMEOUT_MS / 1000} s`));
      }, TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      if (this.#pending.size === 1) this.#busy();
      this.#child.stdin.write(`${id} ${bytes.length} ${crop ? `${crop.top} ${crop.height}` : '- -'}\n`);
      this.#child.stdin.write(bytes);
    });
    if (status === NOT_FOUND) {
      // No pdftotext (or no head or cat to feed it): the shell is of no further use.
      this.#child.kill();
      return undefined;
    }
    if (status !== 0) throw new Error(`pdftotext exited with status ${status}`);
    return text;
  }

  /** Parses answers off the shell's output: a header line, then as many bytes of text as it says. */
  #receive(chunk: Buffer): void {
    this.#buffered = Buffer.concat([this.#buffered, chunk]);
    for (;;) {
      const end = this.#buffered.indexOf(0x0a);
      if (end < 0) break;
      const header = /^(\d+) (\d+) (\d+)$/.exec(this.#buffered.toString('latin1', 0, end));
      if (!header) {
        this.#child.kill();
        this.#fail(new Error('the pdftotext shell answered out of turn'));
        return;
      }
      const [id, status, size] = header.slice(1).map(Number) as [number, number, number];
      if (this.#buffered.length < end + 1 + size) break;
      const text = this.#buffered.toString('utf8', end + 1, end + 1 + size);
      this.#buffered = this.#buffered.subarray(end + 1 + size);
      const pending = this.#pending.get(id);
      if (!pending) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(id);
      pending.resolve({ status, text });
      if (this.#pending.size === 0) this.#idle();
    }
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
