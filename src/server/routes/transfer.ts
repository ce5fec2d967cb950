import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { MAX_WORKBOOK_BYTES } from '../../services/workbook.js';
import { exportDsommFromOrganisation, importDsommIntoOrganisation, PROGRESS_FILE } from '../../services/org/transfer-dsomm.js';
import { exportWorkspace, importWorkspace } from '../../services/org/transfer-workspace.js';
import { exportOrgWorkbook, importTeamWorkbook } from '../../services/org/transfer-xlsx.js';
import { readableTeams } from '../policy.js';
import { refuse, refusalOf } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { isoDate, teamIdParam } from '../schemas.js';

const TAGS = ['transfer'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YAML_TYPES = ['application/yaml', 'text/yaml'];
/** The largest workspace body: 2,000 teams with a few years of history. */
const MAX_WORKSPACE_BYTES = 100 * 1024 * 1024;
const MAX_PROGRESS_BYTES = 5 * 1024 * 1024;

/** Workspace-relative paths: segments of safe characters, no `.` or `..`, no leading slash. */
const SEGMENT = '(?!\\.{1,2}(?:/|$))[A-Za-z0-9._@-]+';
const WORKSPACE_PATH = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
const workspaceFiles = z.record(z.string().max(500).regex(WORKSPACE_PATH, 'must be a relative path inside the workspace'), z.string().max(50_000_000));
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const getWorkspace = defineRoute({
  method: 'GET',
  url: '/api/v1/workspace',
  summary: 'The whole organisation as a workspace folder: stepwise.yaml, final checkpoints, scans (admins and auditors)',
  description: 'Files are written with the serialisers of the CLI, so the folder can be committed to git and read by `stepwise score`, `report`, `backlog`…',
  tags: TAGS,
  policy: { action: 'org:read', scope: 'none' },
  responses: { 200: { description: '`{files: {"stepwise.yaml": "...", "assessments/<team>/<date>.yaml": "...", "scans/<team>/<date>.json": "..."}}`' } },
  handler: async (_request, context) => ({ status: 200, body: { files: await exportWorkspace(context.store, context.models) } }),
});

const postWorkspace = defineRoute({
  method: 'POST',
  url: '/api/v1/workspace',
  summary: 'Import a workspace folder (admins): settings, teams, final checkpoints and scans, in one transaction',
  description: 'The body is what `GET /api/v1/workspace` returns. Existing teams are updated, teams not listed are kept, and importing the same content twice changes nothing. A bad file is refused with its name, line and column in `at`.',
  tags: TAGS,
  policy: { action: 'admin', scope: 'none' },
  body: z.strictObject({ files: workspaceFiles }),
  bodyLimit: MAX_WORKSPACE_BYTES,
  responses: {
    200: { description: '`{settingsChanged, modelAdded, teamsCreated, teamsUpdated, checkpointsWritten, checkpointsUnchanged, scansImported}`' },
    400: { description: 'A file is invalid; nothing was written' },
    409: { description: 'A team has a checkpoint in progress on an imported date' },
  },
  handler: async (request, context) => replyWith(await importWorkspace(context.store, context.models, request.body.files, actorOf(request, context)), 200),
});

const exportXlsx = defineRoute({
  method: 'GET',
  url: '/api/v1/export/xlsx',
  summary: 'The workbook of the teams the caller may read: README, Heatmap, team sheets, Backlog',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  query: z.strictObject({ team: teamIdParam.shape.teamId.optional(), group: z.string().max(200).optional(), blank: flag.optional() }),
  responses: { 200: { description: 'The workbook', mediaType: XLSX_TYPE }, 404: { description: 'No such team or group among those readable' } },
  handler: async (request, context) => {
    const exporter = context.reportExporters.get('xlsx');
    if (exporter === undefined) return refuse(404, 'this server has no workbook exporter');
    const today = context.clock.now().toISOString().slice(0, 10);
    const content = await exportOrgWorkbook(context.store, context.models, exporter, {
      readable: readableTeams(request.principal),
      team: request.query.team,
      group: request.query.group,
      blank: request.query.blank ?? false,
      today,
      toolVersion: context.version,
    });
    if (!content.ok) return refusalOf(content.error);
    return { status: 200, file: content.value, mediaType: exporter.mediaType, fileName: `stepwise-${request.query.team ?? 'organisation'}-${today}.${exporter.extension}` };
  },
});

const importXlsx = defineRoute({
  method: 'POST',
  url: '/api/v1/teams/:teamId/import/xlsx',
  summary: "Import a filled workbook into the team's final checkpoints (assessors, leads and admins)",
  description: 'Only the sheet of this team is read; sheets of other teams are ignored and named in `messages`. All or nothing; the same workbook twice changes nothing.',
  tags: TAGS,
  policy: { action: 'team:rate', scope: 'team-param' },
  params: teamIdParam,
  query: z.strictObject({ date: isoDate.refine(isIsoDate, 'not a calendar date').optional() }),
  upload: { mediaTypes: [XLSX_TYPE], maxBytes: MAX_WORKBOOK_BYTES },
  responses: { 200: { description: '`{written, unchanged, empty, ignored, messages}`' }, 400: { description: 'Not a readable workbook (sheet, row and column named)' } },
  handler: async (request, context) => {
    const result = await importTeamWorkbook(
      context.store,
      context.models,
      context.readWorkbook,
      { teamId: request.params.teamId, bytes: request.upload ?? new Uint8Array(), today: context.clock.now().toISOString().slice(0, 10), date: request.query.date },
      actorOf(request, context),
    );
    return replyWith(result, 200);
  },
});

const importDsomm = defineRoute({
  method: 'POST',
  url: '/api/v1/import/dsomm',
  summary: 'Import a DSOMM team-progress.yaml as final checkpoints (admins)',
  description: 'Send the file as `application/yaml` or `text/yaml`. With `?createTeams=true` DSOMM teams that match no team are created; otherwise they are skipped and listed.',
  tags: TAGS,
  policy: { action: 'admin', scope: 'none' },
  query: z.strictObject({ createTeams: flag.optional() }),
  upload: { mediaTypes: YAML_TYPES, maxBytes: MAX_PROGRESS_BYTES },
  responses: { 200: { description: '`{written, unchanged, teamsCreated, teamsSkipped, warnings}`' }, 400: { description: 'Not a valid progress file (line and column named)' } },
  handler: async (request, context) =>
    replyWith(await importDsommIntoOrganisation(context.store, context.models, { bytes: request.upload ?? new Uint8Array(), createTeams: request.query.createTeams ?? false }, actorOf(request, context)), 200),
});

const exportDsomm = defineRoute({
  method: 'GET',
  url: '/api/v1/export/dsomm',
  summary: "Every team's progress as a DSOMM team-progress.yaml for the DSOMM app (admins and auditors)",
  tags: TAGS,
  policy: { action: 'org:read', scope: 'none' },
  responses: { 200: { description: 'team-progress.yaml', mediaType: 'application/yaml' } },
  handler: async (_request, context) => {
    const text = await exportDsommFromOrganisation(context.store, context.models);
    if (!text.ok) return refusalOf(text.error);
    return { status: 200, file: text.value, mediaType: 'application/yaml; charset=utf-8', fileName: PROGRESS_FILE };
  },
});

export const transferRoutes: readonly Route[] = [getWorkspace, postWorkspace, exportXlsx, importXlsx, importDsomm, exportDsomm];
