import { z } from 'zod';
import { changePassword, completeSetup, login, logout, needsSetup, publicUser } from '../../services/org/accounts.js';
import { SESSION_COOKIE, CSRF_HEADER } from '../authenticate.js';
import type { ServerContext } from '../context.js';
import { refuse } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route, RouteRequest } from '../route.js';
import { displayName, password, username } from '../schemas.js';

const TAGS = ['session'];

function sessionCookie(value: string, maxAgeSeconds: number, request: RouteRequest<unknown, unknown, unknown>, context: ServerContext): string {
  const secure = context.config.secureCookies === 'auto' ? request.https : context.config.secureCookies;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

const setupStatus = defineRoute({
  method: 'GET',
  url: '/api/v1/setup',
  summary: 'Whether the instance still waits for its first admin',
  tags: TAGS,
  policy: { action: 'public', scope: 'none' },
  responses: { 200: { description: '`{needsSetup}`' } },
  handler: async (_request, context) => ({ status: 200, body: { needsSetup: await needsSetup(context.store) } }),
});

const setup = defineRoute({
  method: 'POST',
  url: '/api/v1/setup',
  summary: 'Create the instance admin with the one-time setup token printed by `stepwise serve`',
  tags: TAGS,
  policy: { action: 'public', scope: 'none' },
  body: z.strictObject({ token: z.string().min(1).max(200), username, displayName, password }),
  responses: { 201: { description: 'The admin was created; sign in next' }, 403: { description: 'Token wrong or used' } },
  handler: async (request, context) => {
    const { token, ...admin } = request.body;
    const result = await completeSetup(context.store, context.passwords, token, admin, actorOf(request, context));
    return replyWith(result, 201, publicUser);
  },
});

const signIn = defineRoute({
  method: 'POST',
  url: '/api/v1/session',
  summary: 'Sign in; sets the session cookie and returns the CSRF token to send on every change',
  tags: TAGS,
  policy: { action: 'public', scope: 'none' },
  body: z.strictObject({ username: z.string().min(1).max(200), password }),
  responses: { 200: { description: 'Signed in' }, 401: { description: 'Wrong username or password' }, 429: { description: 'Too many failures; wait' } },
  handler: async (request, context) => {
    const outcome = await login(context.store, context.passwords, context.config, request.body, actorOf(request, context));
    if (outcome.kind === 'throttled') return refuse(429, 'too many failed sign-ins; wait and try again', undefined, { 'retry-after': String(outcome.retryAfterSeconds) });
    if (outcome.kind === 'refused') return refuse(401, 'wrong username or password');
    const maxAge = context.config.sessionAbsoluteHours * 3600;
    return {
      status: 200,
      body: { user: publicUser(outcome.user), csrfToken: outcome.csrfToken, csrfHeader: CSRF_HEADER },
      headers: { 'set-cookie': sessionCookie(outcome.sessionId, maxAge, request, context) },
    };
  },
});

const currentSession = defineRoute({
  method: 'GET',
  url: '/api/v1/session',
  summary: 'Who is signed in, their team roles and the CSRF token',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  responses: { 200: { description: 'The session' }, 401: { description: 'Not signed in' } },
  handler: (request) => {
    const { principal } = request;
    if (principal.kind !== 'user') return Promise.resolve(refuse(403, 'API tokens have no session'));
    return Promise.resolve({
      status: 200,
      body: { user: publicUser(principal.user), roles: Object.fromEntries(principal.roles), csrfToken: principal.csrfToken, csrfHeader: CSRF_HEADER },
    });
  },
});

const signOut = defineRoute({
  method: 'DELETE',
  url: '/api/v1/session',
  summary: 'Sign out: the session ends at once',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  responses: { 204: { description: 'Signed out' } },
  handler: async (request, context) => {
    if (request.principal.kind !== 'user') return refuse(403, 'API tokens have no session');
    await logout(context.store, request.principal.sessionHash, actorOf(request, context));
    return { status: 204, headers: { 'set-cookie': sessionCookie('', 0, request, context) } };
  },
});

const newPassword = defineRoute({
  method: 'PUT',
  url: '/api/v1/session/password',
  summary: "Change one's own password; other sessions end",
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  body: z.strictObject({ current: password, next: password }),
  responses: { 200: { description: 'Changed' }, 403: { description: 'Current password wrong' } },
  handler: async (request, context) => {
    const { principal } = request;
    if (principal.kind !== 'user') return refuse(403, 'API tokens have no password');
    const result = await changePassword(context.store, context.passwords, principal.user, request.body, principal.sessionHash, actorOf(request, context));
    return replyWith(result, 200, publicUser);
  },
});

export const sessionRoutes: readonly Route[] = [setupStatus, setup, signIn, currentSession, signOut, newPassword];
