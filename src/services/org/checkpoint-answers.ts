import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { AnswerChanges, Persistence, Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, RatingRecord } from '../../core/persistence/records.js';
import type { AnswerStatus, Evidence } from '../../core/workspace/schema.js';
import { definedOnly } from './accounts.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';

/**
 * Answers and ratings of a checkpoint. Each is its own versioned resource (S19): writing one never
 * bumps the checkpoint's version, and every write reads the checkpoint's state in the same
 * transaction so nothing changes once the checkpoint is final.
 */

/** The practice exists in the model, or a not-found error naming the model. */
function practiceProblem(model: Model, practiceId: string): Result<never> | undefined {
  return model.practiceById.has(practiceId) ? undefined : fail('not-found', `"${practiceId}" is not a practice of model ${model.id}`);
}

/** The checkpoint, when it exists and may still change. */
async function openCheckpoint(tx: Repositories, checkpointId: string): Promise<Result<CheckpointRecord>> {
  const checkpoint = await tx.lockCheckpoint(checkpointId);
  if (checkpoint === undefined) return fail('not-found', 'no such checkpoint');
  if (checkpoint.state === 'final') return fail('conflict', 'the checkpoint is final: its answers and ratings no longer change');
  return ok(checkpoint);
}

export interface RatingTarget {
  readonly checkpointId: string;
  readonly practiceId: string;
  /** The signed-in user's name: a rater only ever writes their own rating. */
  readonly rater: string;
  readonly expectedVersion: number;
}

/** A rater gives (If-Match "0") or changes their own rating of a practice. */
export async function putOwnRating(store: Persistence, model: Model, target: RatingTarget, status: AnswerStatus, actor: Actor): Promise<Result<RatingRecord>> {
  const problem = practiceProblem(model, target.practiceId);
  if (problem !== undefined) return problem;
  return store.transaction(async (tx) => {
    const checkpoint = await openCheckpoint(tx, target.checkpointId);
    if (!checkpoint.ok) return checkpoint;
    const { checkpointId, practiceId, rater, expectedVersion } = target;
    const written = await tx.putRating(checkpointId, practiceId, rater, expectedVersion, status, actor.at);
    if (written === 'missing' || written === 'stale') return staleRating(tx, target, written);
    await audit(tx, actor, { action: 'rating.put', teamId: checkpoint.value.teamId, target: `checkpoint:${checkpointId}/${practiceId}`, detail: { rater, status } });
    return ok(written);
  });
}

/** A rater withdraws their own rating. */
export async function withdrawOwnRating(store: Persistence, model: Model, target: RatingTarget, actor: Actor): Promise<Result<true>> {
  const problem = practiceProblem(model, target.practiceId);
  if (problem !== undefined) return problem;
  return store.transaction(async (tx) => {
    const checkpoint = await openCheckpoint(tx, target.checkpointId);
    if (!checkpoint.ok) return checkpoint;
    const { checkpointId, practiceId, rater, expectedVersion } = target;
    const deleted = await tx.deleteRating(checkpointId, practiceId, rater, expectedVersion);
    if (deleted === 'missing') return fail('not-found', `you have no rating of ${practiceId} to withdraw`);
    if (deleted === 'stale') return staleRating(tx, target, deleted);
    await audit(tx, actor, { action: 'rating.delete', teamId: checkpoint.value.teamId, target: `checkpoint:${checkpointId}/${practiceId}`, detail: { rater } });
    return ok(true);
  });
}

async function staleRating(tx: Repositories, target: RatingTarget, outcome: 'stale' | 'missing'): Promise<Result<never>> {
  const current = await tx.rating(target.checkpointId, target.practiceId, target.rater);
  if (current === undefined || outcome === 'missing') {
    return fail('stale', `your rating of ${target.practiceId} no longer exists (withdrawn meanwhile); give it again with If-Match "0"`);
  }
  if (target.expectedVersion === 0) return fail('stale', `you already rated ${target.practiceId} (version ${current.version}, ${current.status}); send If-Match "${current.version}" to change it`);
  return fail('stale', `your rating of ${target.practiceId} changed since version ${target.expectedVersion} (now version ${current.version}, ${current.status}); reload and try again`);
}

