import type { LightMyRequestResponse } from 'fastify';
import type { Action } from '../../../src/server/policy.js';
import type { Route } from '../../../src/server/route.js';
import { SERVER_ROUTES } from '../../../src/server/routes/index.js';
import type { Fixture, PrincipalName, TeamLabel, TeamObjects } from './fixture.js';
import { PRINCIPALS } from './fixture.js';
import { fillPath, FIXTURE_PARAMS, hasFixtureParam, pathParams, queryString, sampleBody, sampleQuery, schemaParamValues } from './routes.js';

/** What a principal gets from the policy: through it, or refused with this status. */
export type Outcome = 'allowed' | 401 | 403 | 404;

const ALL_ALLOWED: Record<PrincipalName, Outcome> = {
  anonymous: 'allowed',
  viewerA: 'allowed',
  assessorA: 'allowed',
  leadA: 'allowed',
  leadB: 'allowed',
  auditor: 'allowed',
  admin: 'allowed',
  tokenA: 'allowed',
  disabled: 'allowed',
};

/** Signed-out and disabled principals are refused by every non-public route alike. */
const SIGNED_OUT = { anonymous: 401, disabled: 401 } as const;

/**
 * S14's declared expectation table (PRODUCT.md §6, SECURITY.md S13/S14), written out by hand so it
 * checks `decide` rather than repeating it: action → team of the object → principal → outcome.
 * A member of the other team gets 404 (the team's existence is not confirmed to outsiders).
 */
export const EXPECTATIONS: Readonly<Record<Action, Readonly<Record<TeamLabel, Readonly<Record<PrincipalName, Outcome>>>>>> = {
  public: { A: ALL_ALLOWED, B: ALL_ALLOWED },
  'signed-in': sameForBoth({ ...SIGNED_OUT, viewerA: 'allowed', assessorA: 'allowed', leadA: 'allowed', leadB: 'allowed', auditor: 'allowed', admin: 'allowed', tokenA: 403 }),
  admin: sameForBoth({ ...SIGNED_OUT, viewerA: 403, assessorA: 403, leadA: 403, leadB: 403, auditor: 403, admin: 'allowed', tokenA: 403 }),
  'org:read': sameForBoth({ ...SIGNED_OUT, viewerA: 403, assessorA: 403, leadA: 403, leadB: 403, auditor: 'allowed', admin: 'allowed', tokenA: 403 }),
  'team:read': {
    A: { ...SIGNED_OUT, viewerA: 'allowed', assessorA: 'allowed', leadA: 'allowed', leadB: 404, auditor: 'allowed', admin: 'allowed', tokenA: 403 },
    B: { ...SIGNED_OUT, viewerA: 404, assessorA: 404, leadA: 404, leadB: 'allowed', auditor: 'allowed', admin: 'allowed', tokenA: 403 },
  },
  'team:rate': {
    A: { ...SIGNED_OUT, viewerA: 403, assessorA: 'allowed', leadA: 'allowed', leadB: 404, auditor: 403, admin: 'allowed', tokenA: 403 },
    B: { ...SIGNED_OUT, viewerA: 404, assessorA: 404, leadA: 404, leadB: 'allowed', auditor: 403, admin: 'allowed', tokenA: 403 },
  },
  'team:lead': {
    A: { ...SIGNED_OUT, viewerA: 403, assessorA: 403, leadA: 'allowed', leadB: 404, auditor: 403, admin: 'allowed', tokenA: 403 },
    B: { ...SIGNED_OUT, viewerA: 404, assessorA: 404, leadA: 404, leadB: 'allowed', auditor: 403, admin: 'allowed', tokenA: 403 },
  },
  'team:push-scan': pushExpectations(),
  'team:push-checkpoint': pushExpectations(),
};

function sameForBoth(row: Record<PrincipalName, Outcome>): Record<TeamLabel, Record<PrincipalName, Outcome>> {
  return { A: row, B: row };
}

/** A push is a rater's action, or the action of a token of that team holding the scope (tokenA holds both scopes). */
function pushExpectations(): Record<TeamLabel, Record<PrincipalName, Outcome>> {
  return {
    A: { ...SIGNED_OUT, viewerA: 403, assessorA: 'allowed', leadA: 'allowed', leadB: 404, auditor: 403, admin: 'allowed', tokenA: 'allowed' },
    B: { ...SIGNED_OUT, viewerA: 404, assessorA: 404, leadA: 404, leadB: 'allowed', auditor: 403, admin: 'allowed', tokenA: 403 },
  };
}

