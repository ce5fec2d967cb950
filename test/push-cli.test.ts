import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../src/server/routes/index.js';
import { stepwise, tempDir } from './support/cli.js';
import type { CliRun } from './support/cli.js';
import { builtinModel } from './support/workspaces.js';
import { DIALECTS, startTestServer } from './support/server.js';
import type { Client, TestServer } from './support/server.js';

const hasCheckpointPush = API_ROUTES.some((route) => route.method === 'POST' && route.url === '/api/v1/teams/:teamId/checkpoints/push');
if (!hasCheckpointPush) console.info('POST /api/v1/teams/:teamId/checkpoints/push is not registered: the checkpoint push test is skipped');

const today = (): string => new Date().toISOString().slice(0, 10);

function scanDocument(): Record<string, unknown> {
  const practice = builtinModel().practices[0]?.id ?? '';
  const finding = { detector: 'has-security-policy', domain: 'vulnerability-management', outcome: 'positive', file: 'SECURITY.md', line: 1, fixture: false, message: 'policy', confidence: 'high', level: 1, status: 'implemented', practices: [practice], snippet: null, fingerprint: 'f1' };
  return { version: 1, root: '.', files: 1, skipped: [], findings: [finding], domains: [], practices: [{ id: practice, status: 'implemented', evidence: [0] }] };
}

describe.each(DIALECTS)('stepwise push against a listening server on %s', (dialect) => {
  let server: TestServer;
  let url: string;
  let folder: string;
  let lead: Client;
  let scanToken: string;
  let checkpointToken: string;

  async function push(args: readonly string[]): Promise<CliRun> {
    return stepwise(['push', ...args], { cwd: folder, today: today() });
  }

  function expectNoToken(run: CliRun): void {
    for (const token of [scanToken, checkpointToken]) {
      expect(run.stdout).not.toContain(token);
      expect(run.stderr).not.toContain(token);
    }
  }

  async function tokenWith(scopes: string[]): Promise<string> {
    const response = await lead.post('/api/v1/teams/payments/tokens', { name: scopes.join(' '), scopes });
    expect(response.statusCode).toBe(201);
    return (response.json<{ token: string }>()).token;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const admin = await server.admin();
    for (const id of ['payments', 'identity']) expect((await admin.post('/api/v1/teams', { id, name: id })).statusCode).toBe(201);
    lead = await server.user('lena', { teams: { payments: 'lead' } });
    scanToken = await tokenWith(['scan:push']);
    checkpointToken = await tokenWith(['checkpoint:push']);
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    folder = tempDir('stepwise-push-');
    writeFileSync(join(folder, 'scan.json'), `${JSON.stringify(scanDocument(), null, 2)}\n`);
    writeFileSync(join(folder, 'notes.txt'), 'just some notes\n');
    const checkpoint = ['team: payments', `date: ${today()}`, `model: ${builtinModel().id}@${builtinModel().version}`, 'answers:', `  ${builtinModel().practices[0]?.id ?? ''}:`, '    status: implemented', ''].join('\n');
    writeFileSync(join(folder, 'checkpoint.yaml'), checkpoint);
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('pushes a scan result with --token and prints what the server did', async () => {
    const run = await push(['scan.json', '--team', 'payments', '--server', url, '--token', scanToken]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pushed scan [0-9a-f-]{36} to payments: 1 proposed answer in checkpoint [0-9a-f-]{36}\n$/);
    expect(await server.store.scansOfTeam('payments', 10)).toHaveLength(1);
    expectNoToken(run);
  });

  it('takes the token from STEPWISE_TOKEN and prints JSON with --json', async () => {
    process.env['STEPWISE_TOKEN'] = scanToken;
    try {
      const run = await push(['scan.json', '--team', 'payments', '--server', `${url}/`, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ scanId: expect.any(String) as string, checkpointId: expect.any(String) as string, proposed: 1 });
      expectNoToken(run);
    } finally {
      delete process.env['STEPWISE_TOKEN'];
    }
  });

  it('S18 on an HTTP error prints the problem detail in one line, exits 2 and never shows the token', async () => {
    const wrongTeam = await push(['scan.json', '--team', 'identity', '--server', url, '--token', scanToken]);
    expect(wrongTeam.code).toBe(2);
    expect(wrongTeam.stderr).toBe('stepwise: the server refused the push (HTTP 403): token is not for this team\n');
    expectNoToken(wrongTeam);
    expect(await server.store.scansOfTeam('identity', 10)).toEqual([]);
    const unknown = await push(['scan.json', '--team', 'payments', '--server', url, '--token', `${scanToken}x`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('stepwise: the server refused the push (HTTP 401): the API token is unknown or revoked\n');
    expect(unknown.stderr).not.toContain(scanToken);
    const wrongScope = await push(['scan.json', '--team', 'payments', '--server', url, '--token', checkpointToken]);
    expect(wrongScope.code).toBe(2);
    expect(wrongScope.stderr).toContain('HTTP 403');
    expectNoToken(wrongScope);
  });

  it('exits 2 on usage and input errors before sending anything', async () => {
    const before = (await server.store.scansOfTeam('payments', 100)).length;
    const cases: [string[], RegExp][] = [
      [['scan.json', '--server', url, '--token', scanToken], /a scan result does not name its team: add --team <id>/],
      [['scan.json', '--team', 'payments', '--server', url], /give an API token with --token or the STEPWISE_TOKEN environment variable/],
      [['scan.json', '--team', 'payments', '--server', 'ftp://example.com', '--token', scanToken], /--server must be an http or https URL/],
      [['scan.json', '--team', 'payments', '--server', 'not a url', '--token', scanToken], /--server must be a URL/],
      [['scan.json', '--team', 'Pay/ments', '--server', url, '--token', scanToken], /--team must be a team id/],
      [['missing.json', '--team', 'payments', '--server', url, '--token', scanToken], /missing\.json: file does not exist/],
      [['notes.txt', '--team', 'payments', '--server', url, '--token', scanToken], /notes\.txt.*neither a scan result .* nor a checkpoint/],
      [['checkpoint.yaml', '--team', 'identity', '--server', url, '--token', checkpointToken], /the checkpoint is of team "payments", not "identity"/],
    ];
    for (const [args, message] of cases) {
      const run = await push(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n').filter((line) => line.startsWith('stepwise:'))).toHaveLength(1);
      expectNoToken(run);
    }
    expect(await server.store.scansOfTeam('payments', 100)).toHaveLength(before);
  });

  it('exits 2 with a one-line message when the server cannot be reached', async () => {
    const run = await push(['scan.json', '--team', 'payments', '--server', 'http://127.0.0.1:9', '--token', scanToken]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^stepwise: cannot reach http:\/\/127\.0\.0\.1:9: \S.*\n$/);
    expectNoToken(run);
  });

  it.runIf(hasCheckpointPush)('pushes a checkpoint file to its own team with a checkpoint:push token', async () => {
    const run = await push(['checkpoint.yaml', '--server', url, '--token', checkpointToken]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`pushed the checkpoint of payments dated ${today()}`);
    expect((await server.store.checkpointOfTeam('payments', today()))?.state).toBe('final');
    expectNoToken(run);
  });
});
