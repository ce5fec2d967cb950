import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '../../src/core/persistence/port.js';
import type { Route } from '../../src/server/route.js';
import { SERVER_ROUTES } from '../../src/server/routes/index.js';
import { issueSetupToken } from '../../src/services/org/accounts.js';
import { ADMIN_PASSWORD, DIALECTS, signIn, USER_PASSWORD } from '../support/server.js';
import { buildFixture, TEAM_A_PRINCIPALS } from './support/fixture.js';
import type { Fixture } from './support/fixture.js';
import { manualClock, startHarness } from './support/harness.js';
import type { Harness, ManualClock } from './support/harness.js';
import { pathValues } from './support/matrix.js';
import { fillPath, queryString, sampleBody, sampleQuery } from './support/routes.js';
import { propertyNames } from './support/schema-values.js';
import { rawSignIn, withCookie, withoutCorrelation } from './support/sessions.js';

const MINUTE = 60_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe.each(DIALECTS)('S16 passwords, setup and sign-in (%s)', (dialect) => {
  let harness: Harness;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = manualClock();
    harness = await startHarness(dialect, { clock });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('S16 a fresh server has no account at all and waits for setup', async () => {
    expect(await harness.store.countUsers()).toBe(0);
    const status = await harness.anonymous().get('/api/v1/setup');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ needsSetup: true });
    for (const [username, password] of [['admin', 'admin'], ['admin', ADMIN_PASSWORD], ['root', 'root'], ['stepwise', 'stepwise']] as const) {
      expect((await rawSignIn(harness.app, username, password, { remoteAddress: '127.0.0.20' })).response.statusCode).toBe(401);
    }
  });

  it('S16 a wrong setup token is refused with 403 and creates nobody', async () => {
    await issueSetupToken(harness.store, clock.now());
    const response = await harness.anonymous().post('/api/v1/setup', { token: 'stw_setup_guessed', username: 'mallory', displayName: 'M', password: ADMIN_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await harness.store.countUsers()).toBe(0);
  });

  it('S16 the setup token creates the admin once; it cannot be used again', async () => {
    const token = await issueSetupToken(harness.store, clock.now());
    expect(token).toMatch(/^stw_setup_/);
    const first = await harness.anonymous().post('/api/v1/setup', { token, username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ username: 'admin', isAdmin: true });
    expect(first.body).not.toContain('passwordHash');
    const again = await harness.anonymous().post('/api/v1/setup', { token, username: 'second', displayName: 'Second', password: ADMIN_PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(await harness.store.countUsers()).toBe(1);
    expect((await harness.anonymous().get('/api/v1/setup')).json()).toEqual({ needsSetup: false });
    expect(await issueSetupToken(harness.store, clock.now())).toBeNull();
  });

  it('S16 passwords need 12 characters; 12 and a 100-character passphrase are accepted and work', async () => {
    const admin = await harness.admin();
    const tooShort = await admin.post('/api/v1/users', { username: 'short', displayName: 'S', password: 'Kx7#mQ2$vL9' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json()).toMatchObject({ detail: 'the password needs at least 12 characters' });
    expect(await harness.store.userByName('short')).toBeUndefined();
    const twelve = await admin.post('/api/v1/users', { username: 'twelve', displayName: 'T', password: 'Kx7#mQ2$vL9p' });
    expect(twelve.statusCode).toBe(201);
    const passphrase = 'the quiet lighthouse keeper counts ninety-seven gulls while the kettle sings on the old iron stove!!';
    expect(passphrase).toHaveLength(100);
    const long = await admin.post('/api/v1/users', { username: 'poet', displayName: 'P', password: passphrase });
    expect(long.statusCode).toBe(201);
    expect((await rawSignIn(harness.app, 'poet', passphrase, { remoteAddress: '127.0.0.21' })).response.statusCode).toBe(200);
    expect((await rawSignIn(harness.app, 'twelve', 'Kx7#mQ2$vL9p', { remoteAddress: '127.0.0.21' })).response.statusCode).toBe(200);
  });

  it('S16 the most common passwords are refused, padded or not', async () => {
    const admin = await harness.admin();
    const common = ['password1234', 'Password123!', 'qwertyuiop12', '123456789012', 'letmein12345', 'iloveyou2024', 'aaaaaaaaaaaa', 'abcdefghijkl', 'P@ssw0rd2024', 'changeme1234'];
    const accepted: string[] = [];
    for (const [index, password] of common.entries()) {
      const response = await admin.post('/api/v1/users', { username: `common${index}`, displayName: 'C', password });
      if (response.statusCode !== 400) accepted.push(`${password} → ${response.statusCode}`);
    }
    expect(accepted).toEqual([]);
  });

  it('S16 sign-in errors are the same for an unknown user, a wrong password and a disabled account', async () => {
    const admin = await harness.admin();
    const created = await admin.post('/api/v1/users', { username: 'gone', displayName: 'G', password: USER_PASSWORD });
    await admin.patch(`/api/v1/users/${created.json<{ id: string }>().id}`, { disabled: true }, { 'if-match': '"1"' });
    const unknown = (await rawSignIn(harness.app, 'nobody-here', USER_PASSWORD, { remoteAddress: '127.0.0.22' })).response;
    const wrong = (await rawSignIn(harness.app, 'admin', 'not the admin password', { remoteAddress: '127.0.0.23' })).response;
    const disabled = (await rawSignIn(harness.app, 'gone', USER_PASSWORD, { remoteAddress: '127.0.0.24' })).response;
    for (const response of [unknown, wrong, disabled]) {
      expect(response.statusCode).toBe(401);
      expect(withoutCorrelation(response)).toEqual(withoutCorrelation(unknown));
      expect(Object.keys(response.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('S16 an unknown user takes about as long to refuse as a wrong password (a hash is checked either way)', async () => {
    const admin = await harness.admin();
    await admin.post('/api/v1/users', { username: 'timing', displayName: 'T', password: USER_PASSWORD });
    const unknown: number[] = [];
    const wrong: number[] = [];
    const timed = async (samples: number[], attempt: Promise<unknown>, started = performance.now()): Promise<void> => {
      await attempt;
      samples.push(performance.now() - started);
    };
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await timed(unknown, rawSignIn(harness.app, `ghost-${attempt}`, 'some wrong password', { remoteAddress: `127.0.3.${attempt}` }));
      await timed(wrong, rawSignIn(harness.app, 'timing', `wrong password ${attempt}!`, { remoteAddress: `127.0.4.${attempt}` }));
    }
    const ratio = median(unknown) / median(wrong);
    expect(ratio, `unknown ${unknown.map(Math.round).join('/')} ms, wrong ${wrong.map(Math.round).join('/')} ms`).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });

  it('S16 five failures for one account throttle it with 429 and Retry-After, even with the right password, until the window passes', async () => {
    const admin = await harness.admin();
    await admin.post('/api/v1/users', { username: 'target', displayName: 'T', password: USER_PASSWORD });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const failed = await rawSignIn(harness.app, 'target', `wrong guess ${attempt}!`, { remoteAddress: `127.0.1.${attempt}` });
      expect(failed.response.statusCode).toBe(401);
    }
    const throttled = await rawSignIn(harness.app, 'target', USER_PASSWORD, { remoteAddress: '127.0.1.99' });
    expect(throttled.response.statusCode).toBe(429);
    expect(Number(throttled.response.headers['retry-after'])).toBeGreaterThan(0);
    expect(throttled.cookie).toBeUndefined();
    expect((await rawSignIn(harness.app, 'TARGET', USER_PASSWORD, { remoteAddress: '127.0.1.98' })).response.statusCode).toBe(429);
    clock.advance(16 * MINUTE);
    expect((await rawSignIn(harness.app, 'target', USER_PASSWORD, { remoteAddress: '127.0.1.97' })).response.statusCode).toBe(200);
  });

  it('S16 thirty failures from one address throttle that address for every account, not other addresses', async () => {
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      expect((await rawSignIn(harness.app, `unknown-${attempt}`, 'some wrong password', { remoteAddress: '127.0.2.1' })).response.statusCode).toBe(401);
    }
    const throttled = await rawSignIn(harness.app, 'admin', ADMIN_PASSWORD, { remoteAddress: '127.0.2.1' });
    expect(throttled.response.statusCode).toBe(429);
    expect(Number(throttled.response.headers['retry-after'])).toBeGreaterThan(0);
    expect((await rawSignIn(harness.app, 'admin', ADMIN_PASSWORD, { remoteAddress: '127.0.2.2' })).response.statusCode).toBe(200);
  }, 60_000);
});

describe.each(DIALECTS)('S17 sessions (%s)', (dialect) => {
  let harness: Harness;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = manualClock();
    harness = await startHarness(dialect, { clock, config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 2 } });
    const admin = await harness.admin();
    for (const name of ['alice', 'bob']) await admin.post('/api/v1/users', { username: name, displayName: name, password: USER_PASSWORD });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('S17 the session cookie is HttpOnly, SameSite=Strict, Path=/ and not Secure over plain HTTP', async () => {
    const { setCookie, cookie } = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    const attributes = setCookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes).not.toContain('Secure');
    // Secure only counts when a proxy is trusted.
    const forwarded = await rawSignIn(harness.app, 'alice', USER_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(forwarded.setCookie.split(';').map((part) => part.trim())).not.toContain('Secure');
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(cookie ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('S17 a new session id at each sign-in, stored only as its hash', async () => {
    const first = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    const second = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    expect(first.cookie).toBeDefined();
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);
    const sessions = JSON.stringify(await harness.rows('sessions'));
    expect(sessions).not.toContain(first.cookie);
    expect(sessions).not.toContain(second.cookie);
    expect(sessions).toContain(createHash('sha256').update(first.cookie ?? '').digest('hex'));
  });

  it('S17 a Basic Authorization header (a proxy\'s own) leaves the cookie in charge; a bad Bearer token is 401 even beside a cookie', async () => {
    const { cookie } = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    const withHeader = (authorization: string): Promise<LightMyRequestResponse> => withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '', { headers: { authorization } });
    expect((await withHeader('Basic YWxpY2U6c2VjcmV0')).statusCode).toBe(200);
    for (const bad of ['Bearer stw_not-a-token', 'Bearer', 'bearer  ', `Bearer ${'x'.repeat(600)}`]) {
      const response = await withHeader(bad);
      expect(response.statusCode, bad).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('S17 signing out ends the session at once and clears the cookie', async () => {
    const { cookie, csrf } = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    expect((await withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '')).statusCode).toBe(200);
    const out = await withCookie(harness.app, 'DELETE', '/api/v1/session', cookie ?? '', { csrf: csrf ?? '' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    expect((await withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '')).statusCode).toBe(401);
    expect(JSON.stringify(await harness.rows('sessions'))).not.toContain(createHash('sha256').update(cookie ?? '').digest('hex'));
  });

  it('S17 disabling a user ends all their sessions at once', async () => {
    const sessions = [await rawSignIn(harness.app, 'bob', USER_PASSWORD), await rawSignIn(harness.app, 'bob', USER_PASSWORD)];
    const bob = await harness.store.userByName('bob');
    const admin = await harness.admin();
    const disabled = await admin.patch(`/api/v1/users/${bob?.id ?? ''}`, { disabled: true }, { 'if-match': `"${bob?.version ?? 0}"` });
    expect(disabled.statusCode).toBe(200);
    for (const session of sessions) expect((await withCookie(harness.app, 'GET', '/api/v1/session', session.cookie ?? '')).statusCode).toBe(401);
    const rows = (await harness.rows('sessions')) as { user_id: string }[];
    expect(rows.filter((row) => row.user_id === bob?.id)).toEqual([]);
  });

  it('S17 a session ends after the idle timeout; activity keeps it alive', async () => {
    const { cookie } = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    const probe = async (): Promise<number> => (await withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '')).statusCode;
    clock.advance(25 * MINUTE);
    expect(await probe()).toBe(200);
    clock.advance(25 * MINUTE);
    expect(await probe()).toBe(200);
    clock.advance(31 * MINUTE);
    expect(await probe()).toBe(401);
    clock.advance(-31 * MINUTE);
    expect(await probe()).toBe(401);
  });

  it('S17 a session ends after the absolute timeout however active it is', async () => {
    const { cookie } = await rawSignIn(harness.app, 'alice', USER_PASSWORD);
    for (let elapsed = 20; elapsed <= 120; elapsed += 20) {
      clock.advance(20 * MINUTE);
      expect((await withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '')).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    clock.advance(2 * MINUTE);
    expect((await withCookie(harness.app, 'GET', '/api/v1/session', cookie ?? '')).statusCode).toBe(401);
  });

  it('S17 changing the password ends the other sessions, not the current one', async () => {
    // A fresh admin session: the timeout tests above moved the clock past the cached one's lifetime.
    const admin = await signIn(harness.app, 'admin', ADMIN_PASSWORD);
    await admin.post('/api/v1/users', { username: 'carol', displayName: 'C', password: USER_PASSWORD });
    const other = await rawSignIn(harness.app, 'carol', USER_PASSWORD);
    const current = await rawSignIn(harness.app, 'carol', USER_PASSWORD);
    const changed = await withCookie(harness.app, 'PUT', '/api/v1/session/password', current.cookie ?? '', { csrf: current.csrf ?? '', payload: { current: USER_PASSWORD, next: 'a brand new passphrase 7' } });
    expect(changed.statusCode).toBe(200);
    expect((await withCookie(harness.app, 'GET', '/api/v1/session', other.cookie ?? '')).statusCode).toBe(401);
    expect((await withCookie(harness.app, 'GET', '/api/v1/session', current.cookie ?? '')).statusCode).toBe(200);
  });
});

describe.each(DIALECTS)('S17 Secure cookies (%s)', (dialect) => {
  it('S17 Secure when a trusted proxy says https, or when secureCookies is on', async () => {
    const proxied = await startHarness(dialect, { config: { trustProxy: true } });
    const forced = await startHarness(dialect, { config: { secureCookies: true } });
    try {
      for (const harness of [proxied, forced]) {
        await harness.admin();
        const attributes = (await rawSignIn(harness.app, 'admin', ADMIN_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } })).setCookie.split(';').map((part) => part.trim());
        expect(attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']));
      }
      const plain = (await rawSignIn(proxied.app, 'admin', ADMIN_PASSWORD)).setCookie.split(';').map((part) => part.trim());
      expect(plain).not.toContain('Secure');
      const forcedPlain = (await rawSignIn(forced.app, 'admin', ADMIN_PASSWORD)).setCookie.split(';').map((part) => part.trim());
      expect(forcedPlain).toContain('Secure');
    } finally {
      await proxied.close();
      await forced.close();
    }
  });
});

/** Every route with its path filled from team A's objects and its sample query. */
function urlOf(route: Route, fixture: Fixture): string {
  return `${fillPath(route.url, pathValues(route, fixture.teams.A))}${queryString(sampleQuery(route))}`;
}

async function currentVersion(fixture: Fixture, url: string): Promise<string> {
  const etag = (await fixture.principals.admin.get(url.split('?')[0] ?? url)).headers.etag;
  return typeof etag === 'string' ? etag : '"1"';
}

describe.each(DIALECTS)('S15/S17 generic checks over every route (%s)', (dialect) => {
  let fixture: Fixture;
  let admin: { cookie: string; csrf: string };

  beforeAll(async () => {
    fixture = await buildFixture(dialect);
    const signedIn = await rawSignIn(fixture.harness.app, 'admin', ADMIN_PASSWORD);
    admin = { cookie: signedIn.cookie ?? '', csrf: signedIn.csrf ?? '' };
  }, 120_000);

  afterAll(async () => {
    await fixture.harness.close();
  });

  const changing = SERVER_ROUTES.filter((route) => route.method !== 'GET');

  it('S17 a state-changing request with the cookie but without (or with a wrong) x-csrf-token gets 403 and writes nothing', async () => {
    const wrong: string[] = [];
    for (const route of changing) {
      const url = urlOf(route, fixture);
      const headers: Record<string, string> = route.ifMatch ? { 'if-match': await currentVersion(fixture, url) } : {};
      const body = sampleBody(route);
      for (const csrf of [undefined, 'not-the-token', `${admin.csrf}x`]) {
        const before = await fixture.harness.dumpHash();
        const response = await withCookie(fixture.harness.app, route.method, url, admin.cookie, { ...(csrf === undefined ? {} : { csrf }), payload: body, headers });
        if (response.statusCode !== 403) wrong.push(`${route.method} ${url} csrf=${String(csrf)}: ${response.statusCode}`);
        if ((await fixture.harness.dumpHash()) !== before) wrong.push(`${route.method} ${url} csrf=${String(csrf)}: the database changed`);
      }
    }
    expect(wrong).toEqual([]);
    expect(changing.length).toBeGreaterThan(0);
  }, 60_000);

  // The score cache (team_scores) holds values computed from the other tables; a read may fill it, which changes nothing anyone can observe.
  it('S17 GET never changes state, for any principal', async () => {
    const changed: string[] = [];
    for (const route of SERVER_ROUTES.filter((candidate) => candidate.method === 'GET')) {
      for (const principal of ['admin', 'auditor', 'leadB', 'anonymous', ...TEAM_A_PRINCIPALS] as const) {
        const before = await fixture.harness.dumpHash({ derived: false });
        const response = await fixture.principals[principal].get(urlOf(route, fixture));
        if (response.statusCode >= 500) changed.push(`${route.url} as ${principal}: ${response.statusCode}`);
        if ((await fixture.harness.dumpHash({ derived: false })) !== before) changed.push(`${route.url} as ${principal}: the database changed`);
      }
    }
    expect(changed).toEqual([]);
  }, 60_000);

  it('S15 every body schema refuses privileged fields (role, teamId, createdBy, version, isAdmin) with 400 and writes nothing', async () => {
    const accepted: string[] = [];
    let checked = 0;
    for (const route of SERVER_ROUTES.filter((candidate) => candidate.body !== undefined)) {
      const fields = propertyNames(route.body);
      const url = urlOf(route, fixture);
      const headers: Record<string, string> = route.ifMatch ? { 'if-match': await currentVersion(fixture, url) } : {};
      const body = sampleBody(route) as Record<string, unknown>;
      for (const field of PRIVILEGED.filter((candidate) => !fields.includes(candidate))) {
        const before = await fixture.harness.dumpHash();
        const response = await fixture.principals.admin.request(route.method, url, { body: { ...body, [field]: PRIVILEGED_VALUES[field] }, headers });
        checked += 1;
        if (response.statusCode !== 400 || !refusesField(route, body, field)) accepted.push(`${route.method} ${route.url} +${field}: ${response.statusCode} ${response.body.slice(0, 120)}`);
        if ((await fixture.harness.dumpHash()) !== before) accepted.push(`${route.method} ${route.url} +${field}: the database changed`);
      }
    }
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 60_000);
});

/** True when the body schema names the field as unknown (other issues of a sampled body may come first in the reply). */
function refusesField(route: Route, body: Record<string, unknown>, field: string): boolean {
  const parsed = route.body?.safeParse({ ...body, [field]: PRIVILEGED_VALUES[field] });
  if (parsed === undefined || parsed.success) return false;
  return parsed.error.issues.some((issue) => issue.code === 'unrecognized_keys' && issue.keys.includes(field));
}

const PRIVILEGED = ['role', 'teamId', 'createdBy', 'version', 'isAdmin'];
const PRIVILEGED_VALUES: Readonly<Record<string, unknown>> = { role: 'lead', teamId: 'team-b', createdBy: 'admin', version: 99, isAdmin: true };

/** A store whose chosen method throws while `failing` is set: the way to force a 500. */
function failingStore(store: Persistence, method: keyof Persistence, state: { failing: boolean }): Persistence {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== method || typeof value !== 'function') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      return (...args: unknown[]) => {
        if (state.failing) return Promise.reject(new Error('SQLITE_ERROR: near "select": syntax error in select * from users where password_hash = $1'));
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function expectSecurityHeaders(response: LightMyRequestResponse, label: string): void {
  const csp = String(response.headers['content-security-policy']);
  expect(csp, label).not.toContain('unsafe-inline');
  expect(csp, label).toMatch(/frame-ancestors 'none'/);
  expect(csp, label).toMatch(/default-src 'none'|script-src/);
  expect(response.headers['x-content-type-options'], label).toBe('nosniff');
  expect(response.headers['referrer-policy'], label).toBeDefined();
  expect(response.headers['cache-control'], label).toBe('no-store');
  expect(response.headers['x-correlation-id'], label).toBeDefined();
}

function expectProblem(response: LightMyRequestResponse, label: string): void {
  expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
  const body = response.json<Record<string, unknown>>();
  expect(body, label).toMatchObject({ status: response.statusCode, correlationId: response.headers['x-correlation-id'] });
  expect(typeof body['title'], label).toBe('string');
  expect(response.body, label).not.toMatch(/\n\s+at |stack|SQLITE|syntax error|select \*|password_hash|node_modules/i);
}

describe.each(DIALECTS)('S21 headers and errors (%s)', (dialect) => {
  let harness: Harness;
  const state = { failing: false };

  beforeAll(async () => {
    harness = await startHarness(dialect, { wrapStore: (store) => failingStore(store, 'teamById', state) });
    const admin = await harness.admin();
    await admin.post('/api/v1/teams', { id: 'team-a', name: 'Team A' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('S21 a 200, a 404 and a 500 all carry the security headers; errors are problem JSON without internals', async () => {
    const admin = await harness.admin();
    const ok = await admin.get('/api/v1/teams/team-a');
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders(ok, '200');
    const missing = await admin.get('/api/v1/no-such-route');
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing, '404');
    expectProblem(missing, '404');
    state.failing = true;
    const failed = await admin.get('/api/v1/teams/team-a');
    state.failing = false;
    expect(failed.statusCode).toBe(500);
    expectSecurityHeaders(failed, '500');
    expectProblem(failed, '500');
    expect(failed.json<{ detail: string }>().detail).toContain(String(failed.headers['x-correlation-id']));
  });

  it('S21 errors raised before a handler (bad JSON, wrong media type, too large, bad If-Match) are problem JSON with the headers', async () => {
    const admin = await harness.admin();
    const cases: [string, Promise<LightMyRequestResponse>][] = [
      ['bad json', admin.request('POST', '/api/v1/teams', { raw: '{"id":', contentType: 'application/json' })],
      ['media type', admin.request('POST', '/api/v1/teams', { raw: '<team/>', contentType: 'application/xml' })],
      ['too large', admin.request('POST', '/api/v1/teams', { raw: `{"id":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' })],
      ['proto', admin.request('POST', '/api/v1/teams', { raw: '{"__proto__":{"isAdmin":true},"id":"x","name":"y"}', contentType: 'application/json' })],
      ['if-match', admin.patch('/api/v1/teams/team-a', { name: 'n' }, { 'if-match': 'garbage' })],
      ['no if-match', admin.patch('/api/v1/teams/team-a', { name: 'n' })],
      ['bad path', admin.get('/api/v1/teams/%FF')],
      ['method', admin.request('PATCH', '/api/v1/health')],
    ];
    for (const [label, pending] of cases) {
      const response = await pending;
      expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, label).toBeLessThan(500);
      expectSecurityHeaders(response, label);
      expectProblem(response, label);
    }
  });

  it('S21 every route answers with the security headers, and every refusal is problem JSON', async () => {
    const admin = await harness.admin();
    // Deletes last: DELETE /session signs the admin out.
    const ordered = [...SERVER_ROUTES].sort((left, right) => Number(left.method === 'DELETE') - Number(right.method === 'DELETE'));
    for (const route of ordered) {
      const url = fillPath(route.url, { teamId: 'team-a' });
      for (const client of [harness.anonymous(), admin]) {
        const response = await client.request(route.method, url, route.method === 'GET' ? {} : { body: {} });
        const label = `${route.method} ${url} as ${client.username}: ${response.statusCode}`;
        expect(response.statusCode, label).toBeLessThan(500);
        expectSecurityHeaders(response, label);
        if (response.statusCode >= 400) expectProblem(response, label);
      }
    }
  });
});
