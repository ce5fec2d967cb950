import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/server/routes/index.js';
import { DIALECTS, startTestServer } from '../support/server.js';
import type { TestServer } from '../support/server.js';

describe.each(DIALECTS)('server basics on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers health without a session and names the database', async () => {
    const response = await server.anonymous().get('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: '0.1.0', database: dialect });
  });

  it('waits for setup on a fresh database: no user, no default account', async () => {
    expect(await server.store.countUsers()).toBe(0);
    const response = await server.anonymous().get('/api/v1/setup');
    expect(response.json()).toEqual({ needsSetup: true });
    const login = await server.anonymous().post('/api/v1/session', { username: 'admin', password: 'admin' });
    expect(login.statusCode).toBe(401);
  });

  it('lets the admin create a team and a member, who then sees only that team', async () => {
    const admin = await server.admin();
    expect((await admin.post('/api/v1/teams', { id: 'payments', name: 'Payments', group: 'Retail', targets: { secrets: 2 } })).statusCode).toBe(201);
    expect((await admin.post('/api/v1/teams', { id: 'identity', name: 'Identity' })).statusCode).toBe(201);
    const alice = await server.user('alice', { teams: { payments: 'viewer' } });
    const teams = await alice.get('/api/v1/teams');
    expect(teams.statusCode).toBe(200);
    expect(teams.json<{ teams: { id: string }[] }>().teams.map((team) => team.id)).toEqual(['payments']);
    expect((await alice.get('/api/v1/teams/identity')).statusCode).toBe(404);
    const team = await alice.get('/api/v1/teams/payments');
    expect(team.statusCode).toBe(200);
    expect(team.headers['etag']).toBe('"1"');
    expect(team.json()).toMatchObject({ id: 'payments', name: 'Payments', group: 'Retail', targets: { secrets: 2 } });
  });

  it('refuses unknown body fields and changes without If-Match, then applies a change with it', async () => {
    const admin = await server.admin();
    expect((await admin.post('/api/v1/teams', { id: 'extra', name: 'Extra', createdBy: 'me' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/teams/payments', { name: 'Pay' })).statusCode).toBe(428);
    expect((await admin.patch('/api/v1/teams/payments', { name: 'Pay' }, { 'if-match': '"7"' })).statusCode).toBe(412);
    const changed = await admin.patch('/api/v1/teams/payments', { name: 'Pay' }, { 'if-match': '"1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['etag']).toBe('"2"');
    expect((await server.store.teamById('payments'))?.name).toBe('Pay');
  });

  it('gzips a large JSON answer for a client that accepts it, and only then', async () => {
    const plain = await server.anonymous().get('/api/v1/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.byteLength).toBeGreaterThan(32 * 1024);
    const zipped = await server.anonymous().request('GET', '/api/v1/openapi.json', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['vary']).toBe('accept-encoding');
    expect(zipped.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength / 4);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    const refused = await server.anonymous().request('GET', '/api/v1/openapi.json', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const response = await server.anonymous().get('/api/v1/openapi.json');
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(document.openapi).toBe('3.1.0');
    for (const route of API_ROUTES) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
  });
});

describe('request bodies', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a body that is not JSON with 415, and prototype keys with a clear 400, writing nothing', async () => {
    const admin = await server.admin();
    const text = await admin.request('POST', '/api/v1/teams', { raw: '{"id":"t1","name":"T"}', contentType: 'text/plain' });
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toContain('application/problem+json');
    const proto = await admin.request('POST', '/api/v1/teams', { raw: '{"id":"t2","name":"T","__proto__":{"isAdmin":true}}', contentType: 'application/json' });
    expect(proto.statusCode).toBe(400);
    expect(proto.json<{ detail: string }>().detail).toBe('the body is not valid JSON, or it holds a "__proto__" or "constructor" key, which is refused');
    const json = await admin.request('POST', '/api/v1/teams', { raw: '{"id":"t3","name":"T"}', contentType: 'application/json; charset=utf-8' });
    expect(json.statusCode).toBe(201);
    expect((await server.store.listTeams()).map((team) => team.id)).toEqual(['t3']);
  });
});
