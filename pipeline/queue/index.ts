/**
 * Galley's distributed mode: the build of one book run by BullMQ workers on many machines,
 * beside `batch/`, which runs it on the threads of one. No typesetting or EPUB code lives here;
 * everything a book needs goes through `build-calls.ts`.
 */
export { displayUrl, QueueError } from './connection.js';
export { enqueue, type EnqueueRequest, type EnqueueResult } from './enqueue.js';
export { drainQueue, queueStatus, retryFailed, waitForBatch, type BatchProgress, type Failure, type QueueStatus } from './manage.js';
export { startWorker, type RunningWorker, type WorkerOptions } from './worker.js';
