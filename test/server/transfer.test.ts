import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAM_COUNT } from '../../src/services/demo.js';
import { seedDemoOrganisation } from '../../src/services/org/demo-seed.js';
import { builtinModel } from '../support/workspaces.js';
import { DIALECTS, startTestServer } from '../support/server.js';
import type { Client, TestServer } from '../support/server.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DSOMM_FOLDER = fileURLToPath(new URL('../../../shared/reference/dsomm/', import.meta.url));
const today = (): string => new Date().toISOString().slice(0, 10);

/** A hand-made scan result evidencing the built-in model's first practice. */
function scanOf(practice: string): Record<string, unknown> {
  return {
    version: 1,
    root: '.',
    files: 2,
    skipped: [],
    findings: [
      {
        detector: 'has-security-policy',
        domain: 'vulnerability-management',
        outcome: 'positive',
        file: 'SECURITY.md',
        line: 1,
        fixture: false,
        message: 'a security policy tells reporters where to go',
        confidence: 'high',
        level: 1,
        status: 'implemented',
        practices: [practice],
        snippet: null,
        fingerprint: 'f00d',
      },
    ],
    domains: [],
    practices: [{ id: practice, status: 'implemented', evidence: [0] }],
  };
}

type Files = Record<string, string>;

async function exportFiles(client: Client): Promise<Files> {
  const response = await client.get('/api/v1/workspace');
  expect(response.statusCode).toBe(200);
  return (response.json<{ files: Files }>()).files;
}

/** Team versions and checkpoint ids and versions: what a second identical import must leave alone. */
async function databaseState(server: TestServer): Promise<unknown> {
  const teams = await server.store.listTeams();
  const checkpoints = await Promise.all(teams.map(async (team) => (await server.store.checkpointsOfTeam(team.id)).map((row) => [row.id, row.version, row.updatedAt])));
  return { teams: teams.map((team) => [team.id, team.version]), checkpoints, organisation: await server.store.organisation() };
}

