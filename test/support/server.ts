import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openPersistence } from '../../src/adapters/persistence/open.js';
import type { Persistence } from '../../src/core/persistence/port.js';
import { serverContext } from '../../src/main/server.js';
import { buildServer } from '../../src/server/app.js';
import type { ServerConfig, ServerContext } from '../../src/server/context.js';
import { API_ROUTES } from '../../src/server/routes/index.js';
import { issueSetupToken } from '../../src/services/org/accounts.js';

/** The PostgreSQL URL for tests, or undefined (those tests skip with a printed reason). */
export const PG_URL = process.env['STEPWISE_TEST_PG_URL'];

export type Dialect = 'sqlite' | 'postgres';

/** The dialects tests run on here: SQLite always, PostgreSQL when STEPWISE_TEST_PG_URL is set. */
export const DIALECTS: readonly Dialect[] = PG_URL === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
if (PG_URL === undefined) console.info('STEPWISE_TEST_PG_URL not set: server tests run on SQLite only (PostgreSQL skipped)');

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Persistence;
  readonly context: ServerContext;
  readonly dialect: Dialect;
  /** Signs in (via setup on first use) as the instance admin. */
  admin(): Promise<Client>;
  /** Creates a user (as admin) and signs in as them. */
  user(name: string, options?: UserOptions): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export interface Client {
  readonly username: string;
  readonly userId: string | undefined;
  request(method: string, url: string, options?: { body?: unknown; headers?: Record<string, string>; raw?: Buffer | string; contentType?: string }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export const ADMIN_PASSWORD = 'correct horse battery staple 1';
export const USER_PASSWORD = 'tangerine-orbit-lantern-42';

/** A fresh database: a SQLite file in a new temp folder, or a new PostgreSQL schema (the folder exists either way). */
export interface TestDatabase {
  readonly store: Persistence;
  readonly folder: string;
  /** The SQLite file (absent on PostgreSQL). */
  readonly file: string;
  /** The PostgreSQL schema (unused on SQLite). */
  readonly schema: string;
}

/** Opens a fresh database; `name` prefixes the temp folder and the schema. */
export async function openTestDatabase(dialect: Dialect, name: string): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), `stepwise-${name}-`));
  const file = join(folder, 'stepwise.db');
  const schema = `stepwise_${name}_${randomBytes(6).toString('hex')}`;
  const store = dialect === 'sqlite' ? await openPersistence(`sqlite:${file}`) : await openPersistence(PG_URL ?? '', { schema });
  return { store, folder, file, schema };
}

/** A server over a fresh database (a temp SQLite file, or a fresh PostgreSQL schema), driven by `inject`. */
export async function startTestServer(dialect: Dialect = 'sqlite', config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const { store, folder, schema } = await openTestDatabase(dialect, 'test');
  const context = serverContext(store, config);
  const app = buildServer(context, { routes: API_ROUTES });
  await app.ready();
  let adminClient: Client | undefined;
  const server: TestServer = {
    app,
    store,
    context,
    dialect,
    admin: async () => (adminClient ??= await setUpAdmin(app, store, context)),
    user: async (name, options = {}) => createAndSignIn(app, await server.admin(), name, options),
    anonymous: () => client(app, 'anonymous', undefined, undefined, undefined),
    close: async () => {
      await app.close();
      if (dialect === 'postgres') await dropSchema(schema);
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return server;
}

async function dropSchema(schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const connection = new pg.Client({ connectionString: PG_URL });
  await connection.connect();
  await connection.query(`drop schema if exists ${schema} cascade`);
  await connection.end();
}

/** Creates the instance admin with a fresh setup token and signs in as them. */
export async function setUpAdmin(app: FastifyInstance, store: Persistence, context: ServerContext): Promise<Client> {
  const token = await issueSetupToken(store, context.clock.now());
  if (token === null) throw new Error('the instance already has users');
  const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD } });
  if (setup.statusCode !== 201) throw new Error(`setup failed: ${setup.statusCode} ${setup.body}`);
  return signIn(app, 'admin', ADMIN_PASSWORD);
}

/** Who a test user is: instance roles and team memberships. */
export interface UserOptions {
  readonly isAdmin?: boolean;
  readonly isAuditor?: boolean;
  readonly teams?: Readonly<Record<string, 'lead' | 'assessor' | 'viewer'>>;
}

/** Creates a user (with {@link USER_PASSWORD}) and their memberships as the admin, and signs in as them. */
export async function createAndSignIn(app: FastifyInstance, admin: Client, name: string, options: UserOptions): Promise<Client & { readonly userId: string }> {
  const created = await admin.post('/api/v1/users', { username: name, displayName: name, password: USER_PASSWORD, isAdmin: options.isAdmin ?? false, isAuditor: options.isAuditor ?? false });
  if (created.statusCode !== 201) throw new Error(`creating ${name} failed: ${created.statusCode} ${created.body}`);
  const userId = created.json<{ id: string }>().id;
  for (const [team, role] of Object.entries(options.teams ?? {})) {
    const member = await admin.put(`/api/v1/teams/${team}/members/${userId}`, { role });
    if (member.statusCode !== 200) throw new Error(`membership ${name}@${team} failed: ${member.statusCode} ${member.body}`);
  }
  const signedIn = await signIn(app, name, USER_PASSWORD);
  return { ...signedIn, userId };
}

/** Signs in and returns a client that sends the session cookie and the CSRF header. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === 'stepwise_session');
  const body = response.json<{ csrfToken: string; user: { id: string } }>();
  return client(app, username, body.user.id, cookie?.value, body.csrfToken);
}

/** A client with the given credentials (any of them may be absent). */
export function client(app: FastifyInstance, username: string, userId: string | undefined, sessionCookie: string | undefined, csrf: string | undefined, bearer?: string): Client {
  const request: Client['request'] = (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }), ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }), ...options.headers };
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(sessionCookie === undefined ? {} : { cookies: { stepwise_session: sessionCookie } }),
      ...(options.raw !== undefined ? { payload: options.raw } : options.body === undefined ? {} : { payload: options.body as object }),
    });
  };
  return {
    username,
    userId,
    request,
    get: (url) => request('GET', url),
    post: (url, body, headers) => request('POST', url, { body, ...(headers === undefined ? {} : { headers }) }),
    put: (url, body, headers) => request('PUT', url, { body, ...(headers === undefined ? {} : { headers }) }),
    patch: (url, body, headers) => request('PATCH', url, { body, ...(headers === undefined ? {} : { headers }) }),
    delete: (url, headers) => request('DELETE', url, headers === undefined ? {} : { headers }),
  };
}

/** A client that authenticates with an API token. */
export function tokenClient(app: FastifyInstance, token: string): Client {
  return client(app, 'token', undefined, undefined, undefined, token);
}
