/** A forecast worker thread: forecasts each batch it is sent and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { runBatch, type BatchRequest } from './pool.js';

parentPort?.on('message', (request: BatchRequest) => {
  parentPort!.postMessage(runBatch(request));
});
