/** Command-line arguments → a build request, or a usage error. */
import { parseArgs } from 'node:util';
import { FORMATS, type Format, type Paper, type Sheet } from '../index.js';
import type { Config } from './config.js';
import { closest } from './suggest.js';

/** What the user asked for. */
export interface Command {
  command: 'build' | 'serve' | 'queue' | 'worker' | 'help' | 'version';
  /** For `help`: the command whose help was asked for. */
  topic?: Topic;
  /** For `queue`: what to do with it. */
  action?: QueueAction;
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
  /** The print cover's paper and the booklet's sheet, over the template's. */
  paper?: Paper;
  sheet?: Sheet;
  /** For `queue` and `worker`: the Redis URL (`--redis`, else `GALLEY_REDIS_URL`). */
  redis?: string;
  /** For `worker`: threads building books at once. */
  concurrency?: number;
  /** For `queue status`: print JSON. */
  json: boolean;
  /** For `queue add`: wait until the batch is built, showing progress. */
  wait: boolean;
  /** Fewest PDF pages, padded with blank pages at the end (over the template's `page.minPages`). */
  minPages?: number;
}

/** A command with its own help. */
export type Topic = 'build' | 'serve' | 'queue' | 'worker';
/** The verbs of `galley queue`. */
export type QueueAction = 'add' | 'status' | 'retry-failed' | 'drain';
const QUEUE_ACTIONS: QueueAction[] = ['add', 'status', 'retry-failed', 'drain'];
const TOPICS: Topic[] = ['build', 'serve', 'queue', 'worker'];

/** A mistake in the command line: exit code 2, with a hint naming the help to read. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose `--help` explains the mistake. */
    readonly topic?: Topic,
  ) {
    super(message);
  }
}

/** One option: how it is spelled, what it takes, its default and what it does (for the help). */
export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in the help, for string options. */
  value?: string;
  default?: string;
  commands: Topic[];
  help: string;
}

/** Every option Galley takes, in the order the help lists them. */
export const OPTIONS: OptionSpec[] = [
  {
    name: 'out',
    short: 'o',
    type: 'string',
    value: 'DIR',
    default: 'output',
    commands: ['build', 'serve', 'queue'],
    help: 'folder the books, manifest.json and index.html are written to (and served from)',
  },
  {
    name: 'template',
    short: 't',
    type: 'string',
    value: 'NAME',
    default: 'default',
    commands: ['build', 'queue'],
    help: "layout: a folder under ./templates or Galley's own, or a path to a template folder",
  },
  {
    name: 'format',
    short: 'f',
    type: 'string',
    value: 'LIST',
    default: 'epub,pdf',
    commands: ['build', 'queue'],
    help: 'books to make, comma-separated: epub, pdf, cover (the print cover: back, spine, front), booklet (for a home printer)',
  },
  {
    name: 'paper',
    type: 'string',
    value: 'white|cream',
    default: "the template's",
    commands: ['build', 'queue'],
    help: "the interior's paper, which sets the print cover's spine width (KDP: 0.002252 in a page white, 0.0025 in cream)",
  },
  {
    name: 'sheet',
    type: 'string',
    value: 'letter|a4',
    default: "the template's",
    commands: ['build', 'queue'],
    help: "the booklet's sheet: Letter folds to 5.5×8.5 in pages, A4 to A5",
  },
  {
    name: 'collection',
    type: 'string',
    value: '"TITLE"',
    commands: ['build', 'queue'],
    help: 'one book with every article as a chapter, under this title (default: one book per article)',
  },
  { name: 'publisher', type: 'string', value: 'NAME', commands: ['build', 'queue'], help: "the books' publisher, over the article's (a collection names none otherwise)" },
  { name: 'rights', type: 'string', value: 'TEXT', commands: ['build', 'queue'], help: "the books' rights statement, over the article's notice (a collection has none otherwise)" },
  {
    name: 'min-pages',
    type: 'string',
    value: 'N',
    default: "the template's (default: none)",
    commands: ['build', 'queue'],
    help: "pad the PDF with blank pages at the end to N pages, a print service's minimum (KDP 24, IngramSpark 18)",
  },
  { name: 'pdfa', type: 'boolean', commands: ['build', 'queue'], help: 'make the PDF PDF/A-2b' },
  { name: 'crop-marks', type: 'boolean', commands: ['build', 'queue'], help: 'add crop marks outside the trim (print services reject them)' },
  { name: 'force', type: 'boolean', commands: ['build', 'queue'], help: 'rebuild every book, even unchanged ones' },
  { name: 'watch', short: 'w', type: 'boolean', commands: ['build'], help: 'build, then rebuild whenever an article, its images or the template change' },
  { name: 'no-verify', type: 'boolean', commands: ['build', 'queue'], help: 'skip reading both books back to check that no word was lost' },
  { name: 'jobs', short: 'j', type: 'string', value: 'N', default: 'all cores', commands: ['build'], help: 'threads to build on' },
  { name: 'verbose', short: 'v', type: 'boolean', commands: ['build', 'serve', 'queue', 'worker'], help: 'also print every dropped line, stage timings and stack traces' },
  {
    name: 'redis',
    type: 'string',
    value: 'URL',
    default: '$GALLEY_REDIS_URL',
    commands: ['queue', 'worker'],
    help: 'the Redis holding the queue (redis://[user:password@]host[:port][/db], rediss:// for TLS)',
  },
  { name: 'concurrency', short: 'c', type: 'string', value: 'N', default: 'all cores', commands: ['worker'], help: 'books this worker builds at once, each on its own thread' },
  { name: 'wait', type: 'boolean', commands: ['queue'], help: 'queue add: wait until the batch is built, showing progress; exit 1 if a book failed' },
  { name: 'json', type: 'boolean', commands: ['queue'], help: 'queue status: print JSON for scripts' },
  { name: 'port', short: 'p', type: 'string', value: 'N', default: '8080', commands: ['serve'], help: 'port on 127.0.0.1 to serve on' },
  { name: 'help', short: 'h', type: 'boolean', commands: ['build', 'serve', 'queue', 'worker'], help: 'print this help' },
  { name: 'version', short: 'V', type: 'boolean', commands: [], help: "print Galley's version" },
];

