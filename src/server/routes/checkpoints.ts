import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { CHECKPOINT_STATES } from '../../core/persistence/records.js';
import { ANSWER_STATUSES, checkpointSchema, evidenceSchema } from '../../core/workspace/schema.js';
import { putCheckpointAnswer, putOwnRating, withdrawOwnRating } from '../../services/org/checkpoint-answers.js';
import type { RatingTarget } from '../../services/org/checkpoint-answers.js';
import { pushCheckpoint } from '../../services/org/checkpoint-push.js';
import { checkpointView } from '../../services/org/checkpoint-view.js';
import type { RatingsViewer } from '../../services/org/checkpoint-view.js';
import { changeCheckpoint, checkpointHistory, compareTeamCheckpoints, startCheckpoint } from '../../services/org/checkpoints.js';
import type { Principal } from '../policy.js';
import { refuse } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route, RouteRequest } from '../route.js';
import { levelTargets, teamIdParam, uuid } from '../schemas.js';

const TAGS = ['checkpoints'];
const date = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD');
const checkpointParam = z.strictObject({ checkpointId: uuid });
const practiceParam = z.strictObject({ checkpointId: uuid, practiceId: z.string().min(1).max(200) });
const answerStatus = z.enum(ANSWER_STATUSES);

/** A lead of the team or an instance admin: the facilitator who decides the consensus. */
function decides(principal: Principal, teamId: string | undefined): boolean {
  if (principal.kind !== 'user') return false;
  return principal.user.isAdmin || (teamId !== undefined && principal.roles.get(teamId) === 'lead');
}

/** A rating is always the caller's own: the rater is the signed-in username, never a body field. */
function ratingTarget(request: RouteRequest<z.output<typeof practiceParam>, unknown, unknown>): RatingTarget | undefined {
  if (request.principal.kind !== 'user') return undefined;
  return { ...request.params, rater: request.principal.user.username, expectedVersion: request.ifMatch ?? 0 };
}

const listCheckpoints = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/checkpoints',
  summary: "A team's checkpoints in every state, oldest first, with answered/rated counts",
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  responses: { 200: { description: '`{checkpoints: [{id, date, state, model, version, counts: {answered, ratedPractices, raters}}]}`' } },
  handler: async (request, context) => ({ status: 200, body: { checkpoints: await checkpointHistory(context.store, request.params.teamId) } }),
});

const createCheckpoint = defineRoute({
  method: 'POST',
  url: '/api/v1/teams/:teamId/checkpoints',
  summary: 'Start a draft checkpoint (date defaults to today, UTC); copyFrom "latest" starts from the last final answers',
  tags: TAGS,
  policy: { action: 'team:rate', scope: 'team-param' },
  params: teamIdParam,
  body: z.strictObject({
    date: date.optional(),
    mode: z.enum(['quick', 'detailed']).optional(),
    domainScores: levelTargets.optional(),
    copyFrom: z.literal('latest').optional(),
  }),
  responses: { 201: { description: 'The draft checkpoint' }, 400: { description: 'Unknown domain or level' }, 409: { description: 'The team has a checkpoint on that date' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    const input = { ...request.body, date: request.body.date ?? context.clock.now().toISOString().slice(0, 10) };
    return replyWith(await startCheckpoint(context.store, model, request.params.teamId, input, actorOf(request, context)), 201);
  },
});

/** Leads, admins and auditors see every rating; anyone else sees only their own until the consensus round. */
function ratingsViewer(principal: Principal, teamId: string | undefined): RatingsViewer {
  if (principal.kind !== 'user') return { seesAll: false, rater: undefined };
  const { user, roles } = principal;
  if (user.isAdmin || user.isAuditor || (teamId !== undefined && roles.get(teamId) === 'lead')) return { seesAll: true };
  return { seesAll: false, rater: user.username };
}

const getCheckpoint = defineRoute({
  method: 'GET',
  url: '/api/v1/checkpoints/:checkpointId',
  summary: 'One checkpoint: answers with ratings, consensus and disagreement per practice, domains scored as of its date',
  tags: TAGS,
  policy: { action: 'team:read', scope: 'checkpoint-param' },
  params: checkpointParam,
  responses: { 200: { description: 'The checkpoint; the ETag is its version' }, 404: { description: 'No such checkpoint, or not visible' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    const view = await checkpointView(context.store, model, request.params.checkpointId, ratingsViewer(request.principal, request.teamId));
    return view === undefined ? refuse(404, 'not found') : { status: 200, body: view, version: view.version };
  },
});

const patchCheckpoint = defineRoute({
  method: 'PATCH',
  url: '/api/v1/checkpoints/:checkpointId',
  summary: 'Move a checkpoint along draft → rating → consensus → final (back from consensus to rating) or change its quick-mode scores (leads)',
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'checkpoint-param' },
  params: checkpointParam,
  ifMatch: true,
  body: z.strictObject({ state: z.enum(CHECKPOINT_STATES).optional(), domainScores: levelTargets.optional() }),
  responses: {
    200: { description: 'Changed' },
    400: { description: 'Nothing to change, unknown domain, or a not-applicable answer without justification when finalising' },
    409: { description: 'Final, or a state it cannot move to' },
    412: { description: 'Changed meanwhile' },
    428: { description: 'If-Match missing' },
  },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    return replyWith(await changeCheckpoint(context.store, model, request.params.checkpointId, request.ifMatch ?? 0, request.body, actorOf(request, context)), 200);
  },
});

