import { describe, expect, it } from 'vitest';
import type { DomainScore } from '../../src/core/scoring/score-checkpoint.js';
import { currentStandings, standingOf } from '../../src/services/scoring.js';
import { currentTeamScores } from '../../src/services/org/scores.js';
import { openView } from '../../src/services/org/views-workspace.js';
import { DIALECTS } from '../support/server.js';
import type { Client } from '../support/server.js';
import { workbookText } from './support/downloads.js';
import { ALPHA_LATEST, ALPHA_PREVIOUS, BETA_LATEST, cliWorkspace, DELTA_LATEST, HOSTILE_NAME, MODEL, NOW, SENTINEL, TODAY, useSeededOrganisation } from './views-seed.js';
import type { Seeded } from './views-seed.js';

type Cell = [number | null, number | null, number | null, number | null, number | null, number, number, number, number | null, string];
interface HeatmapRow {
  id: string;
  name: string;
  group: string | null;
  date: string | null;
  previousDate: string | null;
  cells: Cell[];
}
interface Heatmap {
  date: string;
  domains: { id: string; name: string }[];
  levels: { level: number; name: string }[];
  cellFields: string[];
  teams: HeatmapRow[];
}

interface Summary {
  team: Record<string, unknown>;
  radar: { domain: string; current: number | null; target: number | null; previous: number | null }[];
  trend: { date: string; levels: (number | null)[] }[];
  gaps: unknown[];
  stale: unknown[];
  disagreements: unknown[];
  nextSteps: { key: string; status: string }[];
  due: Record<string, unknown>;
  scores: Record<string, unknown>[];
}
interface DueList {
  teams: { team: string; status: string }[];
}

const DOMAINS = MODEL.domains.map((domain) => domain.id);
const SECRETS = DOMAINS.indexOf('secrets');
const SUPPLY = DOMAINS.indexOf('supply-chain');
const IAC = DOMAINS.indexOf('iac');
const INCIDENT = DOMAINS.indexOf('incident-response');

