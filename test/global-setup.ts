/** Bundles the CLI before the tests spawn it, so they never run a stale `dist/galley.mjs`. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit' });
}
