/** The command line: arguments → builds → printed lines and an exit code. The only place that prints or exits. */
import { join, relative } from 'node:path';
import { buildBatch } from '../batch/index.js';
import { GALLEY_VERSION, type BuildOptions, type WrittenBook } from '../build/index.js';
import { TemplateError, WriteError } from '../errors.js';
import { QueueError } from '../queue/index.js';
import { ServeError, startServer } from '../serve/index.js';
import { parseCommand, UsageError, type Command } from './args.js';
import { ConfigError, loadConfig } from './config.js';
import { complain, say } from './console.js';
import { helpText, templateNames } from './help.js';
import { closest } from './suggest.js';
import { expandInputs } from './inputs.js';
import { Progress } from './progress.js';
import { formatChannels, formatDiagnostic, formatPreflight, formatSize } from './report.js';
import { queueCommand, workerCommand } from './queue.js';
import { watchBuild } from './watch.js';

/** Exit codes, as the README promises. */
const EXIT = { built: 0, articleFailed: 1, usage: 2 } as const;

/** Runs Galley with the given arguments and returns the exit code (never throws); `workerFile` starts batch threads. */
export async function main(argv: string[], workerFile: string): Promise<number> {
  try {
    const command = parseCommand(argv, wantsConfig(argv) ? loadConfig() : {});
    if (command.command === 'version') {
      say(`galley ${GALLEY_VERSION}\n`);
      return EXIT.built;
    }
    if (command.command === 'help') {
      say(helpText(GALLEY_VERSION, command.topic));
      return EXIT.built;
    }
    if (command.command === 'serve') return await serve(command);
    if (command.command === 'worker') return await workerCommand(command, workerFile);
    if (command.command === 'queue') return await queueCommand(command, command.action === 'add' ? buildOptions(command) : undefined);
    const { files, unreadable } = await expandInputs(command.inputs, command.out);
    if (unreadable.length) {
      const cwd = process.cwd();
      complain(
        `galley: skipped ${unreadable.length === 1 ? 'a file' : `${unreadable.length} files`} Galley cannot read (only .txt, .html and .md articles): ${unreadable.map((file) => relative(cwd, file)).join(', ')}\n`,
      );
    }
    const code = await build(command, files, workerFile);
    if (!command.watch) return code;
    await watchBuild(command, files, async () => build({ ...command, force: false }, (await expandInputs(command.inputs, command.out)).files, workerFile));
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      complain(`galley: ${error.message}\nsee galley ${error.topic ? `${error.topic} ` : ''}--help\n`);
      return EXIT.usage;
    }
    if (error instanceof TemplateError || error instanceof ServeError || error instanceof ConfigError || error instanceof QueueError) {
      complain(`galley: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof WriteError) {
      complain(`galley: ${error.message}\n`);
      return EXIT.articleFailed;
    }
    complain(`galley: internal error (a bug in Galley, please report it): ${(error as Error).message}\n`);
    if (argv.includes('--verbose') || argv.includes('-v')) complain(`${(error as Error).stack ?? ''}\n`);
    return EXIT.articleFailed;
  }
}

/** Whether the command builds or serves (help and version work even beside a broken configuration file). */
function wantsConfig(argv: string[]): boolean {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return (first === 'build' || first === 'serve' || first === 'queue') && !argv.some((arg) => ['-h', '--help', '-V', '--version'].includes(arg));
}

/** Builds every book that changed, writes it, then the manifest and the downloads page; prints as it goes. */
async function build(command: Command, files: string[], workerFile: string): Promise<number> {
  const options = buildOptions(command);
  const jobs = (command.collection ? [files] : files.map((file) => [file])).map((sources) => ({ sources, options }));
  let progress = new Progress(0);
  const summary = await buildBatch(
    { jobs, out: command.out, force: command.force, workerFile, ...(command.jobs !== undefined ? { threads: command.jobs } : {}) },
    {
      planned: (stale) => (progress = new Progress(stale)),
      written: (book) => {
        progress.clear();
        report(book, command);
        progress.tick();
      },
      failed: (job, failure) => {
        progress.clear();
        const label = command.collection ?? job.sources[0]!;
        complain(`${failure.kind === 'internal' ? `${label}: internal error (a bug in Galley, please report it): ${failure.message}` : failure.message}\n`);
        if (command.verbose && failure.stack) complain(`${failure.stack}\n`);
        progress.tick();
      },
    },
  );
  progress.clear();
  if (summary.writeFailure) complain(`galley: ${summary.writeFailure.message}\n`);
  const parts = [`${summary.built} of ${summary.books} book${summary.books === 1 ? '' : 's'} built`];
  if (summary.unchanged) parts.push(`${summary.unchanged} unchanged`);
  if (summary.failed) parts.push(`${summary.failed} failed`);
  if (summary.writeFailure) parts.push('stopped: the output folder could not be written');
  say(`${parts.join(', ')}\n`);
  return summary.failed || summary.writeFailure ? EXIT.articleFailed : EXIT.built;
}

/** The build's options from the command line and SOURCE_DATE_EPOCH; the template name is checked. */
function buildOptions(command: Command): BuildOptions {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds, not "${epoch}"`);
  checkTemplateName(command.template);
  return {
    template: command.template,
    formats: command.formats,
    pdfa: command.pdfa,
    cropMarks: command.cropMarks,
    verify: !command.noVerify,
    cwd: process.cwd(),
    ...(epoch !== undefined ? { sourceDateEpoch: Number(epoch) } : {}),
    ...(command.collection ? { collectionTitle: command.collection } : {}),
    ...(command.publisher ? { publisher: command.publisher } : {}),
    ...(command.rights ? { rights: command.rights } : {}),
    ...(command.paper ? { paper: command.paper } : {}),
    ...(command.sheet ? { sheet: command.sheet } : {}),
    ...(command.minPages !== undefined ? { minPages: command.minPages } : {}),
  };
}

/** A template name that is not found: say which ones are, and which one was probably meant. */
function checkTemplateName(name: string): void {
  if (/[\\/]/.test(name)) return;
  const names = templateNames();
  if (names.includes(name)) return;
  const guess = closest(name, names);
  throw new UsageError(
    `--template: no template "${name}" in ./templates or Galley's own (found: ${names.join(', ') || 'none'})${guess ? `; did you mean "${guess}"?` : ''}`,
    'build',
  );
}

/** Prints what one book's build said and wrote: its title, its messages in source order, its files and the printer's checks. */
function report(book: WrittenBook, command: Command): void {
  const cwd = process.cwd();
  const { entry } = book;
  say(`${entry.sources.map((file) => relative(cwd, file)).join(', ')}: "${entry.title}"\n`);
  // Grouped by source file in the order given, then in line order, so dropped lines read like the source.
  const order = (file: string): number => {
    const index = entry.sources.indexOf(file);
    return index < 0 ? entry.sources.length : index;
  };
  const shown = book.diagnostics
    .filter((diagnostic) => diagnostic.severity !== 'info' || diagnostic.text !== undefined || command.verbose)
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => order(a.diagnostic.file) - order(b.diagnostic.file) || (a.diagnostic.line ?? 0) - (b.diagnostic.line ?? 0) || a.index - b.index);
  for (const { diagnostic } of shown)
    say(`  ${formatDiagnostic(diagnostic, diagnostic.file ? relative(cwd, diagnostic.file) : entry.sources.map((file) => relative(cwd, file)).join(', '))}\n`);
  for (const file of book.written) say(`  wrote ${relative(cwd, file.path)}  ${formatSize(file.bytes)}\n`);
  if (book.preflight && command.formats.includes('pdf')) {
    say(`  preflight: ${formatPreflight(book.preflight)}\n`);
    for (const warning of book.preflight.warnings) say(`  ${relative(cwd, join(command.out, `${entry.slug}.pdf`))}: warning: ${warning} (preflight)\n`);
  }
  if (book.kindle)
    say(
      `  kindle: ${book.kindle.checks.filter((check) => check.passed).length} of ${book.kindle.checks.length} checks passed (dc:language ${book.kindle.language}; no Kindle service asked)\n`,
    );
  for (const line of formatChannels({ slug: entry.slug, ...book }, (name) => relative(cwd, join(command.out, name)))) say(`  ${line}\n`);
  if (command.verbose)
    say(
      `  timings: ${Object.entries(book.timings)
        .map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`)
        .join(', ')}\n`,
    );
}

async function serve(command: Command): Promise<number> {
  const server = await startServer({ root: command.out, port: command.port }).catch((error: unknown) => {
    throw serveProblem(error, command);
  });
  say(`serving ${command.out} on ${server.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  await server.close();
  return EXIT.built;
}

/** Says why a server could not start in the user's words: a port in use, an output folder not built yet. */
function serveProblem(error: unknown, command: Command): unknown {
  if (!(error instanceof ServeError)) return error;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`--port ${command.port}: the port is in use; choose another with --port N`, 'serve');
  if (code === 'EACCES') return new UsageError(`--port ${command.port}: not allowed to listen on this port; choose one above 1023 with --port N`, 'serve');
  if (code === 'ENOENT') return new UsageError(`${command.out}: no such folder; build into it first (galley build <files> --out ${command.out})`, 'serve');
  return error;
}
