import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { audit } from '../services/org/audit.js';
import { authenticate, changesState, CSRF_HEADER } from './authenticate.js';
import { encodeBody } from './compression.js';
import type { ServerContext } from './context.js';
import { actorName, decide, isPolicy } from './policy.js';
import type { Principal } from './policy.js';
import { problemBody, refuse } from './problem.js';
import type { Problem, Refusal } from './problem.js';
import { isFileReply, isRefusal } from './route.js';
import type { Reply, Route, RouteRequest } from './route.js';
import { API_SECURITY_HEADERS, IMMUTABLE, NO_STORE, UI_CONTENT_SECURITY_POLICY } from './security-headers.js';
import { resolveTeamScope } from './team-scope.js';
import { parseIfMatch } from './versions.js';

export interface ServerOptions {
  readonly routes: readonly Route[];
  readonly logger?: boolean | FastifyBaseLogger | { readonly level: string };
  /** Called for every route the router registers (S13: the inventory test checks each one's policy). */
  readonly onRoute?: (route: RouteOptions) => void;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Stands for a team that does not exist: no principal has a role in it (team ids are never empty). */
const NO_TEAM = '';
const UPLOAD_TYPES = ['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/yaml', 'text/yaml', 'application/x-yaml'];

/** The Fastify application: every route goes through authentication, its policy, validation and one error writer. */
export function buildServer(context: ServerContext, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    trustProxy: context.config.trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // A malformed or over-long path never reaches the router: answer it like any other error (S21).
    frameworkErrors: (error, request, reply) => {
      addSecurityHeaders(request, reply);
      sendProblem(reply, request.id, refuse(error.statusCode === 414 ? 414 : 400, error.statusCode === 414 ? 'a part of the path is too long' : 'the URL is not valid'));
    },
  });
  if (options.onRoute !== undefined) app.addHook('onRoute', options.onRoute);
  void app.register(fastifyCookie);
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    addSecurityHeaders(request, reply);
    done(null, payload);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    writeUnexpected(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    sendProblem(reply, request.id, refuse(404, `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
  for (const route of options.routes) registerRoute(app, route, context);
  return app;
}

function addSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers({ ...API_SECURITY_HEADERS, 'x-correlation-id': request.id });
  if (request.url.startsWith('/api/')) {
    reply.header('cache-control', NO_STORE);
    return;
  }
  // The web UI runs its own scripts and styles, so its pages get the UI's CSP instead of the API's deny-all.
  reply.header('content-security-policy', UI_CONTENT_SECURITY_POLICY);
  reply.header('cache-control', request.url.startsWith('/assets/') && reply.statusCode === 200 ? IMMUTABLE : NO_STORE);
}

function registerRoute(app: FastifyInstance, route: Route, context: ServerContext): void {
  app.route({
    method: route.method,
    url: route.url,
    bodyLimit: route.upload?.maxBytes ?? route.bodyLimit ?? DEFAULT_BODY_LIMIT,
    config: { policy: route.policy },
    handler: async (request, reply) => {
      const result = await runRoute(route, request, context);
      await writeReply(reply, request, result);
    },
  });
}

async function runRoute(route: Route, request: FastifyRequest, context: ServerContext): Promise<Reply> {
  const authentication = await authenticate(request, context);
  const actorAt = { ip: request.ip, at: context.clock.now().toISOString() };
  if ('invalidToken' in authentication) {
    await audit(context.store, { name: 'anonymous', ...actorAt }, { action: 'token.use', outcome: 'refused', target: `${route.method} ${route.url}` });
    return refuse(401, 'the API token is unknown or revoked', undefined, { 'www-authenticate': 'Bearer' });
  }
  const { principal, via } = authentication;
  if (via === 'cookie' && changesState(route.method) && !csrfMatches(request, principal)) {
    return refuse(403, `a request that changes something needs the ${CSRF_HEADER} header returned by GET /api/v1/session`);
  }
  const params = parsePart(route.params, request.params ?? {}, 'path');
  if ('refused' in params) return params;
  const access = await checkAccess(route, principal, params.value, context, request, actorAt);
  if (access !== undefined && 'refused' in access) return access;
  return runAuthorised(route, request, context, principal, params.value, access?.teamId);
}

async function checkAccess(
  route: Route,
  principal: Principal,
  params: unknown,
  context: ServerContext,
  request: FastifyRequest,
  actorAt: { ip: string; at: string },
): Promise<Refusal | { teamId: string | undefined } | undefined> {
  // S13: a route without a valid policy refuses everyone, admins and anonymous callers alike.
  if (!isPolicy(route.policy)) return refuse(403, 'this route has no access policy');
  if (route.policy.action !== 'public' && principal.kind === 'anonymous') return refuse(401, 'sign in first', undefined, { 'www-authenticate': 'Cookie' });
  const teamId = await resolveTeamScope(route.policy.scope, params, context.store);
  // S14: a missing team or checkpoint is judged like a team the caller has no role in, so a refusal never tells what exists.
  const decision = decide(principal, route.policy, teamId === null ? NO_TEAM : teamId);
  if (decision.allowed) return teamId === null ? refuse(404, 'not found') : { teamId };
  await audit(context.store, { name: actorName(principal), ...actorAt }, { action: 'access', outcome: 'refused', teamId: teamId ?? null, target: `${request.method} ${request.url.split('?')[0] ?? ''}`, detail: { reason: decision.reason } });
  return refuse(decision.status, decision.status === 404 ? 'not found' : decision.reason);
}

async function runAuthorised(route: Route, request: FastifyRequest, context: ServerContext, principal: Principal, params: unknown, teamId: string | undefined): Promise<Reply> {
  const query = parsePart(route.query, request.query ?? {}, 'query');
  if ('refused' in query) return query;
  const body = readBody(route, request);
  if ('refused' in body) return body;
  const ifMatch = route.ifMatch ? parseIfMatch(request.headers['if-match']) : { value: undefined };
  if ('refused' in ifMatch) return ifMatch;
  const routeRequest: RouteRequest<unknown, unknown, unknown> = {
    params,
    query: query.value,
    body: body.value,
    upload: body.upload,
    principal,
    teamId,
    ifMatch: ifMatch.value,
    ip: request.ip,
    https: request.protocol === 'https',
    correlationId: request.id,
  };
  return route.handler(routeRequest, context);
}

function csrfMatches(request: FastifyRequest, principal: Principal): boolean {
  if (principal.kind !== 'user') return true;
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' && header === principal.csrfToken;
}

function readBody(route: Route, request: FastifyRequest): Refusal | { value: unknown; upload: Uint8Array | undefined } {
  if (route.upload !== undefined) {
    if (!Buffer.isBuffer(request.body)) return refuse(415, `send the file as one of ${route.upload.mediaTypes.join(', ')}`);
    return { value: undefined, upload: new Uint8Array(request.body) };
  }
  if (route.body === undefined) return { value: undefined, upload: undefined };
  if (Buffer.isBuffer(request.body) || (request.body !== undefined && !isJsonMediaType(request.headers['content-type']))) {
    return refuse(415, 'send a JSON body (Content-Type: application/json)');
  }
  const parsed = parsePart(route.body, request.body ?? {}, 'body');
  return 'refused' in parsed ? parsed : { value: parsed.value, upload: undefined };
}

function isJsonMediaType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function parsePart(schema: z.ZodType, value: unknown, part: 'path' | 'query' | 'body'): Refusal | { value: unknown } {
  // PostgreSQL text cannot hold U+0000; refusing it everywhere keeps both databases alike.
  const textProblem = unstorableText(value, 0);
  if (textProblem !== undefined) return refuse(400, `${part}: ${textProblem}`);
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  const message = issue === undefined ? 'invalid' : issueMessage(issue);
  return refuse(400, `${part}${path === '' ? '' : ` field "${path}"`}: ${message}`, { path: `${part}${path === '' ? '' : `.${path}`}` });
}

const MAX_JSON_DEPTH = 64;

function unstorableText(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? 'text may not contain the NUL character' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
  for (const [key, entry] of Object.entries(value)) {
    const problem = key.includes('\u0000') ? 'text may not contain the NUL character' : unstorableText(entry, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')} (only documented fields are accepted)`;
  return issue.message;
}

async function writeReply(reply: FastifyReply, request: FastifyRequest, result: Reply): Promise<void> {
  if (isRefusal(result)) {
    sendProblem(reply, request.id, result);
    return;
  }
  if (isFileReply(result)) {
    reply.status(200).header('content-type', result.mediaType);
    if (result.inline !== true) reply.header('content-disposition', `attachment; filename="${result.fileName.replace(/[^\w.-]/g, '_')}"`);
    await reply.send(typeof result.file === 'string' ? result.file : Buffer.from(result.file));
    return;
  }
  if (result.version !== undefined) reply.header('etag', `"${result.version}"`);
  if (result.headers !== undefined) reply.headers(result.headers);
  const json = result.json ?? (result.body === undefined ? undefined : JSON.stringify(result.body));
  if (json === undefined) {
    await reply.status(result.status).send();
    return;
  }
  const encoded = await encodeBody(request, json);
  reply.header('vary', 'accept-encoding');
  if (encoded.gzip) reply.header('content-encoding', 'gzip');
  await reply.status(result.status).header('content-type', 'application/json; charset=utf-8').send(encoded.bytes);
}

function sendProblem(reply: FastifyReply, correlationId: string, refusal: Refusal): void {
  if (refusal.headers !== undefined) reply.headers(refusal.headers);
  const body: Problem = problemBody(refusal.refused, refusal.detail, correlationId, refusal.at);
  void reply.status(refusal.refused).header('content-type', 'application/problem+json').send(JSON.stringify(body));
}

/** Errors Fastify raises before a handler runs (bad JSON, too large, wrong media type) keep their 4xx; anything else is a 500 with a generic message. */
function writeUnexpected(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status >= 500) request.log.error({ err: error, correlationId: request.id }, 'request failed');
  const detail = status === 413 ? 'the request body is too large' : status === 415 ? 'unsupported Content-Type' : clientMessage(error);
  sendProblem(reply, request.id, refuse(status, detail));
}

function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return 'the body is not valid JSON, or it holds a "__proto__" or "constructor" key, which is refused';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'the JSON body is empty';
  return error.message.split('\n')[0]?.slice(0, 200) ?? 'bad request';
}
