import { z } from 'zod';
import type { Route } from './route.js';
import { problemSchema } from './schemas.js';

type JsonObject = Record<string, unknown>;

/** The OpenAPI 3.1 document, generated from the route definitions so it cannot drift from them. */
export function openApiDocument(routes: readonly Route[], version: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stepwise API',
      version,
      description: 'DevSecOps maturity per team: teams, checkpoints, ratings and consensus, heatmap, backlog, scans. Errors are RFC 9457 problem documents.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'stepwise_session', description: 'From POST /api/v1/session; changes also need the x-csrf-token header.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'A team API token (scan:push, checkpoint:push).' },
      },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
    paths,
  };
}

function operation(route: Route): JsonObject {
  const operation: JsonObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: route.tags,
    'x-policy': route.policy,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...ifMatchParameter(route)],
    responses: responses(route),
  };
  if (route.description !== undefined) operation['description'] = route.description;
  if (route.policy.action === 'public') operation['security'] = [];
  else operation['security'] = route.policy.action.startsWith('team:push') ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }];
  const body = requestBody(route);
  if (body !== undefined) operation['requestBody'] = body;
  return operation;
}

function operationId(route: Route): string {
  const words = route.url.replace('/api/v1/', '').split('/').map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [route.method.toLowerCase(), ...words].join('-').replace(/[^A-Za-z0-9-]/g, '');
}

function parameters(schema: z.ZodType, place: 'path' | 'query'): JsonObject[] {
  const json = jsonSchema(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonObject>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: place, required: place === 'path' || required.has(name), schema: property }));
}

function ifMatchParameter(route: Route): JsonObject[] {
  if (!route.ifMatch) return [];
  return [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag (version) last read; 428 without it, 412 when stale.' }];
}

function requestBody(route: Route): JsonObject | undefined {
  if (route.upload !== undefined) {
    const content = Object.fromEntries(route.upload.mediaTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]));
    return { required: true, content };
  }
  if (route.body === undefined) return undefined;
  return { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
}

function responses(route: Route): JsonObject {
  const result: JsonObject = {};
  for (const [status, doc] of Object.entries(route.responses)) {
    const ok = Number(status) < 400;
    const mediaType = doc.mediaType ?? (ok ? 'application/json' : 'application/problem+json');
    const schema = doc.schema === undefined ? (ok ? undefined : { $ref: '#/components/schemas/Problem' }) : jsonSchema(doc.schema, 'output');
    result[status] = Number(status) === 204 || schema === undefined && !ok ? { description: doc.description } : { description: doc.description, content: { [mediaType]: { schema: schema ?? {} } } };
  }
  result['default'] = { description: 'An error, as a problem document', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  return result;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  delete json['$schema'];
  return json;
}
