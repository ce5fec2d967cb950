import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '../../core/persistence/port.js';
import type {
  AnswerRecord,
  ApiTokenRecord,
  CheckpointRecord,
  NewAuditRecord,
  TeamRecord,
  UserRecord,
} from '../../core/persistence/records.js';
import { compareText } from '../../core/text-order.js';
import { openPersistence } from './open.js';
import { connectionPragmas } from './sqlite.js';

/**
 * One contract, run against every adapter (DESIGN.md §2): SQLite always, PostgreSQL when
 * STEPWISE_TEST_PG_URL names a server. Each run gets a fresh database; each test its own ids.
 */

interface Target {
  open(): Promise<Persistence>;
  cleanup(): Promise<void>;
}

const pgUrl = process.env.STEPWISE_TEST_PG_URL;
if (pgUrl === undefined || pgUrl === '') console.info('STEPWISE_TEST_PG_URL not set: PostgreSQL contract tests skipped');

const T0 = '2024-05-01T10:00:00.000Z';
const T1 = '2024-05-02T11:30:00.000Z';
const HOSTILE = `"'); drop table teams; --" <script>alert(1)</script> \\ \` $1 %s {{x}} \u202e ünïcödé 日本語 🚀👩‍👩‍👧`;
const run = randomBytes(3).toString('hex');
let serial = 0;

