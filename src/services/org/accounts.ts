import { fail, ok } from '../../core/errors.js';
import type { Result } from '../../core/errors.js';
import type { AccountStore, Persistence, TeamStore } from '../../core/persistence/port.js';
import type { SessionRecord, TeamRole, UserRecord } from '../../core/persistence/records.js';
import { audit } from './audit.js';
import type { Actor } from './audit.js';
import { passwordProblem } from './password-policy.js';
import { hashSecret, newId, newSecret } from './tokens.js';

/** Hashes and checks passwords (argon2id in production, chosen by src/main). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface SessionPolicy {
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly loginFailuresPerAccount: number;
  readonly loginFailuresPerAddress: number;
  readonly loginWindowMinutes: number;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly isAdmin?: boolean;
  readonly isAuditor?: boolean;
}

/** A signed-in user as a request sees it. */
export interface SessionUser {
  readonly user: UserRecord;
  readonly session: SessionRecord;
  readonly roles: ReadonlyMap<string, TeamRole>;
}

export type LoginOutcome =
  | { readonly kind: 'signed-in'; readonly user: UserRecord; readonly sessionId: string; readonly csrfToken: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

const MINUTE_MS = 60_000;

/** When the instance has no user yet: a new one-time setup token (only its hash is stored), else null. */
export async function issueSetupToken(store: AccountStore, now: Date): Promise<string | null> {
  if ((await store.countUsers()) > 0) return null;
  const token = newSecret('stw_setup_');
  await store.putSetupToken(hashSecret(token), now.toISOString());
  return token;
}

/** True while the instance has no user and waits for its setup token. */
export async function needsSetup(store: AccountStore): Promise<boolean> {
  return (await store.countUsers()) === 0;
}

/** First-run setup: the one-time token creates the instance admin; it cannot be used twice. */
export async function completeSetup(store: Persistence, hasher: PasswordHasher, token: string, admin: Omit<NewUser, 'isAdmin' | 'isAuditor'>, actor: Actor): Promise<Result<UserRecord>> {
  const problem = passwordProblem(admin.password, admin.username);
  if (problem !== undefined) return fail('invalid-input', problem);
  const passwordHash = await hasher.hash(admin.password);
  return store.transaction(async (tx) => {
    if ((await tx.countUsers()) > 0 || !(await tx.consumeSetupToken(hashSecret(token), actor.at))) {
      await audit(tx, actor, { action: 'setup', outcome: 'refused' });
      return fail('forbidden', 'the setup token is not valid (it is printed once by "stepwise serve" while the instance has no user)');
    }
    const user = userRecord({ ...admin, isAdmin: true }, passwordHash, actor.at);
    await tx.insertUser(user);
    await audit(tx, { ...actor, name: user.username }, { action: 'setup', target: `user:${user.id}` });
    return ok(user);
  });
}

function userRecord(user: NewUser, passwordHash: string, at: string): UserRecord {
  return {
    id: newId(),
    username: user.username,
    displayName: user.displayName,
    passwordHash,
    isAdmin: user.isAdmin ?? false,
    isAuditor: user.isAuditor ?? false,
    disabled: false,
    createdAt: at,
    version: 1,
  };
}

/** An admin creates a user. */
export async function createUser(store: Persistence, hasher: PasswordHasher, user: NewUser, actor: Actor): Promise<Result<UserRecord>> {
  const problem = passwordProblem(user.password, user.username);
  if (problem !== undefined) return fail('invalid-input', problem);
  const record = userRecord(user, await hasher.hash(user.password), actor.at);
  return store.transaction(async (tx) => {
    if ((await tx.insertUser(record)) === 'duplicate') return fail('already-exists', `a user named "${user.username}" exists`);
    await audit(tx, actor, { action: 'user.create', target: `user:${record.id}`, detail: { username: user.username, isAdmin: record.isAdmin, isAuditor: record.isAuditor } });
    return ok(record);
  });
}

let dummyHash: Promise<string> | undefined;

/** Signs a user in: throttled per account and per address, same answer and similar time whether the user exists or not. */
export async function login(store: Persistence, hasher: PasswordHasher, policy: SessionPolicy, credentials: { readonly username: string; readonly password: string }, actor: Actor): Promise<LoginOutcome> {
  const since = new Date(Date.parse(actor.at) - policy.loginWindowMinutes * MINUTE_MS).toISOString();
  const accountKey = `user:${credentials.username.toLowerCase()}`;
  const addressKey = `ip:${actor.ip ?? 'unknown'}`;
  const throttled = await isThrottled(store, policy, accountKey, addressKey, since);
  if (throttled) {
    await audit(store, { ...actor, name: credentials.username.slice(0, 64) }, { action: 'login', outcome: 'refused', detail: { reason: 'throttled' } });
    return { kind: 'throttled', retryAfterSeconds: policy.loginWindowMinutes * 60 };
  }
  const user = await store.userByName(credentials.username);
  const matches = user === undefined ? await verifyAgainstDummy(hasher, credentials.password) : await hasher.verify(user.passwordHash, credentials.password);
  if (user === undefined || !matches || user.disabled) {
    await store.recordLoginFailure(accountKey, actor.at);
    await store.recordLoginFailure(addressKey, actor.at);
    await audit(store, { ...actor, name: credentials.username.slice(0, 64) }, { action: 'login', outcome: 'failed' });
    return { kind: 'refused' };
  }
  await store.clearLoginFailures(accountKey);
  const sessionId = newSecret();
  const csrfToken = newSecret();
  await store.insertSession({ idHash: hashSecret(sessionId), userId: user.id, csrfToken, createdAt: actor.at, lastSeenAt: actor.at });
  await audit(store, { ...actor, name: user.username }, { action: 'login' });
  return { kind: 'signed-in', user, sessionId, csrfToken };
}

async function isThrottled(store: AccountStore, policy: SessionPolicy, accountKey: string, addressKey: string, since: string): Promise<boolean> {
  const [account, address] = await Promise.all([store.countLoginFailures(accountKey, since), store.countLoginFailures(addressKey, since)]);
  return account >= policy.loginFailuresPerAccount || address >= policy.loginFailuresPerAddress;
}

async function verifyAgainstDummy(hasher: PasswordHasher, password: string): Promise<false> {
  dummyHash ??= hasher.hash('stepwise-timing-equaliser-not-a-password');
  await hasher.verify(await dummyHash, password);
  return false;
}

/** The user behind a session cookie, or undefined when the session is unknown, expired or the user disabled. */
export async function resolveSession(store: AccountStore & TeamStore, policy: SessionPolicy, sessionId: string, now: Date): Promise<SessionUser | undefined> {
  const idHash = hashSecret(sessionId);
  const session = await store.sessionByHash(idHash);
  if (session === undefined) return undefined;
  if (isExpired(session, policy, now)) {
    await store.deleteSession(idHash);
    return undefined;
  }
  const user = await store.userById(session.userId);
  if (user === undefined || user.disabled) return undefined;
  // Touch at most once a minute so reads do not turn into writes.
  if (now.getTime() - Date.parse(session.lastSeenAt) > MINUTE_MS) await store.touchSession(idHash, now.toISOString());
  const memberships = await store.membershipsOfUser(user.id);
  return { user, session, roles: new Map(memberships.map((membership) => [membership.teamId, membership.role])) };
}

function isExpired(session: SessionRecord, policy: SessionPolicy, now: Date): boolean {
  const idle = now.getTime() - Date.parse(session.lastSeenAt) > policy.sessionIdleMinutes * MINUTE_MS;
  const tooOld = now.getTime() - Date.parse(session.createdAt) > policy.sessionAbsoluteHours * 60 * MINUTE_MS;
  return idle || tooOld;
}

/** Ends one session. */
export async function logout(store: Persistence, sessionHash: string, actor: Actor): Promise<void> {
  await store.deleteSession(sessionHash);
  await audit(store, actor, { action: 'logout' });
}

/** Changes one's own password; every other session of the user ends. */
export async function changePassword(store: Persistence, hasher: PasswordHasher, user: UserRecord, change: { readonly current: string; readonly next: string }, keepSession: string, actor: Actor): Promise<Result<UserRecord>> {
  if (!(await hasher.verify(user.passwordHash, change.current))) {
    await audit(store, actor, { action: 'password.change', outcome: 'refused', target: `user:${user.id}` });
    return fail('forbidden', 'the current password is wrong');
  }
  const problem = passwordProblem(change.next, user.username);
  if (problem !== undefined) return fail('invalid-input', problem);
  const passwordHash = await hasher.hash(change.next);
  return store.transaction(async (tx) => {
    const updated = await tx.updateUser(user.id, user.version, { passwordHash });
    if (updated === 'missing') return fail('not-found', 'the user no longer exists');
    if (updated === 'stale') return fail('stale', 'the account changed meanwhile; try again');
    await tx.deleteSessionsOfUser(user.id, keepSession);
    await audit(tx, actor, { action: 'password.change', target: `user:${user.id}` });
    return ok(updated);
  });
}

export interface UserUpdate {
  readonly displayName?: string | undefined;
  readonly isAdmin?: boolean | undefined;
  readonly isAuditor?: boolean | undefined;
  readonly disabled?: boolean | undefined;
  readonly password?: string | undefined;
}

/** An admin changes a user; disabling ends the user's sessions at once (S17). */
export async function updateUserAccount(store: Persistence, hasher: PasswordHasher, userId: string, expectedVersion: number, update: UserUpdate, actor: Actor): Promise<Result<UserRecord>> {
  const existing = await store.userById(userId);
  if (existing === undefined) return fail('not-found', 'no such user');
  if (update.password !== undefined) {
    const problem = passwordProblem(update.password, existing.username);
    if (problem !== undefined) return fail('invalid-input', problem);
  }
  const passwordHash = update.password === undefined ? undefined : await hasher.hash(update.password);
  return store.transaction(async (tx) => {
    if (await removesLastAdmin(tx, existing, update)) return fail('conflict', 'the instance needs at least one enabled admin');
    const changes = definedOnly({ displayName: update.displayName, isAdmin: update.isAdmin, isAuditor: update.isAuditor, disabled: update.disabled, passwordHash });
    const updated = await tx.updateUser(userId, expectedVersion, changes);
    if (updated === 'missing') return fail('not-found', 'no such user');
    if (updated === 'stale') return fail('stale', 'the user changed since it was read; reload and try again');
    if (updated.disabled || passwordHash !== undefined) await tx.deleteSessionsOfUser(userId);
    await audit(tx, actor, { action: 'user.update', target: `user:${userId}`, detail: { ...changes, passwordHash: undefined, passwordChanged: passwordHash !== undefined } });
    return ok(updated);
  });
}

async function removesLastAdmin(store: AccountStore, user: UserRecord, update: UserUpdate): Promise<boolean> {
  if (!user.isAdmin || user.disabled) return false;
  if (update.isAdmin !== false && update.disabled !== true) return false;
  const admins = (await store.listUsers()).filter((candidate) => candidate.isAdmin && !candidate.disabled);
  return admins.length <= 1;
}

/** The object without its undefined entries (an update changes only what it names). */
export function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** What the API shows of a user: never the password hash. */
export function publicUser(user: UserRecord): Omit<UserRecord, 'passwordHash'> {
  const { passwordHash: _hidden, ...shown } = user;
  return shown;
}
