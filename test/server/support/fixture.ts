import type { AnswerRecord, ApiTokenRecord, RatingRecord, TokenScope } from '../../../src/core/persistence/records.js';
import { hashSecret, newId, newSecret } from '../../../src/services/org/tokens.js';
import { tokenClient } from '../../support/server.js';
import type { Client, Dialect } from '../../support/server.js';
import { manualClock, startHarness } from './harness.js';
import type { Harness, HarnessOptions, ManualClock } from './harness.js';

/** Text planted in team B's data: it must never reach a principal of team A (S14). */
export const SENTINEL = 'SENTINEL-B-7f3a';

export const PRINCIPALS = ['anonymous', 'viewerA', 'assessorA', 'leadA', 'leadB', 'auditor', 'admin', 'tokenA', 'disabled'] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

/** Principals whose view is limited to team A (the sentinel checks read as each of them). */
export const TEAM_A_PRINCIPALS: readonly PrincipalName[] = ['viewerA', 'assessorA', 'leadA', 'tokenA'];

export type TeamLabel = 'A' | 'B';

/** The objects of one team, named by the path parameter that addresses them. */
export interface TeamObjects {
  readonly teamId: string;
  readonly checkpointId: string;
  readonly finalCheckpointId: string;
  readonly date: string;
  readonly finalDate: string;
  readonly practiceId: string;
  /** A member who is not one of the principals, so membership changes leave the principals intact. */
  readonly userId: string;
  /** A token that is not the principal's own, so revoking it leaves `tokenA` working. */
  readonly tokenId: string;
  readonly scanId: string;
  readonly itemKey: string;
}

export interface Fixture {
  readonly harness: Harness;
  readonly clock: ManualClock;
  readonly principals: Readonly<Record<PrincipalName, Client>>;
  readonly teams: Readonly<Record<TeamLabel, TeamObjects>>;
}

export const TEAM_A = 'team-a';
export const TEAM_B = 'team-b';
const DRAFT_DATE = '2026-02-16';
const FINAL_DATE = '2026-01-12';

/**
 * Two teams with everything a team owns (draft and final checkpoints, answers with ratings and
 * evidence, a backlog status, a scan, API tokens, members) and the principals of the S14 matrix.
 * Team B's name, a note, a justification and a scan path carry the sentinel.
 */
export async function buildFixture(dialect: Dialect, options: HarnessOptions = {}): Promise<Fixture> {
  const clock = manualClock();
  const harness = await startHarness(dialect, { clock, ...options });
  const admin = await harness.admin();
  await createTeam(admin, TEAM_A, 'Team A');
  await createTeam(admin, TEAM_B, `Team B ${SENTINEL}`);
  const users = {
    viewerA: await harness.user('viewer-a', { teams: { [TEAM_A]: 'viewer' } }),
    assessorA: await harness.user('assessor-a', { teams: { [TEAM_A]: 'assessor' } }),
    leadA: await harness.user('lead-a', { teams: { [TEAM_A]: 'lead' } }),
    leadB: await harness.user('lead-b', { teams: { [TEAM_B]: 'lead' } }),
    auditor: await harness.user('auditor', { isAuditor: true }),
    disabled: await harness.user('disabled-a', { teams: { [TEAM_A]: 'lead' } }),
  };
  await disable(harness, admin, users.disabled.userId);
  const spareA = await harness.user('spare-a', { teams: { [TEAM_A]: 'viewer' } });
  const spareB = await harness.user('spare-b', { teams: { [TEAM_B]: 'viewer' } });
  const model = await harness.context.models.current(harness.store);
  const practiceId = model.practices[0]?.id ?? 'none';
  const modelRef = `${model.id}@${model.version}`;
  const tokenA = newSecret('stw_');
  const teamA = await teamObjects(harness, TEAM_A, { modelRef, practiceId, spareUserId: spareA.userId, lead: 'lead-a', principalToken: tokenA, secret: '' });
  const teamB = await teamObjects(harness, TEAM_B, { modelRef, practiceId, spareUserId: spareB.userId, lead: 'lead-b', principalToken: undefined, secret: SENTINEL });
  const principals: Record<PrincipalName, Client> = { anonymous: harness.anonymous(), admin, ...users, tokenA: tokenClient(harness.app, tokenA) };
  return { harness, clock, principals, teams: { A: teamA, B: teamB } };
}

async function createTeam(admin: Client, id: string, name: string): Promise<void> {
  const response = await admin.post('/api/v1/teams', { id, name });
  if (response.statusCode !== 201) throw new Error(`creating team ${id} failed: ${response.statusCode} ${response.body}`);
}

