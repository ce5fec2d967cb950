import { afterAll, beforeAll, expect } from 'vitest';
import type { Model } from '../../src/core/model/model.js';
import { organisationSchema } from '../../src/core/workspace/schema.js';
import type { Answer, Checkpoint } from '../../src/core/workspace/schema.js';
import { memoryFileStore } from '../../src/services/org/org-workspace.js';
import type { Workspace } from '../../src/services/workspace.js';
import { startTestServer } from '../support/server.js';
import type { Client, Dialect, TestServer } from '../support/server.js';
import { builtinModel } from '../support/workspaces.js';

/**
 * The organisation the views and backlog suites read (built through the API: teams, members,
 * checkpoints pushed as final documents), with the server clock fixed at NOW.
 *
 * Heatmap order (group, then name): delta (Ops), alpha, beta (Retail), gamma (no group).
 */

export const NOW = '2026-06-01T09:00:00.000Z';
export const TODAY = '2026-06-01';
/** Planted in team beta's name, notes and justification: never in a response to a member of alpha (S14). */
export const SENTINEL = 'SENTINEL-B-51c9';
/** A spreadsheet formula as a team name (S3). */
export const HOSTILE_NAME = '=HYPERLINK("http://evil.example","click")';
export const MODEL = builtinModel();

export interface Seeded {
  readonly server: TestServer;
  readonly admin: Client;
  readonly leadA: Client;
  readonly viewerA: Client;
  readonly leadB: Client;
  readonly auditor: Client;
}

export const TEAMS = {
  alpha: { id: 'alpha', name: 'Alpha', group: 'Retail', targets: { secrets: 2, 'supply-chain': 1 } },
  beta: { id: 'beta', name: `Beta ${SENTINEL}`, group: 'Retail', targets: { secrets: 1 } },
  gamma: { id: 'gamma', name: HOSTILE_NAME, targets: { secrets: 1 } },
  delta: { id: 'delta', name: 'Delta', group: 'Ops', cadence: 'monthly', targets: { secrets: 2 } },
} as const;

type AnswerSpec = Partial<Answer>;

function answer(spec: Partial<Answer>): Answer {
  return { evidence: [], ratings: {}, ...spec };
}

/** alpha's previous checkpoint: secrets at level 0 (one practice of four in place), nothing else answered. */
export const ALPHA_PREVIOUS: Checkpoint = document('alpha', '2026-01-15', { 'secrets.no-hardcoded': { status: 'implemented' } });

/**
 * alpha's latest checkpoint. secrets: level 1, progress 1 + (1 + 0 stale + 0.5 + 0)/4 = 1.375,
 * one stale answer (access-control), one disagreement (leak-runbook, consensus = the lower
 * middle rating); supply-chain: level 1 with the level-2 practices unknown (incomplete 4);
 * iac: not applicable; incident-response: self-rated 2; every other domain unassessed.
 * The first answer to turn stale later is manual-rotation (evidence 2025-07-01, 365 days) on 2026-07-02.
 */
export const ALPHA_LATEST: Checkpoint = {
  ...document('alpha', '2026-05-20', {
    'secrets.no-hardcoded': { status: 'implemented' },
    'secrets.no-secret-files': { status: 'implemented' },
    'secrets.scanner-configured': { status: 'implemented' },
    'secrets.manual-rotation': { status: 'implemented', evidence: [{ type: 'note', text: 'Rotated by hand', date: '2025-07-01' }] },
    'secrets.central-vault': { status: 'implemented' },
    'secrets.access-control': { status: 'implemented', evidence: [{ type: 'note', text: 'Checked the vault policies', date: '2025-10-01' }] },
    'secrets.ci-scan': { status: 'partial' },
    'secrets.leak-runbook': { ratings: { alice: 'implemented', bob: 'not-implemented' } },
    'supply-chain.dependency-inventory': { status: 'implemented' },
    'supply-chain.dependency-vetting': { status: 'implemented' },
    'supply-chain.lockfiles': { status: 'implemented' },
    'supply-chain.regular-updates': { status: 'implemented' },
    ...notApplicable(MODEL, 'iac'),
  }),
  raters: ['alice', 'bob'],
  domainScores: { 'incident-response': 2 },
};