export interface AnswerInput {
  readonly status?: AnswerStatus | null | undefined;
  readonly justification?: string | null | undefined;
  readonly evidence?: readonly Evidence[] | undefined;
}

export interface AnswerTarget {
  readonly checkpointId: string;
  readonly practiceId: string;
  readonly expectedVersion: number;
  /** A lead or admin: only they decide the status once the checkpoint is in consensus. */
  readonly decides: boolean;
}

/** An assessor or lead writes a practice's answer: status, justification, evidence (If-Match "0" creates it). */
export async function putCheckpointAnswer(store: Persistence, model: Model, target: AnswerTarget, input: AnswerInput, actor: Actor): Promise<Result<AnswerRecord>> {
  const problem = practiceProblem(model, target.practiceId);
  if (problem !== undefined) return problem;
  const changes = answerChanges(input);
  if (Object.keys(changes).length === 0) return fail('invalid-input', 'nothing to change: send status, justification and/or evidence');
  return store.transaction(async (tx) => {
    const checkpoint = await openCheckpoint(tx, target.checkpointId);
    if (!checkpoint.ok) return checkpoint;
    const current = await tx.answer(target.checkpointId, target.practiceId);
    const refusal = answerRefusal(checkpoint.value, current, target, changes);
    if (refusal !== undefined) return refusal;
    const written = await tx.putAnswer(target.checkpointId, target.practiceId, target.expectedVersion, changes, actor.name, actor.at);
    if (written === 'missing' || written === 'stale') return staleAnswer(tx, target);
    await audit(tx, actor, { action: 'answer.put', teamId: checkpoint.value.teamId, target: `checkpoint:${target.checkpointId}/${target.practiceId}`, detail: auditDetail(changes) });
    return ok(written);
  });
}

/** Only the fields the request named; an empty justification is no justification. */
function answerChanges(input: AnswerInput): AnswerChanges {
  const justification = input.justification === undefined || input.justification === null ? input.justification : input.justification.trim() === '' ? null : input.justification;
  return definedOnly({ status: input.status, justification, evidence: input.evidence === undefined ? undefined : [...input.evidence] });
}

function answerRefusal(checkpoint: CheckpointRecord, current: AnswerRecord | undefined, target: AnswerTarget, changes: AnswerChanges): Result<never> | undefined {
  const statusChanges = changes.status !== undefined && changes.status !== (current?.status ?? null);
  // The consensus is the facilitator's decision: assessors keep editing evidence, not the status.
  if (statusChanges && checkpoint.state === 'consensus' && !target.decides) {
    return fail('forbidden', 'the checkpoint is in consensus: only a lead sets the status now (evidence and justification stay open to assessors)');
  }
  const status = changes.status === undefined ? (current?.status ?? null) : changes.status;
  const justification = changes.justification === undefined ? (current?.justification ?? null) : changes.justification;
  if (status === 'not-applicable' && justification === null) return fail('invalid-input', `${target.practiceId}: not-applicable needs a non-empty justification`);
  return undefined;
}

async function staleAnswer(tx: Repositories, target: AnswerTarget): Promise<Result<never>> {
  const current = await tx.answer(target.checkpointId, target.practiceId);
  if (current === undefined) return fail('stale', `the answer to ${target.practiceId} does not exist (yet); create it with If-Match "0"`);
  return fail(
    'stale',
    `the answer to ${target.practiceId} changed since version ${target.expectedVersion} (now version ${current.version} by ${current.updatedBy} at ${current.updatedAt}); reload and try again`,
  );
}

function auditDetail(changes: AnswerChanges): Record<string, unknown> {
  return definedOnly({
    status: changes.status,
    justification: changes.justification === undefined ? undefined : changes.justification === null ? 'cleared' : 'set',
    evidence: changes.evidence?.length,
  });
}
