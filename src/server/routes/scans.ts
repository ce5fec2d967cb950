import { z } from 'zod';
import { scanResultSchema } from '../../scanner/result-schema.js';
import { pushScan } from '../../services/org/scan-push.js';
import { refuse } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { teamIdParam, uuid } from '../schemas.js';

const TAGS = ['scans'];
/** A scan of a large monorepo with many findings stays well below this. */
const MAX_SCAN_BYTES = 10 * 1024 * 1024;
/** The saved-scan schema the CLI reads `--baseline` and `--from-scan` with; unknown top-level fields are refused (S15). */
const scanBody = z.strictObject(scanResultSchema.shape);

const push = defineRoute({
  method: 'POST',
  url: '/api/v1/teams/:teamId/scans',
  summary: 'Push a `stepwise scan --format json` result (CI with a scan:push token, or assessors, leads and admins)',
  description:
    "The result is stored and its evidence becomes proposals in the team's open checkpoint, or in a new draft dated today: per practice with evidence, a `proposed` status and `finding` evidence entries. A status a person set is never changed.",
  tags: TAGS,
  policy: { action: 'team:push-scan', scope: 'team-param' },
  params: teamIdParam,
  body: scanBody,
  bodyLimit: MAX_SCAN_BYTES,
  responses: { 201: { description: '`{scanId, checkpointId, proposed}`' }, 400: { description: 'Not a scan result' }, 413: { description: 'Larger than 10 MiB' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    const { principal } = request;
    const result = await pushScan(context.store, {
      teamId: request.params.teamId,
      scan: request.body,
      model,
      actor: actorOf(request, context),
      token: principal.kind === 'token' ? principal.token : undefined,
    });
    return replyWith(result, 201);
  },
});

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/scans',
  summary: "The team's pushed scans, newest first (without their results)",
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  responses: { 200: { description: '`{scans: [{id, teamId, pushedAt, pushedBy}]}`' } },
  handler: async (request, context) => ({ status: 200, body: { scans: await context.store.scansOfTeam(request.params.teamId, request.query.limit) } }),
});

const one = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/scans/:scanId',
  summary: 'One pushed scan with its result document',
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: z.strictObject({ teamId: teamIdParam.shape.teamId, scanId: uuid }),
  responses: { 200: { description: '`{id, teamId, pushedAt, pushedBy, result}`' }, 404: { description: 'No such scan in this team' } },
  handler: async (request, context) => {
    const scan = await context.store.scanById(request.params.scanId);
    // A scan of another team is answered as missing, whether or not it exists (S14).
    if (scan === undefined || scan.teamId !== request.params.teamId) return refuse(404, 'not found');
    return { status: 200, body: scan };
  },
});

export const scanRoutes: readonly Route[] = [push, list, one];
