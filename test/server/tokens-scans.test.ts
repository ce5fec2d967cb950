import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepwise, tempDir } from '../support/cli.js';
import { DIALECTS, startTestServer, tokenClient } from '../support/server.js';
import type { Client, TestServer } from '../support/server.js';

/** A small repository whose scan has positive evidence for several practices (and nothing secret). */
const REPOSITORY: Record<string, string> = {
  '.github/workflows/ci.yml': [
    'name: ci',
    'on: [push, pull_request]',
    'permissions: read-all',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    `      - uses: actions/checkout@${'a'.repeat(40)}`,
    '      - run: npm ci',
    '      - run: npm test',
    `      - uses: gitleaks/gitleaks-action@${'b'.repeat(40)}`,
  ].join('\n'),
  '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: {interval: weekly}\n',
  'package.json': '{"name": "app", "devDependencies": {"vitest": "4.1.12"}}\n',
  'package-lock.json': '{"lockfileVersion": 3}\n',
  'SECURITY.md': '# Security\n\nPlease report vulnerabilities privately to security@example.com; we answer within two days.\n',
  CODEOWNERS: '* @acme/app\n',
};

interface ScanDocument {
  readonly root: string;
  readonly practices: { id: string; status: string; evidence: number[] }[];
}

let scan: ScanDocument;

