/** Test helpers for the PDF renderer: editions to render, and poppler to read the result back. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export { editionFromFile, editionFromTree, MARKDOWN, ROOT, SEED } from '../helpers/editions.js';

/** Runs a poppler tool on PDF bytes and returns its standard output. */
export async function poppler(tool: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'pdfimages', bytes: Uint8Array, args: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'galley-pdf-'));
  try {
    const file = join(dir, 'book.pdf');
    await writeFile(file, bytes);
    const output = tool === 'pdftotext' ? [file, '-'] : [file];
    const { stdout } = await run(tool, [...args, ...output], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
