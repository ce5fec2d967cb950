import type { Route } from '../route.js';
import { backlogRoutes } from './backlog.js';
import { checkpointRoutes } from './checkpoints.js';
import { metaRoutes } from './meta.js';
import { sessionRoutes } from './session.js';
import { teamRoutes } from './teams.js';
import { userRoutes } from './users.js';
// Integration: API tokens, scan push, organisation and models, import/export, audit log.
import { auditRoutes } from './audit.js';
import { organisationRoutes } from './organisation.js';
import { practiceTeamRoutes } from './practice-teams.js';
import { scanRoutes } from './scans.js';
import { tokenRoutes } from './tokens.js';
import { transferRoutes } from './transfer.js';
import { viewRoutes } from './views.js';
import { webRoutes } from './web.js';

/** Every route of the API, in one explicit list (S13: the inventory test walks it and the live router). */
export const API_ROUTES: readonly Route[] = [
  ...metaRoutes(() => API_ROUTES),
  ...sessionRoutes,
  ...userRoutes,
  ...teamRoutes,
  ...tokenRoutes,
  ...scanRoutes,
  ...organisationRoutes,
  ...transferRoutes,
  ...auditRoutes,
  ...checkpointRoutes,
  ...viewRoutes,
  ...backlogRoutes,
  ...practiceTeamRoutes,
];

/** What `stepwise serve` registers: the API, then the web UI's files (public, GET only; not part of the API or its OpenAPI document). */
export const SERVER_ROUTES: readonly Route[] = [...API_ROUTES, ...webRoutes];
