import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AnswerChanges, CheckpointStore, Versioned } from '../../core/persistence/port.js';
import type { AnswerRecord, RatingRecord } from '../../core/persistence/records.js';
import type { Evidence } from '../../core/workspace/schema.js';
import { INSERT_BATCH, chunksOf, lookupInChunks, sortByKeys } from './batches.js';
import { checkpointExists } from './checkpoints.js';
import { fromJson, toJson } from './columns.js';
import { ratingToRow } from './ratings.js';
import type { AnswersTable, Database } from './tables.js';
import { atomically, changedColumn, settleWrite } from './versioned.js';

type AnswerRows = Pick<CheckpointStore, 'answersOf' | 'answer' | 'putAnswer' | 'replaceAnswers'>;

interface AnswerKey {
  readonly checkpointId: string;
  readonly practiceId: string;
}

export function answerRows(db: Kysely<Database>): AnswerRows {
  return {
    answersOf: (checkpointIds, practiceId) => answersOf(db, checkpointIds, practiceId),
    answer: async (checkpointId, practiceId) => {
      const row = await selectAnswer(db, { checkpointId, practiceId });
      return row === undefined ? undefined : answerFromRow(row);
    },
    putAnswer: (checkpointId, practiceId, expectedVersion, changes, by, at) => {
      const key = { checkpointId, practiceId };
      return expectedVersion === 0 ? createAnswer(db, key, changes, by, at) : updateAnswer(db, key, expectedVersion, changes, by, at);
    },
    replaceAnswers: (checkpointId, answers, ratings) => replaceAnswers(db, checkpointId, answers, ratings),
  };
}

async function answersOf(db: Kysely<Database>, checkpointIds: readonly string[], practiceId?: string): Promise<AnswerRecord[]> {
  const rows = await lookupInChunks(checkpointIds, (chunk) => {
    const query = db.selectFrom('answers').selectAll().where('checkpoint_id', 'in', chunk);
    return (practiceId === undefined ? query : query.where('practice_id', '=', practiceId)).execute();
  });
  return sortByKeys(rows.map(answerFromRow), (answer) => answer.checkpointId, (answer) => answer.practiceId);
}

function selectAnswer(db: Kysely<Database>, key: AnswerKey) {
  return db
    .selectFrom('answers')
    .selectAll()
    .where('checkpoint_id', '=', key.checkpointId)
    .where('practice_id', '=', key.practiceId)
    .executeTakeFirst();
}

/** Version 0 asks for a new answer: `'stale'` when someone created it first. */
async function createAnswer(
  db: Kysely<Database>,
  key: AnswerKey,
  changes: AnswerChanges,
  by: string,
  at: string,
): Promise<Versioned<AnswerRecord>> {
  if (!(await checkpointExists(db, key.checkpointId))) return 'missing';
  const row = await db
    .insertInto('answers')
    .values(answerToRow({ ...key, ...answerDefaults(changes), updatedBy: by, updatedAt: at }))
    .onConflict((oc) => oc.columns(['checkpoint_id', 'practice_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? 'stale' : answerFromRow(row);
}

async function updateAnswer(
  db: Kysely<Database>,
  key: AnswerKey,
  expectedVersion: number,
  changes: AnswerChanges,
  by: string,
  at: string,
): Promise<Versioned<AnswerRecord>> {
  const row = await db
    .updateTable('answers')
    .set((eb) => ({ ...answerChangesToRow(changes), updated_by: by, updated_at: at, version: eb('version', '+', 1) }))
    .where('checkpoint_id', '=', key.checkpointId)
    .where('practice_id', '=', key.practiceId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, answerFromRow, async () => (await selectAnswer(db, key)) !== undefined);
}

/** Every row is written for `checkpointId`, whatever id the given records carry. */
function replaceAnswers(
  db: Kysely<Database>,
  checkpointId: string,
  answers: readonly Omit<AnswerRecord, 'version'>[],
  ratings: readonly Omit<RatingRecord, 'version'>[],
): Promise<void> {
  return atomically(db, async (trx) => {
    await trx.deleteFrom('ratings').where('checkpoint_id', '=', checkpointId).execute();
    await trx.deleteFrom('answers').where('checkpoint_id', '=', checkpointId).execute();
    for (const chunk of chunksOf(answers, INSERT_BATCH)) {
      await trx.insertInto('answers').values(chunk.map((answer) => answerToRow({ ...answer, checkpointId }))).execute();
    }
    for (const chunk of chunksOf(ratings, INSERT_BATCH)) {
      await trx.insertInto('ratings').values(chunk.map((rating) => ratingToRow({ ...rating, checkpointId }))).execute();
    }
  });
}

/** A new answer takes what `changes` sets; the rest is empty (an explicit `undefined` too). */
function answerDefaults(changes: AnswerChanges): Pick<AnswerRecord, 'status' | 'justification' | 'evidence' | 'proposed'> {
  return {
    status: changes.status ?? null,
    justification: changes.justification ?? null,
    evidence: changes.evidence ?? [],
    proposed: changes.proposed ?? null,
  };
}

function answerToRow(answer: Omit<AnswerRecord, 'version'>): AnswersTable {
  return {
    checkpoint_id: answer.checkpointId,
    practice_id: answer.practiceId,
    status: answer.status,
    justification: answer.justification,
    evidence: toJson(answer.evidence),
    proposed: answer.proposed,
    updated_at: answer.updatedAt,
    updated_by: answer.updatedBy,
    version: 1,
  };
}

function answerChangesToRow(changes: AnswerChanges): Updateable<AnswersTable> {
  return {
    status: changes.status,
    justification: changes.justification,
    evidence: changedColumn(changes.evidence, toJson),
    proposed: changes.proposed,
  };
}

function answerFromRow(row: Selectable<AnswersTable>): AnswerRecord {
  return {
    checkpointId: row.checkpoint_id,
    practiceId: row.practice_id,
    status: row.status,
    justification: row.justification,
    evidence: fromJson(row.evidence) as Evidence[],
    proposed: row.proposed,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
  };
}
