import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { Persistence, Repositories } from '../../core/persistence/port.js';
import { TOKEN_SCOPES } from '../../core/persistence/records.js';
import type { ApiTokenRecord, TokenScope } from '../../core/persistence/records.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { hashSecret, newId, newSecret } from './tokens.js';

/**
 * Team API tokens for CI pipelines (SECURITY.md S18): scoped to one team and named actions, shown
 * once, stored as a SHA-256 hash, revocable, and never written anywhere but to the one response that
 * creates them (the audit log keeps at most the last 4 characters).
 */

export const API_TOKEN_PREFIX = 'stw_';
/** Active tokens a team may hold at once; revoked ones do not count. */
export const MAX_ACTIVE_TOKENS_PER_TEAM = 50;

/** A token as lists show it: never the token, never its hash. */
export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly last4: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** What creating a token returns: the only time the token itself is seen. */
export interface CreatedApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly last4: string;
  readonly token: string;
}

/** The public view of a stored token. */
export function tokenView(record: ApiTokenRecord): ApiTokenView {
  return {
    id: record.id,
    name: record.name,
    scopes: [...record.scopes],
    last4: record.last4,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
  };
}

/** A lead or admin creates a token for the team; only its hash is stored. */
export async function createApiToken(store: Persistence, teamId: string, input: { name: string; scopes: readonly TokenScope[] }, actor: Actor): Promise<Result<CreatedApiToken>> {
  const scopes = TOKEN_SCOPES.filter((scope) => input.scopes.includes(scope));
  if (scopes.length === 0) return fail('invalid-input', `a token needs at least one scope (${TOKEN_SCOPES.join(', ')})`);
  const token = newSecret(API_TOKEN_PREFIX);
  const record: ApiTokenRecord = {
    id: newId(),
    teamId,
    name: input.name,
    tokenHash: hashSecret(token),
    scopes,
    last4: token.slice(-4),
    createdBy: actor.name,
    createdAt: actor.at,
    revokedAt: null,
    lastUsedAt: null,
  };
  return store.transaction(async (tx) => {
    const active = (await tx.apiTokensOfTeam(teamId)).filter((existing) => existing.revokedAt === null);
    if (active.length >= MAX_ACTIVE_TOKENS_PER_TEAM) return fail('conflict', `the team has ${active.length} active tokens already: revoke unused ones first`);
    await tx.insertApiToken(record);
    await audit(tx, actor, { action: 'token.create', teamId, target: `token:${record.id}`, detail: { name: record.name, scopes, last4: record.last4 } });
    return ok({ id: record.id, name: record.name, scopes, last4: record.last4, token });
  });
}

/** The team's tokens, oldest first, revoked ones included. */
export async function listApiTokens(store: Persistence, teamId: string): Promise<ApiTokenView[]> {
  return (await store.apiTokensOfTeam(teamId)).map(tokenView);
}

/** Revokes a token of the team; it is refused from the next request on. Revoking twice changes nothing. */
export async function revokeApiToken(store: Persistence, teamId: string, tokenId: string, actor: Actor): Promise<Result<ApiTokenView>> {
  return store.transaction(async (tx) => {
    const token = (await tx.apiTokensOfTeam(teamId)).find((candidate) => candidate.id === tokenId);
    if (token === undefined) return fail('not-found', 'no such token in this team');
    if (token.revokedAt !== null) return ok(tokenView(token));
    await tx.revokeApiToken(teamId, tokenId, actor.at);
    await audit(tx, actor, { action: 'token.revoke', teamId, target: `token:${token.id}`, detail: { name: token.name, last4: token.last4 } });
    return ok(tokenView({ ...token, revokedAt: actor.at }));
  });
}

/** Records that a token was used for `use` (S22): its last-used time and an audit entry with its last 4 characters. */
export async function recordTokenUse(tx: Repositories, token: ApiTokenRecord, actor: Actor, use: string): Promise<void> {
  await tx.touchApiToken(token.id, actor.at);
  await audit(tx, actor, { action: 'token.use', teamId: token.teamId, target: `token:${token.id}`, detail: { use, last4: token.last4 } });
}