const COMMANDS = ['build', 'serve', 'queue', 'worker', 'help'] as const;
/** Largest --min-pages: past every print service's maximum (KDP's is 828), so a slip of the keyboard cannot make a million blank pages. */
const MAX_MIN_PAGES = 1000;

/** Parses argv (without node and script) into a command; flags win over `config`, which wins over the built-in defaults. */
export function parseCommand(argv: string[], config: Config = {}): Command {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const topic = TOPICS.find((candidate) => candidate === first);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: Object.fromEntries(OPTIONS.map((option) => [option.name, { type: option.type, ...(option.short ? { short: option.short } : {}) }])),
    });
  } catch (error) {
    throw new UsageError(describeParseError(error as NodeJS.ErrnoException, argv), topic);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const string = (name: string): string | undefined => values[name] as string | undefined;
  const flag = (name: string): boolean => values[name] === true;
  const [name, ...inputs] = parsed.positionals;
  const base = { inputs, out: string('out') ?? config.out ?? 'output', template: string('template') ?? config.template ?? 'default', formats: ['epub', 'pdf'] as Format[] };
  const defaults = { pdfa: false, cropMarks: false, verbose: flag('verbose'), force: false, watch: false, noVerify: false, port: 8080, json: false, wait: false };
  /** A boolean option: given on the command line, else the configuration's, else off. */
  const setting = (name: string, configured: boolean | undefined): boolean => flag(name) || (configured ?? false);
  if (flag('version')) return { command: 'version', ...base, ...defaults };
  if (name === 'help') {
    const about = inputs[0];
    const known = TOPICS.find((candidate) => candidate === about);
    if (about !== undefined && !known) throw new UsageError(`help: no command "${about}" (the commands are ${TOPICS.join(', ')})`);
    return { command: 'help', ...(known ? { topic: known } : {}), ...base, inputs: [], ...defaults };
  }
  if (flag('help') || name === undefined) return { command: 'help', ...(topic ? { topic } : {}), ...base, inputs: [], ...defaults };
  if (name !== 'build' && name !== 'serve' && name !== 'queue' && name !== 'worker') {
    const guess = closest(name, [...COMMANDS]);
    throw new UsageError(`unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  for (const option of OPTIONS) {
    const given = values[option.name];
    if (given !== undefined && given !== false && option.commands.length && !option.commands.includes(name)) {
      throw new UsageError(`--${option.name} is not an option of galley ${name}`, name);
    }
  }
  if (name === 'build' && inputs.length === 0) throw new UsageError('build needs at least one file or folder', name);
  if ((name === 'serve' || name === 'worker') && inputs.length > 0) throw new UsageError(`${name} takes no files${name === 'serve' ? '; it serves --out' : ''}`, name);
  let action: QueueAction | undefined;
  if (name === 'queue') {
    const verb = inputs.shift();
    action = QUEUE_ACTIONS.find((candidate) => candidate === verb);
    if (!action) {
      const guess = verb === undefined ? undefined : closest(verb, QUEUE_ACTIONS);
      throw new UsageError(
        verb === undefined
          ? `queue needs one of ${QUEUE_ACTIONS.join(', ')}`
          : `queue: no action "${verb}" (${QUEUE_ACTIONS.join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`,
        name,
      );
    }
    if (action === 'add' && inputs.length === 0) throw new UsageError('queue add needs at least one file or folder', name);
    if (action !== 'add' && inputs.length > 0) throw new UsageError(`queue ${action} takes no files`, name);
  }
  const redis = string('redis') ?? (process.env.GALLEY_REDIS_URL || undefined);
  if ((name === 'queue' || name === 'worker') && redis === undefined) throw new UsageError(`${name} needs the Redis URL: --redis redis://host:port or GALLEY_REDIS_URL`, name);
  const concurrencyText = string('concurrency');
  const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
  if (concurrency !== undefined && (!/^\d+$/.test(concurrencyText!) || concurrency < 1))
    throw new UsageError(`--concurrency: "${concurrencyText}" is not a positive whole number`, name);
  const portText = string('port') ?? String(config.port ?? 8080);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`--port: "${portText}" is not a port number`, name);
  const jobsText = string('jobs') ?? (config.jobs === undefined ? undefined : String(config.jobs));
  const jobs = jobsText === undefined ? undefined : Number(jobsText);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs: "${jobsText}" is not a positive whole number`, name);
  const formats = (string('format') ?? (config.formats ?? ['epub', 'pdf']).join(',')).split(',').map((format) => format.trim());
  const unknown = formats.find((format) => !(FORMATS as readonly string[]).includes(format));
  if (unknown !== undefined) {
    const guess = closest(unknown, [...FORMATS]);
    throw new UsageError(`--format: "${unknown}" is not one of ${FORMATS.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`, name);
  }
  const paper = choice('paper', (string('paper') ?? config.paper)?.toLowerCase(), ['white', 'cream'] as const, name);
  const sheet = choice('sheet', (string('sheet') ?? config.sheet)?.toLowerCase(), ['letter', 'a4'] as const, name);
  const minPagesText = string('min-pages') ?? (config.minPages === undefined ? undefined : String(config.minPages));
  const minPages = minPagesText === undefined ? undefined : Number(minPagesText);
  if (minPages !== undefined && (!/^\d+$/.test(minPagesText!) || minPages > MAX_MIN_PAGES))
    throw new UsageError(`--min-pages: "${minPagesText}" is not a page count from 0 to ${MAX_MIN_PAGES}`, name);
  const collection = string('collection') ?? config.collection;
  const publisher = (string('publisher') ?? config.publisher)?.trim();
  const rights = (string('rights') ?? config.rights)?.trim();
  if (collection !== undefined && !collection.trim()) throw new UsageError('--collection needs a title', name);
  return {
    command: name,
    ...(action ? { action } : {}),
    ...(redis !== undefined ? { redis } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    json: flag('json'),
    wait: flag('wait'),
    inputs,
    out: base.out,
    template: base.template,
    formats: [...new Set(formats)] as Format[],
    pdfa: setting('pdfa', config.pdfa),
    cropMarks: setting('crop-marks', config.cropMarks),
    verbose: setting('verbose', config.verbose),
    force: setting('force', config.force),
    noVerify: setting('no-verify', config.verify === undefined ? undefined : !config.verify),
    ...(jobs !== undefined ? { jobs } : {}),
    watch: flag('watch'),
    port,
    ...(collection ? { collection: collection.trim() } : {}),
    ...(publisher ? { publisher } : {}),
    ...(rights ? { rights } : {}),
    ...(paper ? { paper } : {}),
    ...(sheet ? { sheet } : {}),
    ...(minPages !== undefined ? { minPages } : {}),
  };
}

/** A value that must be one of a few words, or a usage error naming them. */
function choice<T extends string>(option: string, value: string | undefined, allowed: readonly T[], topic: Topic): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  const guess = closest(value, [...allowed]);
  throw new UsageError(`--${option}: "${value}" is not one of ${allowed.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`, topic);
}

/** Node's parseArgs messages are long and generic: say which option, and what was probably meant. */
function describeParseError(error: NodeJS.ErrnoException, argv: string[]): string {
  const quoted = /'(-{1,2}[^' ]*)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = quoted ?? argv.find((arg) => arg.startsWith('-')) ?? '';
    const bare = given.replace(/^-+/, '').split('=')[0]!;
    const guess = given.startsWith('--')
      ? closest(
          bare,
          OPTIONS.map((option) => option.name),
        )
      : undefined;
    return `unknown option ${given}${guess ? `; did you mean --${guess}?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = /--([a-z-]+)/.exec(error.message)?.[1];
    const option = OPTIONS.find((candidate) => candidate.name === long);
    if (option?.type === 'string') return `--${option.name} needs a value (${option.value})`;
    if (option) return `--${option.name} takes no value`;
  }
  return error.message.split('\n')[0]!.replace(/\.$/, '');
}
