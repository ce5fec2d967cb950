import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../../src/server/authenticate.js';

/** A sign-in as the browser sees it: the raw response, the cookie value and its attributes, the CSRF token. */
export interface RawSignIn {
  readonly response: LightMyRequestResponse;
  readonly cookie: string | undefined;
  /** The `Set-Cookie` header of the session cookie, as sent. */
  readonly setCookie: string;
  readonly csrf: string | undefined;
}

export interface SignInOptions {
  readonly remoteAddress?: string;
  readonly headers?: Record<string, string>;
}

/** Posts credentials to /api/v1/session and returns what came back, whatever the status. */
export async function rawSignIn(app: FastifyInstance, username: string, password: string, options: SignInOptions = {}): Promise<RawSignIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password },
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
  });
  const header = response.headers['set-cookie'];
  const setCookie = (Array.isArray(header) ? header : header === undefined ? [] : [header]).find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  const cookie = response.cookies.find((entry) => entry.name === SESSION_COOKIE)?.value;
  const csrf = response.statusCode === 200 ? response.json<{ csrfToken: string }>().csrfToken : undefined;
  return { response, cookie, setCookie, csrf };
}

/** A request carrying the session cookie and, when given, a CSRF header. */
export function withCookie(
  app: FastifyInstance,
  method: string,
  url: string,
  cookie: string,
  options: { csrf?: string; payload?: unknown; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: method as 'GET',
    url,
    cookies: { [SESSION_COOKIE]: cookie },
    headers: { ...(options.csrf === undefined ? {} : { 'x-csrf-token': options.csrf }), ...options.headers },
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
}

/** The response body without its correlation id (which differs on every request). */
export function withoutCorrelation(response: LightMyRequestResponse): unknown {
  const { correlationId: _id, ...rest } = response.json<Record<string, unknown>>();
  return rest;
}
