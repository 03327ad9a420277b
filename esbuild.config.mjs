// Bundles Galley and its pure-JavaScript dependencies into dist/galley.mjs (`npm run bundle`,
// run by `npm ci` and before every build and test): one file loads about 150 ms faster than
// hundreds of small modules. Packages that read data files beside their own code, ship native
// binaries or are loaded only on demand stay outside and are imported from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['pipeline/cli/entry.ts'],
  outfile: 'dist/galley.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  external: [
    'pdfkit', // reads its AFM metrics from files beside it
    'fontkit', // loads its Unicode data tries from files
    'linebreak', // same
    'hyphen', // patterns resolved per language at run time
    '@resvg/resvg-js', // native
    'sharp', // native, loaded only for WebP
    'pdfjs-dist', // large, loaded only for the read-back check
    'epub-gen-memory',
    'jszip',
    '@xmldom/xmldom',
    'bidi-js',
    'piscina', // loaded only for batches
    'bullmq', // loaded only by the queue commands and workers
    'ioredis', // BullMQ's Redis client, loaded by it
  ],
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as galleyCreateRequire } from 'node:module'; const require = galleyCreateRequire(import.meta.url);" },
});