describe.each(DIALECTS)('workspace export and import on %s', (dialect) => {
  let source: TestServer;
  let target: TestServer;
  let sourceAdmin: Client;
  let targetAdmin: Client;
  let seeded: number;
  let exported: Files;

  beforeAll(async () => {
    source = await startTestServer(dialect);
    target = await startTestServer(dialect);
    seeded = await seedDemoOrganisation(source.store, source.context.models, today());
    sourceAdmin = await source.admin();
    targetAdmin = await target.admin();
    const practice = builtinModel().practices[0]?.id ?? '';
    expect((await sourceAdmin.post('/api/v1/teams/payments/scans', scanOf(practice))).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('seeds the demo organisation once, through the workspace import', async () => {
    expect(seeded).toBe(DEMO_TEAM_COUNT);
    expect(await seedDemoOrganisation(source.store, source.context.models, today())).toBe(0);
    expect(await source.store.listTeams()).toHaveLength(DEMO_TEAM_COUNT);
    expect((await source.store.checkpointsOfTeam('checkout', ['final'])).length).toBeGreaterThanOrEqual(4);
    const imports = await source.store.queryAudit({ action: 'workspace.import', limit: 10 });
    expect(imports.map((entry) => entry.actor)).toEqual(['system:demo-seed']);
  });

  it('exports the organisation as workspace files: stepwise.yaml first, final checkpoints, scans, schemas', async () => {
    exported = await exportFiles(sourceAdmin);
    const paths = Object.keys(exported);
    expect(paths[0]).toBe('stepwise.yaml');
    expect(paths).toContain('.stepwise/schemas/checkpoint.schema.json');
    expect(paths).toContain(`scans/payments/${today()}.json`);
    expect(paths.filter((path) => path.startsWith('assessments/checkout/'))).toHaveLength((await source.store.checkpointsOfTeam('checkout', ['final'])).length);
    const organisation = parse(exported['stepwise.yaml'] ?? '') as { organisation: string; model: string; teams: { id: string }[] };
    expect(organisation.organisation).toBe('Northwind Payments');
    expect(organisation.model).toBe('builtin');
    expect(organisation.teams).toHaveLength(DEMO_TEAM_COUNT);
    // The open draft the scan created is not exported: only final checkpoints are.
    expect(paths.filter((path) => path.startsWith('assessments/payments/') && path.includes(today()))).toEqual([]);
    const auditor = await source.user('audrey', { isAuditor: true });
    expect((await auditor.get('/api/v1/workspace')).statusCode).toBe(200);
    const lead = await source.user('lars', { teams: { payments: 'lead' } });
    expect((await lead.get('/api/v1/workspace')).statusCode).toBe(403);
  });

  it('S6 round trip: export → import into a fresh server → export gives byte-identical files', async () => {
    const imported = await targetAdmin.post('/api/v1/workspace', { files: exported });
    expect(imported.statusCode).toBe(200);
    const summary = imported.json<{ teamsCreated: string[]; checkpointsWritten: string[]; scansImported: number; settingsChanged: boolean }>();
    expect(summary.teamsCreated).toHaveLength(DEMO_TEAM_COUNT);
    expect(summary.checkpointsWritten).toHaveLength(Object.keys(exported).filter((path) => path.startsWith('assessments/')).length);
    expect(summary.scansImported).toBe(1);
    expect(summary.settingsChanged).toBe(true);
    const again = await exportFiles(targetAdmin);
    expect(Object.keys(again)).toEqual(Object.keys(exported));
    for (const [path, text] of Object.entries(exported)) expect(again[path], path).toBe(text);
  });

  it('S6 importing the same content twice changes nothing', async () => {
    const before = await databaseState(target);
    const response = await targetAdmin.post('/api/v1/workspace', { files: exported });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      settingsChanged: false,
      modelAdded: null,
      teamsCreated: [],
      teamsUpdated: [],
      checkpointsWritten: [],
      checkpointsUnchanged: Object.keys(exported).filter((path) => path.startsWith('assessments/')).length,
      scansImported: 0,
    });
    expect(await databaseState(target)).toEqual(before);
    expect(await target.store.scansOfTeam('payments', 100)).toHaveLength(1);
  });

  it('changes what differs: a renamed team and an edited checkpoint', async () => {
    const organisation = parse(exported['stepwise.yaml'] ?? '') as { teams: { id: string; name: string }[] };
    organisation.teams = organisation.teams.map((team) => (team.id === 'loyalty' ? { ...team, name: 'Loyalty Programme' } : team));
    const path = Object.keys(exported).filter((file) => file.startsWith('assessments/loyalty/')).at(-1) ?? '';
    const checkpoint = parse(exported[path] ?? '') as { domainScores?: Record<string, number> };
    checkpoint.domainScores = { ...checkpoint.domainScores, secrets: 1 };
    const response = await targetAdmin.post('/api/v1/workspace', { files: { ...exported, 'stepwise.yaml': stringify(organisation), [path]: stringify(checkpoint) } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ teamsCreated: [], teamsUpdated: ['loyalty'], checkpointsWritten: [path] });
    expect((await target.store.teamById('loyalty'))?.name).toBe('Loyalty Programme');
    const [, date] = /(\d{4}-\d{2}-\d{2})\.yaml$/.exec(path) ?? [];
    expect((await target.store.checkpointOfTeam('loyalty', date ?? ''))?.domainScores).toMatchObject({ secrets: 1 });
  });

  it('S6 S7 a bad file is refused with its name and line, and nothing is written', async () => {
    const organisation = parse(exported['stepwise.yaml'] ?? '') as { teams: { id: string; name: string }[] };
    organisation.teams.push({ id: 'newcomers', name: 'Newcomers' });
    const bad = ['team: newcomers', 'date: 2026-01-01', 'model: stepwise-builtin@1', 'answers:', '  nope.practice:', '    status: implemented', ''].join('\n');
    const before = await databaseState(target);
    const response = await targetAdmin.post('/api/v1/workspace', { files: { ...exported, 'stepwise.yaml': stringify(organisation), 'assessments/newcomers/2026-01-01.yaml': bad } });
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ detail: string; at: { file: string; line: number } }>();
    // The position of the answer under the unknown practice id.
    expect(problem.at).toMatchObject({ file: 'assessments/newcomers/2026-01-01.yaml', line: 6 });
    expect(problem.detail).toContain('nope.practice');
    expect(await target.store.teamById('newcomers')).toBeUndefined();
    expect(await databaseState(target)).toEqual(before);
  });

  it('S6 a checkpoint in progress on an imported date stops the whole import with 409', async () => {
    const at = new Date().toISOString();
    const draft = { id: '11111111-2222-4333-8444-555555555555', teamId: 'payments', date: '2001-02-03', state: 'draft' as const, model: 'x@1', domainScores: {}, createdBy: 'admin', createdAt: at, updatedAt: at, version: 1 };
    expect(await target.store.insertCheckpoint(draft)).toBe('ok');
    const organisation = parse(exported['stepwise.yaml'] ?? '') as { teams: { id: string; name: string }[] };
    organisation.teams.push({ id: 'latecomers', name: 'Latecomers' });
    const checkpoint = 'team: payments\ndate: 2001-02-03\nmodel: stepwise-builtin@1\nanswers: {}\n';
    const response = await targetAdmin.post('/api/v1/workspace', { files: { ...exported, 'stepwise.yaml': stringify(organisation), 'assessments/payments/2001-02-03.yaml': checkpoint } });
    expect(response.statusCode).toBe(409);
    expect(await target.store.teamById('latecomers')).toBeUndefined();
    expect((await target.store.checkpointById(draft.id))?.state).toBe('draft');
  });

  it('S15 refuses paths outside the workspace, unknown fields, and imports by non-admins', async () => {
    for (const path of ['../escape.yaml', '/etc/passwd', 'assessments/../../x.yaml', 'a\\b.yaml']) {
      expect((await targetAdmin.post('/api/v1/workspace', { files: { [path]: 'x: 1' } })).statusCode, path).toBe(400);
    }
    expect((await targetAdmin.post('/api/v1/workspace', { files: {}, replace: true })).statusCode).toBe(400);
    expect((await targetAdmin.post('/api/v1/workspace', { files: {} })).statusCode).toBe(400);
    const auditor = await target.user('aude', { isAuditor: true });
    expect((await auditor.post('/api/v1/workspace', { files: exported })).statusCode).toBe(403);
  });

  it('S1 a hostile stepwise.yaml is refused with 400, twice, and the server keeps answering', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await targetAdmin.post('/api/v1/workspace', { files: { 'stepwise.yaml': `organisation: ${'['.repeat(10_000)}` } });
      expect(response.statusCode).toBe(400);
    }
    expect((await target.anonymous().get('/api/v1/health')).statusCode).toBe(200);
  });
});

