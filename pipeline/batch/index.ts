/** Many books on this machine's cores: build's "build one book" run on worker threads, written and published by the main thread. */
export { buildBatch, type Batch, type BatchEvents, type BatchSummary } from './build.js';
export { runBatch, type BatchOptions } from './threads.js';
export { runTask, type TaskOutcome } from './task.js';
