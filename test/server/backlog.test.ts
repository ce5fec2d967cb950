import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/server.js';
import type { Client } from '../support/server.js';
import { csvRecords as parse, workbookCells } from './support/downloads.js';
import { ALPHA_LATEST, HOSTILE_NAME, NOW, pushCheckpoint, SENTINEL, TODAY, useSeededOrganisation } from './views-seed.js';

interface Item {
  key: string;
  team: string;
  practice: string | null;
  priority: string;
  score: number;
  dependsOn: string[];
  source: string;
  reason: string;
  status: string;
  statusVersion: number;
}

async function backlog(client: Client, path: string): Promise<{ asOf: string; strategy: string; items: Item[] }> {
  const response = await client.get(path);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ asOf: string; strategy: string; items: Item[] }>();
}

function keys(items: readonly Item[]): string[] {
  return items.map((item) => item.key);
}

function teams(items: readonly Item[]): string[] {
  return [...new Set(items.map((item) => item.team))].sort();
}

const RUNBOOK = 'alpha:secrets.leak-runbook';
const statusUrl = (team: string, key: string): string => `/api/v1/teams/${team}/backlog/${encodeURIComponent(key)}/status`;

describe.each(DIALECTS)('backlog on %s', (dialect) => {
  const seeded = useSeededOrganisation(dialect);

  describe('generation', () => {
    it('orders a hand-built case exactly: value ÷ √effort, lower rungs and dependencies first', async () => {
      const listing = await backlog(seeded.admin, '/api/v1/teams/delta/backlog');
      expect(listing).toMatchObject({ asOf: TODAY, strategy: 'balanced' });
      expect(listing.items.map((item) => [item.key, item.priority, item.score, item.reason, item.status, item.statusVersion, item.dependsOn])).toEqual([
        ['delta:secrets.no-secret-files', 'P1', 5, 'missing', 'open', 0, []],
        ['delta:secrets.scanner-configured', 'P2', 3, 'partial', 'in-progress', 0, []],
        ['delta:secrets.ci-scan', 'P2', 2.83, 'unassessed', 'open', 0, ['delta:secrets.scanner-configured']],
        ['delta:secrets.central-vault', 'P3', 2.31, 'missing', 'open', 0, ['delta:secrets.no-secret-files']],
      ]);
    });

    it('follows the strategy asked for', async () => {
      const byRisk = await backlog(seeded.admin, '/api/v1/backlog?team=delta&strategy=risk');
      expect(keys(byRisk.items)).toEqual(['delta:secrets.no-secret-files', 'delta:secrets.scanner-configured', 'delta:secrets.central-vault', 'delta:secrets.ci-scan']);
      const byRoi = await backlog(seeded.admin, '/api/v1/backlog?team=delta&strategy=roi');
      expect(keys(byRoi.items)).toEqual(['delta:secrets.no-secret-files', 'delta:secrets.scanner-configured', 'delta:secrets.ci-scan', 'delta:secrets.central-vault']);
      expect(byRoi.strategy).toBe('roi');
    });

    it('covers every readable team, narrowed by group', async () => {
      expect(teams((await backlog(seeded.admin, '/api/v1/backlog')).items)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
      expect(teams((await backlog(seeded.admin, '/api/v1/backlog?group=Retail')).items)).toEqual(['alpha', 'beta']);
      expect(keys((await backlog(seeded.leadA, '/api/v1/teams/alpha/backlog')).items)).toEqual(['alpha:secrets.ci-scan', RUNBOOK, 'alpha:secrets.access-control']);
    });

    it('puts a negative scan finding on top; its key survives URL encoding', async () => {
      const finding = { detector: 'no-committed-secrets', domain: 'secrets', outcome: 'negative', file: 'config/.env', line: 3, message: 'A secret is committed', fingerprint: 'f1' };
      const result = { version: 1, root: '.', files: 1, skipped: [], findings: [finding], domains: [], practices: [] };
      await seeded.server.store.insertScan({ id: randomUUID(), teamId: 'gamma', pushedAt: NOW, pushedBy: 'admin', result });
      const items = (await backlog(seeded.admin, '/api/v1/teams/gamma/backlog')).items;
      const key = 'gamma:finding:no-committed-secrets:config/.env:3';
      expect(items[0]).toMatchObject({ key, source: 'finding', priority: 'P1', status: 'open' });
      const set = await seeded.admin.put(statusUrl('gamma', key), { status: 'in-progress' }, { 'if-match': '"0"' });
      expect(set.statusCode, set.body).toBe(200);
      expect((await backlog(seeded.admin, '/api/v1/teams/gamma/backlog')).items[0]).toMatchObject({ key, status: 'in-progress', statusVersion: 1 });
    });

    it('refuses unknown formats, strategies, statuses and fields', async () => {
      const refused = await seeded.admin.get('/api/v1/backlog?format=pdf');
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ detail: string }>().detail).toContain('csv, github, jira, json, md, xlsx');
      expect((await seeded.admin.get('/api/v1/backlog?strategy=cheapest')).statusCode).toBe(400);
      expect((await seeded.admin.get('/api/v1/backlog?status=closed')).statusCode).toBe(400);
      expect((await seeded.admin.get('/api/v1/teams/alpha/backlog?group=Retail')).statusCode).toBe(400);
    });
  });

  describe('S14 isolation', () => {
    it('a member of alpha sees only alpha items; the auditor sees every team', async () => {
      const response = await seeded.viewerA.get('/api/v1/backlog');
      expect(teams(response.json<{ items: Item[] }>().items)).toEqual(['alpha']);
      expect(response.body).not.toContain(SENTINEL);
      expect(teams((await backlog(seeded.leadB, '/api/v1/backlog')).items)).toEqual(['beta']);
      expect(teams((await backlog(seeded.auditor, '/api/v1/backlog')).items)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    });

    it("another team's backlog is not found, by filter or by path", async () => {
      expect((await seeded.viewerA.get('/api/v1/backlog?team=beta')).statusCode).toBe(404);
      expect((await seeded.viewerA.get('/api/v1/backlog?team=nosuch')).statusCode).toBe(404);
      expect((await seeded.viewerA.get('/api/v1/teams/beta/backlog')).statusCode).toBe(404);
      expect(teams((await backlog(seeded.viewerA, '/api/v1/backlog?group=Retail')).items)).toEqual(['alpha']);
    });

    it.each(['csv', 'md', 'jira', 'github'])('a %s download for a member of alpha holds nothing of beta', async (format) => {
      const response = await seeded.viewerA.get(`/api/v1/backlog?format=${format}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="stepwise-backlog-${TODAY}\\.\\w+"$`));
      expect(response.body).toContain('alpha');
      expect(response.body).not.toContain(SENTINEL);
      expect(response.body).not.toContain('delta:');
      const auditorView = await seeded.auditor.get(`/api/v1/backlog?format=${format}`);
      expect(auditorView.body).toContain('beta:');
    });

    it('a csv download parses to alpha rows only', async () => {
      const rows = parse((await seeded.viewerA.get('/api/v1/backlog?format=csv')).body);
      expect(rows.map((row) => row['key'])).toEqual(['alpha:secrets.ci-scan', RUNBOOK, 'alpha:secrets.access-control']);
      expect(new Set(rows.map((row) => row['team name']))).toEqual(new Set(['Alpha']));
      const all = parse((await seeded.auditor.get('/api/v1/backlog?format=csv')).body);
      expect(all.some((row) => row['team name'] === `Beta ${SENTINEL}`)).toBe(true);
    });

    it('an xlsx download for a member of alpha holds nothing of beta (parsed)', async () => {
      const response = await seeded.viewerA.get('/api/v1/backlog?format=xlsx');
      expect(response.statusCode).toBe(200);
      const cells = await workbookCells(response.rawPayload);
      const text = cells.map((cell) => JSON.stringify(cell.value)).join('\n');
      expect(text).toContain(RUNBOOK);
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain('delta:');
    });
  });

  describe('S3 hostile names', () => {
    it('a team name starting with = is inert text in the csv', async () => {
      const rows = parse((await seeded.admin.get('/api/v1/backlog?format=csv&team=gamma')).body);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row['team name']).toBe(`'${HOSTILE_NAME}`);
    });

    it('and in the workbook: no formula cell, the name kept as quoted text', async () => {
      const cells = await workbookCells((await seeded.admin.get('/api/v1/backlog?format=xlsx&team=gamma')).rawPayload);
      expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
      const names = cells.filter((cell) => cell.sheet === 'Backlog' && typeof cell.value === 'string' && cell.value.includes('HYPERLINK'));
      expect(names.length).toBeGreaterThan(0);
      for (const cell of names) expect(cell.value).toBe(`'${HOSTILE_NAME}`);
    });
  });

  describe('statuses', () => {
    it('S19 a lead sets a status with If-Match "0", then with the version read', async () => {
      const created = await seeded.leadA.put(statusUrl('alpha', RUNBOOK), { status: 'done' }, { 'if-match': '"0"' });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.headers.etag).toBe('"1"');
      expect(created.json()).toMatchObject({ teamId: 'alpha', itemKey: RUNBOOK, status: 'done', version: 1, updatedBy: 'lead-a', updatedAt: NOW });
      const changed = await seeded.leadA.put(statusUrl('alpha', RUNBOOK), { status: 'in-progress' }, { 'if-match': '"1"' });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      const item = (await backlog(seeded.viewerA, '/api/v1/teams/alpha/backlog')).items.find((candidate) => candidate.key === RUNBOOK);
      expect(item).toMatchObject({ status: 'in-progress', statusVersion: 2 });
      const entries = await seeded.server.store.queryAudit({ action: 'backlog.status', teamIds: ['alpha'], limit: 10 });
      expect(entries.map((entry) => [entry.actor, entry.target, entry.detail])).toEqual([
        ['lead-a', `backlog:${RUNBOOK}`, { status: 'in-progress' }],
        ['lead-a', `backlog:${RUNBOOK}`, { status: 'done' }],
      ]);
    });

    it('S19 a stale If-Match is 412 and a missing one 428; nothing changes', async () => {
      const url = statusUrl('alpha', RUNBOOK);
      expect((await seeded.leadA.put(url, { status: 'done' }, { 'if-match': '"0"' })).statusCode).toBe(412);
      expect((await seeded.leadA.put(url, { status: 'done' }, { 'if-match': '"1"' })).statusCode).toBe(412);
      expect((await seeded.leadA.put(url, { status: 'done' })).statusCode).toBe(428);
      expect((await seeded.leadA.put(statusUrl('alpha', 'alpha:secrets.access-control'), { status: 'done' }, { 'if-match': '"3"' })).statusCode).toBe(412);
      expect(await seeded.server.store.backlogStatuses(['alpha'])).toMatchObject([{ itemKey: RUNBOOK, status: 'in-progress', version: 2 }]);
    });

    it('S14 S15 only leads of the team set statuses, only for items of its current backlog', async () => {
      const url = statusUrl('alpha', 'alpha:secrets.ci-scan');
      expect((await seeded.viewerA.put(url, { status: 'done' }, { 'if-match': '"0"' })).statusCode).toBe(403);
      expect((await seeded.leadB.put(url, { status: 'done' }, { 'if-match': '"0"' })).statusCode).toBe(404);
      expect((await seeded.leadA.put(statusUrl('alpha', 'beta:secrets.no-secret-files'), { status: 'done' }, { 'if-match': '"0"' })).statusCode).toBe(404);
      expect((await seeded.leadA.put(statusUrl('alpha', 'alpha:secrets.no-hardcoded'), { status: 'done' }, { 'if-match': '"0"' })).statusCode).toBe(404);
      expect((await seeded.leadA.put(url, { status: 'closed' }, { 'if-match': '"0"' })).statusCode).toBe(400);
      expect((await seeded.leadA.put(url, { status: 'done', updatedBy: 'someone' }, { 'if-match': '"0"' })).statusCode).toBe(400);
      expect(await seeded.server.store.backlogStatuses(['alpha', 'beta'])).toHaveLength(1);
    });

    it('statuses survive regeneration from a new checkpoint and filter the listing', async () => {
      await pushCheckpoint(seeded.leadA, { ...ALPHA_LATEST, date: '2026-05-28' });
      const items = (await backlog(seeded.viewerA, '/api/v1/backlog?strategy=risk')).items;
      expect(items.find((item) => item.key === RUNBOOK)).toMatchObject({ status: 'in-progress', statusVersion: 2 });
      const inProgress = await backlog(seeded.viewerA, '/api/v1/backlog?status=in-progress');
      expect(keys(inProgress.items)).toEqual(['alpha:secrets.ci-scan', RUNBOOK]);
      const csv = parse((await seeded.viewerA.get('/api/v1/backlog?format=csv&status=in-progress')).body);
      expect(csv.map((row) => [row['key'], row['status']])).toEqual([
        ['alpha:secrets.ci-scan', 'in-progress'],
        [RUNBOOK, 'in-progress'],
      ]);
    });

    it('the team summary leaves done items out of its next steps', async () => {
      const done = await seeded.leadA.put(statusUrl('alpha', 'alpha:secrets.ci-scan'), { status: 'done' }, { 'if-match': '"0"' });
      expect(done.statusCode).toBe(200);
      const summary = (await seeded.viewerA.get('/api/v1/teams/alpha/summary')).json<{ nextSteps: Item[] }>();
      expect(keys(summary.nextSteps)).toEqual([RUNBOOK, 'alpha:secrets.access-control']);
    });
  });
});