/** The outcome the table declares for a route's policy. */
export function expectedOutcome(route: Route, principal: PrincipalName, team: TeamLabel): Outcome {
  return EXPECTATIONS[route.policy.action][team][principal];
}

/** One request of the matrix. */
export interface MatrixCase {
  readonly route: Route;
  readonly principal: PrincipalName;
  readonly team: TeamLabel;
  /** `draft` or `final` for routes addressing a checkpoint, else `-`. */
  readonly variant: string;
  readonly url: string;
  readonly expected: Outcome;
  readonly body: unknown;
  readonly writes: boolean;
}

/** Routes of the matrix: every route whose path names an object the fixture has. */
export function matrixRoutes(routes: readonly Route[] = SERVER_ROUTES): Route[] {
  return routes.filter((route) => hasFixtureParam(route.url));
}

/** Every route × principal × object of team A and of team B (checkpoint routes for a draft and a final checkpoint). */
export function matrixCases(fixture: Fixture, routes: readonly Route[] = matrixRoutes()): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const route of routes) {
    const variants = pathParams(route.url).includes('checkpointId') ? ['draft', 'final'] : ['-'];
    for (const team of ['A', 'B'] as const) {
      for (const variant of variants) {
        const url = `${fillPath(route.url, pathValues(route, fixture.teams[team], variant))}${queryString(sampleQuery(route))}`;
        for (const principal of PRINCIPALS) {
          cases.push({ route, principal, team, variant, url, expected: expectedOutcome(route, principal, team), body: sampleBody(route), writes: route.method !== 'GET' });
        }
      }
    }
  }
  return cases;
}

/** Values for a route's path: the fixture's objects, else samples of the params schema. */
export function pathValues(route: Route, objects: TeamObjects, variant = '-'): Record<string, string> {
  const values: Record<string, string> = { ...schemaParamValues(route) };
  for (const name of FIXTURE_PARAMS) values[name] = objects[name];
  if (variant === 'final') {
    values['checkpointId'] = objects.finalCheckpointId;
    values['date'] = objects.finalDate;
  }
  return values;
}

const POLICY_NOT_FOUND = 'not found';

/** How the policy treated a request: 401 and 403 are refusals; a 404 is one when it is the policy's plain "not found". */
export function outcomeOf(response: LightMyRequestResponse): Outcome {
  if (response.statusCode === 401 || response.statusCode === 403) return response.statusCode;
  if (response.statusCode === 404 && problemDetail(response) === POLICY_NOT_FOUND) return 404;
  return 'allowed';
}

function problemDetail(response: LightMyRequestResponse): string | undefined {
  try {
    return (JSON.parse(response.body) as { detail?: string }).detail;
  } catch {
    return undefined;
  }
}

/** A line naming a case, for failure messages. */
export function describeCase(entry: MatrixCase): string {
  return `${entry.route.method} ${entry.route.url} [${entry.route.policy.action}] as ${entry.principal} on team ${entry.team}${entry.variant === '-' ? '' : ` (${entry.variant})`}`;
}

/** A version no resource reaches: allowed deletes are sent with it so they pass the policy but leave the fixture standing. */
export const STALE_VERSION = '"999999"';

/** The `If-Match` a case sends: the current ETag (read as admin from the same path), or a stale one for allowed deletes. */
export async function ifMatchFor(fixture: Fixture, entry: MatrixCase): Promise<Record<string, string>> {
  if (!entry.route.ifMatch) return {};
  if (entry.route.method === 'DELETE' && entry.expected === 'allowed') return { 'if-match': STALE_VERSION };
  const read = await fixture.principals.admin.get(entry.url.split('?')[0] ?? entry.url);
  const etag = read.headers.etag;
  return { 'if-match': typeof etag === 'string' ? etag : '"1"' };
}

/** Sends one case as its principal. */
export function sendCase(fixture: Fixture, entry: MatrixCase, headers: Record<string, string>): Promise<LightMyRequestResponse> {
  const client = fixture.principals[entry.principal];
  const upload = entry.route.upload;
  if (upload !== undefined) return client.request(entry.route.method, entry.url, { raw: Buffer.from('x'), contentType: upload.mediaTypes[0] ?? 'application/octet-stream', headers });
  return client.request(entry.route.method, entry.url, { ...(entry.body === undefined ? {} : { body: entry.body }), headers });
}
