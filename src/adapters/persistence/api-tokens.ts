import type { Kysely, Selectable } from 'kysely';
import type { AccountStore } from '../../core/persistence/port.js';
import type { ApiTokenRecord, TokenScope } from '../../core/persistence/records.js';
import { sortByKeys } from './batches.js';
import { fromJson, toJson } from './columns.js';
import type { ApiTokensTable, Database } from './tables.js';

type ApiTokenRows = Pick<AccountStore, 'insertApiToken' | 'apiTokenByHash' | 'apiTokensOfTeam' | 'revokeApiToken' | 'touchApiToken'>;

export function apiTokenRows(db: Kysely<Database>): ApiTokenRows {
  return {
    insertApiToken: async (token) => {
      await db.insertInto('api_tokens').values(apiTokenToRow(token)).execute();
    },
    apiTokenByHash: async (tokenHash) => {
      const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row === undefined ? undefined : apiTokenFromRow(row);
    },
    apiTokensOfTeam: async (teamId) => {
      const rows = await db.selectFrom('api_tokens').selectAll().where('team_id', '=', teamId).execute();
      return sortByKeys(rows.map(apiTokenFromRow), (token) => token.createdAt, (token) => token.id);
    },
    revokeApiToken: async (teamId, id, at) => {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    touchApiToken: async (id, at) => {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}

function apiTokenToRow(token: ApiTokenRecord): ApiTokensTable {
  return {
    id: token.id,
    team_id: token.teamId,
    name: token.name,
    token_hash: token.tokenHash,
    scopes: toJson(token.scopes),
    last4: token.last4,
    created_by: token.createdBy,
    created_at: token.createdAt,
    revoked_at: token.revokedAt,
    last_used_at: token.lastUsedAt,
  };
}

function apiTokenFromRow(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    tokenHash: row.token_hash,
    scopes: fromJson(row.scopes) as TokenScope[],
    last4: row.last4,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}
