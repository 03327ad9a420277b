/** `galley build --watch`: rebuilds when an article, an image or a template file changes (the manifest skips the rest). */
import { watch } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { forgetTemplates, loadTemplate } from '../layout/index.js';
import type { Command } from './args.js';
import { complain, say } from './console.js';

/** Editors save in bursts (temp file, rename, touch): wait this long for the burst to end before rebuilding. */
const DEBOUNCE_MS = 150;

/** Watches the inputs' folders (with the articles' images) and the template's folders (its own and those it extends), calling `rebuild` after each burst of changes, until SIGINT. */
export async function watchBuild(command: Command, files: string[], rebuild: () => Promise<number>): Promise<void> {
  const folders = new Set([...command.inputs.map((input) => (files.includes(input) ? dirname(input) : input)), ...loadTemplate(command.template).dirs]);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);
  // The output folder may lie inside an input folder (`galley build . -w`): its own writes are no edits.
  const out = resolve(command.out);
  const isOutput = (folder: string, name: string | null): boolean => name !== null && `${resolve(join(folder, name))}${sep}`.startsWith(`${out}${sep}`);
  const watchers = [...folders].map((folder) =>
    watch(folder, { recursive: true }, (_event, name) => {
      if (isOutput(folder, name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const again = async (): Promise<number> => {
          forgetTemplates();
          try {
            return await rebuild();
          } catch (error) {
            // A template mid-edit may be invalid for a moment: say so and keep watching.
            complain(`galley: ${(error as Error).message}\n`);
            return 2;
          }
        };
        running = running.then(again, again);
      }, DEBOUNCE_MS);
    }),
  );
  say(`watching ${[...folders].join(', ')} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
}
