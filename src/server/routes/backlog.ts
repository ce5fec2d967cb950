import { z } from 'zod';
import { BACKLOG_STATUSES } from '../../core/persistence/records.js';
import type { BacklogStatusRecord } from '../../core/persistence/records.js';
import { backlogDocument, backlogListing, backlogWorkbook, setBacklogStatus } from '../../services/org/org-backlog.js';
import type { BacklogListing, BacklogQuery } from '../../services/org/org-backlog.js';
import { openView } from '../../services/org/views-workspace.js';
import type { ReadableTeams, ViewContext } from '../../services/org/views-workspace.js';
import type { ServerContext } from '../context.js';
import { readableTeams } from '../policy.js';
import { refuse, refusalOf } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Reply, Route } from '../route.js';
import { teamIdParam } from '../schemas.js';
import { groupName, strategy, teamFilter } from './views.js';

const TAGS = ['backlog'];
/** The workbook comes from the report exporter; every other download from a backlog exporter. */
const WORKBOOK = 'xlsx';

const format = z.string().regex(/^[a-z]{1,20}$/, 'not a backlog format');
const teamQuery = z.strictObject({ strategy: strategy.optional(), status: z.enum(BACKLOG_STATUSES).optional(), format: format.optional() });
const orgQuery = teamQuery.extend({ team: teamFilter.optional(), group: groupName.optional() });

const FORMATS_NOTE = 'format=json (default) answers `{asOf, strategy, items}`; csv, jira, github, md and xlsx download a file.';

const orgBacklog = defineRoute({
  method: 'GET',
  url: '/api/v1/backlog',
  summary: 'The prioritised backlog of the readable teams, with statuses (narrow by team, group, status)',
  description: FORMATS_NOTE,
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  query: orgQuery,
  responses: { 200: { description: 'The backlog, or a download' }, 400: { description: 'Unknown format' }, 404: { description: 'No such team, or not visible' } },
  handler: async (request, context) => {
    const { format: wanted, ...filters } = request.query;
    return backlogReply(context, readableTeams(request.principal), { ...filters, strategy: filters.strategy ?? 'balanced' }, wanted);
  },
});

const teamBacklog = defineRoute({
  method: 'GET',
  url: '/api/v1/teams/:teamId/backlog',
  summary: "One team's prioritised backlog, with statuses",
  description: FORMATS_NOTE,
  tags: TAGS,
  policy: { action: 'team:read', scope: 'team-param' },
  params: teamIdParam,
  query: teamQuery,
  responses: { 200: { description: 'The backlog, or a download' }, 400: { description: 'Unknown format' } },
  handler: async (request, context) => {
    const { format: wanted, ...filters } = request.query;
    const query = { ...filters, team: request.params.teamId, strategy: filters.strategy ?? 'balanced' };
    // The policy already decided the caller may read this team.
    return backlogReply(context, new Set([request.params.teamId]), query, wanted);
  },
});

async function backlogReply(context: ServerContext, readable: ReadableTeams, query: BacklogQuery, wanted: string | undefined): Promise<Reply> {
  const formatName = wanted ?? 'json';
  if (!isBacklogFormat(context, formatName)) return refuse(400, `unknown backlog format "${formatName}" (formats: ${backlogFormats(context).join(', ')})`);
  const view = await openView(context.store, context.models, context.clock.now());
  const listing = await backlogListing(view, readable, query);
  if (!listing.ok) return refusalOf(listing.error);
  if (formatName === 'json') return { status: 200, body: { asOf: listing.value.asOf, strategy: listing.value.strategy, items: listing.value.items } };
  return backlogDownload(context, view, listing.value, formatName);
}

function backlogFormats(context: ServerContext): string[] {
  const formats = new Set(['json', ...context.backlogExporters.keys()]);
  if (context.reportExporters.has(WORKBOOK)) formats.add(WORKBOOK);
  return [...formats].sort();
}

function isBacklogFormat(context: ServerContext, name: string): boolean {
  return backlogFormats(context).includes(name);
}

async function backlogDownload(context: ServerContext, view: ViewContext, listing: BacklogListing, formatName: string): Promise<Reply> {
  const fileName = `stepwise-backlog-${view.today}`;
  const exporter = context.backlogExporters.get(formatName);
  if (exporter !== undefined) return { status: 200, file: backlogDocument(listing, exporter), mediaType: exporter.mediaType, fileName: `${fileName}.${exporter.extension}` };
  const workbook = context.reportExporters.get(WORKBOOK);
  if (workbook === undefined) return refuse(400, `unknown backlog format "${formatName}"`);
  const rendered = await backlogWorkbook(view, listing, workbook, context.version);
  if (!rendered.ok) return refusalOf(rendered.error);
  return { status: 200, file: rendered.value, mediaType: workbook.mediaType, fileName: `${fileName}.${workbook.extension}` };
}

function showStatus(status: BacklogStatusRecord): BacklogStatusRecord {
  return status;
}

const putStatus = defineRoute({
  method: 'PUT',
  url: '/api/v1/teams/:teamId/backlog/:itemKey/status',
  summary: "Set the status of an item of the team's current backlog: open, in-progress or done (leads and admins)",
  description: 'Send `If-Match: "0"` for an item whose status was never set (`statusVersion` 0), else its `statusVersion`.',
  tags: TAGS,
  policy: { action: 'team:lead', scope: 'team-param' },
  params: z.strictObject({ teamId: teamIdParam.shape.teamId, itemKey: z.string().min(1).max(500) }),
  ifMatch: true,
  body: z.strictObject({ status: z.enum(BACKLOG_STATUSES) }),
  responses: {
    200: { description: 'The status with its new version' },
    404: { description: "Not an item of the team's current backlog" },
    412: { description: 'Changed meanwhile' },
    428: { description: 'If-Match missing' },
  },
  handler: async (request, context) => {
    const view = await openView(context.store, context.models, context.clock.now());
    const change = { itemKey: request.params.itemKey, expectedVersion: request.ifMatch ?? 0, status: request.body.status };
    return replyWith(await setBacklogStatus(view, request.params.teamId, change, actorOf(request, context)), 200, showStatus);
  },
});

export const backlogRoutes: readonly Route[] = [orgBacklog, teamBacklog, putStatus];
