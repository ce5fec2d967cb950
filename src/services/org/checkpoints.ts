import type { IsoDate } from '../../core/dates.js';
import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { CheckpointComparison } from '../../core/history/compare.js';
import type { Model } from '../../core/model/model.js';
import { modelRef } from '../../core/model/model.js';
import type { CheckpointChanges, Persistence, Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, CheckpointState } from '../../core/persistence/records.js';
import { resolveAnswerStatus } from '../../core/scoring/consensus.js';
import type { Checkpoint } from '../../core/workspace/schema.js';
import { compareTwo } from '../history.js';
import { definedOnly } from './accounts.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { teamWorkspace } from './checkpoint-view.js';
import { checkpointFromRows, checkpointsFromStore } from './org-workspace.js';
import { newId } from './tokens.js';

/**
 * A team's checkpoints on the server (PRODUCT.md §2 "Checkpoints and cadence"): started as a draft,
 * rated by several people, settled in a consensus step and finalised. Only final checkpoints count
 * for the heatmap and the backlog.
 */

export interface CheckpointCounts {
  /** Practices whose status counts (the facilitator's or the median rating), unknown excluded. */
  readonly answered: number;
  /** Practices with at least one rating. */
  readonly ratedPractices: number;
  readonly raters: number;
}

export interface CheckpointSummary {
  readonly id: string;
  readonly date: string;
  readonly state: CheckpointState;
  readonly model: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly counts: CheckpointCounts;
}

/** A team's history: every checkpoint in any state, oldest first, with how much of it is answered. */
export async function checkpointHistory(store: Repositories, teamId: string): Promise<CheckpointSummary[]> {
  const records = await store.checkpointsOfTeam(teamId);
  const checkpoints = await checkpointsFromStore(store, records);
  return records.map((record, index) => summaryOf(record, checkpoints[index]));
}

/** The list entry of a checkpoint. */
export function summaryOf(record: CheckpointRecord, checkpoint: Checkpoint | undefined): CheckpointSummary {
  const answers = Object.values(checkpoint?.answers ?? {});
  return {
    id: record.id,
    date: record.date,
    state: record.state,
    model: record.model,
    createdBy: record.createdBy,
    updatedAt: record.updatedAt,
    version: record.version,
    counts: {
      answered: answers.filter((answer) => resolveAnswerStatus(answer).status !== 'unknown').length,
      ratedPractices: answers.filter((answer) => Object.keys(answer.ratings).length > 0).length,
      raters: checkpoint?.raters.length ?? 0,
    },
  };
}

/** Checks quick-mode scores against the model: known domains, levels the model has. */
export function domainScoresProblem(model: Model, scores: Readonly<Record<string, number>> | undefined): string | undefined {
  if (scores === undefined) return undefined;
  const top = Math.max(0, ...model.levels.map((level) => level.level));
  for (const [domain, level] of Object.entries(scores)) {
    if (!model.practicesByDomain.has(domain)) return `"${domain}" is not a domain of model ${model.id} (${model.domains.map((entry) => entry.id).join(', ')})`;
    if (level > top) return `score ${level} for ${domain} is above the model's top level ${top}`;
  }
  return undefined;
}

export interface NewCheckpoint {
  readonly date: IsoDate;
  readonly mode?: 'quick' | 'detailed' | undefined;
  readonly domainScores?: Readonly<Record<string, number>> | undefined;
  /** `latest`: start from the answers of the team's latest final checkpoint before this date. */
  readonly copyFrom?: 'latest' | undefined;
}

export interface StartedCheckpoint extends CheckpointRecord {
  /** The date of the final checkpoint the answers were copied from, or null. */
  readonly copiedFrom: string | null;
}

/** An assessor or lead starts a draft checkpoint of a team, optionally from the last final state. */
export async function startCheckpoint(store: Persistence, model: Model, teamId: string, input: NewCheckpoint, actor: Actor): Promise<Result<StartedCheckpoint>> {
  const problem = domainScoresProblem(model, input.domainScores);
  if (problem !== undefined) return fail('invalid-input', problem);
  const record: CheckpointRecord = {
    id: newId(),
    teamId,
    date: input.date,
    state: 'draft',
    model: modelRef(model),
    domainScores: { ...input.domainScores },
    createdBy: actor.name,
    createdAt: actor.at,
    updatedAt: actor.at,
    version: 1,
  };
  return store.transaction(async (tx) => {
    if ((await tx.insertCheckpoint(record)) === 'duplicate') return fail('already-exists', `team "${teamId}" already has a checkpoint dated ${input.date}`);
    const copiedFrom = input.copyFrom === 'latest' ? await copyLatestFinal(tx, model, record, actor) : null;
    await audit(tx, actor, { action: 'checkpoint.create', teamId, target: `checkpoint:${record.id}`, detail: { date: record.date, mode: input.mode ?? null, copiedFrom } });
    return ok({ ...record, copiedFrom });
  });
}

/** Copies status, justification and evidence of the latest earlier final checkpoint; returns its date. */
async function copyLatestFinal(tx: Repositories, model: Model, target: CheckpointRecord, actor: Actor): Promise<string | null> {
  const source = (await tx.checkpointsOfTeam(target.teamId, ['final'])).filter((record) => record.date < target.date).at(-1);
  if (source === undefined) return null;
  const [checkpoint] = await checkpointsFromStore(tx, [source]);
  const answers = Object.entries(checkpoint?.answers ?? {}).flatMap(([practiceId, answer]): Omit<AnswerRecord, 'version'>[] => {
    if (!model.practiceById.has(practiceId)) return [];
    const status = resolveAnswerStatus(answer).status;
    if (status === 'unknown' && answer.evidence.length === 0 && answer.justification === undefined) return [];
    const justification = answer.justification ?? null;
    return [{ checkpointId: target.id, practiceId, status, justification, evidence: answer.evidence, proposed: null, updatedAt: actor.at, updatedBy: actor.name }];
  });
  await tx.replaceAnswers(target.id, answers, []);
  return source.date;
}

