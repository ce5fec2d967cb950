import { z } from 'zod';
import { CADENCES } from '../../core/workspace/schema.js';
import { TEAM_ROLES } from '../../core/persistence/records.js';
import type { TeamRecord } from '../../core/persistence/records.js';
import { createTeam, deleteTeam, removeMembership, setMembership, teamMembers, updateTeam, visibleTeams } from '../../services/org/teams.js';
import { readableTeams } from '../policy.js';
import { refuse } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { levelTargets, teamIdParam, uuid } from '../schemas.js';
import { TEAM_ID } from '../../core/workspace/schema.js';

const TAGS = ['teams'];
const name = z.string().trim().min(1).max(200);
const group = z.string().trim().min(1).max(200).nullable();
const cadence = z.enum(CADENCES).nullable();

function showTeam(team: TeamRecord): TeamRecord {
  return team;
}

const listTeams = defineRoute({
  method: 'GET',
  url: '/api/v1/teams',
  summary: 'Teams the caller may see (all for admins and auditors, their own for members)',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  query: z.strictObject({ group: z.string().max(200).optional() }),
  responses: { 200: { description: '`{teams: [...]}`' } },
  handler: async (request, context) => {
    const teams = await visibleTeams(context.store, readableTeams(request.principal));
    const shown = request.query.group === undefined ? teams : teams.filter((team) => team.group === request.query.group);
    return { status: 200, body: { teams: shown.map(showTeam) } };
  },
});

const addTeam = defineRoute({
  method: 'POST',
  url: '/api/v1/teams',
  summary: 'Create a team (admins)',
  tags: TAGS,
  policy: { action: 'admin', scope: 'none' },
  body: z.strictObject({ id: z.string().regex(TEAM_ID, 'team ids are lower-case letters, digits, "-" or "_"'), name, group: group.optional(), cadence: cadence.optional(), targets: levelTargets.optional() }),
  responses: { 201: { description: 'Created' }, 409: { description: 'Id taken' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    return replyWith(await createTeam(context.store, model, request.body, actorOf(request, context)), 201, showTeam);
  },
});

const getTeam = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId',
  summary: 'One team: name, group, cadence, targets',
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  responses: { 200: { description: 'The team' }, 404: { description: 'No such team, or not visible' } },
  handler: async (request, context) => {
    const team = await context.store.teamById(request.params.teamId);
    if (team === undefined) return refuse(404, 'not found');
    return { status: 200, body: showTeam(team), version: team.version };
  },
});

const changeTeam = defineRoute({
  method: 'PATCH',
  url: '/api/v1/teams/:teamId',
  summary: "Change a team's name, group, cadence or targets (leads and admins)",
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'team-param' },
  params: teamIdParam,
  ifMatch: true,
  body: z.strictObject({ name: name.optional(), group: group.optional(), cadence: cadence.optional(), targets: levelTargets.optional() }),
  responses: { 200: { description: 'Changed' }, 412: { description: 'Changed meanwhile' }, 428: { description: 'If-Match missing' } },
  handler: async (request, context) => {
    const model = await context.models.current(context.store);
    return replyWith(await updateTeam(context.store, model, request.params.teamId, request.ifMatch ?? 0, request.body, actorOf(request, context)), 200, showTeam);
  },
});

const removeTeam = defineRoute({
  method: 'DELETE',
  url: '/api/v1/teams/:teamId',
  summary: 'Delete a team and all it owns (admins)',
  tags: TAGS,
  policy: { action: 'admin', scope: 'team-param' },
  params: teamIdParam,
  ifMatch: true,
  responses: { 204: { description: 'Deleted' }, 412: { description: 'Changed meanwhile' } },
  handler: async (request, context) => {
    const result = await deleteTeam(context.store, request.params.teamId, request.ifMatch ?? 0, actorOf(request, context));
    return result.ok ? { status: 204 } : replyWith(result, 204);
  },
});

const members = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/members',
  summary: 'Members of a team and their roles',
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  responses: { 200: { description: '`{members: [...]}`' } },
  handler: async (request, context) => ({ status: 200, body: { members: await teamMembers(context.store, request.params.teamId) } }),
});

const memberParam = z.strictObject({ teamId: teamIdParam.shape.teamId, userId: uuid });

const putMember = defineRoute({
  method: 'PUT',
  url: '/api/v1/teams/:teamId/members/:userId',
  summary: 'Give a user a role in the team: lead, assessor or viewer (admins)',
  tags: TAGS,
  policy: { action: 'admin', scope: 'team-param' },
  params: memberParam,
  body: z.strictObject({ role: z.enum(TEAM_ROLES) }),
  responses: { 200: { description: 'The membership' } },
  handler: async (request, context) =>
    replyWith(await setMembership(context.store, request.params.teamId, request.params.userId, request.body.role, actorOf(request, context)), 200),
});

const deleteMember = defineRoute({
  method: 'DELETE',
  url: '/api/v1/teams/:teamId/members/:userId',
  summary: 'Remove a user from the team (admins)',
  tags: TAGS,
  policy: { action: 'admin', scope: 'team-param' },
  params: memberParam,
  responses: { 204: { description: 'Removed' } },
  handler: async (request, context) => {
    const result = await removeMembership(context.store, request.params.teamId, request.params.userId, actorOf(request, context));
    return result.ok ? { status: 204 } : replyWith(result, 204);
  },
});

export const teamRoutes: readonly Route[] = [listTeams, addTeam, getTeam, changeTeam, removeTeam, members, putMember, deleteMember];
