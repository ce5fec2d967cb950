import type { Kysely, Selectable } from 'kysely';
import type { CheckpointStore } from '../../core/persistence/port.js';
import type { TeamScoreRecord } from '../../core/persistence/records.js';
import { lookupInChunks, sortByKeys } from './batches.js';
import { fromJson, toJson } from './columns.js';
import type { Database, TeamScoresTable } from './tables.js';

type TeamScoreRows = Pick<CheckpointStore, 'teamScore' | 'teamScores' | 'putTeamScore' | 'deleteTeamScore'>;

export function teamScoreRows(db: Kysely<Database>): TeamScoreRows {
  return {
    teamScore: async (teamId) => {
      const row = await db.selectFrom('team_scores').selectAll().where('team_id', '=', teamId).executeTakeFirst();
      return row === undefined ? undefined : teamScoreFromRow(row);
    },
    teamScores: (teamIds) => teamScores(db, teamIds),
    putTeamScore: (score) => putTeamScore(db, score),
    deleteTeamScore: async (teamId) => {
      await db.deleteFrom('team_scores').where('team_id', '=', teamId).execute();
    },
  };
}

async function teamScores(db: Kysely<Database>, teamIds: readonly string[] | undefined): Promise<TeamScoreRecord[]> {
  const rows =
    teamIds === undefined
      ? await db.selectFrom('team_scores').selectAll().execute()
      : await lookupInChunks(teamIds, (chunk) => db.selectFrom('team_scores').selectAll().where('team_id', 'in', chunk).execute());
  return sortByKeys(rows.map(teamScoreFromRow), (score) => score.teamId);
}

async function putTeamScore(db: Kysely<Database>, score: TeamScoreRecord): Promise<void> {
  const values = teamScoreToRow(score);
  const { team_id: _teamId, ...rest } = values;
  await db
    .insertInto('team_scores')
    .values(values)
    .onConflict((oc) => oc.column('team_id').doUpdateSet(rest))
    .execute();
}

function teamScoreToRow(score: TeamScoreRecord): TeamScoresTable {
  return {
    team_id: score.teamId,
    checkpoint_id: score.checkpointId,
    date: score.date,
    as_of: score.asOf,
    valid_until: score.validUntil,
    scores: toJson(score.scores),
  };
}

function teamScoreFromRow(row: Selectable<TeamScoresTable>): TeamScoreRecord {
  return {
    teamId: row.team_id,
    checkpointId: row.checkpoint_id,
    date: row.date,
    asOf: row.as_of,
    validUntil: row.valid_until,
    scores: fromJson(row.scores),
  };
}
