/**
 * Pathological inputs (issue 5): each must build in bounded time or be refused with one clear
 * line. Prints how long each took and how it ended. Runs alone (`npx tsx bench/hostile.ts`) or
 * from `bench/index.ts`, which spawns it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBook } from '../pipeline/index.js';
import { GalleyError } from '../pipeline/errors.js';

/** One measured input: what it was, how long the build took, and how it ended. */
export interface HostileRow {
  name: string;
  bytes: number;
  ms: number;
  outcome: string;
}

const WORD = 'council ';
const sentence = (words: number): string => `${'The council said '.concat(WORD.repeat(words)).trim()}.`;
const url = (length: number): string => `https://example.org/${'a1b2c3/'.repeat(Math.ceil(length / 7)).slice(0, length)}`;

/** The inputs, generated: name, extension and text. */
export const HOSTILE_INPUTS: Array<{ name: string; ext: '.txt' | '.md'; text: () => string }> = [
  { name: '5,000 nested quotes', ext: '.md', text: () => `# Quotes\n\n${'>'.repeat(5000)} deep\n` },
  { name: '5,000 nested list levels', ext: '.md', text: () => `# Lists\n\n${'- '.repeat(5000)}item\n` },
  { name: '1,000 list levels by indentation (2 MB)', ext: '.md', text: () => `# Lists\n\n${Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n` },
  { name: '32 nested list levels (the limit)', ext: '.md', text: () => `# Lists\n\n${Array.from({ length: 32 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n` },
  { name: '30 nested quotes', ext: '.md', text: () => `# Quotes\n\n${'> '.repeat(30)}deep\n` },
  { name: '5,000 nested emphasis (*****x*****)', ext: '.md', text: () => `# Emphasis\n\n${'*'.repeat(5000)}x${'*'.repeat(5000)}\n` },
  { name: '20,000 unmatched emphasis markers', ext: '.md', text: () => `# Storm\n\n${'*a'.repeat(20_000)}\n` },
  { name: '2,000 emphasis markers (the limit)', ext: '.md', text: () => `# Storm\n\n${'*a* '.repeat(1000)}\n` },
  { name: '300 headings', ext: '.md', text: () => `# Many headings\n\n${Array.from({ length: 300 }, (_, i) => `## Heading ${i + 1}\n\n${sentence(20)}\n`).join('\n')}` },
  { name: 'one paragraph of 250,000 characters (scrape)', ext: '.txt', text: () => `A long paragraph\n\n${sentence(250_000 / WORD.length)}\n` },
  { name: 'one paragraph of 250,000 characters (Markdown)', ext: '.md', text: () => `# A long paragraph\n\n${sentence(250_000 / WORD.length)}\n` },
  { name: 'a 5,000-character word', ext: '.txt', text: () => `A long word\n\nThe word is ${'x'.repeat(5000)} and then the sentence ends.\n` },
  {
    name: '50 URLs of 2,000 characters',
    ext: '.md',
    text: () => `# Links\n\n${Array.from({ length: 50 }, (_, i) => `See ${url(2000)} and [link ${i}](${url(2000)}).`).join('\n\n')}\n`,
  },
  { name: '250 nested raw HTML tags', ext: '.md', text: () => `# Tags\n\n${'<span>'.repeat(250)}deep${'</span>'.repeat(250)}\n` },
  { name: '1,000 nested raw HTML tags (shown as text)', ext: '.md', text: () => `# Tags\n\n${'<span>'.repeat(500)}deep${'</span>'.repeat(500)}\n` },
  { name: '10,000 raw HTML tags in one paragraph', ext: '.md', text: () => `# Tags\n\n${'<b>x</b> '.repeat(5000)}\n` },
  { name: '2,000 short paragraphs (scrape)', ext: '.txt', text: () => `Many paragraphs\n\n${Array.from({ length: 2000 }, () => sentence(12)).join('\n\n')}\n` },
  { name: '1 MB article (Markdown)', ext: '.md', text: () => `# A megabyte\n\n${Array.from({ length: 1000 }, () => sentence(125)).join('\n\n')}\n` },
];

/** Builds every hostile input once (EPUB and PDF, fidelity check on) and measures it. */
export async function benchHostile(): Promise<HostileRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-hostile-'));
  const rows: HostileRow[] = [];
  try {
    // One warm-up build, so the first row does not carry loading fonts and pdf.js.
    const warm = join(dir, 'warm.txt');
    writeFileSync(warm, `Warm up\n\n${sentence(50)}\n`);
    await buildBook([warm], { template: 'default', formats: ['epub', 'pdf'] });
    for (const [index, input] of HOSTILE_INPUTS.entries()) {
      const file = join(dir, `input-${index}${input.ext}`);
      const text = input.text();
      writeFileSync(file, text);
      const started = performance.now();
      let outcome: string;
      try {
        const result = await buildBook([file], { template: 'default', formats: ['epub', 'pdf'] });
        const pdf = result.artifacts.find((artifact) => artifact.name.endsWith('.pdf'));
        outcome = `built (PDF ${pdf ? Math.round(pdf.bytes.length / 1024) : 0} KiB, verify ${Math.round(result.timings.verify ?? 0)} ms)`;
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(file, '<file>') : String(error);
        outcome = `${error instanceof GalleyError ? 'refused' : 'CRASHED'}: ${message.split('\n')[0]!.slice(0, 110)}`;
      }
      rows.push({ name: input.name, bytes: Buffer.byteLength(text), ms: performance.now() - started, outcome });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** Prints the rows as a table. */
export function formatHostile(rows: HostileRow[]): string {
  const width = Math.max(...rows.map((row) => row.name.length));
  const lines = rows.map((row) => `${row.name.padEnd(width)}  ${`${(row.bytes / 1024).toFixed(0)} KiB`.padStart(9)}  ${`${row.ms.toFixed(0)} ms`.padStart(9)}  ${row.outcome}`);
  return `Hostile input (issue 5): each builds in bounded time or is refused in one line\n${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchHostile();
  process.stdout.write(formatHostile(rows));
  if (rows.some((row) => row.outcome.startsWith('CRASHED'))) process.exitCode = 1;
}
