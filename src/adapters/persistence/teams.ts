import type { Kysely, Selectable, Updateable } from 'kysely';
import type { TeamChanges, TeamStore, Versioned } from '../../core/persistence/port.js';
import type { MembershipRecord, TeamRecord } from '../../core/persistence/records.js';
import { lookupInChunks, sortByKeys } from './batches.js';
import { fromJson, toJson } from './columns.js';
import type { Database, MembershipsTable, TeamsTable } from './tables.js';
import { changedColumn, insertOutcome, settleDelete, settleWrite } from './versioned.js';

type TeamRows = Pick<TeamStore, 'insertTeam' | 'teamById' | 'listTeams' | 'updateTeam' | 'deleteTeam'>;
type MembershipRows = Pick<TeamStore, 'putMembership' | 'deleteMembership' | 'membershipsOfUser' | 'membershipsOfTeam'>;

export function teamRows(db: Kysely<Database>): TeamRows {
  return {
    insertTeam: async (team) => {
      const result = await db.insertInto('teams').values(teamToRow(team)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return insertOutcome(result);
    },
    teamById: async (id) => {
      const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : teamFromRow(row);
    },
    listTeams: (ids) => listTeams(db, ids),
    updateTeam: (id, expectedVersion, changes) => updateTeam(db, id, expectedVersion, changes),
    deleteTeam: (id, expectedVersion) => deleteTeam(db, id, expectedVersion),
  };
}

export function membershipRows(db: Kysely<Database>): MembershipRows {
  return {
    putMembership: (membership) => putMembership(db, membership),
    deleteMembership: async (teamId, userId) => {
      const result = await db
        .deleteFrom('memberships')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    membershipsOfUser: async (userId) => {
      const rows = await db.selectFrom('memberships').selectAll().where('user_id', '=', userId).execute();
      return sortByKeys(rows.map(membershipFromRow), (membership) => membership.teamId);
    },
    membershipsOfTeam: async (teamId) => {
      const rows = await db.selectFrom('memberships').selectAll().where('team_id', '=', teamId).execute();
      return sortByKeys(rows.map(membershipFromRow), (membership) => membership.userId);
    },
  };
}

async function listTeams(db: Kysely<Database>, ids: readonly string[] | undefined): Promise<TeamRecord[]> {
  const rows =
    ids === undefined
      ? await db.selectFrom('teams').selectAll().execute()
      : await lookupInChunks(ids, (chunk) => db.selectFrom('teams').selectAll().where('id', 'in', chunk).execute());
  return sortByKeys(rows.map(teamFromRow), (team) => team.id);
}

async function updateTeam(db: Kysely<Database>, id: string, expectedVersion: number, changes: TeamChanges) {
  const row = await db
    .updateTable('teams')
    .set((eb) => ({ ...teamChangesToRow(changes), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, teamFromRow, () => teamExists(db, id));
}

/** Memberships, checkpoints and everything under them go with the team (ON DELETE CASCADE). */
async function deleteTeam(db: Kysely<Database>, id: string, expectedVersion: number): Promise<Versioned<true>> {
  const result = await db
    .deleteFrom('teams')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return settleDelete(result, () => teamExists(db, id));
}

/** A new membership starts at version 1; a role change bumps the version, the same role leaves it. */
async function putMembership(db: Kysely<Database>, membership: Omit<MembershipRecord, 'version'>): Promise<MembershipRecord> {
  const row = await db
    .insertInto('memberships')
    .values({ team_id: membership.teamId, user_id: membership.userId, role: membership.role, version: 1 })
    .onConflict((oc) =>
      oc.columns(['team_id', 'user_id']).doUpdateSet((eb) => ({
        role: eb.ref('excluded.role'),
        version: eb
          .case()
          .when('memberships.role', '=', eb.ref('excluded.role'))
          .then(eb.ref('memberships.version'))
          .else(eb('memberships.version', '+', 1))
          .end(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return membershipFromRow(row);
}

export async function teamExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

function teamToRow(team: TeamRecord): TeamsTable {
  return {
    id: team.id,
    name: team.name,
    group_name: team.group,
    cadence: team.cadence,
    targets: toJson(team.targets),
    created_at: team.createdAt,
    version: 1,
  };
}

function teamChangesToRow(changes: TeamChanges): Updateable<TeamsTable> {
  return {
    name: changes.name,
    group_name: changes.group,
    cadence: changes.cadence,
    targets: changedColumn(changes.targets, toJson),
  };
}

function teamFromRow(row: Selectable<TeamsTable>): TeamRecord {
  return {
    id: row.id,
    name: row.name,
    group: row.group_name,
    cadence: row.cadence,
    targets: fromJson(row.targets) as Record<string, number>,
    createdAt: row.created_at,
    version: row.version,
  };
}

function membershipFromRow(row: Selectable<MembershipsTable>): MembershipRecord {
  return { teamId: row.team_id, userId: row.user_id, role: row.role, version: row.version };
}
