import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/server.js';
import type { Client } from '../support/server.js';
import { HOSTILE_NAME, SENTINEL, seedOrganisation, TEAMS, TODAY } from './views-seed.js';
import type { Seeded } from './views-seed.js';

interface Row {
  id: string;
  name: string;
  group: string | null;
  date: string | null;
  status: string;
  source: string;
  stale: boolean;
  inPlace: boolean;
  domainLevel: number | null;
}

interface Body {
  practice: string;
  asOf: string;
  counts: Record<string, number>;
  teams: Row[];
}

async function teamsOf(client: Client, practice: string): Promise<Body> {
  const response = await client.get(`/api/v1/practices/${encodeURIComponent(practice)}/teams`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Body>();
}

/** [team, date, status, source, stale, inPlace] per row, in the order answered. */
function summary(body: Body): [string, string | null, string, string, boolean, boolean][] {
  return body.teams.map((row) => [row.id, row.date, row.status, row.source, row.stale, row.inPlace]);
}

describe.each(DIALECTS)('GET /api/v1/practices/:practiceId/teams on %s', (dialect) => {
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seedOrganisation(dialect);
  }, 60_000);
  afterAll(async () => {
    await seeded.server.close();
  });

  it('lists every team (group, then name) with its answer at the latest final checkpoint', async () => {
    const body = await teamsOf(seeded.admin, 'secrets.no-hardcoded');
    expect(body.practice).toBe('secrets.no-hardcoded');
    expect(body.asOf).toBe(TODAY);
    expect(summary(body)).toEqual([
      ['delta', '2026-05-25', 'implemented', 'facilitator', false, true],
      ['alpha', '2026-05-20', 'implemented', 'facilitator', false, true],
      ['beta', '2026-04-01', 'implemented', 'facilitator', false, true],
      ['gamma', null, 'unknown', 'none', false, false],
    ]);
    expect(body.teams.map((row) => [row.name, row.group])).toEqual([
      ['Delta', 'Ops'],
      ['Alpha', 'Retail'],
      [TEAMS.beta.name, 'Retail'],
      [HOSTILE_NAME, null],
    ]);
    expect(body.counts).toEqual({ implemented: 3, partial: 0, 'not-implemented': 0, 'not-applicable': 0, unknown: 1, stale: 0, inPlace: 3 });
  });

  it('resolves ratings to the median, keeps not-applicable and flags stale evidence (no credit while staleCounts is false)', async () => {
    expect(summary(await teamsOf(seeded.admin, 'secrets.leak-runbook'))).toEqual([
      ['delta', '2026-05-25', 'implemented', 'facilitator', false, true],
      ['alpha', '2026-05-20', 'not-implemented', 'median', false, false],
      ['beta', '2026-04-01', 'unknown', 'none', false, false],
      ['gamma', null, 'unknown', 'none', false, false],
    ]);
    const access = await teamsOf(seeded.admin, 'secrets.access-control');
    expect(summary(access).slice(0, 2)).toEqual([
      ['delta', '2026-05-25', 'not-applicable', 'facilitator', false, false],
      ['alpha', '2026-05-20', 'implemented', 'facilitator', true, false],
    ]);
    expect(access.counts).toMatchObject({ implemented: 1, 'not-applicable': 1, unknown: 2, stale: 1, inPlace: 0 });
  });

  it("gives each team's domain level as the heatmap shows it", async () => {
    const heatmap = (await seeded.admin.get('/api/v1/heatmap')).json<{ domains: { id: string }[]; cellFields: string[]; teams: { id: string; cells: unknown[][] }[] }>();
    const column = heatmap.domains.findIndex((domain) => domain.id === 'secrets');
    const level = heatmap.cellFields.indexOf('level');
    const expected = heatmap.teams.map((team) => [team.id, team.cells[column]?.[level] ?? null]);
    const body = await teamsOf(seeded.admin, 'secrets.ci-scan');
    expect(body.teams.map((row) => [row.id, row.domainLevel])).toEqual(expected);
    expect(body.teams.find((row) => row.id === 'alpha')?.domainLevel).toBe(1);
  });

  it('S14 a member of alpha sees only alpha; a lead of beta only beta; the auditor every team', async () => {
    for (const client of [seeded.leadA, seeded.viewerA]) {
      const response = await client.get('/api/v1/practices/secrets.no-hardcoded/teams');
      expect(response.statusCode).toBe(200);
      expect(response.json<Body>().teams.map((row) => row.id)).toEqual(['alpha']);
      expect(response.json<Body>().counts).toEqual({ implemented: 1, partial: 0, 'not-implemented': 0, 'not-applicable': 0, unknown: 0, stale: 0, inPlace: 1 });
      expect(response.body).not.toContain(SENTINEL);
      expect(response.body).not.toContain('delta');
    }
    expect((await teamsOf(seeded.leadB, 'secrets.no-hardcoded')).teams.map((row) => row.id)).toEqual(['beta']);
    expect((await teamsOf(seeded.auditor, 'secrets.no-hardcoded')).teams.map((row) => row.id)).toEqual(['delta', 'alpha', 'beta', 'gamma']);
  });

  it('only final checkpoints count: a newer draft with another answer changes nothing', async () => {
    const draft = await seeded.leadA.post('/api/v1/teams/alpha/checkpoints', { date: TODAY, copyFrom: 'latest' });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json<{ id: string }>().id;
    const current = (await seeded.leadA.get(`/api/v1/checkpoints/${id}`)).json<{ answers: Record<string, { version: number }> }>();
    const version = current.answers['secrets.no-hardcoded']?.version ?? 0;
    const changed = await seeded.leadA.put(`/api/v1/checkpoints/${id}/answers/secrets.no-hardcoded`, { status: 'not-implemented' }, { 'if-match': `"${version}"` });
    expect(changed.statusCode, changed.body).toBe(200);
    const row = (await teamsOf(seeded.leadA, 'secrets.no-hardcoded')).teams[0];
    expect([row?.id, row?.date, row?.status]).toEqual(['alpha', '2026-05-20', 'implemented']);
  });

  it('refuses an unknown practice (404), a signed-out caller (401), an unknown query parameter (400) and an overlong id (414)', async () => {
    const unknown = await seeded.admin.get('/api/v1/practices/secrets.no-such-thing/teams');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toBe('no practice "secrets.no-such-thing" in the model');
    expect((await seeded.server.anonymous().get('/api/v1/practices/secrets.no-hardcoded/teams')).statusCode).toBe(401);
    expect((await seeded.admin.get('/api/v1/practices/secrets.no-hardcoded/teams?team=alpha')).statusCode).toBe(400);
    expect((await seeded.admin.get(`/api/v1/practices/${'x'.repeat(201)}/teams`)).statusCode).toBe(414);
  });
});