export const BETA_LATEST: Checkpoint = document('beta', '2026-04-01', {
  'secrets.no-hardcoded': { status: 'implemented', evidence: [{ type: 'note', text: `Seen by ${SENTINEL}`, date: '2026-03-30' }] },
  'iac.versioned': { status: 'not-applicable', justification: `No IaC at ${SENTINEL}` },
});

/**
 * delta: the hand-built backlog. Target secrets 2 (no organisation default), so the candidates are
 * the secrets practices of levels 1–2 not in place: no-secret-files (missing, risk 5, effort 1),
 * scanner-configured (partial, 3/1), central-vault (missing, 4/3, after no-secret-files),
 * ci-scan (unanswered, 4/2, after scanner-configured); access-control is not applicable.
 */
export const DELTA_LATEST: Checkpoint = document('delta', '2026-05-25', {
  'secrets.no-hardcoded': { status: 'implemented' },
  'secrets.no-secret-files': { status: 'not-implemented' },
  'secrets.scanner-configured': { status: 'partial' },
  'secrets.manual-rotation': { status: 'implemented' },
  'secrets.central-vault': { status: 'not-implemented' },
  'secrets.access-control': { status: 'not-applicable', justification: 'No shared secrets' },
  'secrets.leak-runbook': { status: 'implemented' },
});

export function document(team: string, date: string, answers: Readonly<Record<string, AnswerSpec>>): Checkpoint {
  const full: Record<string, Answer> = {};
  for (const [id, spec] of Object.entries(answers)) full[id] = answer(spec);
  return { team, date, model: 'stepwise@1', raters: [], answers: full, domainScores: {} };
}

function notApplicable(model: Model, domain: string): Record<string, AnswerSpec> {
  const answers: Record<string, AnswerSpec> = {};
  for (const practice of model.practicesByDomain.get(domain) ?? []) answers[practice.id] = { status: 'not-applicable', justification: 'No infrastructure as code' };
  return answers;
}

/** A server with the fixed clock and the four teams, members and checkpoints above. */
export async function seedOrganisation(dialect: Dialect): Promise<Seeded> {
  const server = await startTestServer(dialect);
  Object.assign(server.context.clock, { now: () => new Date(NOW) });
  const admin = await server.admin();
  for (const team of Object.values(TEAMS)) expect((await admin.post('/api/v1/teams', team)).statusCode).toBe(201);
  const leadA = await server.user('lead-a', { teams: { alpha: 'lead' } });
  const viewerA = await server.user('viewer-a', { teams: { alpha: 'viewer' } });
  const leadB = await server.user('lead-b', { teams: { beta: 'lead' } });
  const auditor = await server.user('auditor', { isAuditor: true });
  await pushCheckpoint(leadA, ALPHA_PREVIOUS);
  await pushCheckpoint(leadA, ALPHA_LATEST);
  await pushCheckpoint(leadB, BETA_LATEST);
  await pushCheckpoint(admin, DELTA_LATEST);
  return { server, admin, leadA, viewerA, leadB, auditor };
}

/** Stores a checkpoint document as a final checkpoint through the push route. */
export async function pushCheckpoint(client: Client, checkpoint: Checkpoint): Promise<void> {
  const response = await client.post(`/api/v1/teams/${checkpoint.team}/checkpoints/push`, checkpoint);
  expect(response.statusCode, response.body).toBe(201);
}

/** The same organisation as a CLI workspace, to compute what `stepwise score --json` would say. */
export function cliWorkspace(checkpoints: readonly Checkpoint[]): Workspace {
  const organisation = organisationSchema.parse({ organisation: 'My organisation', model: 'builtin', teams: Object.values(TEAMS) });
  const byTeam = new Map<string, Checkpoint[]>();
  for (const checkpoint of checkpoints) byTeam.set(checkpoint.team, [...(byTeam.get(checkpoint.team) ?? []), checkpoint]);
  return { store: memoryFileStore(), organisation, model: MODEL, modelWarnings: [], teams: new Map(organisation.teams.map((team) => [team.id, team])), checkpoints: byTeam };
}

/** Seeds the organisation before the suite and closes its server after; the object is filled in by `beforeAll`. */
export function useSeededOrganisation(dialect: Dialect): Seeded {
  const seeded = {} as Seeded;
  beforeAll(async () => {
    Object.assign(seeded, await seedOrganisation(dialect));
  }, 60_000);
  afterAll(async () => {
    await (seeded as Partial<Seeded>).server?.close();
  });
  return seeded;
}
