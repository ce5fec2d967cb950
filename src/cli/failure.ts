import { formatDomainError } from '../core/errors.js';
import type { DomainError, DomainErrorCode, Result, SourcePosition } from '../core/errors.js';

/** Exit codes of PRODUCT.md §4. */
export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_USAGE_OR_INPUT = 2;

/** The one place where an expected failure becomes a message and an exit code. */
export function exitCodeFor(error: DomainError): number {
  return error.code === 'conflict' ? EXIT_GATE_FAILED : EXIT_USAGE_OR_INPUT;
}

/** One line for the person: `stepwise: file:line:column: message`. */
export function failureLine(error: DomainError): string {
  return `stepwise: ${formatDomainError(error).replace(/\s*\n\s*/g, ' ')}\n`;
}

/** Unwraps a result or carries the error up to the command runner. */
export class Failure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** The value of a result; an expected failure ends the command with its message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Failure(result.error);
  return result.value;
}

/** Ends the command with an expected failure. */
export function stop(code: DomainErrorCode, message: string, at?: SourcePosition): never {
  throw new Failure(at === undefined ? { code, message } : { code, message, at });
}
