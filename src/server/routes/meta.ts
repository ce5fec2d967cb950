import { openApiDocument } from '../openapi.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';

/** Health and the API's own description; both public. The OpenAPI route needs the full list, so it is built from it. */
export function metaRoutes(allRoutes: () => readonly Route[]): readonly Route[] {
  let document: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/health',
      summary: 'Liveness and database reachability',
      tags: ['meta'],
      policy: { action: 'public', scope: 'none' },
      responses: { 200: { description: '`{status: "ok", version, database}`' } },
      handler: async (_request, context) => {
        await context.store.countUsers();
        return { status: 200, body: { status: 'ok', version: context.version, database: context.store.dialect } };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/openapi.json',
      summary: 'This API described as OpenAPI 3.1',
      tags: ['meta'],
      policy: { action: 'public', scope: 'none' },
      responses: { 200: { description: 'The OpenAPI document' } },
      handler: (_request, context) => {
        document ??= openApiDocument(allRoutes(), context.version);
        return Promise.resolve({ status: 200, body: document });
      },
    }),
  ];
}
