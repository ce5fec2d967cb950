import type { DomainError, DomainErrorCode } from '../core/errors.js';

/** An RFC 9457 problem document: the only shape an error response takes (SECURITY.md S21). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** Where in the request body or uploaded file the problem is. */
  readonly at?: { readonly file?: string; readonly line?: number; readonly column?: number; readonly path?: string };
  readonly correlationId: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const STATUS_OF_CODE: Readonly<Record<DomainErrorCode, number>> = {
  'invalid-input': 400,
  usage: 400,
  'too-large': 413,
  'not-found': 404,
  'already-exists': 409,
  conflict: 409,
  stale: 412,
  forbidden: 403,
};

/** An expected refusal returned by a handler: the one reply writer turns it into problem JSON. */
export interface Refusal {
  readonly refused: number;
  readonly detail: string;
  readonly at?: Problem['at'];
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal with a status and a one-line reason. */
export function refuse(status: number, detail: string, at?: Problem['at'], headers?: Readonly<Record<string, string>>): Refusal {
  return { refused: status, detail, ...(at === undefined ? {} : { at }), ...(headers === undefined ? {} : { headers }) };
}

/** The HTTP status a domain error maps to. */
export function statusOfDomainError(error: DomainError): number {
  return STATUS_OF_CODE[error.code];
}

/** A refusal made from a domain error, keeping its position. */
export function refusalOf(error: DomainError): Refusal {
  return refuse(statusOfDomainError(error), error.message, error.at);
}

/** Builds the problem document for a status; 5xx detail is always generic (details go to the log). */
export function problemBody(status: number, detail: string | undefined, correlationId: string, at?: Problem['at']): Problem {
  const title = TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request refused');
  const safeDetail = status >= 500 ? `Something went wrong on the server; quote ${correlationId} when reporting it.` : detail;
  return {
    type: `https://stepwise.dev/problems/${status}`,
    title,
    status,
    ...(safeDetail === undefined ? {} : { detail: safeDetail }),
    ...(at === undefined || status >= 500 ? {} : { at }),
    correlationId,
  };
}
