import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '../../src/core/persistence/port.js';
import type { ApiTokenRecord, UserRecord } from '../../src/core/persistence/records.js';
import { serverContext } from '../../src/main/server.js';
import { buildServer } from '../../src/server/app.js';
import { ACTIONS, decide, isPolicy, isTeamAction, TEAM_SCOPES } from '../../src/server/policy.js';
import type { Principal } from '../../src/server/policy.js';
import { defineRoute } from '../../src/server/route.js';
import type { Route } from '../../src/server/route.js';
import { API_ROUTES, SERVER_ROUTES } from '../../src/server/routes/index.js';
import { DIALECTS } from '../support/server.js';
import { startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { pathParams } from './support/routes.js';
import { jsonSchemaOf, validSample } from './support/schema-values.js';
import type { JsonSchema } from './support/schema-values.js';

const name = (route: { method: string | string[]; url: string }): string => `${String(route.method)} ${route.url}`;

/** The routes the live router registers, as its `onRoute` hook sees them. */
function registeredRoutes(routes: readonly Route[] = SERVER_ROUTES): RouteOptions[] {
  const seen: RouteOptions[] = [];
  buildServer(serverContext({} as Persistence), { routes, onRoute: (route) => seen.push(route) });
  return seen;
}

/** The scope a path demands: the checkpoint decides the team when one is named, else the team parameter. */
function scopeForPath(url: string): (typeof TEAM_SCOPES)[number] {
  const names = pathParams(url);
  if (names.includes('checkpointId')) return 'checkpoint-param';
  if (names.includes('teamId')) return 'team-param';
  return 'none';
}

/** True when the JSON Schema refuses properties it does not name (every branch of a union too). */
function isStrictObject(schema: JsonSchema): boolean {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) return branches.every(isStrictObject);
  return schema.type === 'object' && schema.additionalProperties === false;
}

describe('S13 policy inventory', () => {
  it('S13 every route the server registers (SERVER_ROUTES) declares a policy with a known action and scope', () => {
    const wrong = SERVER_ROUTES.filter((route) => !(ACTIONS as readonly string[]).includes(route.policy?.action) || !(TEAM_SCOPES as readonly string[]).includes(route.policy?.scope));
    expect(wrong.map(name)).toEqual([]);
    expect(SERVER_ROUTES.length).toBeGreaterThan(10);
  });

  it('S13 the live router registers exactly SERVER_ROUTES (plus HEAD for GET), each with config.policy', () => {
    const registered = registeredRoutes();
    const withoutPolicy = registered.filter((route) => {
      const config: { policy?: unknown } | undefined = route.config;
      return !isPolicy(config?.policy);
    });
    expect(withoutPolicy.map(name)).toEqual([]);
    const declared = new Set(SERVER_ROUTES.map(name));
    const live = new Set(registered.filter((route) => route.method !== 'HEAD').map(name));
    expect([...live].sort()).toEqual([...declared].sort());
    expect(declared.size).toBe(SERVER_ROUTES.length);
  });

  it('S13 every route outside the API list is a public GET outside /api (the web UI), and the API list is all under /api/v1', () => {
    const api = new Set(API_ROUTES);
    const others = SERVER_ROUTES.filter((route) => !api.has(route));
    expect(others.filter((route) => route.method !== 'GET' || route.policy.action !== 'public' || route.url.startsWith('/api')).map(name)).toEqual([]);
    expect(API_ROUTES.filter((route) => !route.url.startsWith('/api/v1/')).map(name)).toEqual([]);
    expect(API_ROUTES.every((route) => SERVER_ROUTES.includes(route))).toBe(true);
  });

  it('S13 the policy each live route carries is the one its declaration names', () => {
    const byName = new Map(SERVER_ROUTES.map((route) => [name(route), route.policy]));
    const registered = registeredRoutes().filter((route) => route.method !== 'HEAD');
    const differing = registered.filter((route) => (route.config as { policy?: unknown }).policy !== byName.get(name(route)));
    expect(differing.map(name)).toEqual([]);
  });

  it('S13 a path naming a team or a checkpoint uses the matching scope; team actions always resolve a team', () => {
    const wrongScope = SERVER_ROUTES.filter((route) => route.policy.scope !== scopeForPath(route.url)).map((route) => `${name(route)}: ${route.policy.scope}, path needs ${scopeForPath(route.url)}`);
    expect(wrongScope).toEqual([]);
    const teamActionWithoutTeam = SERVER_ROUTES.filter((route) => isTeamAction(route.policy.action) && route.policy.scope === 'none');
    expect(teamActionWithoutTeam.map(name)).toEqual([]);
  });

  it('S13/S15 every route that takes JSON has a strict body schema; path and query schemas are strict too', () => {
    const loose: string[] = [];
    for (const route of SERVER_ROUTES) {
      if (route.body !== undefined && !isStrictObject(jsonSchemaOf(route.body))) loose.push(`${name(route)} body`);
      if (!isStrictObject(jsonSchemaOf(route.params))) loose.push(`${name(route)} params`);
      // The web UI's pages read no query (their scripts do), so only the API's queries must be strict.
      if (route.url.startsWith('/api/') && !isStrictObject(jsonSchemaOf(route.query))) loose.push(`${name(route)} query`);
    }
    expect(loose).toEqual([]);
  });

  it('S13/S15 a body schema refuses a field it does not name, even beside valid fields', () => {
    const accepting = SERVER_ROUTES.filter((route) => {
      if (route.body === undefined) return false;
      const valid = validSample(route.body) ?? {};
      return route.body.safeParse({ ...valid, unexpectedField: 1 }).success;
    });
    expect(accepting.map(name)).toEqual([]);
  });

  it('S13 a route that changes data takes a body schema, an upload, or no body at all; never both', () => {
    const both = SERVER_ROUTES.filter((route) => route.body !== undefined && route.upload !== undefined);
    expect(both.map(name)).toEqual([]);
    const changing = SERVER_ROUTES.filter((route) => route.method !== 'GET');
    expect(changing.length).toBeGreaterThan(0);
    for (const route of changing) expect(route.body === undefined || typeof route.body.safeParse === 'function').toBe(true);
  });

  it('S13 GET routes are never ifMatch and take no body or upload', () => {
    const wrong = SERVER_ROUTES.filter((route) => route.method === 'GET' && (route.ifMatch || route.body !== undefined || route.upload !== undefined));
    expect(wrong.map(name)).toEqual([]);
  });

  it('S13 a route without a policy refuses everyone, admins included (decide)', () => {
    const route = defineRoute({
      method: 'GET',
      url: '/api/v1/no-policy',
      summary: 'x',
      tags: [],
      policy: undefined as never,
      responses: {},
      handler: () => Promise.resolve({ status: 200 }),
    });
    const admin = userPrincipal({ isAdmin: true });
    const principals: Principal[] = [{ kind: 'anonymous' }, admin, userPrincipal({ isAuditor: true }), tokenPrincipal()];
    for (const principal of principals) {
      for (const teamId of [undefined, 'team-a']) expect(decide(principal, route.policy, teamId)).toMatchObject({ allowed: false, status: 403 });
    }
    expect(decide(admin, { action: 'team:write' as never, scope: 'team-param' }, 'team-a')).toMatchObject({ allowed: false, status: 403 });
    expect(decide(admin, { action: 'admin', scope: 'everywhere' as never }, undefined)).toMatchObject({ allowed: false, status: 403 });
  });
});

