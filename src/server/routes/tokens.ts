import { z } from 'zod';
import { TOKEN_SCOPES } from '../../core/persistence/records.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/org/api-tokens.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { teamIdParam, uuid } from '../schemas.js';

const TAGS = ['tokens'];

const createToken = defineRoute({
  method: 'POST',
  url: '/api/v1/teams/:teamId/tokens',
  summary: 'Create an API token for CI (leads and admins); the token is in this response only',
  description: 'The token (`stw_…`, 256 random bits) is shown once: only its SHA-256 hash is stored. Send it as `Authorization: Bearer <token>`.',
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'team-param' },
  params: teamIdParam,
  body: z.strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  }),
  responses: { 201: { description: '`{id, name, scopes, last4, token}`' }, 409: { description: 'Too many active tokens' } },
  handler: async (request, context) => replyWith(await createApiToken(context.store, request.params.teamId, request.body, actorOf(request, context)), 201),
});

const listTokens = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/tokens',
  summary: "The team's API tokens, without the tokens or their hashes (leads and admins)",
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'team-param' },
  params: teamIdParam,
  responses: { 200: { description: '`{tokens: [{id, name, scopes, last4, createdBy, createdAt, lastUsedAt, revokedAt}]}`' } },
  handler: async (request, context) => ({ status: 200, body: { tokens: await listApiTokens(context.store, request.params.teamId) } }),
});

const revokeToken = defineRoute({
  method: 'DELETE',
  url: '/api/v1/teams/:teamId/tokens/:tokenId',
  summary: 'Revoke an API token: it is refused from the next request on (leads and admins)',
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'team-param' },
  params: z.strictObject({ teamId: teamIdParam.shape.teamId, tokenId: uuid }),
  responses: { 204: { description: 'Revoked' }, 404: { description: 'No such token in this team' } },
  handler: async (request, context) => {
    const result = await revokeApiToken(context.store, request.params.teamId, request.params.tokenId, actorOf(request, context));
    return result.ok ? { status: 204 } : replyWith(result, 204);
  },
});

export const tokenRoutes: readonly Route[] = [createToken, listTokens, revokeToken];