const MODEL = (version: number): string =>
  [
    'id: acme',
    `version: ${version}`,
    'name: Acme model',
    'levels:',
    '  - {level: 1, name: Basic}',
    '  - {level: 2, name: Defined}',
    'domains:',
    '  - {id: secrets, name: Secrets management, description: Where secrets live}',
    'practices:',
    '  - id: secrets.no-hardcoded',
    '    domain: secrets',
    '    level: 1',
    '    title: No secrets in code',
    '    description: Secrets stay out of the repository',
    '    guidance: A secret scanner runs in CI',
    '    risk: 5',
    '    effort: 2',
    '    backlog: {title: Scan for secrets, acceptance: [A scanner runs on every push]}',
    '  - id: secrets.vault',
    '    domain: secrets',
    '    level: 2',
    '    title: Secrets in a vault',
    '    description: Applications read secrets from a vault',
    '    guidance: The deploy pipeline reads the vault',
    '    risk: 4',
    '    effort: 3',
    '    dependsOn: [secrets.no-hardcoded]',
    '    backlog: {title: Move secrets into a vault, acceptance: [No secret in deploy files]}',
    '',
  ].join('\n');

function billionLaughs(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array.from({ length: width }, () => 'lol').join(', ')}]`];
  for (let level = 1; level < levels; level += 1) lines.push(`l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe.each(DIALECTS)('organisation settings and models on %s', (dialect) => {
  let server: TestServer;
  let admin: Client;
  let lead: Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.admin();
    expect((await admin.post('/api/v1/teams', { id: 'payments', name: 'Payments' })).statusCode).toBe(201);
    lead = await server.user('lena', { teams: { payments: 'lead' } });
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('S19 reads the settings with their version and changes them only with If-Match', async () => {
    const read = await lead.get('/api/v1/organisation');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ name: 'My organisation', model: 'builtin', defaultTargets: null, domainWeights: {}, staleCounts: false, defaultCadence: 'quarterly', version: 1 });
    expect(read.headers['etag']).toBe('"1"');
    expect((await admin.patch('/api/v1/organisation', { name: 'Acme' })).statusCode).toBe(428);
    expect((await admin.patch('/api/v1/organisation', { defaultTargets: { nope: 2 } }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/organisation', { defaultTargets: { secrets: 9 } }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/organisation', { domainWeights: { nope: 2 } }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/organisation', { model: 'missing@1' }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/organisation', { name: 'Acme', version: 9 }, { 'if-match': '"1"' })).statusCode).toBe(400);
    expect((await lead.patch('/api/v1/organisation', { name: 'Acme' }, { 'if-match': '"1"' })).statusCode).toBe(403);
    const changed = await admin.patch('/api/v1/organisation', { name: 'Acme', defaultTargets: { secrets: 3 }, domainWeights: { secrets: 2 }, staleCounts: true, defaultCadence: 'monthly' }, { 'if-match': '"1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers['etag']).toBe('"2"');
    expect(changed.json()).toEqual({ name: 'Acme', model: 'builtin', defaultTargets: { secrets: 3 }, domainWeights: { secrets: 2 }, staleCounts: true, defaultCadence: 'monthly', version: 2 });
    expect((await admin.patch('/api/v1/organisation', { name: 'Stale' }, { 'if-match': '"1"' })).statusCode).toBe(412);
    expect((await server.store.organisation())?.name).toBe('Acme');
    const [entry] = await server.store.queryAudit({ action: 'organisation.update', limit: 5 });
    expect(entry).toMatchObject({ actor: 'admin', outcome: 'ok', detail: { name: 'Acme' } });
  });

  it('lists the built-in model and serves the current model as JSON', async () => {
    const listed = await lead.get('/api/v1/models');
    expect(listed.statusCode).toBe(200);
    const builtin = builtinModel();
    expect((listed.json<{ models: unknown[] }>()).models).toEqual([
      { id: 'builtin', modelId: builtin.id, version: builtin.version, name: builtin.name, format: 'stepwise', builtin: true, current: true, uploadedAt: null, uploadedBy: null },
    ]);
    const current = await lead.get('/api/v1/models/current');
    expect(current.statusCode).toBe(200);
    const model = current.json<{ id: string; practices: { id: string }[]; domains: unknown[] }>();
    expect(model.id).toBe(builtin.id);
    expect(model.practices.map((practice) => practice.id)).toEqual(builtin.practices.map((practice) => practice.id));
    expect((await server.anonymous().get('/api/v1/models')).statusCode).toBe(401);
  });

  it('uploads a Stepwise model once per id and version; it can then become the organisation model', async () => {
    const upload = await admin.request('POST', '/api/v1/models', { raw: MODEL(2), contentType: 'application/yaml' });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toEqual({ id: 'acme@2', modelId: 'acme', version: '2', name: 'Acme model', format: 'stepwise', domains: 1, practices: 2, warnings: [] });
    expect((await admin.request('POST', '/api/v1/models', { raw: MODEL(2), contentType: 'application/yaml' })).statusCode).toBe(409);
    expect((await admin.request('POST', '/api/v1/models', { raw: MODEL(3), contentType: 'text/yaml' })).statusCode).toBe(201);
    expect((await lead.request('POST', '/api/v1/models', { raw: MODEL(4), contentType: 'application/yaml' })).statusCode).toBe(403);
    expect((await admin.post('/api/v1/models', { id: 'acme' })).statusCode).toBe(415);
    const listed = (await lead.get('/api/v1/models')).json<{ models: { id: string; current: boolean }[] }>();
    expect(listed.models.map((model) => model.id)).toEqual(['builtin', 'acme@2', 'acme@3']);
    const version = (await admin.get('/api/v1/organisation')).headers['etag'] ?? '';
    const chosen = await admin.patch('/api/v1/organisation', { model: 'acme@2', defaultTargets: 1 }, { 'if-match': version });
    expect(chosen.statusCode).toBe(200);
    expect(((await lead.get('/api/v1/models/current')).json<{ id: string; practices: unknown[] }>()).practices).toHaveLength(2);
    expect(((await lead.get('/api/v1/models')).json<{ models: { id: string; current: boolean }[] }>()).models.filter((model) => model.current).map((model) => model.id)).toEqual(['acme@2']);
    const back = await admin.patch('/api/v1/organisation', { model: 'builtin' }, { 'if-match': chosen.headers['etag'] ?? '' });
    expect(back.statusCode).toBe(200);
  });

  it('S1 hostile model uploads are refused with 400 (deep nesting twice) and the server keeps answering', async () => {
    const hostile = [billionLaughs(10, 9), `a: ${'['.repeat(10_000)}`, `a: ${'['.repeat(10_000)}`, 'a: !!js/function "x"', 'a: 1\na: 2\n', 'practices: []\ndomains:\n  - {__proto__: {isAdmin: true}}\n'];
    for (const text of hostile) {
      const response = await admin.request('POST', '/api/v1/models', { raw: text, contentType: 'application/yaml' });
      expect(response.statusCode, text.slice(0, 40)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const notText = await admin.request('POST', '/api/v1/models', { raw: Buffer.from([0xff, 0xfe, 0x00, 0x61]), contentType: 'application/yaml' });
    expect(notText.statusCode).toBe(400);
    expect((await server.anonymous().get('/api/v1/health')).statusCode).toBe(200);
    expect((await server.store.listModels()).map((model) => model.id)).toEqual(['acme@2', 'acme@3']);
  });
});

describe.each(DIALECTS)('workbook export and import on %s', (dialect) => {
  let source: TestServer;
  let target: TestServer;
  let sourceAdmin: Client;
  let targetAdmin: Client;

  beforeAll(async () => {
    source = await startTestServer(dialect);
    target = await startTestServer(dialect);
    await seedDemoOrganisation(source.store, source.context.models, today());
    sourceAdmin = await source.admin();
    targetAdmin = await target.admin();
    for (const [id, name] of [['payments', 'Payments'], ['checkout', 'Checkout']]) expect((await targetAdmin.post('/api/v1/teams', { id, name })).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  async function workbook(client: Client, query = ''): Promise<Buffer> {
    const response = await client.get(`/api/v1/export/xlsx${query}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    return response.rawPayload;
  }

  it('export → import is lossless: the latest checkpoint comes back byte-identical; twice changes nothing', async () => {
    const bytes = await workbook(sourceAdmin, '?team=payments');
    const imported = await targetAdmin.request('POST', '/api/v1/teams/payments/import/xlsx', { raw: bytes, contentType: XLSX });
    expect(imported.statusCode).toBe(200);
    const latest = (await source.store.checkpointsOfTeam('payments', ['final'])).at(-1);
    const path = `assessments/payments/${latest?.date ?? ''}.yaml`;
    expect(imported.json()).toEqual({ written: [path], unchanged: [], empty: false, ignored: [], messages: [] });
    const sourceFiles = await exportFiles(sourceAdmin);
    const targetFiles = await exportFiles(targetAdmin);
    expect(targetFiles[path]).toBe(sourceFiles[path]);
    const again = await targetAdmin.request('POST', '/api/v1/teams/payments/import/xlsx', { raw: bytes, contentType: XLSX });
    expect(again.json()).toMatchObject({ written: [], unchanged: [path] });
  });

  it('writes only the team it was sent to; sheets of other teams are ignored with a message', async () => {
    const bytes = await workbook(sourceAdmin);
    const response = await targetAdmin.request('POST', '/api/v1/teams/checkout/import/xlsx', { raw: bytes, contentType: XLSX });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ written: string[]; ignored: string[]; messages: string[] }>();
    expect(body.written).toHaveLength(1);
    expect(body.written[0]).toMatch(/^assessments\/checkout\//);
    expect(body.ignored).toContain('payments');
    expect(body.ignored).not.toContain('checkout');
    expect(body.messages[0]).toContain('ignored');
    expect(await target.store.listTeams()).toHaveLength(2);
  });

  it('S14 a member exports only readable teams and imports only with a rating role', async () => {
    const viewer = await source.user('vic', { teams: { payments: 'viewer' } });
    const bytes = await workbook(viewer);
    const model = await source.context.models.current(source.store);
    const read = await source.context.readWorkbook(new Uint8Array(bytes), { file: 'export.xlsx', model, defaultDate: today() });
    expect(read.ok && read.value.map((checkpoint) => checkpoint.team)).toEqual(['payments']);
    expect((await viewer.get('/api/v1/export/xlsx?team=checkout')).statusCode).toBe(404);
    expect((await viewer.request('POST', '/api/v1/teams/payments/import/xlsx', { raw: bytes, contentType: XLSX })).statusCode).toBe(403);
    expect((await viewer.request('POST', '/api/v1/teams/checkout/import/xlsx', { raw: bytes, contentType: XLSX })).statusCode).toBe(404);
  });

  it('S2 refuses a file that is not a workbook with 400 and writes nothing', async () => {
    const before = await target.store.checkpointsOfTeam('payments');
    const response = await targetAdmin.request('POST', '/api/v1/teams/payments/import/xlsx', { raw: Buffer.from('PK\u0003\u0004 not really a zip'), contentType: XLSX });
    expect(response.statusCode).toBe(400);
    expect(await target.store.checkpointsOfTeam('payments')).toEqual(before);
  });
});

const dsommFiles = existsSync(DSOMM_FOLDER);
if (!dsommFiles) console.info(`DSOMM reference files not found at ${DSOMM_FOLDER}: the DSOMM interoperability tests are skipped`);

describe.runIf(dsommFiles).each(DIALECTS)('DSOMM import and export on %s', (dialect) => {
  let server: TestServer;
  let admin: Client;
  const progress = (): string => readFileSync(`${DSOMM_FOLDER}team-progress.sample-6368fc22.yaml`, 'utf8');

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.admin();
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it('skips DSOMM teams that match no team unless asked to create them', async () => {
    const response = await admin.request('POST', '/api/v1/import/dsomm', { raw: progress(), contentType: 'application/yaml' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ written: string[]; teamsSkipped: string[] }>();
    expect(body.written).toEqual([]);
    expect(body.teamsSkipped).toEqual(expect.arrayContaining(['Team A', 'Team B']));
    expect(await server.store.listTeams()).toEqual([]);
  });

  it('imports the official DSOMM model, then team progress as final checkpoints, once (S6)', async () => {
    const upload = await admin.request('POST', '/api/v1/models', { raw: readFileSync(`${DSOMM_FOLDER}model.yaml`, 'utf8'), contentType: 'text/yaml' });
    expect(upload.statusCode).toBe(201);
    const model = upload.json<{ id: string; format: string; practices: number; domains: number }>();
    expect(model).toMatchObject({ id: 'dsomm@4.3.1', format: 'dsomm', practices: 194, domains: 19 });
    const version = (await admin.get('/api/v1/organisation')).headers['etag'] ?? '';
    expect((await admin.patch('/api/v1/organisation', { model: model.id }, { 'if-match': version })).statusCode).toBe(200);
    const imported = await admin.request('POST', '/api/v1/import/dsomm?createTeams=true', { raw: progress(), contentType: 'application/yaml' });
    expect(imported.statusCode).toBe(200);
    const body = imported.json<{ written: string[]; teamsCreated: string[] }>();
    expect(body.teamsCreated).toEqual(expect.arrayContaining(['team-a', 'team-b', 'team-c', 'team-d']));
    expect(body.written.length).toBeGreaterThan(4);
    expect((await server.store.checkpointsOfTeam('team-a', ['final'])).length).toBeGreaterThan(0);
    const again = await admin.request('POST', '/api/v1/import/dsomm?createTeams=true', { raw: progress(), contentType: 'application/yaml' });
    expect(again.json()).toMatchObject({ written: [], teamsCreated: [] });
  });

  it('S6 a workspace on an uploaded model round-trips byte-identical, model file included', async () => {
    const files = await exportFiles(admin);
    expect(Object.keys(files)).toContain('models/dsomm@4.3.1.yaml');
    expect((parse(files['stepwise.yaml'] ?? '') as { model: string }).model).toBe('dsomm:models/dsomm@4.3.1.yaml');
    const fresh = await startTestServer(dialect);
    try {
      const freshAdmin = await fresh.admin();
      const imported = await freshAdmin.post('/api/v1/workspace', { files });
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ modelAdded: 'dsomm@4.3.1', settingsChanged: true });
      expect((await fresh.store.organisation())?.model).toBe('dsomm@4.3.1');
      const again = await exportFiles(freshAdmin);
      expect(Object.keys(again)).toEqual(Object.keys(files));
      for (const [path, text] of Object.entries(files)) expect(again[path], path).toBe(text);
    } finally {
      await fresh.close();
    }
  });

  it('exports team-progress.yaml for the DSOMM app (admins and auditors only)', async () => {
    const auditor = await server.user('aud', { isAuditor: true });
    const response = await auditor.get('/api/v1/export/dsomm');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/yaml');
    const document = parse(response.body) as { progress: Record<string, Record<string, Record<string, string>>> };
    expect(Object.keys(document.progress['a340f46b-6360-4cb8-847b-a0d3483d09d3'] ?? {})).toEqual(expect.arrayContaining(['Team A']));
    const member = await server.user('mem', { teams: { 'team-a': 'lead' } });
    expect((await member.get('/api/v1/export/dsomm')).statusCode).toBe(403);
    expect((await member.request('POST', '/api/v1/import/dsomm', { raw: progress(), contentType: 'application/yaml' })).statusCode).toBe(403);
  });

  it('S1 a hostile progress file is refused with 400 and the server keeps answering', async () => {
    for (const text of [billionLaughs(10, 9), `progress: ${'['.repeat(10_000)}`, `progress: ${'['.repeat(10_000)}`]) {
      expect((await admin.request('POST', '/api/v1/import/dsomm', { raw: text, contentType: 'application/yaml' })).statusCode).toBe(400);
    }
    expect((await server.anonymous().get('/api/v1/health')).statusCode).toBe(200);
  });
});
