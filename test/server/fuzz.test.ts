import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../../src/server/route.js';
import { SERVER_ROUTES } from '../../src/server/routes/index.js';
import { DIALECTS, signIn, ADMIN_PASSWORD } from '../support/server.js';
import type { Client } from '../support/server.js';
import { buildFixture } from './support/fixture.js';
import type { Fixture, TeamObjects } from './support/fixture.js';
import { FIXTURE_PARAMS, pathParams, queryString } from './support/routes.js';
import { propertyNames, validArbitrary } from './support/schema-values.js';

/** S24: requests generated from the route schemas never get a 5xx. */
const RUNS_PER_ROUTE = 25;
const SEED = 20_260_302;

interface FuzzRequest {
  readonly as: 'admin' | 'anonymous';
  readonly url: string;
  readonly payload: string | undefined;
  readonly headers: Record<string, string>;
}

/** Path segments: the fixture's real ids, odd unicode, traversal, over-long, empty, broken percent-encoding. */
function segmentArbitrary(name: string, fixture: Fixture): fc.Arbitrary<string> {
  const known = (FIXTURE_PARAMS as readonly string[]).includes(name)
    ? [fixture.teams.A, fixture.teams.B].flatMap((team) => [team[name as keyof TeamObjects]])
    : [];
  const encoded = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> => arbitrary.map((value) => encodeURIComponent(value));
  return fc.oneof(
    { arbitrary: encoded(fc.constantFrom(...(known.length > 0 ? known : ['x']))), weight: 3 },
    encoded(fc.string({ unit: 'grapheme', maxLength: 40 })),
    encoded(fc.constantFrom('..', '.', '../../etc/passwd', 'a/b', ' ', '\u0000', '💥', 'ü', '\u202e', 'null', 'undefined', '__proto__', 'constructor')),
    encoded(fc.string({ unit: 'grapheme-ascii', minLength: 150, maxLength: 400 })),
    fc.constantFrom('', '%FF', '%C3%28', '%', '%zz', '%2e%2e', '%2F', '%00', '..', '%ED%A0%80'),
  );
}

function pathArbitrary(route: Route, fixture: Fixture): fc.Arbitrary<string> {
  const names = pathParams(route.url);
  if (names.length === 0) return fc.constant(route.url);
  return fc.tuple(...names.map((name) => segmentArbitrary(name, fixture))).map((segments) => {
    let index = 0;
    return route.url.replace(/:([A-Za-z0-9_]+)/g, () => segments[index++] ?? '');
  });
}

const JUNK_VALUE = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('', 'true', 'null', '-1', '1e309', '9'.repeat(40), '%FF', '[object Object]'));

function queryArbitrary(route: Route): fc.Arbitrary<string> {
  const keys = [...propertyNames(route.query), 'limit', 'format', '__proto__', 'constructor'];
  return fc.oneof(
    fc.constant(''),
    validArbitrary(route.query).map(queryString),
    fc.dictionary(fc.constantFrom(...keys), fc.oneof(JUNK_VALUE, fc.array(JUNK_VALUE, { maxLength: 3 })), { maxKeys: 4 }).map(queryString),
    fc.constantFrom('?a=%FF', '?=&&=', '?limit[]=1', '?format=../../x', `?q=${'x'.repeat(5000)}`),
  );
}

const HUGE_NUMBERS = ['1e308', '-1e308', '1e309', '9007199254740993', '-0', '1e-320', '123456789012345678901234567890'];

/** JSON bodies: valid ones, arbitrary JSON, the schema's keys with wrong types, huge numbers, deep nesting, prototype keys, not JSON at all. */
function bodyArbitrary(route: Route): fc.Arbitrary<string | undefined> {
  const keys = propertyNames(route.body);
  const someKeys = keys.length > 0 ? keys : ['name', 'id'];
  const valid = route.body === undefined ? fc.constant({}) : validArbitrary(route.body);
  return fc.oneof(
    fc.constant(undefined),
    valid.map((value) => JSON.stringify(value)),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc.dictionary(fc.constantFrom(...someKeys), fc.jsonValue({ maxDepth: 3 }), { maxKeys: someKeys.length }).map((value) => JSON.stringify(value)),
    fc.tuple(fc.constantFrom(...someKeys), fc.constantFrom(...HUGE_NUMBERS)).map(([key, number]) => `{"${key}":${number}}`),
    fc.constantFrom(10, 1000, 100_000).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.constantFrom(10, 1000, 50_000).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    valid.map((value) => `{"__proto__":{"isAdmin":true,"role":"lead"},${JSON.stringify(value).slice(1)}`.replace(/,}$/, '}')),
    fc.constantFrom('{"constructor":{"prototype":{"isAdmin":true}}}', '{"__proto__":null}', '[{"__proto__":{}}]'),
    fc.constantFrom('', 'null', '{', '{"a":', 'not json', '\u0000', '"\\ud800"', `"${'x'.repeat(900_000)}"`, `{"name":"${'é'.repeat(100_000)}"}`),
    fc.string({ maxLength: 60 }),
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/yaml',
  'text/yaml',
  '*/*',
  'application/json; charset=nonsense',
];

const PRINTABLE = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);

function headersArbitrary(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), PRINTABLE),
      'if-match': fc.oneof(fc.constantFrom('"1"', 'W/"2"', '*', '"0"', '"999999999999999"', `"${'9'.repeat(20)}"`, '"-1"', '""', '"1", "2"'), PRINTABLE),
      accept: fc.constantFrom('application/json', '*/*', 'text/html', 'x'),
    },
    { requiredKeys: [] },
  );
}

function requestArbitrary(route: Route, fixture: Fixture): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      as: fc.constantFrom('admin' as const, 'anonymous' as const),
      path: pathArbitrary(route, fixture),
      query: queryArbitrary(route),
      payload: bodyArbitrary(route),
      headers: headersArbitrary(),
    })
    .map(({ as, path, query, payload, headers }) => ({ as, url: `${path}${query}`, payload, headers }));
}

/** Deletes last, so the fixture's objects stay in place for the other routes as long as possible. */
function fuzzOrder(routes: readonly Route[]): Route[] {
  return [...routes].sort((left, right) => Number(left.method === 'DELETE') - Number(right.method === 'DELETE'));
}

describe.each(DIALECTS)('S24 random requests never cause a 5xx (%s)', (dialect) => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await buildFixture(dialect);
  }, 120_000);

  afterAll(async () => {
    await fixture.harness.close();
  });

  it.each(fuzzOrder(SERVER_ROUTES).map((route) => [`${route.method} ${route.url}`, route] as const))('S24 %s', async (_name, route) => {
    // A fresh admin session per route: a fuzzed DELETE /session or password change must not blind the next route.
    const admin: Client = await signIn(fixture.harness.app, 'admin', ADMIN_PASSWORD);
    const anonymous = fixture.principals.anonymous;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(route, fixture), async (request) => {
        const client = request.as === 'admin' ? admin : anonymous;
        const response = await client.request(route.method, request.url, { ...(request.payload === undefined ? {} : { raw: request.payload }), headers: request.headers });
        if (response.statusCode >= 500) throw new Error(`${route.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
    );
    expect(true).toBe(true);
  });
});
