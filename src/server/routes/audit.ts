import { z } from 'zod';
import type { AuditQuery } from '../../core/persistence/port.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { teamIdParam } from '../schemas.js';

/**
 * The audit log, read-only (S22): there is no route that changes or removes an entry. Admins and
 * auditors read it newest first; `before` pages back by entry id.
 */

const TAGS = ['audit'];
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
/** A date (`2026-11-20`) or an instant (`2026-11-20T10:00:00Z`). */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/, 'must be a date (YYYY-MM-DD) or an ISO 8601 instant');

const query = z.strictObject({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
  team: teamIdParam.shape.teamId.optional(),
  since: instant.optional(),
  until: instant.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
});

/** Bounds as stored instants: a date means the whole day (`until` includes its last moment). */
function bound(value: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (value === undefined) return undefined;
  if (value.length === 10) return edge === 'start' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

const readAudit = defineRoute({
  method: 'GET',
  url: '/api/v1/audit',
  summary: 'The audit log, newest first, filtered and paged (admins and auditors)',
  description: 'Every write, sign-in, failed sign-in, refused access and token use. Filters combine; page back with `before` = the `next` of the previous page.',
  tags: TAGS,
  policy: { action: 'org:read', scope: 'none' },
  query,
  responses: { 200: { description: '`{entries: [{id, at, actor, action, outcome, teamId, target, ip, detail}], next}`' } },
  handler: async (request, context) => {
    const { team, since, until, limit, ...filters } = request.query;
    const auditQuery: AuditQuery = {
      ...filters,
      ...(team === undefined ? {} : { teamIds: [team] }),
      since: bound(since, 'start'),
      until: bound(until, 'end'),
      limit,
    };
    const entries = await context.store.queryAudit(auditQuery);
    const last = entries.at(-1);
    return { status: 200, body: { entries, next: entries.length === limit && last !== undefined ? last.id : null } };
  },
});

export const auditRoutes: readonly Route[] = [readAudit];
