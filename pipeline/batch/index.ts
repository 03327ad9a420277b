/** Many books on this machine's cores: build's "build one book" run on worker threads, written and published by the main thread. */
export { buildBatch, type Batch, type BatchEvents, type BatchSummary } from './build.js';
export { BOOKS_IN_FLIGHT_PER_THREAD, runBatch, startPool, type BatchOptions, type BookPool, type PoolOptions } from './threads.js';
export { runTask, type TaskOutcome } from './task.js';
