#!/usr/bin/env node
// The package's `bin`: runs the bundle that `npm ci` (prepare) and `npm run build` make with esbuild,
// so that no TypeScript is compiled at run time.
try {
  await import('../../dist/galley.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/galley.mjs')) throw error;
  process.stderr.write('galley: not built yet; run `npm ci` or `npm run bundle` first\n');
  process.exitCode = 2;
}
