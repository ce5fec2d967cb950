import { z } from 'zod';
import { STRATEGIES } from '../../core/backlog/priority.js';
import { isIsoDate } from '../../core/dates.js';
import { REPORT_CHARTS, REPORT_ORDERS } from '../../core/ports.js';
import { dueView, heatmapBytes, renderOrgReport, teamSummary } from '../../services/org/views.js';
import { openView } from '../../services/org/views-workspace.js';
import { readableTeams } from '../policy.js';
import { refuse, refusalOf } from '../problem.js';
import { replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { teamIdParam } from '../schemas.js';
import { TEAM_ID } from '../../core/workspace/schema.js';

const TAGS = ['views'];
const SIGNED_IN = { action: 'signed-in', scope: 'none' } as const;

/** Query values shared by the views and the backlog routes. */
export const calendarDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
export const groupName = z.string().min(1).max(200);
export const teamFilter = z.string().regex(TEAM_ID, 'not a team id');
export const strategy = z.enum(STRATEGIES);

const heatmap = defineRoute({
  method: 'GET',
  url: '/api/v1/heatmap',
  summary: 'Teams × domains: level, progress, target, gap, change since the previous checkpoint (readable teams only)',
  description:
    'Each cell is an array whose fields `cellFields` names. Today\'s view comes from the score cache (a GET may fill it: no audit entry, no version change); `date` in the past computes the view from the latest final checkpoint on or before it.',
  tags: TAGS,
  policy: SIGNED_IN,
  query: z.strictObject({ group: groupName.optional(), date: calendarDate.optional() }),
  responses: { 200: { description: '`{date, domains, levels, cellFields, teams: [{id, name, group, date, previousDate, cells}]}`' } },
  handler: async (request, context) => {
    const json = await heatmapBytes(context.store, context.models, readableTeams(request.principal), request.query, context.clock.now());
    return { status: 200, json };
  },
});

const summary = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/summary',
  summary: "A team's page: radar, trend, gaps, stale evidence, disagreements, next backlog items, due date",
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  responses: { 200: { description: 'The summary' }, 404: { description: 'No such team, or not visible' } },
  handler: async (request, context) => {
    const team = await context.store.teamById(request.params.teamId);
    if (team === undefined) return refuse(404, 'not found');
    const view = await openView(context.store, context.models, context.clock.now());
    return replyWith(await teamSummary(view, team, context.version), 200);
  },
});

const due = defineRoute({
  method: 'GET',
  url: '/api/v1/due',
  summary: 'Readable teams due for reassessment within windowDays (default 30), overdue or never assessed, most urgent first',
  tags: TAGS,
  policy: SIGNED_IN,
  query: z.strictObject({ windowDays: z.string().regex(/^\d{1,4}$/, 'a whole number of days, 0 to 9999').transform(Number).optional() }),
  responses: { 200: { description: '`{asOf, windowDays, teams: [{team, name, group, cadence, lastCheckpoint, nextDue, status, daysLeft}]}`' } },
  handler: async (request, context) => {
    const view = await openView(context.store, context.models, context.clock.now());
    return { status: 200, body: await dueView(view, readableTeams(request.principal), request.query.windowDays ?? 30) };
  },
});

const report = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/:format',
  summary: 'Download a report of the readable teams: html, md, json, xlsx or svg (narrow with team or group)',
  tags: TAGS,
  policy: SIGNED_IN,
  params: z.strictObject({ format: z.string().regex(/^[a-z]{1,20}$/, 'not a report format') }),
  query: z.strictObject({
    team: teamFilter.optional(),
    group: groupName.optional(),
    strategy: strategy.optional(),
    chart: z.enum(REPORT_CHARTS).optional(),
    order: z.enum(REPORT_ORDERS).optional(),
  }),
  responses: { 200: { description: 'The report file', mediaType: 'application/octet-stream' }, 400: { description: 'Unknown format' }, 404: { description: 'No such team, or not visible' } },
  handler: async (request, context) => {
    const exporter = context.reportExporters.get(request.params.format);
    if (exporter === undefined) return refuse(400, `unknown report format "${request.params.format}" (formats: ${[...context.reportExporters.keys()].join(', ')})`);
    const view = await openView(context.store, context.models, context.clock.now());
    const rendered = await renderOrgReport(view, readableTeams(request.principal), exporter, { ...request.query, strategy: request.query.strategy ?? 'balanced', toolVersion: context.version });
    if (!rendered.ok) return refusalOf(rendered.error);
    return { status: 200, file: rendered.value, mediaType: exporter.mediaType, fileName: `stepwise-report-${view.today}.${exporter.extension}` };
  },
});

export const viewRoutes: readonly Route[] = [heatmap, summary, due, report];