beforeAll(async () => {
  const repo = tempDir('stepwise-push-repo-');
  for (const [path, text] of Object.entries(REPOSITORY)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  const run = await stepwise(['scan', repo, '--format', 'json'], { cwd: repo });
  scan = JSON.parse(run.stdout) as ScanDocument;
}, 60_000);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const today = (): string => new Date().toISOString().slice(0, 10);

describe.each(DIALECTS)('API tokens and scan push on %s', (dialect) => {
  let server: TestServer;
  let admin: Client;
  let lead: Client;
  let viewer: Client;
  /** Every token created in this suite, to search the audit log for. */
  const tokens: string[] = [];

  async function newToken(team: string, scopes: string[] = ['scan:push'], by: Client = lead): Promise<{ id: string; token: string }> {
    const response = await by.post(`/api/v1/teams/${team}/tokens`, { name: `ci ${tokens.length}`, scopes });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; token: string }>();
    tokens.push(body.token);
    return body;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.admin();
    for (const id of ['payments', 'identity']) expect((await admin.post('/api/v1/teams', { id, name: id })).statusCode).toBe(201);
    lead = await server.user('lena', { teams: { payments: 'lead' } });
    viewer = await server.user('vic', { teams: { payments: 'viewer' } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('S18 shows a new token once and stores only its SHA-256 hash', async () => {
    const response = await lead.post('/api/v1/teams/payments/tokens', { name: 'GitHub Actions', scopes: ['scan:push', 'scan:push'] });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: string; name: string; scopes: string[]; last4: string; token: string }>();
    tokens.push(body.token);
    expect(Object.keys(body).sort()).toEqual(['id', 'last4', 'name', 'scopes', 'token']);
    expect(body).toMatchObject({ name: 'GitHub Actions', scopes: ['scan:push'], last4: body.token.slice(-4) });
    expect(body.token).toMatch(/^stw_[A-Za-z0-9_-]{43}$/);
    const stored = (await server.store.apiTokensOfTeam('payments')).find((token) => token.id === body.id);
    expect(stored?.tokenHash).toBe(sha256(body.token));
    expect(Object.values(stored ?? {}).filter((value) => value === body.token)).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain(body.token);
    const listed = await lead.get('/api/v1/teams/payments/tokens');
    expect(listed.statusCode).toBe(200);
    const entry = (listed.json<{ tokens: Record<string, unknown>[] }>()).tokens.find((token) => token['id'] === body.id);
    expect(entry).toEqual({ id: body.id, name: 'GitHub Actions', scopes: ['scan:push'], last4: body.last4, createdBy: 'lena', createdAt: expect.any(String) as string, lastUsedAt: null, revokedAt: null });
    expect(listed.body).not.toContain(body.token);
    expect(listed.body).not.toContain(stored?.tokenHash);
  });

  it('S15 refuses unknown scopes and fields; only leads and admins manage tokens, never a token itself', async () => {
    expect((await lead.post('/api/v1/teams/payments/tokens', { name: 'x', scopes: ['admin'] })).statusCode).toBe(400);
    expect((await lead.post('/api/v1/teams/payments/tokens', { name: 'x', scopes: [] })).statusCode).toBe(400);
    expect((await lead.post('/api/v1/teams/payments/tokens', { name: 'x', scopes: ['scan:push'], teamId: 'identity' })).statusCode).toBe(400);
    expect((await viewer.post('/api/v1/teams/payments/tokens', { name: 'x', scopes: ['scan:push'] })).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/teams/payments/tokens')).statusCode).toBe(403);
    expect((await lead.get('/api/v1/teams/identity/tokens')).statusCode).toBe(404);
    const { token } = await newToken('payments');
    const asToken = tokenClient(server.app, token);
    expect((await asToken.post('/api/v1/teams/payments/tokens', { name: 'x', scopes: ['scan:push'] })).statusCode).toBe(403);
    expect((await asToken.get('/api/v1/teams/payments/tokens')).statusCode).toBe(403);
    expect((await asToken.get('/api/v1/teams/payments')).statusCode).toBe(403);
  });

  it('turns a pushed scan into proposals with finding evidence in a new draft dated today', async () => {
    const { id, token } = await newToken('payments');
    const response = await tokenClient(server.app, token).post('/api/v1/teams/payments/scans', scan);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ scanId: string; checkpointId: string; proposed: number }>();
    expect(body.proposed).toBeGreaterThan(0);
    const checkpoint = await server.store.checkpointById(body.checkpointId);
    expect(checkpoint).toMatchObject({ teamId: 'payments', date: today(), state: 'draft', createdBy: `token:${id}` });
    const answers = await server.store.answersOf([body.checkpointId]);
    expect(answers.filter((answer) => answer.proposed !== null)).toHaveLength(body.proposed);
    for (const answer of answers) {
      expect(answer.status).toBeNull();
      expect(answer.evidence.length).toBeGreaterThan(0);
      for (const evidence of answer.evidence) expect(evidence).toMatchObject({ type: 'finding', detector: expect.any(String) as string, file: expect.any(String) as string, date: today() });
    }
    const withEvidence = scan.practices.filter((practice) => practice.evidence.length > 0).map((practice) => practice.id);
    expect(answers.map((answer) => answer.practiceId).every((practice) => withEvidence.includes(practice))).toBe(true);
    const stored = await server.store.scanById(body.scanId);
    expect(stored).toMatchObject({ teamId: 'payments', pushedBy: `token:${id}` });
    const listed = await viewer.get('/api/v1/teams/payments/scans');
    expect((listed.json<{ scans: { id: string }[] }>()).scans.map((entry) => entry.id)).toContain(body.scanId);
    const one = await viewer.get(`/api/v1/teams/payments/scans/${body.scanId}`);
    expect(one.statusCode).toBe(200);
    expect((one.json<{ result: ScanDocument }>()).result.root).toBe(scan.root);
    const tokenRow = (await server.store.apiTokensOfTeam('payments')).find((entry) => entry.id === id);
    expect(tokenRow?.lastUsedAt).not.toBeNull();
  });

  it('never changes a status a person set; pushing again adds no duplicate evidence', async () => {
    const { token } = await newToken('payments');
    const first = (await tokenClient(server.app, token).post('/api/v1/teams/payments/scans', scan)).json<{ checkpointId: string }>();
    const [answer] = await server.store.answersOf([first.checkpointId]);
    expect(answer).toBeDefined();
    const confirmed = await server.store.putAnswer(first.checkpointId, answer!.practiceId, answer!.version, { status: 'not-implemented', justification: 'checked by hand' }, 'lena', new Date().toISOString());
    expect(confirmed).not.toBe('stale');
    const second = await tokenClient(server.app, token).post('/api/v1/teams/payments/scans', scan);
    expect(second.statusCode).toBe(201);
    expect((second.json<{ checkpointId: string }>()).checkpointId).toBe(first.checkpointId);
    const after = await server.store.answer(first.checkpointId, answer!.practiceId);
    expect(after).toMatchObject({ status: 'not-implemented', justification: 'checked by hand', proposed: answer!.proposed });
    expect(after?.evidence).toEqual(answer!.evidence);
  });

  it('S14 a token of team A pushing to team B is refused with 403 and writes no scan', async () => {
    const { token } = await newToken('payments');
    const response = await tokenClient(server.app, token).post('/api/v1/teams/identity/scans', scan);
    expect(response.statusCode).toBe(403);
    expect(await server.store.scansOfTeam('identity', 100)).toEqual([]);
    expect(await server.store.checkpointsOfTeam('identity')).toEqual([]);
    const checkpointOnly = await newToken('payments', ['checkpoint:push']);
    const before = (await server.store.scansOfTeam('payments', 1000)).length;
    expect((await tokenClient(server.app, checkpointOnly.token).post('/api/v1/teams/payments/scans', scan)).statusCode).toBe(403);
    expect(await server.store.scansOfTeam('payments', 1000)).toHaveLength(before);
    expect((await viewer.post('/api/v1/teams/payments/scans', scan)).statusCode).toBe(403);
  });

  it('S18 a revoked token is refused at once with 401', async () => {
    const { id, token } = await newToken('payments');
    const client = tokenClient(server.app, token);
    expect((await client.post('/api/v1/teams/payments/scans', scan)).statusCode).toBe(201);
    expect((await viewer.delete(`/api/v1/teams/payments/tokens/${id}`)).statusCode).toBe(403);
    expect((await lead.delete(`/api/v1/teams/payments/tokens/${id}`)).statusCode).toBe(204);
    const refused = await client.post('/api/v1/teams/payments/scans', scan);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.body).not.toContain(token);
    const listed = (await lead.get('/api/v1/teams/payments/tokens')).json<{ tokens: { id: string; revokedAt: string | null }[] }>();
    expect(listed.tokens.find((entry) => entry.id === id)?.revokedAt).toEqual(expect.any(String));
    expect((await lead.delete(`/api/v1/teams/payments/tokens/${id}`)).statusCode).toBe(204);
    expect((await lead.delete('/api/v1/teams/payments/tokens/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const other = await newToken('identity', ['scan:push'], admin);
    expect((await lead.delete(`/api/v1/teams/payments/tokens/${other.id}`)).statusCode).toBe(404);
    expect((await tokenClient(server.app, other.token).post('/api/v1/teams/identity/scans', scan)).statusCode).toBe(201);
  });

  it('answers a scan id of another team with 404, even to an admin', async () => {
    const pushed = (await admin.post('/api/v1/teams/identity/scans', scan)).json<{ scanId: string }>();
    expect((await admin.get(`/api/v1/teams/identity/scans/${pushed.scanId}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/teams/payments/scans/${pushed.scanId}`)).statusCode).toBe(404);
    expect((await lead.get(`/api/v1/teams/payments/scans/${pushed.scanId}`)).statusCode).toBe(404);
    expect((await lead.get(`/api/v1/teams/identity/scans/${pushed.scanId}`)).statusCode).toBe(404);
  });

  it('S15 refuses a body that is not a scan result, and unknown top-level fields', async () => {
    const { token } = await newToken('payments');
    const client = tokenClient(server.app, token);
    const before = (await server.store.scansOfTeam('payments', 1000)).length;
    expect((await client.post('/api/v1/teams/payments/scans', { hello: 'world' })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/scans', { ...scan, pushedBy: 'someone' })).statusCode).toBe(400);
    expect((await client.post('/api/v1/teams/payments/scans', { ...scan, findings: [{ detector: 'x' }] })).statusCode).toBe(400);
    expect(await server.store.scansOfTeam('payments', 1000)).toHaveLength(before);
  });

  it('S18 S22 the audit log records token creation, use and revocation, never the token', async () => {
    const entries = await server.store.queryAudit({ limit: 1000 });
    const text = JSON.stringify(entries);
    expect(tokens.length).toBeGreaterThan(5);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(4, -4));
    }
    const actions = new Set(entries.map((entry) => entry.action));
    for (const action of ['token.create', 'token.use', 'token.revoke', 'scan.push']) expect(actions).toContain(action);
    const use = entries.find((entry) => entry.action === 'token.use' && entry.outcome === 'ok');
    expect(use?.actor).toMatch(/^token:[0-9a-f-]{36}$/);
    expect(use?.detail['last4']).toMatch(/^[A-Za-z0-9_-]{4}$/);
    expect(entries.some((entry) => entry.action === 'scan.push' && entry.actor.startsWith('token:'))).toBe(true);
    expect(entries.some((entry) => entry.action === 'token.use' && entry.outcome === 'refused' && entry.actor === 'anonymous')).toBe(true);
    expect(entries.some((entry) => entry.action === 'access' && entry.outcome === 'refused' && entry.actor.startsWith('token:'))).toBe(true);
  });
});
