import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/core/persistence/records.js';
import { API_ROUTES } from '../../src/server/routes/index.js';
import { builtinModel } from '../support/workspaces.js';
import { ADMIN_PASSWORD, DIALECTS, USER_PASSWORD, startTestServer, tokenClient } from '../support/server.js';
import type { Client, TestServer } from '../support/server.js';

const WRONG_PASSWORD = 'not the right password 123';
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The smallest scan result: one positive finding for the built-in model's first practice. */
function scan(): Record<string, unknown> {
  const practice = builtinModel().practices[0]?.id ?? '';
  const finding = { detector: 'has-security-policy', domain: 'vulnerability-management', outcome: 'positive', file: 'SECURITY.md', line: 1, fixture: false, message: 'policy', confidence: 'high', level: 1, status: 'implemented', practices: [practice], snippet: null, fingerprint: 'f1' };
  return { version: 1, root: '.', files: 1, skipped: [], findings: [finding], domains: [], practices: [{ id: practice, status: 'implemented', evidence: [0] }] };
}

interface AuditPage {
  readonly entries: AuditRecord[];
  readonly next: number | null;
}

describe.each(DIALECTS)('audit log on %s', (dialect) => {
  let server: TestServer;
  let admin: Client;
  let auditor: Client;
  let lead: Client;
  let viewer: Client;
  let token: string;
  let tokenId: string;

  async function page(query: string, client: Client = auditor): Promise<AuditPage> {
    const response = await client.get(`/api/v1/audit${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditPage>();
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.admin();
    for (const id of ['payments', 'identity']) expect((await admin.post('/api/v1/teams', { id, name: id })).statusCode).toBe(201);
    lead = await server.user('lena', { teams: { payments: 'lead' } });
    viewer = await server.user('vic', { teams: { payments: 'viewer' } });
    auditor = await server.user('audrey', { isAuditor: true });
    expect((await server.anonymous().post('/api/v1/session', { username: 'lena', password: WRONG_PASSWORD })).statusCode).toBe(401);
    expect((await viewer.patch('/api/v1/teams/payments', { name: 'Mine now' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const created = (await lead.post('/api/v1/teams/payments/tokens', { name: 'ci', scopes: ['scan:push'] })).json<{ id: string; token: string }>();
    ({ token, id: tokenId } = created);
    expect((await tokenClient(server.app, token).post('/api/v1/teams/payments/scans', scan())).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('S22 records sign-ins, failed sign-ins, refused access, token use and writes, with who, when and from where', async () => {
    const { entries } = await page('?limit=1000');
    const find = (predicate: (entry: AuditRecord) => boolean): AuditRecord | undefined => entries.find(predicate);
    expect(find((entry) => entry.action === 'login' && entry.outcome === 'ok' && entry.actor === 'lena')).toBeDefined();
    expect(find((entry) => entry.action === 'login' && entry.outcome === 'failed' && entry.actor === 'lena')).toBeDefined();
    expect(find((entry) => entry.action === 'access' && entry.outcome === 'refused' && entry.actor === 'vic')).toMatchObject({ teamId: 'payments', target: 'PATCH /api/v1/teams/payments' });
    expect(find((entry) => entry.action === 'token.use' && entry.actor === `token:${tokenId}`)).toMatchObject({ outcome: 'ok', teamId: 'payments', detail: { last4: token.slice(-4) } });
    expect(find((entry) => entry.action === 'scan.push')).toMatchObject({ actor: `token:${tokenId}`, teamId: 'payments' });
    expect(find((entry) => entry.action === 'token.create')).toMatchObject({ actor: 'lena', teamId: 'payments', target: `token:${tokenId}` });
    expect(find((entry) => entry.action === 'team.create' && entry.target === 'team:identity')).toMatchObject({ actor: 'admin', outcome: 'ok' });
    for (const entry of entries) {
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(typeof entry.ip).toBe('string');
    }
  });

  it('S22 admins and auditors read the log; leads, members, tokens and anonymous callers cannot', async () => {
    expect((await admin.get('/api/v1/audit')).statusCode).toBe(200);
    expect((await lead.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await tokenClient(server.app, token).get('/api/v1/audit')).statusCode).toBe(403);
    expect((await server.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
    const { entries } = await page('?action=access&actor=lena');
    expect(entries[0]).toMatchObject({ outcome: 'refused', target: 'GET /api/v1/audit' });
  });

  it('filters by actor, action, outcome, team and time, newest first', async () => {
    const failed = await page('?action=login&outcome=failed');
    expect(failed.entries.length).toBeGreaterThan(0);
    expect(failed.entries.every((entry) => entry.action === 'login' && entry.outcome === 'failed')).toBe(true);
    expect((await page('?actor=vic')).entries.every((entry) => entry.actor === 'vic')).toBe(true);
    const team = await page('?team=payments&limit=1000');
    expect(team.entries.length).toBeGreaterThan(3);
    expect(team.entries.every((entry) => entry.teamId === 'payments')).toBe(true);
    const all = (await page('?limit=1000')).entries;
    expect(all.map((entry) => entry.id)).toEqual([...all.map((entry) => entry.id)].sort((a, b) => b - a));
    expect((await page(`?since=${day(1)}`)).entries).toEqual([]);
    expect((await page(`?until=${day(-1)}`)).entries).toEqual([]);
    expect((await page(`?since=${day(-1)}&until=${day(0)}&limit=1000`)).entries).toHaveLength(all.length);
    expect((await page(`?since=${day(-1)}T00:00:00Z&limit=1000`)).entries).toHaveLength(all.length);
  });

  it('pages back with before = next, without gaps or overlaps', async () => {
    const all = (await page('?limit=1000')).entries;
    const first = await page('?limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.next).toBe(first.entries[2]?.id);
    const second = await page(`?limit=3&before=${first.next ?? 0}`);
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(all.slice(0, 6).map((entry) => entry.id));
    const last = await page(`?limit=1000&before=${all[all.length - 2]?.id ?? 0}`);
    expect(last).toEqual({ entries: [all.at(-1)], next: null });
  });

  it('S15 refuses unknown or malformed filters with 400', async () => {
    for (const query of ['?outcome=maybe', '?limit=0', '?limit=5000', '?since=yesterday', '?before=-1', '?team=../x', '?detail=x']) {
      expect((await auditor.get(`/api/v1/audit${query}`)).statusCode, query).toBe(400);
    }
  });

  it('S22 no route changes or removes an audit entry', async () => {
    expect(API_ROUTES.filter((route) => route.url.includes('audit')).map((route) => `${route.method} ${route.url}`)).toEqual(['GET /api/v1/audit']);
    const before = (await page('?limit=1000')).entries.length;
    expect((await admin.delete('/api/v1/audit')).statusCode).toBe(404);
    expect((await admin.patch('/api/v1/audit', { entries: [] })).statusCode).toBe(404);
    expect((await admin.post('/api/v1/audit', { action: 'forged' })).statusCode).toBe(404);
    const after = (await page('?limit=1000')).entries;
    expect(after.length).toBeGreaterThanOrEqual(before);
    expect(after.some((entry) => entry.action === 'forged')).toBe(false);
  });

  it('S18 S22 the log never holds a password or a token', async () => {
    const text = JSON.stringify(await server.store.queryAudit({ limit: 1000 }));
    for (const secret of [ADMIN_PASSWORD, USER_PASSWORD, WRONG_PASSWORD, token, token.slice(4, -4)]) expect(text).not.toContain(secret);
  });
});
