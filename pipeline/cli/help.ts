/** The help texts: every option with its default, and the templates this folder can use. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_TEMPLATES } from '../layout/index.js';
import { OPTIONS } from './args.js';
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

/** `galley --help`, `galley build --help` or `galley serve --help`. */
export function helpText(version: string, topic?: 'build' | 'serve'): string {
  const lines: string[] = [];
  if (!topic) {
    lines.push(
      `Galley ${version}: news articles (.txt scrapes, .html saved pages, .md with front matter) into an EPUB 3 and a print PDF.`,
      '',
      'usage: galley build <files or folders…> [options]   make the books',
      '       galley serve [--out DIR] [--port N]           serve the downloads page on http://127.0.0.1:N/',
      '       galley --version | galley help [build|serve]',
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
  if (topic !== 'serve') lines.push('', `templates found: ${templateNames().join(', ') || 'none'}`);
  lines.push('', `defaults for every option but --watch can be set in ${CONFIG_FILE} in the working folder; flags win over it`);
  lines.push('', 'exit codes: 0 built, 1 an article failed (the others still build), 2 usage or configuration error');
  return `${lines.join('\n')}\n`;
}
