import fc from 'fast-check';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '../../core/persistence/port.js';
import { serverContext } from '../../main/server.js';
import { buildServer } from '../app.js';
import type { WebAsset } from '../context.js';
import { openApiDocument } from '../openapi.js';
import { API_ROUTES, SERVER_ROUTES } from './index.js';
import { webReply, webRoutes } from './web.js';

const text = (body: string, mediaType: string): WebAsset => ({ body: new TextEncoder().encode(body), mediaType });

const ASSETS: ReadonlyMap<string, WebAsset> = new Map([
  ['/index.html', text('<!doctype html><title>Stepwise</title>', 'text/html; charset=utf-8')],
  ['/assets/index-abc123.js', text('console.log(1)', 'text/javascript; charset=utf-8')],
  ['/favicon.svg', text('<svg/>', 'image/svg+xml')],
]);

const UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

describe('webReply', () => {
  it.each([
    ['/', 'file', '/index.html'],
    ['/teams/payments', 'file', '/index.html'],
    ['/account/password', 'file', '/index.html'],
    ['/index.html', 'file', '/index.html'],
    ['/assets/index-abc123.js', 'file', '/assets/index-abc123.js'],
    ['/favicon.svg', 'file', '/favicon.svg'],
    ['/assets/index-gone.js', 404, 'not found'],
    ['/assets/nested/path', 404, 'not found'],
    ['/robots.txt', 404, 'not found'],
    ['/api', 404, 'no route GET /api'],
    ['/api/v1/nothing', 404, 'no route GET /api/v1/nothing'],
  ] as const)('%s → %s', (path, kind, expected) => {
    const reply = webReply(path, ASSETS);
    if (kind === 'file') {
      expect(reply).toMatchObject({ status: 200, inline: true });
      expect('file' in reply && reply.file).toBe(ASSETS.get(expected)?.body);
    } else expect(reply).toEqual({ refused: 404, detail: expected });
  });

  it('says to run npm run build when the UI was not built', () => {
    for (const assets of [undefined, new Map<string, WebAsset>()]) expect(webReply('/', assets)).toEqual({ refused: 404, detail: 'the web UI is not built: run `npm run build`, then start `stepwise serve` again' });
    expect(webReply('/api/v1/x', undefined)).toEqual({ refused: 404, detail: 'no route GET /api/v1/x' });
  });
});

describe('the web routes in the server', () => {
  let app: FastifyInstance;
  let bare: FastifyInstance;
  const registered: RouteOptions[] = [];

  beforeAll(async () => {
    app = buildServer({ ...serverContext({} as Persistence), webAssets: ASSETS }, { routes: SERVER_ROUTES, onRoute: (route) => registered.push(route) });
    bare = buildServer(serverContext({} as Persistence), { routes: SERVER_ROUTES });
    await Promise.all([app.ready(), bare.ready()]);
  });

  afterAll(async () => {
    await Promise.all([app.close(), bare.close()]);
  });

  it('S13 are public GETs with no team scope, registered after the API and kept out of API_ROUTES and the OpenAPI document', () => {
    expect(webRoutes.map((route) => [route.method, route.url, route.policy])).toEqual([
      ['GET', '/', { action: 'public', scope: 'none' }],
      ['GET', '/*', { action: 'public', scope: 'none' }],
    ]);
    expect(SERVER_ROUTES).toEqual([...API_ROUTES, ...webRoutes]);
    const live = registered.filter((route) => route.method !== 'HEAD');
    expect(live.length).toBe(SERVER_ROUTES.length);
    for (const route of live) expect((route.config as { policy?: unknown }).policy, `${String(route.method)} ${route.url}`).toBeDefined();
    const paths = Object.keys(openApiDocument(API_ROUTES, 'test')['paths'] ?? {});
    expect(paths.filter((path) => !path.startsWith('/api/'))).toEqual([]);
  });

  it('S21 answers app addresses with index.html under the UI CSP, no-store, inline (never as a download)', async () => {
    const response = await app.inject({ method: 'GET', url: '/teams/payments?domain=secrets&x=1' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('<!doctype html><title>Stepwise</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(UI_CSP);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('S21 serves hashed assets with a year-long immutable cache, and a missing asset as a 404 that is not cached', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.inject({ method: 'GET', url: '/assets/index-gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('S21 keeps the API CSP and 404 problem for unknown /api addresses', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/not-a-route' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, detail: 'no route GET /api/v1/not-a-route' });
    expect(response.headers['content-security-policy']).toBe(API_CSP);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers HEAD like GET and refuses other methods with 404', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const method of ['POST', 'PUT', 'DELETE'] as const) expect((await app.inject({ method, url: '/teams/x' })).statusCode).toBe(404);
  });

  it('S24 any path answers 200 or a 4xx problem, never a 5xx; /api paths never get the page', async () => {
    const segment = fc.oneof(fc.string({ maxLength: 30 }).map(encodeURIComponent), fc.constantFrom('..', '.', '%00', '%FF', '%', 'api', 'assets', 'index.html', '~', 'a.b'));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 6 }), fc.constantFrom('', '?a=1', '?__proto__=x', '?a=%FF'), async (segments, query) => {
        const url = `/${segments.join('/')}${query}`;
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBeLessThan(500);
        if (response.statusCode !== 200) expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
        if (/^\/api(\/|$|\?)/.test(url)) expect(response.statusCode, url).not.toBe(200);
      }),
      { numRuns: 300, seed: 20_261_127 },
    );
  });

  it('without a built UI, / answers a 404 problem that says to run npm run build', async () => {
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, detail: 'the web UI is not built: run `npm run build`, then start `stepwise serve` again' });
  });
});
