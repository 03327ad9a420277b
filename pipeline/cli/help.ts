/** The help texts: every option with its default, and the templates this folder can use. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_TEMPLATES } from '../layout/index.js';
import { OPTIONS, type Topic } from './args.js';
import { CONFIG_FILE } from './config.js';

/** Names of the templates `--template NAME` finds from `cwd`: its own `templates/` first, then Galley's. */
export function templateNames(cwd = process.cwd()): string[] {
  const names = new Set<string>();
  for (const folder of [join(cwd, 'templates'), BUILTIN_TEMPLATES]) {
    const entries = existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : [];
    for (const entry of entries) if (entry.isDirectory() && existsSync(join(folder, entry.name, 'template.json'))) names.add(entry.name);
  }
  return [...names].sort();
}

/** `galley --help`, or the help of one command (`galley build --help`). */
export function helpText(version: string, topic?: Topic): string {
  const lines: string[] = [];
  if (!topic) {
    lines.push(
      `Galley ${version}: news articles (.txt scrapes, .html saved pages, .md with front matter) into an EPUB 3 and a print PDF.`,
      '',
      'usage: galley build <files or folders…> [options]   make the books',
      '       galley serve [--out DIR] [--port N]           serve the downloads page on http://127.0.0.1:N/',
      '       galley queue add <files or folders…> [options] | status | retry-failed | drain',
      '                                                     build on many machines through a Redis queue',
      '       galley worker [--redis URL] [--concurrency N]  build the queued books on this machine',
      '       galley --version | galley help [build|serve|queue|worker]',
      '',
    );
  } else if (topic === 'build') {
    lines.push(
      'usage: galley build <files or folders…> [options]',
      '',
      'An EPUB and a print PDF for every .txt, .html or .md article given (folders are searched);',
      'a book whose sources, template, options and Galley version are unchanged is skipped.',
      '',
    );
  } else if (topic === 'queue') {
    lines.push(
      'usage: galley queue add <files or folders…> [options]   one job per book (per collection), and one batch job',
      '       galley queue status [--json]                     jobs waiting, running, done and failed; batches in progress; every failure',
      '       galley queue retry-failed                        run the failed books again',
      '       galley queue drain                               remove the books not yet started',
      '',
      'Workers (galley worker) on any machine build the books. Articles, templates and the output folder',
      'must be at the same paths on every machine (shared storage); jobs carry paths, not articles.',
      "A book's job id is its fingerprint: adding it again does no work twice, and a built, unchanged book gets no job.",
      '',
    );
  } else if (topic === 'worker') {
    lines.push(
      'usage: galley worker [--redis URL] [--concurrency N]',
      '',
      'Builds queued books until stopped (Ctrl-C lets the running books finish), one line per book.',
      "A bad article fails at once; a system fault is retried with backoff; a killed worker's books are taken over.",
      '',
    );
  } else {
    lines.push('usage: galley serve [--out DIR] [--port N]', '', "Serves the output folder's downloads page on http://127.0.0.1:N/ (localhost only).", '');
  }
  lines.push('options:');
  const shown = OPTIONS.filter((option) => (topic ? option.commands.includes(topic) || option.name === 'version' : true));
  const spell = (option: (typeof OPTIONS)[number]): string => `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`;
  const width = Math.max(...shown.map((option) => spell(option).length)) + 2;
  for (const option of shown) {
    const where = !topic && option.commands.length === 1 ? ` [${option.commands[0]}]` : '';
    const fallback = option.default ? ` (default: ${option.default})` : '';
    lines.push(`  ${spell(option).padEnd(width)}${option.help}${fallback}${where}`);
  }
  if (topic === undefined || topic === 'build' || topic === 'queue') lines.push('', `templates found: ${templateNames().join(', ') || 'none'}`);
  lines.push('', `defaults for every option but --watch can be set in ${CONFIG_FILE} in the working folder; flags win over it`);
  lines.push('', 'exit codes: 0 built, 1 an article failed (the others still build), 2 usage or configuration error');
  return `${lines.join('\n')}\n`;
}
