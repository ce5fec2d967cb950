import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Route } from '../../src/server/route.js';
import { SERVER_ROUTES } from '../../src/server/routes/index.js';
import { DIALECTS } from '../support/server.js';
import { buildFixture, PRINCIPALS, SENTINEL, TEAM_A_PRINCIPALS } from './support/fixture.js';
import type { Fixture, TeamObjects } from './support/fixture.js';
import { responseText } from './support/leaks.js';
import { describeCase, expectedOutcome, ifMatchFor, matrixCases, matrixRoutes, outcomeOf, pathValues, sendCase } from './support/matrix.js';
import type { MatrixCase } from './support/matrix.js';
import { enumProperties, jsonSchemaOf, propertyNames } from './support/schema-values.js';
import { fillPath, isTeamPath, pathParams, queryString, queryVariants, sampleBody, sampleQuery } from './support/routes.js';

const BATCH = 50;
const MISSING_ID = '00000000-0000-4000-8000-00000000dead';

describe.each(DIALECTS)('S14 team isolation (%s)', (dialect) => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await buildFixture(dialect);
  }, 120_000);

  afterAll(async () => {
    await fixture.harness.close();
  });

  it('S14 the matrix covers every route whose path names a team or a checkpoint', () => {
    const covered = new Set(matrixRoutes());
    const teamRoutes = SERVER_ROUTES.filter((route) => isTeamPath(route.url));
    expect(teamRoutes.length).toBeGreaterThan(0);
    expect(teamRoutes.filter((route) => !covered.has(route)).map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('S14 team B sentinel never reaches a team-A principal (org-wide and team-A GET routes, every format)', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const url of sentinelUrls(fixture)) {
      for (const principal of TEAM_A_PRINCIPALS) {
        const response = await fixture.principals[principal].get(url);
        checked += 1;
        if (response.statusCode >= 500) leaks.push(`${url} as ${principal}: ${response.statusCode}`);
        if (responseText(response).includes(SENTINEL)) leaks.push(`${url} as ${principal}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it('S14 the sentinel is planted: readers of team B see it in the team list and in several of team B own routes', async () => {
    const seen = await Promise.all(
      (['leadB', 'auditor', 'admin'] as const).map(async (principal) => responseText(await fixture.principals[principal].get('/api/v1/teams')).includes(SENTINEL)),
    );
    expect(seen).toEqual([true, true, true]);
    const showing: string[] = [];
    for (const route of SERVER_ROUTES.filter((candidate) => candidate.method === 'GET' && isTeamPath(candidate.url))) {
      const url = `${fillPath(route.url, pathValues(route, fixture.teams.B))}${queryString(sampleQuery(route))}`;
      if (responseText(await fixture.principals.leadB.get(url)).includes(SENTINEL)) showing.push(route.url);
    }
    // The team itself, its checkpoint (note, justification) and its scan (paths) at least.
    expect(showing.length, showing.join(', ')).toBeGreaterThanOrEqual(3);
  });

  it('S14 a team-A path naming a team-B object (token, scan, backlog item) never reads or changes it', async () => {
    const problems: string[] = [];
    const routes = crossRoutes();
    for (const route of routes) {
      const url = crossUrl(route, fixture);
      for (const principal of CROSS_PRINCIPALS) {
        const before = await fixture.harness.dumpHash();
        const response = await fixture.principals[principal].request(route.method, url, {
          ...(sampleBody(route) === undefined ? {} : { body: sampleBody(route) }),
          headers: route.ifMatch ? { 'if-match': '"1"' } : {},
        });
        const label = `${route.method} ${url} as ${principal}`;
        if (response.statusCode < 400 || response.statusCode >= 500) problems.push(`${label}: ${response.statusCode} ${response.body.slice(0, 160)}`);
        if (responseText(response).includes(SENTINEL)) problems.push(`${label}: shows team B's data`);
        if (route.method !== 'GET' && (await fixture.harness.dumpHash()) !== before) problems.push(`${label}: the database changed`);
      }
    }
    expect(problems).toEqual([]);
    expect(routes.length).toBeGreaterThan(0);
  });

  it('S14 a refusal does not reveal whether a team or checkpoint exists: team B and a missing one get the same answer', async () => {
    const missing: TeamObjects = { ...fixture.teams.B, teamId: 'no-such-team', checkpointId: MISSING_ID, finalCheckpointId: MISSING_ID };
    const differing: string[] = [];
    for (const route of matrixRoutes().filter((candidate) => candidate.policy.scope !== 'none')) {
      const urlOf = (objects: TeamObjects): string => `${fillPath(route.url, pathValues(route, objects))}${queryString(sampleQuery(route))}`;
      for (const principal of PRINCIPALS) {
        const send = (url: string): Promise<LightMyRequestResponse> =>
          fixture.principals[principal].request(route.method, url, { ...(route.method === 'GET' ? {} : { body: sampleBody(route) ?? {} }), headers: route.ifMatch ? { 'if-match': '"1"' } : {} });
        // Those allowed on team B are not sent there (their write would go through); for them a missing object is a 404.
        const expected = expectedOutcome(route, principal, 'B');
        const onB = expected === 'allowed' ? 404 : outcomeOf(await send(urlOf(fixture.teams.B)));
        const onMissing = await send(urlOf(missing));
        if (outcomeOf(onMissing) !== onB) differing.push(`${route.method} ${route.url} as ${principal}: team B ${onB}, missing ${onMissing.statusCode}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('S14 sequential matrix matches the declared expectations; refused writes leave every table unchanged', async () => {
    const cases = orderedCases(fixture);
    const mismatches: string[] = [];
    let before = await fixture.harness.dumpHash();
    for (const entry of cases) {
      const response = await sendCase(fixture, entry, await ifMatchFor(fixture, entry));
      mismatches.push(...check(entry, response));
      // Reads may fill the score cache, and allowed writes change data: the next refused write is compared with the state just before it.
      const after = await fixture.harness.dumpHash();
      if (entry.writes && entry.expected !== 'allowed' && after !== before) mismatches.push(`${describeCase(entry)}: refused (${response.statusCode}) but the database changed`);
      before = after;
    }
    expect(mismatches).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  }, 120_000);

  it('S14 concurrent matrix (50 requests at a time) matches the same expectations', async () => {
    const cases = shuffled(orderedCases(fixture));
    const mismatches: string[] = [];
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = cases.slice(start, start + BATCH);
      const headers = await Promise.all(batch.map((entry) => ifMatchFor(fixture, entry)));
      const responses = await Promise.all(batch.map((entry, index) => sendCase(fixture, entry, headers[index] ?? {})));
      batch.forEach((entry, index) => mismatches.push(...check(entry, responses[index] as LightMyRequestResponse)));
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('S14 concurrent refused writes (50 at a time) leave every table unchanged', async () => {
    const refused = orderedCases(fixture).filter((entry) => entry.writes && entry.expected !== 'allowed');
    const before = await fixture.harness.dumpHash();
    const mismatches: string[] = [];
    for (let start = 0; start < refused.length; start += BATCH) {
      const batch = refused.slice(start, start + BATCH);
      const headers = await Promise.all(batch.map((entry) => ifMatchFor(fixture, entry)));
      const responses = await Promise.all(batch.map((entry, index) => sendCase(fixture, entry, headers[index] ?? {})));
      batch.forEach((entry, index) => mismatches.push(...check(entry, responses[index] as LightMyRequestResponse)));
    }
    expect(mismatches).toEqual([]);
    expect(await fixture.harness.dumpHash()).toBe(before);
    expect(refused.length).toBeGreaterThan(0);
  }, 120_000);
});

/** Objects a team owns that a path under another team's id could try to reach (users and practices are not owned by a team). */
const CROSS_PARAMS = ['tokenId', 'scanId', 'itemKey'];
const CROSS_PRINCIPALS = ['viewerA', 'assessorA', 'leadA', 'tokenA', 'admin'] as const;

/** Routes under `/teams/:teamId/…` that also name an owned object: sent with team A's id and team B's object. */
function crossRoutes(): Route[] {
  return SERVER_ROUTES.filter((route) => pathParams(route.url).includes('teamId') && pathParams(route.url).some((name) => CROSS_PARAMS.includes(name)));
}

function crossUrl(route: Route, fixture: Fixture): string {
  const values = pathValues(route, fixture.teams.A);
  for (const name of CROSS_PARAMS) values[name] = fixture.teams.B[name as 'tokenId' | 'scanId' | 'itemKey'];
  return `${fillPath(route.url, values)}${queryString(sampleQuery(route))}`;
}

/** Reads first, then writes; deletes last so the objects other cases address stay in place as long as possible. */
function orderedCases(fixture: Fixture): MatrixCase[] {
  const rank = (entry: MatrixCase): number => (entry.route.method === 'GET' ? 0 : entry.route.method === 'DELETE' ? 2 : 1);
  return matrixCases(fixture).sort((left, right) => rank(left) - rank(right));
}

function check(entry: MatrixCase, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const outcome = outcomeOf(response);
  if (outcome !== entry.expected) problems.push(`${describeCase(entry)}: expected ${entry.expected}, got ${response.statusCode} ${response.body.slice(0, 160)}`);
  if (response.statusCode >= 500) problems.push(`${describeCase(entry)}: ${response.statusCode}`);
  if (outcome !== 'allowed' && !String(response.headers['content-type']).startsWith('application/problem+json')) problems.push(`${describeCase(entry)}: refusal is not problem JSON`);
  return problems;
}

/** A fixed shuffle (so a failure repeats) that mixes principals, teams and routes inside each batch. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let seed = 0x5eed;
  for (let index = result.length - 1; index > 0; index -= 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const other = seed % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

/**
 * Every GET a team-A principal can send that might show team B's data: each org-wide route
 * (no team or checkpoint in the path) and each team route for team A's objects, with every value
 * of each enum in the path or the query (export formats), and a search for the sentinel's prefix.
 */
function sentinelUrls(fixture: Fixture): string[] {
  const urls = new Set<string>();
  for (const route of SERVER_ROUTES.filter((candidate) => candidate.method === 'GET')) {
    for (const variant of pathParams(route.url).includes('checkpointId') ? ['draft', 'final'] : ['-']) {
      for (const values of pathVariants(route, pathValues(route, fixture.teams.A, variant))) {
        for (const query of [...queryVariants(route), ...searchQueries(route), ...crossQueries(route, fixture)]) urls.add(`${fillPath(route.url, values)}${queryString(query)}`);
      }
    }
  }
  return [...urls];
}

function pathVariants(route: Route, base: Record<string, string>): Record<string, string>[] {
  const variants = [base];
  for (const [name, options] of enumProperties(route.params)) for (const option of options) variants.push({ ...base, [name]: String(option) });
  return variants;
}

const SEARCH_FIELDS = ['q', 'search', 'query', 'text', 'filter'];

/** Queries naming team B's objects by id (e.g. comparing two checkpoints): every id-shaped field gets each of them. */
function crossQueries(route: Route, fixture: Fixture): Record<string, unknown>[] {
  const properties = Object.entries(jsonSchemaOf(route.query).properties ?? {});
  const idFields = properties.filter(([, property]) => property.format === 'uuid' || (property.pattern ?? '').includes('[0-9a-f]{8}')).map(([name]) => name);
  if (idFields.length === 0) return [];
  const { checkpointId, finalCheckpointId, scanId, tokenId } = fixture.teams.B;
  const mixed = [checkpointId, finalCheckpointId, scanId, tokenId].map((id) => Object.fromEntries(idFields.map((field) => [field, id])));
  // Team A's draft against team B's final, as a comparison would name them.
  mixed.push(Object.fromEntries(idFields.map((field, index) => [field, index === 0 ? fixture.teams.A.checkpointId : finalCheckpointId])));
  return mixed.map((query) => ({ ...sampleQuery(route), ...query }));
}

function searchQueries(route: Route): Record<string, unknown>[] {
  return propertyNames(route.query)
    .filter((field) => SEARCH_FIELDS.includes(field))
    .map((field) => ({ [field]: SENTINEL.slice(0, 8) }));
}
