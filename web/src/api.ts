/**
 * The one way the UI talks to the server: JSON over fetch on the same origin, the CSRF header on
 * every change (S17), `If-Match` for versioned resources (S19), and problem documents turned into
 * messages that say what to do. A 401 on an ordinary request opens the sign-in dialog and the
 * request is sent again once the user is back, so the page underneath keeps its unsaved state.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A refused or failed request, ready to show. */
export interface ApiProblem {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly title: string;
  /** The server's one-line reason. */
  readonly detail: string;
  /** What the user can do about it. */
  readonly advice: string;
  readonly correlationId: string | undefined;
  /** Where in an uploaded file or the request body the problem is, when the server names it. */
  readonly at?: ProblemPosition | undefined;
}

/** The `at` of a problem document. */
export interface ProblemPosition {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T; readonly status: number; readonly version: number | undefined } | { readonly ok: false; readonly problem: ApiProblem };

export interface RequestOptions {
  readonly body?: unknown;
  /** The version last read: sent as `If-Match` so a concurrent change is refused rather than overwritten. */
  readonly ifMatch?: number;
  /** Open the sign-in dialog on 401 and retry (default true; off for the session calls themselves). */
  readonly recoverSignIn?: boolean;
  /** A file sent as the body instead of JSON, with its own Content-Type (uploads). */
  readonly file?: Blob;
  /** `blob`: the answer is a file (downloads), not JSON. */
  readonly as?: 'json' | 'blob';
}

const CSRF_HEADER = 'x-csrf-token';
let csrfToken: string | undefined;
let signInRecovery: (() => Promise<boolean>) | undefined;
let pendingRecovery: Promise<boolean> | undefined;

/** Remembers the CSRF token from GET or POST /api/v1/session (undefined after sign-out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Registers what happens on a 401: show the sign-in dialog and resolve true once signed in again. */
export function setSignInRecovery(recover: (() => Promise<boolean>) | undefined): void {
  signInRecovery = recover;
}

/** Sends a request; on a 401 the user signs in again (once for all requests waiting) and the request is retried. */
export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const first = await send<T>(method, path, options);
  if (first.ok || first.problem.status !== 401 || options.recoverSignIn === false || signInRecovery === undefined) return first;
  pendingRecovery ??= signInRecovery().finally(() => {
    pendingRecovery = undefined;
  });
  const signedIn = await pendingRecovery;
  return signedIn ? send<T>(method, path, options) : first;
}

/** GET shorthand. */
export function apiGet<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  return api<T>('GET', path, options);
}

async function send<T>(method: Method, path: string, options: RequestOptions): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: headersFor(method, options), body: options.file ?? (options.body === undefined ? null : JSON.stringify(options.body)), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, problem: unreachable() };
  }
  if (response.ok && options.as === 'blob') return { ok: true, value: (await response.blob()) as T, status: response.status, version: undefined };
  const body = await readJson(response);
  if (!response.ok) return { ok: false, problem: problemOf(response, body) };
  return { ok: true, value: body as T, status: response.status, version: versionOf(response.headers.get('etag')) };
}

function headersFor(method: Method, options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.file !== undefined) headers['content-type'] = options.file.type;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  return headers;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204 || !type.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The version in an ETag such as `"7"`. */
export function versionOf(etag: string | null): number | undefined {
  const match = etag === null ? null : /^(?:W\/)?"(\d+)"$/.exec(etag);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function unreachable(): ApiProblem {
  return {
    status: 0,
    title: 'Server unreachable',
    detail: 'the Stepwise server did not answer',
    advice: 'Check your network connection and that the server is running, then try again.',
    correlationId: undefined,
  };
}

function problemOf(response: Response, body: unknown): ApiProblem {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => (typeof fields[key] === 'string' ? fields[key] : undefined);
  const detail = text('detail') ?? response.statusText;
  const correlationId = text('correlationId') ?? response.headers.get('x-correlation-id') ?? undefined;
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  const at = typeof fields['at'] === 'object' && fields['at'] !== null ? (fields['at'] as ProblemPosition) : undefined;
  return { status: response.status, title: text('title') ?? `Request refused (${response.status})`, detail, advice: adviceFor(response.status, retryAfter, correlationId), correlationId, at };
}

const ADVICE: Readonly<Record<number, string>> = {
  400: 'Correct the value named above and send it again.',
  401: 'Sign in, then try again.',
  403: 'Your account may not do this. Ask an admin or the team lead if you need access.',
  404: 'It may have been removed, or you may not have access to it. Go back to the dashboard.',
  409: 'It already exists or conflicts with the current state. Reload the page to see it.',
  412: 'Someone else changed this after you opened it. Reload to see their change, then apply yours again.',
  413: 'The upload is too large. Send a smaller file.',
  415: 'This kind of file is not accepted here.',
  428: 'Reload the page and try again.',
};

function adviceFor(status: number, retryAfter: number, correlationId: string | undefined): string {
  if (status === 429) return Number.isFinite(retryAfter) ? `Too many attempts: wait ${Math.ceil(retryAfter / 60)} minute(s), then try again.` : 'Too many attempts: wait a few minutes, then try again.';
  if (status >= 500) return `Try again in a moment. If it keeps failing, give your admin this reference: ${correlationId ?? 'none'}.`;
  return ADVICE[status] ?? 'Try again; if it keeps failing, reload the page.';
}

/** One line for a message box: the reason and what to do. */
export function problemMessage(problem: ApiProblem): string {
  const detail = problem.detail === '' ? problem.title : capitalise(problem.detail);
  return `${detail.replace(/[.\s]*$/, '')}. ${problem.advice}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
