/** Runs the real `galley` command in a child process, as an editor would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

/** Result of one command run. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `galley <args>` in `cwd` (the repository by default) with extra environment variables. */
export function galley(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [join(ROOT, 'pipeline/cli/galley.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
