import type { Kysely, Selectable } from 'kysely';
import type { AccountStore } from '../../core/persistence/port.js';
import type { SessionRecord } from '../../core/persistence/records.js';
import { toCount } from './columns.js';
import type { Database, SessionsTable } from './tables.js';

type SessionRows = Pick<AccountStore, 'insertSession' | 'sessionByHash' | 'touchSession' | 'deleteSession' | 'deleteSessionsOfUser'>;
type LoginFailureRows = Pick<AccountStore, 'recordLoginFailure' | 'countLoginFailures' | 'clearLoginFailures'>;

export function sessionRows(db: Kysely<Database>): SessionRows {
  return {
    insertSession: async (session) => {
      await db.insertInto('sessions').values(sessionToRow(session)).execute();
    },
    sessionByHash: async (idHash) => {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row === undefined ? undefined : sessionFromRow(row);
    },
    touchSession: async (idHash, lastSeenAt) => {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id_hash', '=', idHash).execute();
    },
    deleteSession: async (idHash) => {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    deleteSessionsOfUser: (userId, exceptHash) => deleteSessionsOfUser(db, userId, exceptHash),
  };
}

export function loginFailureRows(db: Kysely<Database>): LoginFailureRows {
  return {
    recordLoginFailure: async (key, at) => {
      await db.insertInto('login_failures').values({ key, at }).execute();
    },
    countLoginFailures: async (key, since) => {
      const row = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('key', '=', key)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return toCount(row.count);
    },
    clearLoginFailures: async (key) => {
      await db.deleteFrom('login_failures').where('key', '=', key).execute();
    },
  };
}

async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, exceptHash: string | undefined): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash !== undefined) query = query.where('id_hash', '<>', exceptHash);
  const result = await query.executeTakeFirst();
  return toCount(result.numDeletedRows);
}

function sessionToRow(session: SessionRecord): SessionsTable {
  return {
    id_hash: session.idHash,
    user_id: session.userId,
    csrf_token: session.csrfToken,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
  };
}

function sessionFromRow(row: Selectable<SessionsTable>): SessionRecord {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}
