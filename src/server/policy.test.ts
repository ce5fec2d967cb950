import { describe, expect, it } from 'vitest';
import type { ApiTokenRecord, TeamRole, TokenScope, UserRecord } from '../core/persistence/records.js';
import { ACTIONS, actorName, decide, isPolicy, readableTeams, TEAM_SCOPES } from './policy.js';
import type { Action, Policy, Principal } from './policy.js';

function user(name: string, options: { isAdmin?: boolean; isAuditor?: boolean; roles?: Record<string, TeamRole> } = {}): Principal {
  const record: UserRecord = {
    id: `id-${name}`,
    username: name,
    displayName: name,
    passwordHash: 'x',
    isAdmin: options.isAdmin ?? false,
    isAuditor: options.isAuditor ?? false,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
  return { kind: 'user', user: record, sessionHash: 'h', csrfToken: 'c', roles: new Map(Object.entries(options.roles ?? {})) };
}

function token(scopes: TokenScope[], teamId = 'a'): Principal {
  const record: ApiTokenRecord = {
    id: `t-${scopes.join('+')}`,
    teamId,
    name: 'ci',
    tokenHash: 'h',
    scopes,
    last4: 'abcd',
    createdBy: 'admin',
    createdAt: '2026-01-01T00:00:00.000Z',
    revokedAt: null,
    lastUsedAt: null,
  };
  return { kind: 'token', token: record };
}

const PRINCIPALS: Readonly<Record<string, Principal>> = {
  anonymous: { kind: 'anonymous' },
  admin: user('admin', { isAdmin: true }),
  auditor: user('auditor', { isAuditor: true }),
  viewer: user('viewer', { roles: { a: 'viewer' } }),
  assessor: user('assessor', { roles: { a: 'assessor' } }),
  lead: user('lead', { roles: { a: 'lead', c: 'viewer' } }),
  nobody: user('nobody'),
  scanToken: token(['scan:push']),
  checkpointToken: token(['checkpoint:push']),
  bothToken: token(['scan:push', 'checkpoint:push']),
};

type Expected = 'allow' | 401 | 403 | 404;

/**
 * Principal → expected outcome per action, on team `a` (the team-scoped ones) or no team (the others).
 * Columns: public, signed-in, admin, org:read, team:read, team:rate, team:lead, team:push-scan, team:push-checkpoint.
 */
const TABLE: Readonly<Record<string, readonly Expected[]>> = {
  anonymous: ['allow', 401, 401, 401, 401, 401, 401, 401, 401],
  admin: ['allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'],
  auditor: ['allow', 'allow', 403, 'allow', 'allow', 403, 403, 403, 403],
  viewer: ['allow', 'allow', 403, 403, 'allow', 403, 403, 403, 403],
  assessor: ['allow', 'allow', 403, 403, 'allow', 'allow', 403, 'allow', 'allow'],
  lead: ['allow', 'allow', 403, 403, 'allow', 'allow', 'allow', 'allow', 'allow'],
  nobody: ['allow', 'allow', 403, 403, 404, 404, 404, 404, 404],
  scanToken: ['allow', 403, 403, 403, 403, 403, 403, 'allow', 403],
  checkpointToken: ['allow', 403, 403, 403, 403, 403, 403, 403, 'allow'],
  bothToken: ['allow', 403, 403, 403, 403, 403, 403, 'allow', 'allow'],
};

const TEAM_ACTIONS = new Set<Action>(['team:read', 'team:rate', 'team:lead', 'team:push-scan', 'team:push-checkpoint']);

function outcome(principal: Principal, action: Action, teamId: string | undefined): Expected {
  const policy: Policy = { action, scope: TEAM_ACTIONS.has(action) ? 'team-param' : 'none' };
  const decision = decide(principal, policy, teamId);
  return decision.allowed ? 'allow' : decision.status;
}

describe('S13 decide', () => {
  const rows = Object.entries(TABLE).flatMap(([name, expected]) => ACTIONS.map((action, index) => [name, action, expected[index]] as const));

  it.each(rows)('S13 %s → %s: %s', (name, action, expected) => {
    const principal = PRINCIPALS[name] as Principal;
    expect(outcome(principal, action, TEAM_ACTIONS.has(action) ? 'a' : undefined)).toBe(expected);
  });

  it('S13 another team: members of team a are strangers there (404), tokens of team a are refused (403)', () => {
    for (const action of TEAM_ACTIONS) {
      expect(outcome(PRINCIPALS['viewer'] as Principal, action, 'b')).toBe(404);
      expect(outcome(PRINCIPALS['lead'] as Principal, action, 'b')).toBe(404);
      expect(outcome(PRINCIPALS['bothToken'] as Principal, action, 'b')).toBe(403);
      expect(outcome(PRINCIPALS['admin'] as Principal, action, 'b')).toBe('allow');
    }
    expect(outcome(PRINCIPALS['auditor'] as Principal, 'team:read', 'b')).toBe('allow');
    expect(outcome(PRINCIPALS['auditor'] as Principal, 'team:rate', 'b')).toBe(403);
    // A viewer role in team c grants reading c, nothing more.
    expect(outcome(PRINCIPALS['lead'] as Principal, 'team:read', 'c')).toBe('allow');
    expect(outcome(PRINCIPALS['lead'] as Principal, 'team:rate', 'c')).toBe(403);
  });

  it('S13 a team action without a resolved team is refused to everyone but admins', () => {
    for (const action of TEAM_ACTIONS) {
      for (const name of ['viewer', 'assessor', 'lead', 'auditor', 'bothToken']) expect(outcome(PRINCIPALS[name] as Principal, action, undefined)).toBe(403);
      expect(outcome(PRINCIPALS['admin'] as Principal, action, undefined)).toBe('allow');
    }
  });

  it('S13 a missing or unknown policy refuses everyone with 403, admins and anonymous callers included', () => {
    const broken: unknown[] = [undefined, null, {}, { action: 'team:write', scope: 'team-param' }, { action: 'admin', scope: 'anywhere' }, { action: 'public' }, 'public'];
    for (const policy of broken) {
      expect(isPolicy(policy)).toBe(false);
      for (const principal of Object.values(PRINCIPALS)) {
        for (const teamId of [undefined, 'a']) expect(decide(principal, policy as Policy, teamId)).toMatchObject({ allowed: false, status: 403 });
      }
    }
    for (const action of ACTIONS) for (const scope of TEAM_SCOPES) expect(isPolicy({ action, scope })).toBe(true);
  });
});

describe('readableTeams and actorName', () => {
  it('S14 admins and auditors read every team; members their own; tokens and anonymous none', () => {
    expect(readableTeams(PRINCIPALS['admin'] as Principal)).toBe('all');
    expect(readableTeams(PRINCIPALS['auditor'] as Principal)).toBe('all');
    expect([...(readableTeams(PRINCIPALS['lead'] as Principal) as ReadonlySet<string>)].sort()).toEqual(['a', 'c']);
    expect([...(readableTeams(PRINCIPALS['nobody'] as Principal) as ReadonlySet<string>)]).toEqual([]);
    expect([...(readableTeams(PRINCIPALS['bothToken'] as Principal) as ReadonlySet<string>)]).toEqual([]);
    expect([...(readableTeams(PRINCIPALS['anonymous'] as Principal) as ReadonlySet<string>)]).toEqual([]);
  });

  it('S22 the audit names a user, a token by id (never its secret) or anonymous', () => {
    expect(actorName(PRINCIPALS['lead'] as Principal)).toBe('lead');
    expect(actorName(PRINCIPALS['scanToken'] as Principal)).toBe('token:t-scan:push');
    expect(actorName(PRINCIPALS['anonymous'] as Principal)).toBe('anonymous');
  });
});