export interface CheckpointChangeInput {
  readonly state?: CheckpointState | undefined;
  readonly domainScores?: Readonly<Record<string, number>> | undefined;
}

/** The state a checkpoint may move to from each state (back from consensus to rating, nothing out of final). */
const NEXT_STATES: Readonly<Record<CheckpointState, readonly CheckpointState[]>> = {
  draft: ['rating'],
  rating: ['consensus'],
  consensus: ['final', 'rating'],
  final: [],
};

/** A lead moves a checkpoint along draft → rating → consensus → final and/or changes its quick-mode scores. */
export async function changeCheckpoint(store: Persistence, model: Model, checkpointId: string, expectedVersion: number, input: CheckpointChangeInput, actor: Actor): Promise<Result<CheckpointRecord>> {
  const problem = domainScoresProblem(model, input.domainScores);
  if (problem !== undefined) return fail('invalid-input', problem);
  if (input.state === undefined && input.domainScores === undefined) return fail('invalid-input', 'nothing to change: send state and/or domainScores');
  return store.transaction(async (tx) => {
    const current = await tx.checkpointById(checkpointId);
    if (current === undefined) return fail('not-found', 'no such checkpoint');
    const refusal = await changeRefusal(tx, current, expectedVersion, input);
    return refusal ?? applyChange(tx, current, expectedVersion, input, actor);
  });
}

async function applyChange(tx: Repositories, current: CheckpointRecord, expectedVersion: number, input: CheckpointChangeInput, actor: Actor): Promise<Result<CheckpointRecord>> {
  const changes: CheckpointChanges = definedOnly({ state: input.state, domainScores: input.domainScores === undefined ? undefined : { ...input.domainScores } });
  const updated = await tx.updateCheckpoint(current.id, expectedVersion, changes, actor.at);
  if (updated === 'missing') return fail('not-found', 'no such checkpoint');
  if (updated === 'stale') return staleCheckpoint(current, expectedVersion);
  // Final checkpoints feed the heatmap and backlog: the team's cached scores are out of date now.
  if (updated.state === 'final') await tx.deleteTeamScore(updated.teamId);
  await audit(tx, actor, { action: 'checkpoint.update', teamId: updated.teamId, target: `checkpoint:${current.id}`, detail: { from: current.state, to: updated.state, domainScores: input.domainScores ?? null } });
  return ok(updated);
}

async function changeRefusal(tx: Repositories, current: CheckpointRecord, expectedVersion: number, input: CheckpointChangeInput): Promise<Result<never> | undefined> {
  if (current.state === 'final') return fail('conflict', 'the checkpoint is final: nothing changes once it is final (start a new checkpoint instead)');
  if (current.version !== expectedVersion) return staleCheckpoint(current, expectedVersion);
  const target = input.state;
  if (target === undefined || target === current.state) return undefined;
  if (!NEXT_STATES[current.state].includes(target)) {
    return fail('conflict', `a ${current.state} checkpoint cannot move to ${target}; the next step is ${NEXT_STATES[current.state].join(' or ')}`);
  }
  return target === 'final' ? finalisationProblem(tx, current) : undefined;
}

/** Every not-applicable answer needs its justification before the checkpoint counts (PRODUCT.md §2). */
async function finalisationProblem(tx: Repositories, record: CheckpointRecord): Promise<Result<never> | undefined> {
  const [answers, ratings] = await Promise.all([tx.answersOf([record.id]), tx.ratingsOf([record.id])]);
  const checkpoint = checkpointFromRows(record, answers, ratings);
  const unjustified = Object.entries(checkpoint.answers)
    .filter(([, answer]) => resolveAnswerStatus(answer).status === 'not-applicable' && (answer.justification ?? '').trim() === '')
    .map(([practiceId]) => practiceId)
    .sort();
  if (unjustified.length === 0) return undefined;
  return fail('invalid-input', `cannot finalise: ${unjustified.join(', ')} ${unjustified.length === 1 ? 'is' : 'are'} not applicable without a justification`);
}

function staleCheckpoint(current: CheckpointRecord, expectedVersion: number): Result<never> {
  return fail(
    'stale',
    `the checkpoint of ${current.date} changed since version ${expectedVersion} (now version ${current.version}, state ${current.state}, updated ${current.updatedAt}); reload and try again`,
  );
}

export interface CheckpointPair {
  readonly fromId: string;
  readonly toId: string;
}

/** What changed between two checkpoints of the same team; both must belong to the team (else not found). */
export async function compareTeamCheckpoints(store: Persistence, model: Model, teamId: string, pair: CheckpointPair): Promise<Result<CheckpointComparison & CheckpointPair>> {
  const records = await Promise.all([store.checkpointById(pair.fromId), store.checkpointById(pair.toId)]);
  const [from, to] = records;
  if (from === undefined || from.teamId !== teamId) return fail('not-found', `team "${teamId}" has no checkpoint ${pair.fromId}`);
  if (to === undefined || to.teamId !== teamId) return fail('not-found', `team "${teamId}" has no checkpoint ${pair.toId}`);
  const [before, after] = await checkpointsFromStore(store, [from, to]);
  if (before === undefined || after === undefined) return fail('not-found', 'checkpoint not found');
  const { workspace } = await teamWorkspace(store, model, teamId);
  const compared = compareTwo(workspace, before, after);
  return compared.ok ? ok({ ...compared.value, ...pair }) : compared;
}
