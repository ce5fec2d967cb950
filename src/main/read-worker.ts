/**
 * A worker thread of the repository reader: reads the paths it is sent and runs every secret rule
 * set over each text while it is at hand, so the main thread gets text and secrets in one message
 * and the other cores share the work.
 */
import { parentPort } from 'node:worker_threads';
import { answer } from './read-and-search.js';
import type { ReadRequest } from './read-and-search.js';

parentPort?.on('message', (request: ReadRequest) => {
  parentPort?.postMessage(answer(request));
});
