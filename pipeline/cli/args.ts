/** Command-line arguments → a build request, or a usage error. */
import { parseArgs } from 'node:util';
import type { Format } from '../index.js';

/** What the user asked for. */
export interface Command {
  command: 'build' | 'serve' | 'help';
  inputs: string[];
  out: string;
  template: string;
  formats: Format[];
  pdfa: boolean;
  cropMarks: boolean;
  verbose: boolean;
  force: boolean;
  watch: boolean;
  /** Skip reading both books back to check that no word was lost. */
  noVerify: boolean;
  /** Threads to build on (the main thread counts as one); all cores by default. */
  jobs?: number;
  port: number;
  collection?: string;
  /** The book's publisher and rights statement, over what the article says (a collection's come only from here). */
  publisher?: string;
  rights?: string;
}

/** A mistake in the command line: exit code 2. */
export class UsageError extends Error {}

/** The help text, printed by `galley help` and after a usage error. */
export const USAGE = `usage: galley build <files or folders…> [--out DIR] [--template NAME] [--format epub,pdf]
                    [--collection "Title"] [--publisher NAME] [--rights TEXT] [--pdfa] [--crop-marks] [--force] [--watch] [--no-verify] [--jobs N] [--verbose]
       galley serve [--out DIR] [--port N]
build: an EPUB and a print PDF for every .html page, .txt scrape or .md article given (unchanged ones are skipped).
serve: the output folder's download page on http://127.0.0.1:N/ (localhost only).
exit codes: 0 built, 1 an article failed (the others still build), 2 usage or configuration error`;

/** Parses argv (without node and script) into a command. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o', default: 'output' },
        template: { type: 'string', short: 't', default: 'default' },
        format: { type: 'string', short: 'f', default: 'epub,pdf' },
        collection: { type: 'string' },
        publisher: { type: 'string' },
        rights: { type: 'string' },
        pdfa: { type: 'boolean', default: false },
        'crop-marks': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        force: { type: 'boolean', default: false },
        'no-verify': { type: 'boolean', default: false },
        jobs: { type: 'string', short: 'j' },
        watch: { type: 'boolean', short: 'w', default: false },
        port: { type: 'string', short: 'p', default: '8080' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [first, ...inputs] = positionals;
  const command = values.help || first === undefined ? 'help' : first;
  if (command !== 'build' && command !== 'serve' && command !== 'help') throw new UsageError(`unknown command "${command}"`);
  if (command === 'build' && inputs.length === 0) throw new UsageError('build needs at least one file or folder');
  if (command === 'serve' && inputs.length > 0) throw new UsageError('serve takes no files; it serves --out');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: "${values.port}" is not a port number`);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs: "${values.jobs}" is not a positive whole number`);
  const formats = values.format.split(',').map((format) => format.trim());
  const unknown = formats.find((format) => format !== 'epub' && format !== 'pdf');
  if (unknown !== undefined || formats.length === 0) throw new UsageError(`--format: "${unknown ?? ''}" is not epub or pdf`);
  if (values.collection !== undefined && !values.collection.trim()) throw new UsageError('--collection needs a title');
  return {
    command,
    inputs,
    out: values.out,
    template: values.template,
    formats: formats as Format[],
    pdfa: values.pdfa,
    cropMarks: values['crop-marks'],
    verbose: values.verbose,
    force: values.force,
    noVerify: values['no-verify'],
    ...(jobs !== undefined ? { jobs } : {}),
    watch: values.watch,
    port,
    ...(values.collection ? { collection: values.collection.trim() } : {}),
    ...(values.publisher?.trim() ? { publisher: values.publisher.trim() } : {}),
    ...(values.rights?.trim() ? { rights: values.rights.trim() } : {}),
  };
}
