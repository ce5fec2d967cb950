import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AccountStore, UserChanges } from '../../core/persistence/port.js';
import type { UserRecord } from '../../core/persistence/records.js';
import { compareText } from '../../core/text-order.js';
import { fromFlag, toCount, toFlag } from './columns.js';
import type { Database, UsersTable } from './tables.js';
import { atomically, insertOutcome, settleWrite } from './versioned.js';

type UserRows = Pick<AccountStore, 'countUsers' | 'insertUser' | 'userById' | 'userByName' | 'listUsers' | 'updateUser'>;
type SetupTokenRows = Pick<AccountStore, 'putSetupToken' | 'consumeSetupToken'>;

export function userRows(db: Kysely<Database>): UserRows {
  return {
    countUsers: () => countUsers(db),
    insertUser: (user) => insertUser(db, user),
    userById: async (id) => mapRow(await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()),
    userByName: async (username) =>
      mapRow(await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()),
    listUsers: async () =>
      (await db.selectFrom('users').selectAll().execute()).map(userFromRow).sort((a, b) => compareText(a.username, b.username)),
    updateUser: (id, expectedVersion, changes) => updateUser(db, id, expectedVersion, changes),
  };
}

export function setupTokenRows(db: Kysely<Database>): SetupTokenRows {
  return {
    putSetupToken: (tokenHash, createdAt) => putSetupToken(db, tokenHash, createdAt),
    consumeSetupToken: async (tokenHash, usedAt) => {
      const result = await db
        .updateTable('setup_tokens')
        .set({ used_at: usedAt })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  return toCount(row.count);
}

async function insertUser(db: Kysely<Database>, user: UserRecord): Promise<'ok' | 'duplicate'> {
  const result = await db
    .insertInto('users')
    .values(userToRow(user))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return insertOutcome(result);
}

async function updateUser(db: Kysely<Database>, id: string, expectedVersion: number, changes: UserChanges) {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ ...userChangesToRow(changes), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return settleWrite(row, userFromRow, async () =>
    (await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()) !== undefined,
  );
}

/** Replaces any unused token; a hash that was used once is never accepted again. */
function putSetupToken(db: Kysely<Database>, tokenHash: string, createdAt: string): Promise<void> {
  return atomically(db, async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await trx
      .insertInto('setup_tokens')
      .values({ token_hash: tokenHash, created_at: createdAt, used_at: null })
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
  });
}

function mapRow(row: Selectable<UsersTable> | undefined): UserRecord | undefined {
  return row === undefined ? undefined : userFromRow(row);
}

function userFromRow(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isAdmin: fromFlag(row.is_admin),
    isAuditor: fromFlag(row.is_auditor),
    disabled: fromFlag(row.disabled),
    createdAt: row.created_at,
    version: row.version,
  };
}

function userToRow(user: UserRecord): UsersTable {
  return {
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    is_admin: toFlag(user.isAdmin),
    is_auditor: toFlag(user.isAuditor),
    disabled: toFlag(user.disabled),
    created_at: user.createdAt,
    version: 1,
  };
}

/** Kysely leaves `undefined` values out of the SET list. */
function userChangesToRow(changes: UserChanges): Updateable<UsersTable> {
  return {
    display_name: changes.displayName,
    password_hash: changes.passwordHash,
    is_admin: optionalFlag(changes.isAdmin),
    is_auditor: optionalFlag(changes.isAuditor),
    disabled: optionalFlag(changes.disabled),
  };
}

function optionalFlag(value: boolean | undefined): number | undefined {
  return value === undefined ? undefined : toFlag(value);
}
