import { readRepositoryFile } from '../adapters/repo-files/read-file.js';
import type { FileSkip } from '../adapters/repo-files/read-file.js';
import { findSecretsBySet } from '../scanner/secrets/rule-sets.js';
import type { FileSecrets } from '../scanner/secrets/rule-sets.js';

/** A path read, with what the secret rule sets found in it (null: nothing), or why it was passed over. */
export type SearchedRead = { readonly text: string; readonly secrets: FileSecrets | null } | FileSkip;

/** Main thread → read worker: read these paths of the repository at `root`. */
export interface ReadRequest {
  readonly id: number;
  readonly root: string;
  readonly paths: readonly string[];
  readonly maxBytes: number;
}

/** Read worker → main thread: one entry per requested path, in the same order. */
export interface ReadResponse {
  readonly id: number;
  readonly reads: readonly SearchedRead[];
}

/** Reads one path and, while its text is at hand, runs every secret rule set over it. */
export function readAndSearch(root: string, path: string, maxBytes: number): SearchedRead {
  const read = readRepositoryFile(root, path, maxBytes);
  if ('reason' in read) return read;
  const secrets = findSecretsBySet({ path, text: read.text });
  return { text: read.text, secrets: Object.keys(secrets).length === 0 ? null : secrets };
}

/** Answers one request (what a read worker does with each message). */
export function answer(request: ReadRequest): ReadResponse {
  return { id: request.id, reads: request.paths.map((path) => readAndSearch(request.root, path, request.maxBytes)) };
}
