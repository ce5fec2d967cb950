import { refuse } from './problem.js';
import type { Refusal } from './problem.js';

const ETAG = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/;

/** Reads the version an `If-Match` header names (S19): 428 without one, 400 when it is not a version. */
export function parseIfMatch(header: string | undefined): Refusal | { value: number } {
  if (header === undefined || header.trim() === '') return refuse(428, 'this change needs an If-Match header with the ETag (version) you read');
  const match = ETAG.exec(header);
  if (match === null) return refuse(400, 'If-Match must be the ETag of the resource, e.g. "3"');
  return { value: Number(match[1]) };
}