async function heatmap(client: Client, query = ''): Promise<Heatmap> {
  const response = await client.get(`/api/v1/heatmap${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Heatmap>();
}

function row(map: Heatmap, id: string): HeatmapRow {
  const found = map.teams.find((team) => team.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
}

/** What a heatmap cell must say for a domain score of `stepwise score --json` (delta and previous apart). */
function cellOfScore(domain: DomainScore): unknown[] {
  const state = domain.applicable ? domain.basis : 'n/a';
  const hasLevel = state === 'derived' || state === 'self-rated';
  const progress = hasLevel && domain.progress !== null ? Math.round(domain.progress * 100) / 100 : null;
  return [hasLevel ? domain.level : null, progress, domain.target, hasLevel ? domain.gap : null, domain.incomplete, domain.stale, domain.disagreements, state];
}

function withoutHistory(cell: Cell): unknown[] {
  return [cell[0], cell[1], cell[2], cell[3], cell[5], cell[6], cell[7], cell[9]];
}

/** A refused request leaves an audit entry, so the next heatmap is built afresh rather than reused. */
async function auditSomething(seeded: Seeded): Promise<void> {
  expect((await seeded.viewerA.get('/api/v1/teams/beta/summary')).statusCode).toBe(404);
}

function setClock(seeded: Seeded, at: number): void {
  Object.assign(seeded.server.context.clock, { now: () => new Date(at) });
}

describe.each(DIALECTS)('read views on %s', (dialect) => {
  const seeded = useSeededOrganisation(dialect);

  describe('heatmap', () => {
    it('lists teams by group then name, with the model domains, levels and cell fields', async () => {
      const map = await heatmap(seeded.admin);
      expect(map.date).toBe(TODAY);
      expect(map.teams.map((team) => team.id)).toEqual(['delta', 'alpha', 'beta', 'gamma']);
      expect(map.domains).toEqual(MODEL.domains.map((domain) => ({ id: domain.id, name: domain.name })));
      expect(map.levels).toEqual([
        { level: 0, name: 'Not practicing' },
        { level: 1, name: 'Basic awareness' },
        { level: 2, name: 'Defined and repeatable' },
        { level: 3, name: 'Advanced and proactive' },
      ]);
      expect(map.cellFields).toEqual(['level', 'progress', 'target', 'gap', 'delta', 'incomplete', 'stale', 'disagreements', 'previous', 'state']);
      expect(row(map, 'alpha')).toMatchObject({ name: 'Alpha', group: 'Retail', date: '2026-05-20', previousDate: '2026-01-15' });
    });

    it('cells say what `stepwise score --json` says for the same latest checkpoints, as of today', async () => {
      const map = await heatmap(seeded.admin);
      const standings = currentStandings(cliWorkspace([ALPHA_PREVIOUS, ALPHA_LATEST, BETA_LATEST, DELTA_LATEST]), TODAY);
      if (!standings.ok) throw new Error(standings.error.message);
      for (const standing of standings.value) {
        const cells = row(map, standing.team.id).cells;
        expect(cells.map(withoutHistory), standing.team.id).toEqual(standing.score.domains.map(cellOfScore));
      }
    });

    it('gives exact figures for a hand-built checkpoint, with the change since the previous one', async () => {
      const cells = row(await heatmap(seeded.viewerA), 'alpha').cells;
      // secrets: level 1, progress 1.375 shown as 1.38, target 2, up from 0; one stale answer, one disagreement.
      expect(cells[SECRETS]).toEqual([1, 1.38, 2, 1, 1, 0, 1, 1, 0, 'derived']);
      // supply-chain: unassessed in the previous checkpoint, so no change is claimed.
      expect(cells[SUPPLY]).toEqual([1, 1, 1, 0, null, 4, 0, 0, null, 'derived']);
      expect(cells[IAC]).toEqual([null, null, null, null, null, 0, 0, 0, null, 'n/a']);
      expect(cells[INCIDENT]).toEqual([2, 2, null, null, null, 0, 0, 0, null, 'self-rated']);
      expect(cells[DOMAINS.indexOf('access-control')]).toEqual([null, null, null, null, null, 4, 0, 0, null, 'unassessed']);
    });

    it('shows a team that was never assessed with unassessed cells, never 0', async () => {
      const gamma = row(await heatmap(seeded.admin), 'gamma');
      expect(gamma).toMatchObject({ date: null, previousDate: null });
      expect(gamma.cells).toHaveLength(DOMAINS.length);
      for (const cell of gamma.cells) expect([cell[0], cell[1], cell[4], cell[9]]).toEqual([null, null, null, 'unassessed']);
      expect(gamma.cells[SECRETS]?.[2]).toBe(1);
    });

    it('filters by group', async () => {
      expect((await heatmap(seeded.admin, '?group=Retail')).teams.map((team) => team.id)).toEqual(['alpha', 'beta']);
      expect((await heatmap(seeded.admin, '?group=Nowhere')).teams).toEqual([]);
    });

    it('a past date uses the latest final checkpoint on or before it, judged as of that date', async () => {
      const map = await heatmap(seeded.admin, '?date=2026-02-01');
      expect(map.date).toBe('2026-02-01');
      const alpha = row(map, 'alpha');
      expect(alpha).toMatchObject({ date: '2026-01-15', previousDate: null });
      const expected = standingOf(cliWorkspace([ALPHA_PREVIOUS]), cliWorkspace([]).teams.get('alpha')!, ALPHA_PREVIOUS, '2026-02-01');
      expect(alpha.cells.map(withoutHistory)).toEqual(expected.score.domains.map(cellOfScore));
      expect(alpha.cells[SECRETS]).toEqual([0, 0.25, 2, 2, null, 3, 0, 0, null, 'derived']);
      expect(row(map, 'beta')).toMatchObject({ date: null });
      expect(row(map, 'beta').cells.every((cell) => cell[9] === 'unassessed')).toBe(true);
    });

    it('refuses a date that is not a calendar date and unknown query fields', async () => {
      expect((await seeded.admin.get('/api/v1/heatmap?date=2026-02-30')).statusCode).toBe(400);
      expect((await seeded.admin.get('/api/v1/heatmap?sort=name')).statusCode).toBe(400);
      expect((await seeded.server.anonymous().get('/api/v1/heatmap')).statusCode).toBe(401);
    });
  });

  describe('score cache', () => {
    it('fills team_scores on read, valid until the first answer turns stale', async () => {
      await heatmap(seeded.admin);
      const cached = await seeded.server.store.teamScore('alpha');
      const latest = (await seeded.server.store.checkpointsOfTeam('alpha', ['final'])).at(-1);
      expect(cached).toMatchObject({ checkpointId: latest?.id, date: '2026-05-20', asOf: TODAY, validUntil: '2026-07-02' });
      expect(await seeded.server.store.teamScore('gamma')).toMatchObject({ checkpointId: '', validUntil: null });
    });

    it('serves the cached row without rescoring while it is valid', async () => {
      const cached = await seeded.server.store.teamScore('alpha');
      if (cached === undefined) throw new Error('no cached row');
      const scores = cached.scores as { cells: string };
      const cells = JSON.parse(scores.cells) as Cell[];
      cells[SECRETS] = [3, 3, 2, -1, 3, 0, 0, 0, 0, 'derived'];
      await seeded.server.store.putTeamScore({ ...cached, scores: { ...scores, cells: JSON.stringify(cells) } });
      // A change around the API leaves no audit entry: the finished response is reused for 10 s.
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.[0]).toBe(1);
      setClock(seeded, Date.parse(NOW) + 11_000);
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.[0]).toBe(3);
      await seeded.server.store.deleteTeamScore('alpha');
      setClock(seeded, Date.parse(NOW) + 22_000);
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.[0]).toBe(1);
      setClock(seeded, Date.parse(NOW));
    });

    it('reuses the finished response until an audited change: the stamp is the newest audit entries', async () => {
      const before = await seeded.admin.get('/api/v1/heatmap');
      await seeded.server.store.deleteTeamScore('alpha');
      expect((await seeded.admin.get('/api/v1/heatmap')).body).toBe(before.body);
      expect(await seeded.server.store.teamScore('alpha')).toBeUndefined();
      // A refused request is audited too, which is enough to rebuild.
      await auditSomething(seeded);
      expect((await seeded.admin.get('/api/v1/heatmap')).body).toBe(before.body);
      expect(await seeded.server.store.teamScore('alpha')).toBeDefined();
    });

    it('recomputes once validUntil is reached: evidence expired, the level drops', async () => {
      const { server } = seeded;
      const later = await openView(server.store, server.context.models, new Date('2026-07-02T08:00:00Z'));
      const alpha = await server.store.listTeams(['alpha']);
      const scores = await currentTeamScores(server.store, later.model, later.settings, alpha, later.today);
      const cells = JSON.parse(scores.get('alpha')?.cellsJson ?? '[]') as Cell[];
      // manual-rotation's evidence (2025-07-01, 365 days) expired: level 1 is no longer met.
      expect(cells[SECRETS]?.slice(0, 7)).toEqual([0, 0.75, 2, 2, 0, 0, 2]);
      expect(await server.store.teamScore('alpha')).toMatchObject({ asOf: '2026-07-02' });
      // Back to today: a row computed for a later date is not trusted.
      await auditSomething(seeded);
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.slice(0, 7)).toEqual([1, 1.38, 2, 1, 1, 0, 1]);
    });

    it("shows new targets as soon as the team's targets change", async () => {
      const team = await seeded.leadA.get('/api/v1/teams/alpha');
      const changed = await seeded.leadA.patch('/api/v1/teams/alpha', { targets: { secrets: 3, 'supply-chain': 1 } }, { 'if-match': team.headers.etag as string });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.slice(0, 4)).toEqual([1, 1.38, 3, 2]);
      const restored = await seeded.leadA.patch('/api/v1/teams/alpha', { targets: { secrets: 2, 'supply-chain': 1 } }, { 'if-match': changed.headers.etag as string });
      expect(restored.statusCode).toBe(200);
      expect(row(await heatmap(seeded.admin), 'alpha').cells[SECRETS]?.slice(0, 4)).toEqual([1, 1.38, 2, 1]);
    });
  });

  describe('team summary', () => {
    it('gives radar, trend, gaps, stale evidence, disagreements, next steps and due date', async () => {
      const response = await seeded.viewerA.get('/api/v1/teams/alpha/summary');
      expect(response.statusCode, response.body).toBe(200);
      const summary = response.json<Summary>();
      expect(summary.team).toEqual({ id: 'alpha', name: 'Alpha', group: 'Retail', cadence: 'quarterly', version: (await seeded.server.store.teamById('alpha'))?.version });
      expect(summary).toMatchObject({ asOf: TODAY, date: '2026-05-20', previousDate: '2026-01-15' });
      expect(summary.radar[SECRETS]).toEqual({ domain: 'secrets', current: 1, target: 2, previous: 0 });
      expect(summary.radar[SUPPLY]).toEqual({ domain: 'supply-chain', current: 1, target: 1, previous: null });
      expect(summary.radar[IAC]).toEqual({ domain: 'iac', current: null, target: null, previous: null });
      expect(summary.radar[INCIDENT]).toEqual({ domain: 'incident-response', current: 2, target: null, previous: null });
      const trendOf = (levels: Record<string, number>): (number | null)[] => DOMAINS.map((domain) => levels[domain] ?? null);
      expect(summary.trend).toEqual([
        { date: '2026-01-15', levels: trendOf({ secrets: 0 }) },
        { date: '2026-05-20', levels: trendOf({ secrets: 1, 'supply-chain': 1, 'incident-response': 2 }) },
      ]);
      expect(summary.gaps).toEqual([{ domain: 'secrets', level: 1, target: 2, gap: 1 }]);
      expect(summary.stale).toEqual([
        {
          practice: 'secrets.access-control',
          domain: 'secrets',
          title: MODEL.practiceById.get('secrets.access-control')?.title,
          status: 'implemented',
          evidenceDate: '2025-10-01',
          freshnessDays: 180,
          ageDays: 243,
        },
      ]);
      expect(summary.disagreements).toEqual([
        {
          practice: 'secrets.leak-runbook',
          domain: 'secrets',
          title: MODEL.practiceById.get('secrets.leak-runbook')?.title,
          ratings: { alice: 'implemented', bob: 'not-implemented' },
          resolved: 'not-implemented',
        },
      ]);
      expect(summary.nextSteps.map((item) => [item.key, item.status])).toEqual([
        ['alpha:secrets.ci-scan', 'in-progress'],
        ['alpha:secrets.leak-runbook', 'open'],
        ['alpha:secrets.access-control', 'open'],
      ]);
      expect(summary.due).toEqual({ team: 'alpha', cadence: 'quarterly', lastCheckpoint: '2026-05-20', nextDue: '2026-08-20', status: 'on-track', daysLeft: 80 });
      expect(summary.scores[SECRETS]).toMatchObject({ domain: 'secrets', level: 1, progress: 1.375, levelSpread: 0 });
    });

    it('a team never assessed has no levels and every domain unassessed', async () => {
      const summary = (await seeded.admin.get('/api/v1/teams/gamma/summary')).json<Summary>();
      expect(summary).toMatchObject({ date: null, previousDate: null, trend: [], gaps: [], stale: [], disagreements: [] });
      expect(summary.radar.every((point) => point.current === null)).toBe(true);
      expect(summary.due).toMatchObject({ status: 'never-assessed', nextDue: null });
    });

    it('S14 is not found for a team the caller is not a member of; auditors read every team', async () => {
      expect((await seeded.viewerA.get('/api/v1/teams/beta/summary')).statusCode).toBe(404);
      expect((await seeded.viewerA.get('/api/v1/teams/nosuch/summary')).statusCode).toBe(404);
      expect((await seeded.auditor.get('/api/v1/teams/beta/summary')).statusCode).toBe(200);
    });
  });

  describe('due', () => {
    it('lists never-assessed, overdue and due-soon teams, most urgent first', async () => {
      const response = await seeded.admin.get('/api/v1/due');
      expect(response.statusCode).toBe(200);
      expect(response.json<unknown>()).toEqual({
        asOf: TODAY,
        windowDays: 30,
        teams: [
          { team: 'gamma', name: HOSTILE_NAME, group: null, cadence: 'quarterly', lastCheckpoint: null, nextDue: null, status: 'never-assessed', daysLeft: null },
          { team: 'delta', name: 'Delta', group: 'Ops', cadence: 'monthly', lastCheckpoint: '2026-05-25', nextDue: '2026-06-25', status: 'due-soon', daysLeft: 24 },
          { team: 'beta', name: `Beta ${SENTINEL}`, group: 'Retail', cadence: 'quarterly', lastCheckpoint: '2026-04-01', nextDue: '2026-07-01', status: 'due-soon', daysLeft: 30 },
        ],
      });
    });

    it('S14 a member sees only their team; windowDays widens the window', async () => {
      expect((await seeded.viewerA.get('/api/v1/due')).json<DueList>().teams).toEqual([]);
      const wider = await seeded.viewerA.get('/api/v1/due?windowDays=90');
      expect(wider.json<DueList>().teams.map((entry) => [entry.team, entry.status])).toEqual([['alpha', 'due-soon']]);
      expect(wider.body).not.toContain(SENTINEL);
      expect((await seeded.viewerA.get('/api/v1/due?windowDays=-1')).statusCode).toBe(400);
    });
  });

  describe('S14 isolation', () => {
    it('a member of alpha sees only alpha in the heatmap; the auditor sees every team', async () => {
      const response = await seeded.viewerA.get('/api/v1/heatmap');
      expect(response.json<Heatmap>().teams.map((team) => team.id)).toEqual(['alpha']);
      expect(response.body).not.toContain(SENTINEL);
      expect((await heatmap(seeded.leadB)).teams.map((team) => team.id)).toEqual(['beta']);
      expect((await heatmap(seeded.auditor)).teams.map((team) => team.id)).toEqual(['delta', 'alpha', 'beta', 'gamma']);
    });

    it.each(['html', 'md', 'json', 'svg'])('a %s report for a member of alpha holds nothing of beta', async (format) => {
      const response = await seeded.viewerA.get(`/api/v1/reports/${format}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="stepwise-report-${TODAY}\\.`));
      expect(response.body).toContain('Alpha');
      expect(response.body).not.toContain(SENTINEL);
      expect(response.body).not.toContain('Delta');
    });

    it('an xlsx report for a member of alpha holds nothing of beta (parsed)', async () => {
      const response = await seeded.viewerA.get('/api/v1/reports/xlsx');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const text = await workbookText(response.rawPayload);
      expect(text).toContain('Alpha');
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain('Delta');
    });

    it('the auditor report holds every team (the sentinel check above is not vacuous)', async () => {
      const html = await seeded.auditor.get('/api/v1/reports/html');
      expect(html.body).toContain(SENTINEL);
      expect(await workbookText((await seeded.auditor.get('/api/v1/reports/xlsx')).rawPayload)).toContain(SENTINEL);
    });

    it('narrows reports by team and group; a team the caller cannot read is not found', async () => {
      const json = (await seeded.admin.get('/api/v1/reports/json?group=Retail')).json<{ teams: { team: string }[] }>();
      expect(json.teams.map((team) => team.team)).toEqual(['alpha', 'beta']);
      expect((await seeded.viewerA.get('/api/v1/reports/html?team=beta')).statusCode).toBe(404);
      const radar = await seeded.viewerA.get('/api/v1/reports/svg?team=alpha&chart=radar');
      expect(radar.statusCode).toBe(200);
      expect(radar.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect((await seeded.viewerA.get('/api/v1/reports/pdf')).statusCode).toBe(400);
    });
  });

  it('the OpenAPI document describes the routes with their policies', async () => {
    const response = await seeded.server.anonymous().get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { 'x-policy': unknown; parameters: { name: string }[] }>> }>().paths;
    expect(paths['/api/v1/heatmap']?.['get']?.['x-policy']).toEqual({ action: 'signed-in', scope: 'none' });
    expect(paths['/api/v1/heatmap']?.['get']?.parameters.map((parameter) => parameter.name)).toEqual(['group', 'date']);
    expect(paths['/api/v1/due']?.['get']?.parameters.map((parameter) => parameter.name)).toEqual(['windowDays']);
    expect(paths['/api/v1/teams/{teamId}/summary']?.['get']?.['x-policy']).toEqual({ action: 'team:read', scope: 'team-param' });
    expect(paths['/api/v1/teams/{teamId}/backlog/{itemKey}/status']?.['put']?.['x-policy']).toEqual({ action: 'team:lead', scope: 'team-param' });
  });

  describe('finalising a checkpoint', () => {
    it('shows the new checkpoint at once, with the change since the one before', async () => {
      const admin = seeded.admin;
      expect(row(await heatmap(admin), 'delta').cells[IAC]?.[9]).toBe('unassessed');
      const created = await admin.post('/api/v1/teams/delta/checkpoints', { date: '2026-05-30', copyFrom: 'latest', domainScores: { iac: 2 } });
      expect(created.statusCode, created.body).toBe(201);
      let etag = created.headers.etag as string;
      for (const state of ['rating', 'consensus', 'final']) {
        const moved = await admin.patch(`/api/v1/checkpoints/${created.json<{ id: string }>().id}`, { state }, { 'if-match': etag });
        expect(moved.statusCode, moved.body).toBe(200);
        etag = moved.headers.etag as string;
      }
      const delta = row(await heatmap(admin), 'delta');
      expect(delta).toMatchObject({ date: '2026-05-30', previousDate: '2026-05-25' });
      expect(delta.cells[IAC]).toEqual([2, 2, null, null, null, 0, 0, 0, null, 'self-rated']);
      expect(delta.cells[SECRETS]?.slice(0, 5)).toEqual([0, 0.63, 2, 2, 0]);
    });
  });
});
