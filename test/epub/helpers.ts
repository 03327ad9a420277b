/** Test helpers for the EPUB renderer: editions to render, and ways to read a rendered book back. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { DOMParser, type Document } from '@xmldom/xmldom';
import JSZip from 'jszip';

const run = promisify(execFile);

import { ROOT } from '../helpers/editions.js';

export { editionFromFile, editionFromTree, MARKDOWN, ROOT, SEED } from '../helpers/editions.js';

/** The files of an EPUB, by path. */
export async function unzip(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** A text file of the book, failing the test when it is missing. */
export async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The EPUB has no ${path}`);
  return file.async('string');
}

/** Parses XML strictly: any well-formedness error throws. */
export function parseXml(source: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(source, 'application/xhtml+xml');
  if (errors.length > 0) throw new Error(`Not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

/** Where Debian's epubcheck package puts the jar. */
export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/** One message of EPUBCheck's JSON report. */
export interface EpubcheckMessage {
  ID: string;
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO';
  message: string;
  locations: { path: string; line: number; column: number }[];
}

/** Runs EPUBCheck on the bytes and returns its parsed messages; throws when the jar is missing. */
export async function epubcheck(bytes: Uint8Array): Promise<EpubcheckMessage[]> {
  if (!existsSync(EPUBCHECK_JAR)) throw new Error(`EPUBCheck is missing (${EPUBCHECK_JAR}): apt-get install -y epubcheck`);
  const dir = await mkdtemp(join(tmpdir(), 'galley-epubcheck-'));
  try {
    const book = join(dir, 'book.epub');
    const report = join(dir, 'report.json');
    await writeFile(book, bytes);
    // EPUBCheck exits non-zero when it finds errors; the report is still written and is what we read.
    // A short run: the quick JIT tier and the serial collector halve EPUBCheck's time on a small machine.
    await run('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK_JAR, book, '--json', report], { maxBuffer: 16 * 1024 * 1024 }).catch(() => undefined);
    const parsed = JSON.parse(await readFile(report, 'utf8')) as { messages: EpubcheckMessage[] };
    return parsed.messages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where Debian's chromium package puts the browser Ace drives. */
export const CHROMIUM = '/usr/bin/chromium';

/** One violation Ace reported, flattened for readable assertion failures. */
export interface AceViolation {
  document: string;
  rule: string;
  impact: string;
  description: string;
}

type AceRun = (epub: string, options: Record<string, unknown>, runner: unknown) => Promise<[unknown, AceReport]>;
interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: {
    'earl:testSubject': { url: string };
    assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { 'dct:description': string } }[];
  }[];
}

/** Runs Ace by DAISY (axe-core in Debian's chromium) on the bytes; throws when chromium is missing. */
export async function ace(bytes: Uint8Array): Promise<{ outcome: string; violations: AceViolation[] }> {
  const executable = process.env.PUPPETEER_EXECUTABLE_PATH ?? CHROMIUM;
  if (!existsSync(executable)) throw new Error(`Chromium is missing (${executable}): apt-get install -y chromium`);
  // Puppeteer reads this when it launches; its own browser download is skipped at install time.
  process.env.PUPPETEER_EXECUTABLE_PATH = executable;
  const require = createRequire(import.meta.url);
  // Ace logs through winston's default logger; a silent transport keeps test output clean and writes no log file.
  const winston = require('winston') as { configure(options: unknown): void; transports: { Console: new (options: unknown) => unknown } };
  winston.configure({ transports: [new winston.transports.Console({ silent: true })] });
  const run = require('@daisy/ace-core') as AceRun;
  const runner = require('@daisy/ace-axe-runner-puppeteer') as unknown;
  const dir = await mkdtemp(join(tmpdir(), 'galley-ace-'));
  try {
    const book = join(dir, 'book.epub');
    await writeFile(book, bytes);
    const [, report] = await run(book, { cwd: dir, outdir: join(dir, 'report'), tmpdir: join(dir, 'tmp'), initLogger: false }, runner);
    const violations = report.assertions.flatMap((doc) =>
      doc.assertions.map((assertion) => ({
        document: doc['earl:testSubject'].url,
        rule: assertion['earl:test']['dct:title'],
        impact: assertion['earl:test']['earl:impact'],
        description: assertion['earl:result']['dct:description'],
      })),
    );
    return { outcome: report['earl:result']['earl:outcome'], violations };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Markdown article using every construct the parser knows, raw HTML included. */
export const KITCHEN_SINK = join(ROOT, 'test/epub/fixtures/kitchen-sink.md');