describe.each(DIALECTS)('S13 a route without a policy, end to end (%s)', (dialect) => {
  let harness: Harness;
  let ran = 0;
  const unguarded = (policy: unknown, url: string): Route =>
    defineRoute({
      method: 'POST',
      url,
      summary: 'x',
      tags: [],
      policy: policy as never,
      responses: {},
      handler: () => {
        ran += 1;
        return Promise.resolve({ status: 200, body: { ran: true } });
      },
    });

  const received: unknown[] = [];
  const noBody = defineRoute({
    method: 'POST',
    url: '/api/v1/test/no-body',
    summary: 'x',
    tags: [],
    policy: { action: 'public', scope: 'none' },
    responses: {},
    handler: (request) => {
      received.push(request.body, request.upload);
      return Promise.resolve({ status: 204 });
    },
  });

  beforeAll(async () => {
    const extra = [unguarded(undefined, '/api/v1/test/no-policy'), unguarded({ action: 'team:write', scope: 'none' }, '/api/v1/test/bad-policy'), noBody];
    harness = await startHarness(dialect, { routes: [...SERVER_ROUTES, ...extra] });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('S13 anonymous callers and admins alike get 403 problem JSON and the handler never runs', async () => {
    const admin = await harness.admin();
    for (const url of ['/api/v1/test/no-policy', '/api/v1/test/bad-policy']) {
      for (const client of [harness.anonymous(), admin]) {
        const response = await client.post(url, {});
        expect(response.statusCode, `${client.username} ${url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 403, detail: 'this route has no access policy' });
      }
    }
    expect(ran).toBe(0);
  });

  it('S13/S15 a route declaring no body never sees one: whatever is sent, its handler gets nothing', async () => {
    const response = await harness.anonymous().post('/api/v1/test/no-body', { role: 'lead', isAdmin: true, teamId: 'team-b' });
    expect(response.statusCode).toBe(204);
    expect(received).toEqual([undefined, undefined]);
  });
});

function userPrincipal(flags: Partial<Pick<UserRecord, 'isAdmin' | 'isAuditor'>>): Principal {
  const user: UserRecord = {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'someone',
    displayName: 'Someone',
    passwordHash: 'x',
    isAdmin: flags.isAdmin ?? false,
    isAuditor: flags.isAuditor ?? false,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
  return { kind: 'user', user, sessionHash: 'h', csrfToken: 'c', roles: new Map([['team-a', 'lead']]) };
}

function tokenPrincipal(): Principal {
  const token: ApiTokenRecord = {
    id: 't1',
    teamId: 'team-a',
    name: 'ci',
    tokenHash: 'h',
    scopes: ['scan:push', 'checkpoint:push'],
    last4: 'abcd',
    createdBy: 'admin',
    createdAt: '2026-01-01T00:00:00.000Z',
    revokedAt: null,
    lastUsedAt: null,
  };
  return { kind: 'token', token };
}