async function disable(harness: Harness, admin: Client, userId: string): Promise<void> {
  const user = await harness.store.userById(userId);
  const response = await admin.patch(`/api/v1/users/${userId}`, { disabled: true }, { 'if-match': `"${user?.version ?? 0}"` });
  if (response.statusCode !== 200) throw new Error(`disabling failed: ${response.statusCode} ${response.body}`);
}

interface TeamSeed {
  readonly modelRef: string;
  readonly practiceId: string;
  readonly spareUserId: string;
  readonly lead: string;
  /** The secret of the token a principal uses, when the team has one. */
  readonly principalToken: string | undefined;
  /** Text put into the team's notes, justifications and scan paths. */
  readonly secret: string;
}

async function teamObjects(harness: Harness, teamId: string, seed: TeamSeed): Promise<TeamObjects> {
  const at = harness.context.clock.now().toISOString();
  const checkpointId = await insertCheckpoint(harness, teamId, DRAFT_DATE, 'draft', seed, at);
  await insertCheckpoint(harness, teamId, FINAL_DATE, 'final', seed, at);
  const finalCheckpoint = await harness.store.checkpointOfTeam(teamId, FINAL_DATE);
  if (seed.principalToken !== undefined) await insertToken(harness, teamId, 'ci', seed.principalToken, ['scan:push', 'checkpoint:push'], at);
  const tokenId = await insertToken(harness, teamId, `spare ${seed.secret}`.trim(), newSecret('stw_'), ['scan:push'], at);
  const scanId = newId();
  await harness.store.insertScan({ id: scanId, teamId, pushedAt: at, pushedBy: seed.lead, result: scanResult(seed.secret) });
  const itemKey = `${teamId}:${seed.practiceId}`;
  const status = await harness.store.putBacklogStatus(teamId, itemKey, 0, 'in-progress', seed.lead, at);
  if (typeof status === 'string') throw new Error(`backlog status: ${status}`);
  return {
    teamId,
    checkpointId,
    finalCheckpointId: finalCheckpoint?.id ?? 'missing',
    date: DRAFT_DATE,
    finalDate: FINAL_DATE,
    practiceId: seed.practiceId,
    userId: seed.spareUserId,
    tokenId,
    scanId,
    itemKey,
  };
}

async function insertCheckpoint(harness: Harness, teamId: string, date: string, state: 'draft' | 'final', seed: TeamSeed, at: string): Promise<string> {
  const id = newId();
  const inserted = await harness.store.insertCheckpoint({ id, teamId, date, state, model: seed.modelRef, domainScores: {}, createdBy: seed.lead, createdAt: at, updatedAt: at, version: 1 });
  if (inserted !== 'ok') throw new Error(`checkpoint ${teamId} ${date}: ${inserted}`);
  const marker = seed.secret === '' ? '' : ` ${seed.secret}`;
  const answer: Omit<AnswerRecord, 'version'> = {
    checkpointId: id,
    practiceId: seed.practiceId,
    status: 'implemented',
    justification: `Checked with the team${marker}`,
    evidence: [{ type: 'note', text: `Pipeline reviewed${marker}`, date }],
    proposed: null,
    updatedAt: at,
    updatedBy: seed.lead,
  };
  const rating: Omit<RatingRecord, 'version'> = { checkpointId: id, practiceId: seed.practiceId, rater: seed.lead, status: 'implemented', updatedAt: at };
  await harness.store.replaceAnswers(id, [answer], [rating]);
  return id;
}

async function insertToken(harness: Harness, teamId: string, name: string, secret: string, scopes: TokenScope[], at: string): Promise<string> {
  const token: ApiTokenRecord = {
    id: newId(),
    teamId,
    name,
    tokenHash: hashSecret(secret),
    scopes,
    last4: secret.slice(-4),
    createdBy: 'admin',
    createdAt: at,
    revokedAt: null,
    lastUsedAt: null,
  };
  await harness.store.insertApiToken(token);
  return token.id;
}

/** A `stepwise scan --format json` document whose paths carry `marker`. */
function scanResult(marker: string): unknown {
  const folder = marker === '' ? 'ci' : marker;
  return {
    version: 1,
    root: `/builds/${folder}`,
    files: 2,
    skipped: [{ path: `${folder}/big.bin`, reason: 'too large' }],
    findings: [
      {
        detector: 'has-secret-scan-in-ci',
        domain: 'secrets',
        outcome: 'negative',
        file: `${folder}/.github/workflows/ci.yml`,
        line: 3,
        fixture: false,
        message: `no secret scan in ${folder}`,
        confidence: 'high',
        level: null,
        status: null,
        practices: [],
        snippet: null,
        fingerprint: `fp-${folder}`,
      },
    ],
    domains: [],
    practices: [],
  };
}
