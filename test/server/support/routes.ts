import type { Route } from '../../../src/server/route.js';
import { enumProperties, validSample } from './schema-values.js';

/** Path parameters the fixture can fill with real objects of team A or team B. */
export const FIXTURE_PARAMS = ['teamId', 'checkpointId', 'practiceId', 'userId', 'tokenId', 'scanId', 'itemKey', 'date'] as const;
export type FixtureParam = (typeof FIXTURE_PARAMS)[number];

/** The `:name` parameters of a Fastify path, in order. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}

/** True when the path names a team's object (the route is team-scoped by its path). */
export function isTeamPath(url: string): boolean {
  const names = pathParams(url);
  return names.includes('teamId') || names.includes('checkpointId');
}

/** True when the path names an object the fixture can provide. */
export function hasFixtureParam(url: string): boolean {
  return pathParams(url).some((name) => (FIXTURE_PARAMS as readonly string[]).includes(name));
}

/** The path with each parameter replaced (URL-encoded). */
export function fillPath(url: string, values: Readonly<Record<string, string>>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

/** Path values for parameters the fixture does not know, derived from the route's params schema. */
export function schemaParamValues(route: Route): Record<string, string> {
  const sample = validSample(route.params);
  const values: Record<string, string> = {};
  if (typeof sample !== 'object' || sample === null) return values;
  for (const [name, value] of Object.entries(sample)) if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
  return values;
}

/** A query string (with `?`, or empty) from a plain object. */
export function queryString(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || (typeof item === 'object' && item !== null)) continue;
      search.append(name, String(item));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** A query the route accepts (its schema's sample), or none. */
export function sampleQuery(route: Route): Record<string, unknown> {
  const sample = validSample(route.query);
  return typeof sample === 'object' && sample !== null ? (sample as Record<string, unknown>) : {};
}

/** Every query worth sending when looking for leaks: the sample, and one per value of each enum field (e.g. every export format). */
export function queryVariants(route: Route): Record<string, unknown>[] {
  const base = sampleQuery(route);
  const variants: Record<string, unknown>[] = [base, {}];
  for (const [name, options] of enumProperties(route.query)) for (const option of options) variants.push({ ...base, [name]: option });
  const unique = new Map(variants.map((variant) => [queryString(variant), variant]));
  return [...unique.values()];
}

/** A body the route accepts (its schema's sample), `{}` when none was found, undefined for routes without a JSON body. */
export function sampleBody(route: Route): unknown {
  if (route.body === undefined) return undefined;
  return validSample(route.body) ?? {};
}
