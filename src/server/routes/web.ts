import { z } from 'zod';
import type { ServerContext, WebAsset } from '../context.js';
import { refuse } from '../problem.js';
import type { Refusal } from '../problem.js';
import { defineRoute } from '../route.js';
import type { FileReply, Route } from '../route.js';

/**
 * The web UI's files (dist/web, read into memory by main at start). Hashed assets under /assets/
 * are served as they are; every other GET outside /api answers index.html, so the app's own
 * addresses (/teams/payments) work on reload. Headers (the UI's CSP, caching) are set in app.ts.
 */

const PUBLIC = { action: 'public', scope: 'none' } as const;
const INDEX = '/index.html';
const NOT_BUILT = 'the web UI is not built: run `npm run build`, then start `stepwise serve` again';

/** The last path segment has a file extension: a missing file, never an app address (team ids have no dots). */
function looksLikeFile(path: string): boolean {
  return /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
}

function fileReply(path: string, asset: WebAsset): FileReply {
  return { status: 200, file: asset.body, mediaType: asset.mediaType, fileName: path.slice(path.lastIndexOf('/') + 1), inline: true };
}

/** What to answer for a GET of `path` (decoded, leading slash) given the built files. */
export function webReply(path: string, assets: ReadonlyMap<string, WebAsset> | undefined): FileReply | Refusal {
  // Unknown API addresses keep the API's 404, never the app's page.
  if (path === '/api' || path.startsWith('/api/')) return refuse(404, `no route GET ${path}`);
  const index = assets?.get(INDEX);
  if (assets === undefined || index === undefined) return refuse(404, NOT_BUILT);
  const asset = assets.get(path);
  if (asset !== undefined) return fileReply(path, asset);
  if (path.startsWith('/assets/') || looksLikeFile(path)) return refuse(404, 'not found');
  return fileReply(INDEX, index);
}

/** Query strings belong to the app's pages (`/teams/payments?domain=secrets`); the server reads none of them. */
const anyQuery = z.record(z.string(), z.unknown());

const appRoot = defineRoute({
  method: 'GET',
  url: '/',
  summary: 'The web application',
  tags: ['web'],
  policy: PUBLIC,
  query: anyQuery,
  responses: { 200: { description: 'index.html', mediaType: 'text/html' }, 404: { description: 'The UI was not built' } },
  handler: (_request, context: ServerContext) => Promise.resolve(webReply('/', context.webAssets)),
});

const appFiles = defineRoute({
  method: 'GET',
  url: '/*',
  summary: "The web application's files, and index.html for its own addresses",
  tags: ['web'],
  policy: PUBLIC,
  params: z.strictObject({ '*': z.string().max(2000) }),
  query: anyQuery,
  responses: { 200: { description: 'A file of the UI' }, 404: { description: 'No such file, an unknown API address, or the UI was not built' } },
  handler: (request, context: ServerContext) => Promise.resolve(webReply(`/${request.params['*']}`, context.webAssets)),
});

/** The UI's routes: registered beside API_ROUTES by the server, kept out of the API's list and its OpenAPI document. */
export const webRoutes: readonly Route[] = [appRoot, appFiles];
