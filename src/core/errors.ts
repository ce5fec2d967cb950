/** Where in which file a problem was found. Lines and columns start at 1. */
export interface SourcePosition {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export type DomainErrorCode =
  | 'invalid-input'
  | 'too-large'
  | 'not-found'
  | 'already-exists'
  | 'usage'
  | 'conflict'
  /** The record changed since the caller read it (optimistic concurrency, S19). */
  | 'stale'
  /** The caller may not do this (a policy the service itself checks, e.g. a rater editing another's rating). */
  | 'forbidden';

/** An expected failure: always a value, never thrown. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly at?: SourcePosition;
}

export type Result<T, E = DomainError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a success value. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps an expected failure. */
export function fail(code: DomainErrorCode, message: string, at?: SourcePosition): { readonly ok: false; readonly error: DomainError } {
  return { ok: false, error: at === undefined ? { code, message } : { code, message, at } };
}

/** Formats an error as one line: `file:line:column: message`. */
export function formatDomainError(error: DomainError): string {
  if (error.at === undefined) return error.message;
  return `${formatPosition(error.at)}: ${error.message}`;
}

/** Formats a position as `file:line:column`, leaving out what is unknown. */
export function formatPosition(at: SourcePosition): string {
  let text = at.file;
  if (at.line !== undefined) text += `:${at.line}`;
  if (at.line !== undefined && at.column !== undefined) text += `:${at.column}`;
  return text;
}
