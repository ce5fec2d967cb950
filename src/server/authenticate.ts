import type { FastifyRequest } from 'fastify';
import { resolveSession } from '../services/org/accounts.js';
import { hashSecret } from '../services/org/tokens.js';
import type { ServerContext } from './context.js';
import type { Principal } from './policy.js';

export const SESSION_COOKIE = 'stepwise_session';
export const CSRF_HEADER = 'x-csrf-token';
const BEARER = /^Bearer\s+(\S{1,512})$/i;

/** How the request proved who sent it; `invalid-token` is refused at once with 401. */
export type Authentication = { readonly principal: Principal; readonly via: 'none' | 'cookie' | 'token' } | { readonly invalidToken: true };

const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Finds the principal from the `Authorization: Bearer` header (API tokens) or the session cookie. */
export async function authenticate(request: FastifyRequest, context: ServerContext): Promise<Authentication> {
  const authorization = request.headers.authorization;
  // Only the Bearer scheme is ours; a proxy's own `Basic` credentials must not lock everyone out.
  if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) return authenticateToken(authorization, context);
  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId === undefined || sessionId === '' || sessionId.length > 200) return { principal: ANONYMOUS, via: 'none' };
  const session = await resolveSession(context.store, context.config, sessionId, context.clock.now());
  if (session === undefined) return { principal: ANONYMOUS, via: 'none' };
  return {
    principal: { kind: 'user', user: session.user, sessionHash: session.session.idHash, csrfToken: session.session.csrfToken, roles: session.roles },
    via: 'cookie',
  };
}

async function authenticateToken(header: string, context: ServerContext): Promise<Authentication> {
  const match = BEARER.exec(header);
  if (match === null) return { invalidToken: true };
  const token = await context.store.apiTokenByHash(hashSecret(match[1] ?? ''));
  if (token === undefined || token.revokedAt !== null) return { invalidToken: true };
  const team = await context.store.teamById(token.teamId);
  if (team === undefined) return { invalidToken: true };
  return { principal: { kind: 'token', token }, via: 'token' };
}

/** True when the method may change state, so a cookie-authenticated request needs its CSRF token. */
export function changesState(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
