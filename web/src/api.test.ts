import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, problemMessage, setCsrfToken, setSignInRecovery, versionOf } from './api.js';

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | null;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

/** Replaces fetch with a script of answers and records what was sent. */
function scriptFetch(answers: (() => Response)[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ method: init.method ?? 'GET', url, headers: init.headers as Record<string, string>, body: init.body as string | null });
    const next = answers.shift();
    if (next === undefined) throw new TypeError('network down');
    return Promise.resolve(next());
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
  setSignInRecovery(undefined);
});

describe('the API client', () => {
  it('sends JSON with the CSRF header on changes (never on GET) and If-Match for a version; reads the ETag back', async () => {
    setCsrfToken('csrf-1');
    const sent = scriptFetch([() => json(200, { id: 'payments' }, { etag: '"4"' }), () => json(200, { ok: true })]);
    const changed = await api('PATCH', '/api/v1/teams/payments', { body: { name: 'Pay' }, ifMatch: 3 });
    expect(changed).toEqual({ ok: true, value: { id: 'payments' }, status: 200, version: 4 });
    expect(sent[0]).toMatchObject({ method: 'PATCH', body: '{"name":"Pay"}', headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-1', 'if-match': '"3"' } });
    await api('GET', '/api/v1/teams');
    expect(sent[1]?.headers['x-csrf-token']).toBeUndefined();
    expect(sent[1]?.body).toBeNull();
  });

  it('turns problem documents into messages that say what to do', async () => {
    scriptFetch([
      () => json(412, { title: 'Precondition failed', status: 412, detail: 'the team changed since version 3', correlationId: 'c-1' }),
      () => json(500, { title: 'Internal server error', status: 500, detail: 'Something went wrong', correlationId: 'c-2' }),
      () => json(429, { title: 'Too many requests', status: 429, detail: 'too many failed sign-ins; wait and try again' }, { 'retry-after': '600' }),
    ]);
    const stale = await api('PUT', '/x', { body: {} });
    expect(!stale.ok && problemMessage(stale.problem)).toBe('The team changed since version 3. Someone else changed this after you opened it. Reload to see their change, then apply yours again.');
    const broken = await api('GET', '/x');
    expect(!broken.ok && broken.problem.advice).toBe('Try again in a moment. If it keeps failing, give your admin this reference: c-2.');
    const throttled = await api('POST', '/x', { body: {} });
    expect(!throttled.ok && throttled.problem.advice).toBe('Too many attempts: wait 10 minute(s), then try again.');
    const down = await api('GET', '/x');
    expect(!down.ok && down.problem).toMatchObject({ status: 0, title: 'Server unreachable' });
  });

  it('on 401 opens sign-in once for all waiting requests, then retries each with the new CSRF token', async () => {
    setCsrfToken('old');
    let dialogs = 0;
    setSignInRecovery(async () => {
      dialogs += 1;
      await Promise.resolve();
      setCsrfToken('new');
      return true;
    });
    const sent = scriptFetch([() => json(401, { status: 401, detail: 'sign in first' }), () => json(401, { status: 401, detail: 'sign in first' }), () => json(200, { a: 1 }), () => json(200, { b: 2 })]);
    const [first, second] = await Promise.all([api('PUT', '/api/v1/session/password', { body: { current: 'x', next: 'y' } }), api('GET', '/api/v1/heatmap')]);
    expect(dialogs).toBe(1);
    expect(first.ok && second.ok).toBe(true);
    expect(sent.map((request) => `${request.method} ${request.url} ${request.headers['x-csrf-token'] ?? '-'}`)).toEqual([
      'PUT /api/v1/session/password old',
      'GET /api/v1/heatmap -',
      'PUT /api/v1/session/password new',
      'GET /api/v1/heatmap -',
    ]);
    expect(sent[2]?.body).toBe('{"current":"x","next":"y"}');
  });

  it('keeps the 401 when sign-in is cancelled or not wanted (the session calls themselves)', async () => {
    setSignInRecovery(() => Promise.resolve(false));
    scriptFetch([() => json(401, { status: 401, detail: 'sign in first' }), () => json(401, { status: 401, detail: 'wrong username or password' })]);
    const cancelled = await api('GET', '/api/v1/heatmap');
    expect(!cancelled.ok && cancelled.problem.status).toBe(401);
    const refused = await api('POST', '/api/v1/session', { body: {}, recoverSignIn: false });
    expect(!refused.ok && problemMessage(refused.problem)).toBe('Wrong username or password. Sign in, then try again.');
  });

  it.each([
    ['"7"', 7],
    ['W/"12"', 12],
    ['"x"', undefined],
    [null, undefined],
  ] as const)('reads the version from ETag %s', (etag, version) => {
    expect(versionOf(etag)).toBe(version);
  });
});
