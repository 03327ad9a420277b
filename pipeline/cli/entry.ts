/**
 * The bundle's entry (`dist/galley.mjs`): on the main thread it runs the command line; in a
 * worker thread it is the batch worker, so one file is loaded and fonts are parsed once per thread.
 */
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { runTask } from '../batch/index.js';
import { main } from './main.js';

export default runTask;

if (isMainThread) process.exitCode = await main(process.argv.slice(2), fileURLToPath(import.meta.url));