/** Ids unique per test; zero-padded so their code-point order is their creation order. */
function uid(prefix: string): string {
  serial += 1;
  return `${prefix}-${run}-${String(serial).padStart(5, '0')}`;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function userRecord(overrides: Partial<UserRecord> = {}): UserRecord {
  const id = uid('user');
  return {
    id,
    username: `${id}-name`,
    displayName: 'Ada Lovelace',
    passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    isAdmin: false,
    isAuditor: true,
    disabled: false,
    createdAt: T0,
    version: 1,
    ...overrides,
  };
}

function teamRecord(overrides: Partial<TeamRecord> = {}): TeamRecord {
  return {
    id: uid('team'),
    name: 'Payments',
    group: 'Finance',
    cadence: 'quarterly',
    targets: { build: 2, test: 3 },
    createdAt: T0,
    version: 1,
    ...overrides,
  };
}

function checkpointRecord(teamId: string, overrides: Partial<CheckpointRecord> = {}): CheckpointRecord {
  return {
    id: uid('cp'),
    teamId,
    date: '2024-05-01',
    state: 'draft',
    model: 'builtin@1',
    domainScores: { build: 1.5 },
    createdBy: 'ada',
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}

function tokenRecord(teamId: string, overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  const id = uid('tok');
  return {
    id,
    teamId,
    name: 'CI',
    tokenHash: `hash-${id}`,
    scopes: ['scan:push', 'checkpoint:push'],
    last4: 'a1b2',
    createdBy: 'ada',
    createdAt: T0,
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

function auditEntry(overrides: Partial<NewAuditRecord> = {}): NewAuditRecord {
  return {
    at: T0,
    actor: 'ada',
    action: 'team.update',
    outcome: 'ok',
    teamId: null,
    target: null,
    ip: '192.0.2.1',
    detail: {},
    ...overrides,
  };
}

function answerRow(checkpointId: string, practiceId: string, overrides: Partial<AnswerRecord> = {}): Omit<AnswerRecord, 'version'> {
  return {
    checkpointId,
    practiceId,
    status: 'implemented',
    justification: `because ${practiceId}`,
    evidence: [{ type: 'note', text: `note ${practiceId}` }],
    proposed: null,
    updatedAt: T0,
    updatedBy: 'ada',
    ...overrides,
  };
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-contract-'));
  return {
    open: () => openPersistence(`sqlite:${join(dir, 'contract.db')}`),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresTarget(url: string): Target {
  const schema = `stepwise_test_${randomBytes(6).toString('hex')}`;
  return {
    open: () => openPersistence(url, { schema }),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

describe('SQLite persistence', () => {
  contract(sqliteTarget());

  it('S20 SQLite runs in WAL mode with synchronous=FULL and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-pragmas-'));
    const file = join(dir, 'pragmas.db');
    const store = await openPersistence(file);
    try {
      expect(store.dialect).toBe('sqlite');
      expect(connectionPragmas(store)).toEqual({ journalMode: 'wal', synchronous: 'FULL', busyTimeout: 5000, foreignKeys: true });
      const other = new BetterSqlite3(file, { readonly: true });
      try {
        expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        other.close();
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(pgUrl === undefined || pgUrl === '')('PostgreSQL persistence', () => {
  contract(postgresTarget(pgUrl ?? ''));
});

function contract(target: Target): void {
  let store: Persistence;

  beforeAll(async () => {
    store = await target.open();
  });

  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  async function seedTeam(overrides: Partial<TeamRecord> = {}): Promise<TeamRecord> {
    const team = teamRecord(overrides);
    expect(await store.insertTeam(team)).toBe('ok');
    return team;
  }

  async function seedCheckpoint(teamId?: string, overrides: Partial<CheckpointRecord> = {}): Promise<CheckpointRecord> {
    const checkpoint = checkpointRecord(teamId ?? (await seedTeam()).id, overrides);
    expect(await store.insertCheckpoint(checkpoint)).toBe('ok');
    return checkpoint;
  }

  async function seedUser(overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
    const user = userRecord(overrides);
    expect(await store.insertUser(user)).toBe('ok');
    return user;
  }

  describe('users', () => {
    it('inserts, finds, lists and counts users with booleans intact', async () => {
      const before = await store.countUsers();
      const user = await seedUser({ isAdmin: true, isAuditor: false, disabled: true, displayName: HOSTILE });
      expect(await store.countUsers()).toBe(before + 1);
      expect(await store.userById(user.id)).toStrictEqual(user);
      expect(await store.userByName(user.username)).toStrictEqual(user);
      expect(await store.userById('nobody')).toBeUndefined();
      expect(await store.userByName('nobody')).toBeUndefined();
      const listed = await store.listUsers();
      expect(listed).toContainEqual(user);
      const names = listed.map((listedUser) => listedUser.username);
      expect(names).toEqual([...names].sort(compareText));
    });

    it('reports a taken id or username as duplicate and starts versions at 1', async () => {
      const user = await seedUser();
      expect(await store.insertUser({ ...userRecord(), id: user.id })).toBe('duplicate');
      expect(await store.insertUser({ ...userRecord(), username: user.username })).toBe('duplicate');
      const fresh = userRecord({ version: 42 });
      expect(await store.insertUser(fresh)).toBe('ok');
      expect((await store.userById(fresh.id))?.version).toBe(1);
    });

    it('updates a user only at the version read', async () => {
      const user = await seedUser();
      const updated = await store.updateUser(user.id, 1, { displayName: 'Grace', isAdmin: true, disabled: true });
      expect(updated).toStrictEqual({ ...user, displayName: 'Grace', isAdmin: true, disabled: true, version: 2 });
      expect(await store.updateUser(user.id, 1, { displayName: 'Lost' })).toBe('stale');
      expect(await store.updateUser('nobody', 1, { displayName: 'Lost' })).toBe('missing');
      expect(await store.updateUser(user.id, 2, {})).toStrictEqual({ ...user, displayName: 'Grace', isAdmin: true, disabled: true, version: 3 });
      expect(await store.updateUser(user.id, 3, { passwordHash: 'new-hash', isAuditor: false })).toMatchObject({
        passwordHash: 'new-hash',
        isAuditor: false,
        displayName: 'Grace',
        version: 4,
      });
      expect((await store.userById(user.id))?.version).toBe(4);
    });
  });

  describe('setup tokens', () => {
    it('accepts the newest unused token exactly once', async () => {
      await store.putSetupToken('setup-a', T0);
      await store.putSetupToken('setup-b', T1);
      expect(await store.consumeSetupToken('setup-a', T1)).toBe(false);
      expect(await store.consumeSetupToken('nope', T1)).toBe(false);
      expect(await store.consumeSetupToken('setup-b', T1)).toBe(true);
      expect(await store.consumeSetupToken('setup-b', T1)).toBe(false);
      await store.putSetupToken('setup-b', T1);
      expect(await store.consumeSetupToken('setup-b', T1)).toBe(false);
    });

    it('lets only one of many concurrent consumers win', async () => {
      await store.putSetupToken('setup-race', T0);
      const results = await Promise.all(range(8).map(() => store.consumeSetupToken('setup-race', T1)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('sessions and login failures', () => {
    it('stores, touches and deletes sessions', async () => {
      const user = await seedUser();
      const sessions = ['s1', 's2', 's3'].map((name) => ({
        idHash: uid(name),
        userId: user.id,
        csrfToken: `csrf-${name}`,
        createdAt: T0,
        lastSeenAt: T0,
      }));
      for (const session of sessions) await store.insertSession(session);
      const [first, second, third] = sessions as [(typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0]];
      expect(await store.sessionByHash(first.idHash)).toStrictEqual(first);
      await store.touchSession(first.idHash, T1);
      expect(await store.sessionByHash(first.idHash)).toStrictEqual({ ...first, lastSeenAt: T1 });
      await store.deleteSession(second.idHash);
      expect(await store.sessionByHash(second.idHash)).toBeUndefined();
      expect(await store.deleteSessionsOfUser(user.id, first.idHash)).toBe(1);
      expect(await store.sessionByHash(third.idHash)).toBeUndefined();
      expect(await store.sessionByHash(first.idHash)).toBeDefined();
      expect(await store.deleteSessionsOfUser(user.id)).toBe(1);
      expect(await store.sessionByHash(first.idHash)).toBeUndefined();
    });

    it('counts login failures since an instant and clears them per key', async () => {
      const key = uid('login');
      const other = uid('login');
      for (const at of ['2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T10:05:00.000Z']) {
        await store.recordLoginFailure(key, at);
      }
      await store.recordLoginFailure(other, T0);
      expect(await store.countLoginFailures(key, '2024-05-01T10:00:00.000Z')).toBe(2);
      expect(await store.countLoginFailures(key, '2024-01-01T00:00:00.000Z')).toBe(3);
      await store.clearLoginFailures(key);
      expect(await store.countLoginFailures(key, '2024-01-01T00:00:00.000Z')).toBe(0);
      expect(await store.countLoginFailures(other, '2024-01-01T00:00:00.000Z')).toBe(1);
    });
  });

  describe('API tokens', () => {
    it('finds, lists, revokes once and touches tokens', async () => {
      const team = await seedTeam();
      const first = tokenRecord(team.id, { createdAt: T0, scopes: ['scan:push'] });
      const second = tokenRecord(team.id, { createdAt: T1 });
      await store.insertApiToken(second);
      await store.insertApiToken(first);
      expect(await store.apiTokenByHash(first.tokenHash)).toStrictEqual(first);
      expect(await store.apiTokenByHash('unknown')).toBeUndefined();
      expect(await store.apiTokensOfTeam(team.id)).toStrictEqual([first, second]);
      expect(await store.revokeApiToken('other-team', first.id, T1)).toBe(false);
      expect(await store.revokeApiToken(team.id, first.id, T1)).toBe(true);
      expect(await store.revokeApiToken(team.id, first.id, '2030-01-01T00:00:00.000Z')).toBe(false);
      await store.touchApiToken(second.id, T1);
      expect(await store.apiTokensOfTeam(team.id)).toStrictEqual([
        { ...first, revokedAt: T1 },
        { ...second, lastUsedAt: T1 },
      ]);
    });
  });

  describe('teams', () => {
    it('inserts and reads teams, reporting duplicates', async () => {
      const team = await seedTeam({ group: null, cadence: null, targets: {} });
      expect(await store.teamById(team.id)).toStrictEqual(team);
      expect(await store.insertTeam({ ...teamRecord(), id: team.id })).toBe('duplicate');
      expect(await store.teamById('nobody')).toBeUndefined();
    });

    it('lists all teams or the requested ones in id order, across IN-list chunks', async () => {
      const teams = [await seedTeam(), await seedTeam(), await seedTeam()];
      const all = await store.listTeams();
      expect(all.map((team) => team.id)).toEqual(all.map((team) => team.id).sort(compareText));
      for (const team of teams) expect(all).toContainEqual(team);
      const wanted = [...range(2500).map((index) => `absent-${index}`), teams[2]!.id, teams[0]!.id, teams[0]!.id];
      expect(await store.listTeams(wanted)).toStrictEqual([teams[0], teams[2]]);
      expect(await store.listTeams([])).toStrictEqual([]);
    });

    it('updates a team only at the version read', async () => {
      const team = await seedTeam();
      const updated = await store.updateTeam(team.id, 1, { name: 'Ledger', group: null, targets: { build: 4 } });
      expect(updated).toStrictEqual({ ...team, name: 'Ledger', group: null, targets: { build: 4 }, version: 2 });
      expect(await store.updateTeam(team.id, 1, { name: 'Lost' })).toBe('stale');
      expect(await store.updateTeam('nobody', 1, { name: 'Lost' })).toBe('missing');
      expect(await store.updateTeam(team.id, 2, {})).toMatchObject({ name: 'Ledger', version: 3 });
      expect(await store.updateTeam(team.id, 3, { cadence: 'monthly' })).toMatchObject({ cadence: 'monthly', version: 4 });
    });

    it('deletes a team only at the version read, cascading to its data but keeping the audit trail', async () => {
      const team = await seedTeam();
      const user = await seedUser();
      const checkpoint = await seedCheckpoint(team.id);
      await store.putMembership({ teamId: team.id, userId: user.id, role: 'lead' });
      await store.putAnswer(checkpoint.id, 'p1', 0, { status: 'partial' }, 'ada', T0);
      await store.putRating(checkpoint.id, 'p1', 'ada', 0, 'partial', T0);
      const token = tokenRecord(team.id);
      await store.insertApiToken(token);
      await store.insertScan({ id: uid('scan'), teamId: team.id, pushedAt: T0, pushedBy: 'ada', result: {} });
      await store.putBacklogStatus(team.id, 'item-1', 0, 'open', 'ada', T0);
      await store.putTeamScore({ teamId: team.id, checkpointId: checkpoint.id, date: checkpoint.date, asOf: '2024-05-01', validUntil: null, scores: {} });
      await store.appendAudit(auditEntry({ teamId: team.id, action: 'team.create' }));
      await store.updateTeam(team.id, 1, { name: 'Renamed' });

      expect(await store.deleteTeam(team.id, 1)).toBe('stale');
      expect(await store.teamById(team.id)).toBeDefined();
      expect(await store.deleteTeam(team.id, 2)).toBe(true);
      expect(await store.deleteTeam(team.id, 2)).toBe('missing');

      expect(await store.teamById(team.id)).toBeUndefined();
      expect(await store.membershipsOfTeam(team.id)).toStrictEqual([]);
      expect(await store.membershipsOfUser(user.id)).toStrictEqual([]);
      expect(await store.checkpointById(checkpoint.id)).toBeUndefined();
      expect(await store.answersOf([checkpoint.id])).toStrictEqual([]);
      expect(await store.ratingsOf([checkpoint.id])).toStrictEqual([]);
      expect(await store.apiTokenByHash(token.tokenHash)).toBeUndefined();
      expect(await store.latestScan(team.id)).toBeUndefined();
      expect(await store.backlogStatuses([team.id])).toStrictEqual([]);
      expect(await store.teamScore(team.id)).toBeUndefined();
      expect(await store.userById(user.id)).toBeDefined();
      const audit = await store.queryAudit({ teamIds: [team.id], limit: 10 });
      expect(audit.map((entry) => entry.action)).toEqual(['team.create']);
    });
  });

  describe('memberships', () => {
    it('creates at version 1, bumps on a role change only, lists and deletes', async () => {
      const [teamA, teamB] = [await seedTeam(), await seedTeam()];
      const [ada, bob] = [await seedUser(), await seedUser()];
      expect(await store.putMembership({ teamId: teamA.id, userId: ada.id, role: 'viewer' })).toStrictEqual({
        teamId: teamA.id,
        userId: ada.id,
        role: 'viewer',
        version: 1,
      });
      expect(await store.putMembership({ teamId: teamA.id, userId: ada.id, role: 'viewer' })).toMatchObject({ version: 1 });
      expect(await store.putMembership({ teamId: teamA.id, userId: ada.id, role: 'lead' })).toMatchObject({ role: 'lead', version: 2 });
      await store.putMembership({ teamId: teamB.id, userId: ada.id, role: 'assessor' });
      await store.putMembership({ teamId: teamA.id, userId: bob.id, role: 'viewer' });
      expect(await store.membershipsOfUser(ada.id)).toStrictEqual([
        { teamId: teamA.id, userId: ada.id, role: 'lead', version: 2 },
        { teamId: teamB.id, userId: ada.id, role: 'assessor', version: 1 },
      ]);
      expect((await store.membershipsOfTeam(teamA.id)).map((membership) => membership.userId)).toEqual([ada.id, bob.id]);
      expect(await store.deleteMembership(teamA.id, ada.id)).toBe(true);
      expect(await store.deleteMembership(teamA.id, ada.id)).toBe(false);
      expect((await store.membershipsOfTeam(teamA.id)).map((membership) => membership.userId)).toEqual([bob.id]);
    });
  });

  describe('organisation and models', () => {
    it('keeps one organisation row with versioned updates and JSON settings', async () => {
      expect(await store.organisation()).toBeUndefined();
      expect(await store.updateOrganisation(1, { name: 'x' })).toBe('missing');
      const settings = {
        name: HOSTILE,
        model: 'builtin',
        defaultTargets: 2,
        domainWeights: { build: 1.5, test: 0.5 },
        staleCounts: true,
        defaultCadence: 'quarterly',
      };
      expect(await store.putOrganisation(settings)).toStrictEqual({ ...settings, version: 1 });
      const withRecord = { ...settings, defaultTargets: { build: 3 }, staleCounts: false };
      expect(await store.putOrganisation(withRecord)).toStrictEqual({ ...withRecord, version: 2 });
      expect(await store.updateOrganisation(1, { name: 'Lost' })).toBe('stale');
      expect(await store.updateOrganisation(2, { defaultTargets: null, staleCounts: true })).toStrictEqual({
        ...withRecord,
        defaultTargets: null,
        staleCounts: true,
        version: 3,
      });
      expect(await store.updateOrganisation(3, {})).toMatchObject({ version: 4, defaultTargets: null });
      expect(await store.organisation()).toStrictEqual({ ...withRecord, defaultTargets: null, staleCounts: true, version: 4 });
    });

    it('stores uploaded models as given and reports duplicate ids', async () => {
      const model = {
        id: uid('model'),
        version: 7,
        name: 'DSOMM',
        format: 'dsomm' as const,
        text: `name: ${HOSTILE}\n`,
        uploadedAt: T0,
        uploadedBy: 'ada',
      };
      expect(await store.insertModel(model)).toBe('ok');
      expect(await store.insertModel({ ...model, name: 'Other' })).toBe('duplicate');
      expect(await store.modelById(model.id)).toStrictEqual(model);
      expect(await store.modelById('nothing')).toBeUndefined();
      expect(await store.listModels()).toContainEqual(model);
    });
  });

  describe('checkpoints', () => {
    it('inserts, finds and lists checkpoints oldest first, optionally by state', async () => {
      const team = await seedTeam();
      const late = await seedCheckpoint(team.id, { date: '2024-06-01', state: 'final' });
      const early = await seedCheckpoint(team.id, { date: '2024-01-15', state: 'draft', domainScores: {} });
      const middle = await seedCheckpoint(team.id, { date: '2024-03-10', state: 'rating' });
      expect(await store.checkpointById(late.id)).toStrictEqual(late);
      expect(await store.checkpointById('none')).toBeUndefined();
      expect(await store.checkpointOfTeam(team.id, '2024-03-10')).toStrictEqual(middle);
      expect(await store.checkpointOfTeam(team.id, '2024-03-11')).toBeUndefined();
      expect(await store.checkpointsOfTeam(team.id)).toStrictEqual([early, middle, late]);
      expect(await store.checkpointsOfTeam(team.id, ['final', 'draft'])).toStrictEqual([early, late]);
      expect(await store.checkpointsOfTeam(team.id, [])).toStrictEqual([]);
      expect(await store.insertCheckpoint({ ...checkpointRecord(team.id), id: late.id, date: '2025-01-01' })).toBe('duplicate');
      expect(await store.insertCheckpoint(checkpointRecord(team.id, { date: '2024-06-01' }))).toBe('duplicate');
    });

    it('updates a checkpoint only at the version read', async () => {
      const checkpoint = await seedCheckpoint();
      const updated = await store.updateCheckpoint(checkpoint.id, 1, { state: 'rating', domainScores: { test: 2 } }, T1);
      expect(updated).toStrictEqual({ ...checkpoint, state: 'rating', domainScores: { test: 2 }, updatedAt: T1, version: 2 });
      expect(await store.updateCheckpoint(checkpoint.id, 1, { state: 'final' }, T1)).toBe('stale');
      expect(await store.updateCheckpoint('none', 1, { state: 'final' }, T1)).toBe('missing');
      expect(await store.updateCheckpoint(checkpoint.id, 2, {}, '2024-05-03T00:00:00.000Z')).toMatchObject({
        state: 'rating',
        updatedAt: '2024-05-03T00:00:00.000Z',
        version: 3,
      });
    });

    it('holds a locked checkpoint until the transaction ends: a concurrent change waits and lands after it', async () => {
      const checkpoint = await seedCheckpoint();
      const order: string[] = [];
      let locked: () => void = () => undefined;
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holder = store.transaction(async (tx) => {
        expect(await tx.lockCheckpoint(checkpoint.id)).toStrictEqual(checkpoint);
        locked();
        await new Promise((resolve) => setTimeout(resolve, 150));
        await tx.putAnswer(checkpoint.id, 'p1', 0, { status: 'implemented' }, 'ada', T0);
        order.push('answer written under the lock');
      });
      await lockTaken;
      const change = store.updateCheckpoint(checkpoint.id, 1, { state: 'final' }, T1).then((result) => {
        order.push('checkpoint finalised');
        return result;
      });
      await Promise.all([holder, change]);
      expect(order).toEqual(['answer written under the lock', 'checkpoint finalised']);
      expect(await store.lockCheckpoint('none')).toBeUndefined();
    });

    it('deletes a checkpoint with its answers and ratings', async () => {
      const checkpoint = await seedCheckpoint();
      await store.putAnswer(checkpoint.id, 'p1', 0, { status: 'implemented' }, 'ada', T0);
      await store.putRating(checkpoint.id, 'p1', 'ada', 0, 'implemented', T0);
      await store.deleteCheckpoint(checkpoint.id);
      expect(await store.checkpointById(checkpoint.id)).toBeUndefined();
      expect(await store.answer(checkpoint.id, 'p1')).toBeUndefined();
      expect(await store.rating(checkpoint.id, 'p1', 'ada')).toBeUndefined();
    });
  });

  describe('answers', () => {
    it('creates an answer at version 0 with empty defaults, once', async () => {
      const checkpoint = await seedCheckpoint();
      const created = await store.putAnswer(checkpoint.id, 'p1', 0, { proposed: 'partial' }, 'scanner', T0);
      const expected: AnswerRecord = {
        checkpointId: checkpoint.id,
        practiceId: 'p1',
        status: null,
        justification: null,
        evidence: [],
        proposed: 'partial',
        updatedAt: T0,
        updatedBy: 'scanner',
        version: 1,
      };
      expect(created).toStrictEqual(expected);
      expect(await store.answer(checkpoint.id, 'p1')).toStrictEqual(expected);
      expect(await store.putAnswer(checkpoint.id, 'p1', 0, { status: 'implemented' }, 'ada', T1)).toBe('stale');
      expect(await store.putAnswer('none', 'p1', 0, { status: 'implemented' }, 'ada', T1)).toBe('missing');
      expect(await store.answer(checkpoint.id, 'p2')).toBeUndefined();
    });

    it('changes an answer only at the version read, keeping fields not named', async () => {
      const checkpoint = await seedCheckpoint();
      const evidence = [
        { type: 'link' as const, url: 'https://example.com/a?b=c', title: HOSTILE },
        { type: 'finding' as const, detector: 'has-security-policy', file: 'SECURITY.md', line: 3, date: '2024-05-01', by: 'ada' },
      ];
      await store.putAnswer(checkpoint.id, 'p1', 0, { status: 'partial', justification: 'first' }, 'ada', T0);
      const updated = await store.putAnswer(checkpoint.id, 'p1', 1, { evidence, justification: HOSTILE }, 'bob', T1);
      expect(updated).toStrictEqual({
        checkpointId: checkpoint.id,
        practiceId: 'p1',
        status: 'partial',
        justification: HOSTILE,
        evidence,
        proposed: null,
        updatedAt: T1,
        updatedBy: 'bob',
        version: 2,
      });
      expect(await store.putAnswer(checkpoint.id, 'p1', 1, { status: 'unknown' }, 'eve', T1)).toBe('stale');
      expect(await store.putAnswer(checkpoint.id, 'p9', 1, { status: 'unknown' }, 'eve', T1)).toBe('missing');
      expect(await store.putAnswer(checkpoint.id, 'p1', 2, {}, 'carol', T0)).toMatchObject({ version: 3, updatedBy: 'carol', justification: HOSTILE });
      expect(await store.putAnswer(checkpoint.id, 'p1', 3, { status: null, justification: null }, 'carol', T0)).toMatchObject({
        status: null,
        justification: null,
        evidence,
        version: 4,
      });
    });

    it('lists the answers of several checkpoints', async () => {
      const [first, second] = [await seedCheckpoint(), await seedCheckpoint()];
      await store.putAnswer(second.id, 'b', 0, { status: 'implemented' }, 'ada', T0);
      await store.putAnswer(first.id, 'b', 0, { status: 'partial' }, 'ada', T0);
      await store.putAnswer(first.id, 'a', 0, { status: 'unknown' }, 'ada', T0);
      const answers = await store.answersOf([second.id, first.id, 'none']);
      expect(answers.map((answer) => [answer.checkpointId, answer.practiceId, answer.status])).toEqual([
        [first.id, 'a', 'unknown'],
        [first.id, 'b', 'partial'],
        [second.id, 'b', 'implemented'],
      ]);
      expect(await store.answersOf([])).toStrictEqual([]);
      const ofB = await store.answersOf([second.id, first.id], 'b');
      expect(ofB.map((answer) => [answer.checkpointId, answer.practiceId])).toEqual([
        [first.id, 'b'],
        [second.id, 'b'],
      ]);
      await store.putRating(first.id, 'a', 'ada', 0, 'partial', T0);
      await store.putRating(first.id, 'b', 'bob', 0, 'implemented', T0);
      expect((await store.ratingsOf([first.id], 'b')).map((rating) => [rating.practiceId, rating.rater])).toEqual([['b', 'bob']]);
    });

    it('replaces all answers and ratings of a checkpoint in chunks', async () => {
      const checkpoint = await seedCheckpoint();
      const neighbour = await seedCheckpoint();
      await store.putAnswer(checkpoint.id, 'old', 0, { status: 'implemented' }, 'ada', T0);
      await store.putRating(checkpoint.id, 'old', 'ada', 0, 'implemented', T0);
      await store.putAnswer(neighbour.id, 'kept', 0, { status: 'partial' }, 'ada', T0);
      const practiceIds = range(1200).map((index) => `practice-${String(index).padStart(4, '0')}`);
      const answers = practiceIds.map((practiceId, index) =>
        answerRow(checkpoint.id, practiceId, { status: index % 2 === 0 ? 'implemented' : null, proposed: index % 3 === 0 ? 'partial' : null }),
      );
      const ratings = practiceIds.slice(0, 600).flatMap((practiceId) => [
        { checkpointId: checkpoint.id, practiceId, rater: 'ada', status: 'implemented' as const, updatedAt: T0 },
        { checkpointId: 'ignored', practiceId, rater: 'bob', status: 'partial' as const, updatedAt: T1 },
      ]);
      await store.replaceAnswers(checkpoint.id, answers, ratings);

      const stored = await store.answersOf([checkpoint.id]);
      expect(stored).toHaveLength(1200);
      expect(stored).toStrictEqual(answers.map((answer) => ({ ...answer, version: 1 })));
      const storedRatings = await store.ratingsOf([checkpoint.id]);
      expect(storedRatings).toHaveLength(1200);
      expect(storedRatings[1]).toStrictEqual({ ...ratings[1], checkpointId: checkpoint.id, version: 1 });
      expect(await store.rating(checkpoint.id, 'old', 'ada')).toBeUndefined();
      expect(await store.answer(neighbour.id, 'kept')).toMatchObject({ status: 'partial' });
      await store.replaceAnswers(checkpoint.id, [], []);
      expect(await store.answersOf([checkpoint.id])).toStrictEqual([]);
    });
  });

  describe('ratings', () => {
    it('creates, changes and deletes ratings only at the version read', async () => {
      const checkpoint = await seedCheckpoint();
      const created = await store.putRating(checkpoint.id, 'p1', 'ada', 0, 'partial', T0);
      expect(created).toStrictEqual({ checkpointId: checkpoint.id, practiceId: 'p1', rater: 'ada', status: 'partial', updatedAt: T0, version: 1 });
      expect(await store.putRating(checkpoint.id, 'p1', 'ada', 0, 'implemented', T1)).toBe('stale');
      expect(await store.putRating('none', 'p1', 'ada', 0, 'implemented', T1)).toBe('missing');
      expect(await store.putRating(checkpoint.id, 'p1', 'ada', 1, 'implemented', T1)).toMatchObject({ status: 'implemented', updatedAt: T1, version: 2 });
      expect(await store.putRating(checkpoint.id, 'p1', 'ada', 1, 'unknown', T1)).toBe('stale');
      expect(await store.putRating(checkpoint.id, 'p1', 'bob', 1, 'unknown', T1)).toBe('missing');
      await store.putRating(checkpoint.id, 'p1', 'bob', 0, 'not-implemented', T0);
      expect(await store.rating(checkpoint.id, 'p1', 'ada')).toMatchObject({ status: 'implemented', version: 2 });
      expect((await store.ratingsOf([checkpoint.id])).map((rating) => [rating.rater, rating.status])).toEqual([
        ['ada', 'implemented'],
        ['bob', 'not-implemented'],
      ]);
      expect(await store.deleteRating(checkpoint.id, 'p1', 'ada', 1)).toBe('stale');
      expect(await store.deleteRating(checkpoint.id, 'p1', 'ada', 2)).toBe(true);
      expect(await store.deleteRating(checkpoint.id, 'p1', 'ada', 2)).toBe('missing');
      expect(await store.rating(checkpoint.id, 'p1', 'ada')).toBeUndefined();
      expect(await store.ratingsOf([])).toStrictEqual([]);
    });
  });

  describe('team scores', () => {
    it('upserts, reads, lists and deletes cached scores', async () => {
      const [teamA, teamB] = [await seedTeam(), await seedTeam()];
      const score = {
        teamId: teamA.id,
        checkpointId: 'cp-x',
        date: '2024-05-01',
        asOf: '2024-05-02',
        validUntil: '2024-08-01',
        scores: { domains: [{ id: 'build', level: 2, note: HOSTILE }], overall: null, flags: [true, false] },
      };
      await store.putTeamScore(score);
      expect(await store.teamScore(teamA.id)).toStrictEqual(score);
      const replaced = { ...score, asOf: '2024-06-01', validUntil: null, scores: 'opaque' };
      await store.putTeamScore(replaced);
      await store.putTeamScore({ ...score, teamId: teamB.id });
      expect(await store.teamScore(teamA.id)).toStrictEqual(replaced);
      expect(await store.teamScores([teamB.id, teamA.id, 'none'])).toStrictEqual([replaced, { ...score, teamId: teamB.id }]);
      expect(await store.teamScores()).toContainEqual(replaced);
      await store.deleteTeamScore(teamA.id);
      expect(await store.teamScore(teamA.id)).toBeUndefined();
      expect(await store.teamScores([])).toStrictEqual([]);
    });
  });

  describe('scans', () => {
    it('finds the latest scan and lists scans newest first without results', async () => {
      const team = await seedTeam();
      const result = { version: 1, findings: [{ detector: 'x', message: HOSTILE }], ok: true, ratio: 0.25 };
      const scans = [
        { id: uid('scan-a'), teamId: team.id, pushedAt: '2024-05-01T09:00:00.000Z', pushedBy: 'ada', result },
        { id: uid('scan-b'), teamId: team.id, pushedAt: '2024-05-03T09:00:00.000Z', pushedBy: 'token:t1', result: [] },
        { id: uid('scan-c'), teamId: team.id, pushedAt: '2024-05-03T09:00:00.000Z', pushedBy: 'bob', result: null },
      ] as const;
      for (const scan of scans) await store.insertScan(scan);
      expect(await store.latestScan(team.id)).toStrictEqual(scans[2]);
      expect(await store.scanById(scans[0].id)).toStrictEqual(scans[0]);
      expect(await store.scanById('none')).toBeUndefined();
      expect(await store.latestScan('none')).toBeUndefined();
      expect(await store.scansOfTeam(team.id, 2)).toStrictEqual([
        { id: scans[2].id, teamId: team.id, pushedAt: scans[2].pushedAt, pushedBy: 'bob' },
        { id: scans[1].id, teamId: team.id, pushedAt: scans[1].pushedAt, pushedBy: 'token:t1' },
      ]);
      expect(await store.scansOfTeam(team.id, 10)).toHaveLength(3);
    });
  });

  describe('backlog statuses', () => {
    it('creates and changes statuses only at the version read', async () => {
      const [teamA, teamB] = [await seedTeam(), await seedTeam()];
      const created = { teamId: teamA.id, itemKey: 'item-1', status: 'open', updatedAt: T0, updatedBy: 'ada', version: 1 } as const;
      expect(await store.putBacklogStatus(teamA.id, 'item-1', 0, 'open', 'ada', T0)).toStrictEqual(created);
      expect(await store.putBacklogStatus(teamA.id, 'item-1', 0, 'done', 'bob', T1)).toBe('stale');
      expect(await store.putBacklogStatus('none', 'item-1', 0, 'done', 'bob', T1)).toBe('missing');
      expect(await store.putBacklogStatus(teamA.id, 'item-1', 1, 'in-progress', 'bob', T1)).toStrictEqual({
        ...created,
        status: 'in-progress',
        updatedAt: T1,
        updatedBy: 'bob',
        version: 2,
      });
      expect(await store.putBacklogStatus(teamA.id, 'item-1', 1, 'done', 'eve', T1)).toBe('stale');
      expect(await store.putBacklogStatus(teamA.id, 'item-2', 1, 'done', 'eve', T1)).toBe('missing');
      await store.putBacklogStatus(teamB.id, 'item-0', 0, 'done', 'ada', T0);
      expect((await store.backlogStatuses([teamB.id, teamA.id])).map((status) => [status.teamId, status.itemKey, status.version])).toEqual([
        [teamA.id, 'item-1', 2],
        [teamB.id, 'item-0', 1],
      ]);
      expect(await store.backlogStatuses([])).toStrictEqual([]);
    });
  });

  describe('audit', () => {
    it('returns entries newest first with every filter', async () => {
      const actor = uid('actor');
      const [teamA, teamB] = [uid('audit-team'), uid('audit-team')];
      const entries = [
        auditEntry({ actor, at: '2024-05-01T08:00:00.000Z', action: 'login', outcome: 'failed', ip: null }),
        auditEntry({ actor, at: '2024-05-01T09:00:00.000Z', action: 'team.update', teamId: teamA, target: 'team', detail: { from: 'a', to: HOSTILE, n: 2, nested: { ok: true } } }),
        auditEntry({ actor, at: '2024-05-01T10:00:00.000Z', action: 'team.update', teamId: teamB, outcome: 'refused' }),
        auditEntry({ actor, at: '2024-05-01T11:00:00.000Z', action: 'checkpoint.update', teamId: teamA }),
      ];
      for (const entry of entries) await store.appendAudit(entry);
      const all = await store.queryAudit({ actor, limit: 10 });
      expect(all.map((entry) => entry.at)).toEqual(entries.map((entry) => entry.at).reverse());
      expect(all.every((entry) => Number.isInteger(entry.id))).toBe(true);
      expect(all[0]!.id).toBeGreaterThan(all[1]!.id);
      const { id: _id, ...second } = all[2]!;
      expect(second).toStrictEqual(entries[1]);

      const query = async (filters: Omit<Parameters<Persistence['queryAudit']>[0], 'limit'>) =>
        (await store.queryAudit({ actor, limit: 10, ...filters })).map((entry) => entry.at.slice(11, 13));
      expect(await query({ action: 'team.update' })).toEqual(['10', '09']);
      expect(await query({ outcome: 'failed' })).toEqual(['08']);
      expect(await query({ teamIds: [teamA] })).toEqual(['11', '09']);
      expect(await query({ teamIds: [teamB, teamA] })).toEqual(['11', '10', '09']);
      expect(await query({ teamIds: [] })).toEqual([]);
      expect(await query({ since: '2024-05-01T09:00:00.000Z', until: '2024-05-01T10:00:00.000Z' })).toEqual(['10', '09']);
      expect(await query({ before: all[1]!.id })).toEqual(['09', '08']);
      expect(await query({ actor: 'someone-else' })).toEqual([]);
      expect(await store.queryAudit({ actor, limit: 0 })).toEqual([]);
    });

    it('pages with before and caps the limit at 1000, also across team-id chunks', async () => {
      const actor = uid('actor');
      const team = uid('audit-team');
      await store.transaction(async (trx) => {
        for (const index of range(1005)) {
          await trx.appendAudit(auditEntry({ actor, teamId: team, at: `2024-05-01T10:00:00.${String(index).padStart(3, '0')}Z` }));
        }
      });
      const first = await store.queryAudit({ actor, limit: 5000 });
      expect(first).toHaveLength(1000);
      const rest = await store.queryAudit({ actor, limit: 5000, before: first.at(-1)!.id });
      expect(rest).toHaveLength(5);
      const ids = [...first, ...rest].map((entry) => entry.id);
      expect(new Set(ids).size).toBe(1005);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const manyTeams = [...range(1500).map((index) => `absent-${index}`), team];
      const page = await store.queryAudit({ teamIds: manyTeams, limit: 3 });
      expect(page.map((entry) => entry.id)).toEqual(ids.slice(0, 3));
    });
  });

  describe('transactions', () => {
    it('commits all writes of the work together and returns its value', async () => {
      const team = teamRecord();
      const value = await store.transaction(async (trx) => {
        await trx.insertTeam(team);
        const checkpoint = checkpointRecord(team.id);
        await trx.insertCheckpoint(checkpoint);
        return (await trx.checkpointById(checkpoint.id))?.teamId;
      });
      expect(value).toBe(team.id);
      expect(await store.teamById(team.id)).toStrictEqual(team);
    });

    it('leaves no row written when the work throws', async () => {
      const team = teamRecord();
      const checkpoint = checkpointRecord(team.id);
      const actor = uid('actor');
      const user = userRecord();
      await expect(
        store.transaction(async (trx) => {
          await trx.insertTeam(team);
          await trx.insertCheckpoint(checkpoint);
          await trx.putAnswer(checkpoint.id, 'p1', 0, { status: 'implemented' }, 'ada', T0);
          await trx.insertUser(user);
          await trx.appendAudit(auditEntry({ actor }));
          expect(await trx.teamById(team.id)).toBeDefined();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.teamById(team.id)).toBeUndefined();
      expect(await store.checkpointById(checkpoint.id)).toBeUndefined();
      expect(await store.answer(checkpoint.id, 'p1')).toBeUndefined();
      expect(await store.userById(user.id)).toBeUndefined();
      expect(await store.queryAudit({ actor, limit: 10 })).toEqual([]);
    });

    it('rolls back a conditional write made before the failure', async () => {
      const team = await seedTeam();
      await expect(
        store.transaction(async (trx) => {
          expect(await trx.updateTeam(team.id, 1, { name: 'Inside' })).toMatchObject({ version: 2 });
          expect(await trx.insertTeam({ ...teamRecord(), id: team.id })).toBe('duplicate');
          expect(await trx.teamById(team.id)).toMatchObject({ name: 'Inside', version: 2 });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.teamById(team.id)).toStrictEqual(team);
    });
  });

  describe('text round trips', () => {
    it('keeps unicode and hostile text byte for byte', async () => {
      const team = await seedTeam({ name: HOSTILE, group: `${HOSTILE} group`, targets: { 'dömäin 🚀': 3, "x'); --": 1 } });
      expect(await store.teamById(team.id)).toStrictEqual(team);
      const checkpoint = await seedCheckpoint(team.id);
      const evidence = [{ type: 'note' as const, text: HOSTILE, by: '<img src=x onerror=alert(1)>' }];
      await store.putAnswer(checkpoint.id, HOSTILE, 0, { justification: HOSTILE, evidence }, HOSTILE, T0);
      expect(await store.answer(checkpoint.id, HOSTILE)).toMatchObject({ practiceId: HOSTILE, justification: HOSTILE, evidence, updatedBy: HOSTILE });
      expect((await store.listTeams([team.id])).map((listed) => listed.name)).toEqual([HOSTILE]);
    });
  });

  it('S19 10 writers × 100 conflicting edits: final state equals the serial replay of accepted writes', async () => {
    const checkpoint = await seedCheckpoint();
    expect(await store.putAnswer(checkpoint.id, 'race', 0, { justification: 'start' }, 'seed', T0)).toMatchObject({ version: 1 });
    const accepted: { version: number; justification: string; by: string; at: string }[] = [];
    let stale = 0;
    const writer = async (writerIndex: number): Promise<void> => {
      for (const attempt of range(100)) {
        const current = await store.answer(checkpoint.id, 'race');
        const write = { justification: `writer ${writerIndex} edit ${attempt} ✍️`, by: `writer-${writerIndex}`, at: `2024-05-01T10:${String(attempt % 60).padStart(2, '0')}:00.000Z` };
        const result = await store.putAnswer(checkpoint.id, 'race', current!.version, { justification: write.justification }, write.by, write.at);
        if (result === 'missing') throw new Error('the answer vanished');
        if (result === 'stale') stale += 1;
        else accepted.push({ ...write, version: result.version });
      }
    };
    await Promise.all(range(10).map(writer));

    accepted.sort((a, b) => a.version - b.version);
    expect(accepted.length + stale).toBe(1000);
    expect(stale).toBeGreaterThan(0);
    expect(accepted.map((write) => write.version)).toEqual(range(accepted.length).map((index) => index + 2));
    const last = accepted.at(-1)!;
    const final = await store.answer(checkpoint.id, 'race');
    expect(final).toMatchObject({ justification: last.justification, updatedBy: last.by, updatedAt: last.at, version: accepted.length + 1 });

    await store.putAnswer(checkpoint.id, 'replay', 0, { justification: 'start' }, 'seed', T0);
    for (const write of accepted) {
      const replayed = await store.putAnswer(checkpoint.id, 'replay', write.version - 1, { justification: write.justification }, write.by, write.at);
      expect(replayed).toMatchObject({ version: write.version });
    }
    const replayedFinal = await store.answer(checkpoint.id, 'replay');
    expect({ ...replayedFinal!, practiceId: 'race' }).toStrictEqual(final);
  });
}