const putRating = defineRoute({
  method: 'PUT',
  url: '/api/v1/checkpoints/:checkpointId/ratings/:practiceId',
  summary: "Give or change the caller's own rating of a practice (If-Match \"0\" gives a new one)",
  tags: TAGS,
  policy: { action: 'team:rate', scope: 'checkpoint-param' },
  params: practiceParam,
  ifMatch: true,
  body: z.strictObject({ status: answerStatus }),
  responses: { 200: { description: 'The rating; the ETag is its version' }, 404: { description: 'Not a practice of the model' }, 409: { description: 'The checkpoint is final' }, 412: { description: 'Changed meanwhile' } },
  handler: async (request, context) => {
    const target = ratingTarget(request);
    if (target === undefined) return refuse(403, 'only a signed-in person can rate');
    const model = await context.models.current(context.store);
    return replyWith(await putOwnRating(context.store, model, target, request.body.status, actorOf(request, context)), 200);
  },
});

const deleteRating = defineRoute({
  method: 'DELETE',
  url: '/api/v1/checkpoints/:checkpointId/ratings/:practiceId',
  summary: "Withdraw the caller's own rating of a practice",
  tags: TAGS,
  policy: { action: 'team:rate', scope: 'checkpoint-param' },
  params: practiceParam,
  ifMatch: true,
  responses: { 204: { description: 'Withdrawn' }, 404: { description: 'No such rating' }, 409: { description: 'The checkpoint is final' }, 412: { description: 'Changed meanwhile' } },
  handler: async (request, context) => {
    const target = ratingTarget(request);
    if (target === undefined) return refuse(403, 'only a signed-in person can rate');
    const model = await context.models.current(context.store);
    const result = await withdrawOwnRating(context.store, model, target, actorOf(request, context));
    return result.ok ? { status: 204 } : replyWith(result, 204);
  },
});

const putAnswer = defineRoute({
  method: 'PUT',
  url: '/api/v1/checkpoints/:checkpointId/answers/:practiceId',
  summary: "Write a practice's answer: status, justification, evidence (If-Match \"0\" creates it; in consensus only leads set the status)",
  tags: TAGS,
  policy: { action: 'team:rate', scope: 'checkpoint-param' },
  params: practiceParam,
  ifMatch: true,
  body: z.strictObject({
    status: answerStatus.nullable().optional(),
    justification: z.string().max(10_000).nullable().optional(),
    evidence: z.array(evidenceSchema).max(500).optional(),
  }),
  responses: {
    200: { description: 'The answer; the ETag is its version' },
    400: { description: 'not-applicable without justification, or a bad evidence entry (links: absolute http(s) URLs without credentials)' },
    403: { description: 'An assessor changing the status during consensus' },
    404: { description: 'Not a practice of the model' },
    409: { description: 'The checkpoint is final' },
    412: { description: 'Changed meanwhile' },
  },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    const target = { ...request.params, expectedVersion: request.ifMatch ?? 0, decides: decides(request.principal, request.teamId) };
    return replyWith(await putCheckpointAnswer(context.store, model, target, request.body, actorOf(request, context)), 200);
  },
});

const push = defineRoute({
  method: 'POST',
  url: '/api/v1/teams/:teamId/checkpoints/push',
  summary: 'Store a checkpoint document (the assessments/<team>/<date>.yaml format, as JSON) as a final checkpoint; the same document twice changes nothing',
  tags: TAGS,
  policy: { action: 'team:push-checkpoint', scope: 'team-param' },
  params: teamIdParam,
  body: checkpointSchema,
  responses: {
    200: { description: 'Already stored with the same content' },
    201: { description: 'Stored (created, or replacing a non-final checkpoint of that date)' },
    400: { description: 'Invalid document, another team, or practices/domains not in the model' },
    409: { description: 'A different final checkpoint exists on that date' },
  },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    const result = await pushCheckpoint(context.store, model, request.params.teamId, request.body, actorOf(request, context));
    return replyWith(result, result.ok && result.value.outcome === 'unchanged' ? 200 : 201);
  },
});

const compare = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/checkpoints/compare',
  summary: 'What changed between two checkpoints of the team: level delta per domain, practices gained and lost, targets reached',
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  query: z.strictObject({ from: uuid, to: uuid }),
  responses: { 200: { description: '`{team, from, to, fromId, toId, domains, gained, lost, targetsReached}`' }, 404: { description: 'A checkpoint is not the team\'s' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    return replyWith(await compareTeamCheckpoints(context.store, model, request.params.teamId, { fromId: request.query.from, toId: request.query.to }), 200);
  },
});

export const checkpointRoutes: readonly Route[] = [listCheckpoints, createCheckpoint, push, compare, getCheckpoint, patchCheckpoint, putRating, deleteRating, putAnswer];
