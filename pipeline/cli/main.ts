/** The command line: arguments → builds → printed lines and an exit code. The only place that prints or exits. */
import { join, relative } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { bookKey, emptyManifest, parseManifest, renderManifest, runBatch, type BookTask, type Manifest, type ManifestEntry, type TaskOutcome } from '../batch/index.js';
import { loadTemplate, renameBook, TemplateError, type BookResult, type BuildOptions } from '../index.js';
import { fingerprint, hashFiles, readOptionalText } from '../read/index.js';
import { ServeError, startServer } from '../serve/index.js';
import { renderIndexPage, siteFile, type SiteBook } from '../site/index.js';
import { writeArtifacts } from '../write/index.js';
import { parseCommand, UsageError, type Command } from './args.js';
import { ConfigError, loadConfig } from './config.js';
import { complain, say } from './console.js';
import { helpText, templateNames } from './help.js';
import { closest } from './suggest.js';
import { expandInputs } from './inputs.js';
import { Progress } from './progress.js';
import { formatDiagnostic, formatPreflight, formatSize } from './report.js';
import { watchBuild } from './watch.js';

/** Exit codes, as the README promises. */
const EXIT = { built: 0, articleFailed: 1, usage: 2 } as const;
const VERSION = packageJson.version;

/** Runs Galley with the given arguments and returns the exit code (never throws); `workerFile` starts batch threads. */
export async function main(argv: string[], workerFile: string): Promise<number> {
  try {
    const command = parseCommand(argv, wantsConfig(argv) ? loadConfig() : {});
    if (command.command === 'version') {
      say(`galley ${VERSION}\n`);
      return EXIT.built;
    }
    if (command.command === 'help') {
      say(helpText(VERSION, command.topic));
      return EXIT.built;
    }
    if (command.command === 'serve') return await serve(command);
    const { files, unreadable } = await expandInputs(command.inputs, command.out);
    if (unreadable.length) {
      const cwd = process.cwd();
      complain(`galley: skipped ${unreadable.length === 1 ? 'a file' : `${unreadable.length} files`} Galley cannot read (only .txt, .html and .md articles): ${unreadable.map((file) => relative(cwd, file)).join(', ')}\n`);
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
    if (error instanceof TemplateError || error instanceof ServeError || error instanceof ConfigError) {
      complain(`galley: ${error.message}\n`);
      return EXIT.usage;
    }
    complain(`galley: internal error (a bug in Galley, please report it): ${(error as Error).message}\n`);
    if (argv.includes('--verbose') || argv.includes('-v')) complain(`${(error as Error).stack ?? ''}\n`);
    return EXIT.articleFailed;
  }
}

/** Whether the command builds or serves (help and version work even beside a broken configuration file). */
function wantsConfig(argv: string[]): boolean {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return (first === 'build' || first === 'serve') && !argv.some((arg) => ['-h', '--help', '-V', '--version'].includes(arg));
}

/** Builds every book that changed, writes it, then the manifest and the downloads page. */
async function build(command: Command, files: string[], workerFile: string): Promise<number> {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && !/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds, not "${epoch}"`);
  const options: BuildOptions = {
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
    ...(command.minPages !== undefined ? { minPages: command.minPages } : {}),
  };
  checkTemplateName(command.template);
  const template = loadTemplate(command.template);
  const manifestPath = join(command.out, 'manifest.json');
  const previous = parseManifest(await readOptionalText(manifestPath), VERSION);
  const manifest: Manifest = emptyManifest(VERSION);
  const books = command.collection ? [files] : files.map((file) => [file]);
  const stale: Array<{ task: BookTask; key: string; fingerprint: string }> = [];
  let skipped = 0;
  for (const sources of books) {
    const key = bookKey(sources);
    const print = await fingerprint(sources, [template.hash, VERSION, JSON.stringify({ ...options, cwd: undefined })]);
    const entry = previous.books[key];
    if (!command.force && entry?.fingerprint === print && (await isIntact(entry, command.out))) {
      manifest.books[key] = entry;
      skipped++;
    } else stale.push({ task: { files: sources, options }, key, fingerprint: print });
  }
  const claimed = new Set(Object.values(manifest.books).map((entry) => entry.slug));
  const progress = new Progress(stale.length);
  let failed = 0;
  await runBatch(
    stale.map((job) => job.task),
    async (outcome: TaskOutcome, index: number) => {
      const job = stale[index]!;
      progress.clear();
      if (!outcome.ok) {
        failed++;
        if (outcome.kind === 'template') throw new TemplateError(outcome.message);
        const label = command.collection ?? job.task.files[0]!;
        const message = outcome.kind === 'internal' ? `${label}: internal error (a bug in Galley, please report it): ${outcome.message}` : outcome.message;
        complain(`${message}\n`);
        if (command.verbose && outcome.stack) complain(`${outcome.stack}\n`);
      } else {
        const result = claimSlug(outcome.result, claimed, previous.books[job.key]?.slug);
        await report(result, command);
        manifest.books[job.key] = {
          slug: result.slug,
          title: result.title,
          lang: result.lang,
          ...(result.publisher ? { publisher: result.publisher } : {}),
          sources: result.sources,
          fingerprint: job.fingerprint,
          inputs: await hashFiles(result.inputs),
          written: Object.fromEntries(result.artifacts.map((artifact) => [artifact.name, siteFile(artifact).sha256])),
          files: result.artifacts.filter((artifact) => artifact.name !== result.cover?.name).map((artifact) => siteFile(artifact)),
          ...(result.cover ? { cover: result.cover } : {}),
        };
      }
      progress.tick();
    },
    { workerFile, ...(command.jobs !== undefined ? { threads: command.jobs } : {}) },
  );
  progress.clear();
  await writeArtifacts(command.out, [renderManifest(manifest), renderIndexPage(siteBooks(manifest), { title: 'Galley books', generator: `Galley ${VERSION}` })]);
  const built = stale.length - failed;
  const parts = [`${built} of ${books.length} book${books.length === 1 ? '' : 's'} built`];
  if (skipped) parts.push(`${skipped} unchanged`);
  if (failed) parts.push(`${failed} failed`);
  say(`${parts.join(', ')}\n`);
  return failed ? EXIT.articleFailed : EXIT.built;
}

/** Whether the images a book was made from are as they were, and every file it wrote is still there as written. */
async function isIntact(entry: ManifestEntry, out: string): Promise<boolean> {
  const inputs = await hashFiles(Object.keys(entry.inputs));
  if (Object.entries(entry.inputs).some(([file, sha256]) => inputs[file] !== sha256)) return false;
  const written = Object.entries(entry.written);
  const now = await hashFiles(written.map(([name]) => join(out, name)));
  return written.length > 0 && written.every(([name, sha256]) => now[join(out, name)] === sha256);
}

/** Keeps a book's earlier slug, or gives a second book with the same headline a numbered one. */
function claimSlug(result: BookResult, claimed: Set<string>, earlier: string | undefined): BookResult {
  let slug = earlier && !claimed.has(earlier) ? earlier : result.slug;
  for (let n = 2; claimed.has(slug); n++) slug = `${result.slug}-${n}`;
  claimed.add(slug);
  return slug === result.slug ? result : renameBook(result, slug);
}

function siteBooks(manifest: Manifest): SiteBook[] {
  return Object.values(manifest.books).map((entry) => ({
    slug: entry.slug,
    title: entry.title,
    ...(entry.publisher ? { publisher: entry.publisher } : {}),
    lang: entry.lang,
    ...(entry.cover ? { cover: entry.cover } : {}),
    files: entry.files,
  }));
}

/** A template name that is not found: say which ones are, and which one was probably meant. */
function checkTemplateName(name: string): void {
  if (/[\\/]/.test(name)) return;
  const names = templateNames();
  if (names.includes(name)) return;
  const guess = closest(name, names);
  throw new UsageError(`--template: no template "${name}" in ./templates or Galley's own (found: ${names.join(', ') || 'none'})${guess ? `; did you mean "${guess}"?` : ''}`, 'build');
}

async function report(result: BookResult, command: Command): Promise<void> {
  const cwd = process.cwd();
  say(`${result.sources.map((file) => relative(cwd, file)).join(', ')}: "${result.title}"\n`);
  // Grouped by source file in the order given, then in line order, so dropped lines read like the source.
  const order = (file: string): number => {
    const index = result.sources.indexOf(file);
    return index < 0 ? result.sources.length : index;
  };
  const shown = result.diagnostics
    .filter((diagnostic) => diagnostic.severity !== 'info' || diagnostic.text !== undefined || command.verbose)
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => order(a.diagnostic.file) - order(b.diagnostic.file) || (a.diagnostic.line ?? 0) - (b.diagnostic.line ?? 0) || a.index - b.index);
  for (const { diagnostic } of shown) say(`  ${formatDiagnostic(diagnostic, diagnostic.file ? relative(cwd, diagnostic.file) : result.sources.map((file) => relative(cwd, file)).join(', '))}\n`);
  const written = await writeArtifacts(command.out, result.artifacts);
  for (const file of written) say(`  wrote ${relative(cwd, file.path)}  ${formatSize(file.bytes)}\n`);
  if (result.preflight && command.formats.includes('pdf')) {
    say(`  preflight: ${formatPreflight(result.preflight)}\n`);
    for (const warning of result.preflight.warnings) say(`  ${relative(cwd, join(command.out, `${result.slug}.pdf`))}: warning: ${warning} (preflight)\n`);
  }
  if (command.verbose) say(`  timings: ${Object.entries(result.timings).map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`).join(', ')}\n`);
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
