import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import type { AnswerRecord, CheckpointRecord, RatingRecord } from '../../core/persistence/records.js';
import type { Checkpoint } from '../../core/workspace/schema.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { domainScoresProblem, summaryOf } from './checkpoints.js';
import type { CheckpointSummary } from './checkpoints.js';
import { checkpointFromRows, checkpointsFromStore } from './org-workspace.js';
import { newId } from './tokens.js';
import { inOneTransaction } from './transfer.js';

/**
 * `stepwise push FILE` of a checkpoint (PRODUCT.md §7 format): the document becomes a final
 * checkpoint in one transaction (S6). Pushing the same document again changes nothing; a different
 * document for a date that already has a final checkpoint is refused, since finals never change.
 */

export type PushOutcome = 'created' | 'replaced' | 'unchanged';

export interface PushedCheckpoint extends CheckpointSummary {
  readonly teamId: string;
  readonly outcome: PushOutcome;
}

interface Rows {
  readonly record: CheckpointRecord;
  readonly answers: Omit<AnswerRecord, 'version'>[];
  readonly ratings: Omit<RatingRecord, 'version'>[];
}

/** Stores a pushed checkpoint document as the team's final checkpoint of its date. */
export async function pushCheckpoint(store: Persistence, model: Model, teamId: string, document: Checkpoint, actor: Actor): Promise<Result<PushedCheckpoint>> {
  const problem = documentProblem(model, teamId, document);
  if (problem !== undefined) return fail('invalid-input', problem);
  const rows = rowsOf(document, actor);
  // One transaction that rolls back on a refusal: a draft deleted for a push that then fails comes back.
  return inOneTransaction(store, async (tx) => {
    const existing = await tx.checkpointOfTeam(teamId, document.date);
    if (existing?.state === 'final') {
      const repeat = await samePush(tx, existing, rows);
      if (repeat.ok) await audit(tx, actor, { action: 'checkpoint.push', teamId, target: `checkpoint:${existing.id}`, detail: pushDetail(document, 'unchanged') });
      return repeat;
    }
    if (existing !== undefined) await tx.deleteCheckpoint(existing.id);
    if ((await tx.insertCheckpoint(rows.record)) === 'duplicate') return fail('conflict', `another checkpoint dated ${document.date} was stored at the same moment; push again`);
    await tx.replaceAnswers(rows.record.id, rows.answers, rows.ratings);
    await tx.deleteTeamScore(teamId);
    const outcome: PushOutcome = existing === undefined ? 'created' : 'replaced';
    await audit(tx, actor, { action: 'checkpoint.push', teamId, target: `checkpoint:${rows.record.id}`, detail: pushDetail(document, outcome) });
    return ok(pushed(rows, outcome));
  });
}

/** What is wrong with the document for this team and model, if anything. */
function documentProblem(model: Model, teamId: string, document: Checkpoint): string | undefined {
  if (document.team !== teamId) return `the document is for team "${document.team}", not "${teamId}"`;
  const unknown = Object.keys(document.answers).find((practiceId) => !model.practiceById.has(practiceId));
  if (unknown !== undefined) return `answers: "${unknown}" is not a practice of model ${model.id}`;
  const scores = domainScoresProblem(model, document.domainScores);
  return scores === undefined ? undefined : `domainScores: ${scores}`;
}

function rowsOf(document: Checkpoint, actor: Actor): Rows {
  const id = newId();
  const record: CheckpointRecord = {
    id,
    teamId: document.team,
    date: document.date,
    state: 'final',
    model: document.model,
    domainScores: { ...document.domainScores },
    createdBy: actor.name,
    createdAt: actor.at,
    updatedAt: actor.at,
    version: 1,
  };
  const entries = Object.entries(document.answers);
  const answers = entries.map(([practiceId, answer]) => ({
    checkpointId: id,
    practiceId,
    status: answer.status ?? null,
    justification: answer.justification ?? null,
    evidence: answer.evidence,
    proposed: answer.proposed ?? null,
    updatedAt: actor.at,
    updatedBy: actor.name,
  }));
  const ratings = entries.flatMap(([practiceId, answer]) =>
    Object.entries(answer.ratings).map(([rater, status]) => ({ checkpointId: id, practiceId, rater, status, updatedAt: actor.at })),
  );
  return { record, answers, ratings };
}

/** A final checkpoint of the date exists: the same content is an idempotent repeat, anything else a conflict. */
async function samePush(tx: Repositories, existing: CheckpointRecord, rows: Rows): Promise<Result<PushedCheckpoint>> {
  const [stored] = await checkpointsFromStore(tx, [existing]);
  const incoming = checkpointFromRows(rows.record, rows.answers.map((answer) => ({ ...answer, version: 1 })), rows.ratings.map((rating) => ({ ...rating, version: 1 })));
  if (stored === undefined || canonical(stored) !== canonical(incoming)) {
    return fail('conflict', `team "${existing.teamId}" already has a different final checkpoint dated ${existing.date}; final checkpoints never change`);
  }
  return ok({ ...summaryOf(existing, stored), teamId: existing.teamId, outcome: 'unchanged' });
}

/** JSON with sorted keys: stored JSON (jsonb in PostgreSQL) does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry !== null && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : entry,
  );
}

function pushed(rows: Rows, outcome: PushOutcome): PushedCheckpoint {
  const checkpoint = checkpointFromRows(rows.record, rows.answers.map((answer) => ({ ...answer, version: 1 })), rows.ratings.map((rating) => ({ ...rating, version: 1 })));
  return { ...summaryOf(rows.record, checkpoint), teamId: rows.record.teamId, outcome };
}

function pushDetail(document: Checkpoint, outcome: PushOutcome): Record<string, unknown> {
  return { date: document.date, model: document.model, answers: Object.keys(document.answers).length, outcome };
}
