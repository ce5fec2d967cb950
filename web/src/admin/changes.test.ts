import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicUser, Settings, Team } from './types.js';

// The router reads the address bar when it loads; outside a browser it gets a stand-in window.
vi.stubGlobal('window', { location: { pathname: '/', search: '', href: 'http://localhost/', origin: 'http://localhost' }, addEventListener: () => undefined });

let router: typeof import('../router.js');
let userEditor: typeof import('./user-editor.js');
let teamEditor: typeof import('./team-editor.js');
let organisation: typeof import('./organisation.js');
let audit: typeof import('./audit.js');
let teams: typeof import('./teams.js');
let members: typeof import('./members.js');
let tokens: typeof import('./tokens.js');
let transfer: typeof import('./transfer.js');
let adminPage: typeof import('../pages/admin.js');
let tokensPage: typeof import('../pages/tokens.js');

beforeAll(async () => {
  router = await import('../router.js');
  userEditor = await import('./user-editor.js');
  teamEditor = await import('./team-editor.js');
  organisation = await import('./organisation.js');
  audit = await import('./audit.js');
  teams = await import('./teams.js');
  members = await import('./members.js');
  tokens = await import('./tokens.js');
  transfer = await import('./transfer.js');
  adminPage = await import('../pages/admin.js');
  tokensPage = await import('../pages/tokens.js');
});

const user = (overrides: Partial<PublicUser>): PublicUser => ({ id: 'u1', username: 'bea', displayName: 'Bea', isAdmin: false, isAuditor: false, disabled: false, createdAt: '2026-11-01T00:00:00.000Z', version: 3, ...overrides });
const team = (overrides: Partial<Team>): Team => ({ id: 'payments', name: 'Payments', group: 'Retail', cadence: null, targets: {}, createdAt: '2026-11-01T00:00:00.000Z', version: 2, ...overrides });
const settings: Settings = { name: 'Acme', model: 'builtin', defaultTargets: null, domainWeights: { secrets: 2 }, staleCounts: false, defaultCadence: 'quarterly', version: 5 };

describe('the admin routes and who may open them', () => {
  it.each([
    ['/admin', 'admin', {}],
    ['/admin/users', 'admin', { section: 'users' }],
    ['/admin/audit', 'admin', { section: 'audit' }],
    ['/teams/payments/tokens', 'tokens', { teamId: 'payments' }],
    ['/admin/users/extra', 'not-found', {}],
  ] as const)('%s → %s', (path, page, params) => {
    expect(router.matchPath(path)).toEqual({ page, params });
  });

  it('gives admins every section, auditors the audit log and the exports, and others nothing', () => {
    expect(adminPage.sectionsFor(user({ isAdmin: true })).map((section) => section.id)).toEqual(['users', 'teams', 'organisation', 'tokens', 'audit', 'transfer']);
    expect(adminPage.sectionsFor(user({ isAuditor: true })).map((section) => section.id)).toEqual(['audit', 'transfer']);
    expect(adminPage.sectionsFor(user({}))).toEqual([]);
  });

  it('lets leads of the team and admins manage its tokens, nobody else', () => {
    expect(tokensPage.mayManageTokens(user({}), 'lead')).toBe(true);
    expect(tokensPage.mayManageTokens(user({ isAdmin: true }), undefined)).toBe(true);
    expect(tokensPage.mayManageTokens(user({}), 'assessor')).toBe(false);
    expect(tokensPage.mayManageTokens(user({ isAuditor: true }), 'viewer')).toBe(false);
    expect(tokensPage.mayManageTokens(user({}), undefined)).toBe(false);
  });
});

describe('what a save sends (only what changed) and what a 412 shows', () => {
  it('sends only the user fields that differ', () => {
    expect(userEditor.changedFields(user({}), { displayName: ' Bea ', isAdmin: false, isAuditor: false })).toEqual({});
    expect(userEditor.changedFields(user({}), { displayName: 'Beatrice', isAdmin: true, isAuditor: false })).toEqual({ displayName: 'Beatrice', isAdmin: true });
  });

  it('shows mine against theirs for each field of the refused change, never a password', () => {
    expect(userEditor.conflictRows({ displayName: 'Beatrice', isAdmin: true }, user({ displayName: 'Bea B.', isAdmin: false }))).toEqual([
      { label: 'Display name', mine: 'Beatrice', theirs: 'Bea B.' },
      { label: 'Admin', mine: 'yes', theirs: 'no' },
    ]);
    expect(userEditor.conflictRows({ password: 'secret-value-123' }, user({}))).toEqual([{ label: 'Password', mine: 'a new password', theirs: 'unchanged by you' }]);
  });

  it('sends only the team fields that differ; an empty group or cadence becomes null', () => {
    const form = { name: 'Payments', group: 'Retail', cadence: '', targets: { secrets: '', iac: '' } };
    expect(teamEditor.teamChanges(team({}), form)).toEqual({});
    expect(teamEditor.teamChanges(team({}), { ...form, group: ' ', cadence: 'monthly', targets: { secrets: '3', iac: '' } })).toEqual({ group: null, cadence: 'monthly', targets: { secrets: 3 } });
    expect(teamEditor.teamChanges(team({ targets: { secrets: 3 } }), { ...form, targets: { secrets: '', iac: '' } })).toEqual({ targets: {} });
    expect(teamEditor.teamConflictRows({ name: 'Pay', targets: { secrets: 3 } }, team({ name: 'Payments EU' }))).toEqual([
      { label: 'Name', mine: 'Pay', theirs: 'Payments EU' },
      { label: 'Targets', mine: 'secrets 3', theirs: 'organisation defaults' },
    ]);
  });

  it('sends only the organisation settings that differ', () => {
    const form = { name: 'Acme', defaultCadence: 'quarterly', staleCounts: false, mode: 'none' as const, same: '', targets: { secrets: '' }, weights: { secrets: '2', iac: '' } };
    expect(organisation.settingsChanges(settings, form)).toEqual({});
    expect(organisation.settingsChanges(settings, { ...form, mode: 'same', same: '2', weights: { secrets: '', iac: '1.5' } })).toEqual({ defaultTargets: 2, domainWeights: { iac: 1.5 } });
    expect(organisation.settingsChanges({ ...settings, defaultTargets: { secrets: 3 } }, { ...form, mode: 'domain', targets: { secrets: '' } })).toEqual({ defaultTargets: null });
    expect(organisation.settingsConflictRows({ defaultTargets: 2, staleCounts: true }, settings)).toEqual([
      { label: 'Stale answers count', mine: 'yes', theirs: 'no' },
      { label: 'Default targets', mine: '2 in every domain', theirs: 'none' },
    ]);
  });

  it('builds the body of a new team without empty fields', () => {
    expect(teams.newTeamBody({ id: ' pay ', name: 'Pay', group: '', cadence: '', targets: { secrets: '' } })).toEqual({ id: 'pay', name: 'Pay' });
    expect(teams.newTeamBody({ id: 'pay', name: 'Pay', group: 'Retail', cadence: 'yearly', targets: { secrets: '2' } })).toEqual({ id: 'pay', name: 'Pay', group: 'Retail', cadence: 'yearly', targets: { secrets: 2 } });
  });

  it('groups teams by group name, teams without a group last', () => {
    const grouped = teams.byGroup([team({ id: 'b', name: 'B', group: null }), team({ id: 'z', name: 'Z', group: 'Retail' }), team({ id: 'a', name: 'A', group: 'Retail' }), team({ id: 'd', name: 'D', group: 'Data' })]);
    expect(grouped.map(([group, list]) => [group, list.map((entry) => entry.id)])).toEqual([
      ['Data', ['d']],
      ['Retail', ['a', 'z']],
      [null, ['b']],
    ]);
  });

  it('offers as new members only people outside the team, enabled ones first', () => {
    const people = [user({ id: '1', displayName: 'Zed', disabled: true }), user({ id: '2', displayName: 'Amy' }), user({ id: '3', displayName: 'Bo' })];
    expect(members.candidates(people, [{ userId: '3', username: 'bo', displayName: 'Bo', role: 'viewer' }]).map((person) => person.id)).toEqual(['2', '1']);
  });

  it('refuses a token without a name or a scope', () => {
    expect(tokens.tokenErrors('  ', [])).toEqual({ name: 'Name the token after where it is used, e.g. “GitHub Actions”.', scopes: 'Choose at least one thing the token may do.' });
    expect(tokens.tokenErrors('CI', ['scan:push'])).toEqual({});
  });
});

describe('the audit viewer and the workspace upload', () => {
  it('asks the audit route for the filters of the address, a page of 50, and the page before', () => {
    expect(audit.auditQuery(new URLSearchParams('actor=bob&outcome=refused&before=120&team=&junk=1'))).toBe('/api/v1/audit?actor=bob&outcome=refused&before=120&limit=50');
    expect(audit.auditQuery(new URLSearchParams(''))).toBe('/api/v1/audit?limit=50');
  });

  it('shows detail values as text, long ones cut', () => {
    expect(audit.detailText('<img src=x>')).toBe('<img src=x>');
    expect(audit.detailText({ secrets: 2 })).toBe('{"secrets":2}');
    expect(audit.detailText('x'.repeat(400))).toBe(`${'x'.repeat(299)}…`);
  });

  it('reads a workspace file in the browser before sending it, explaining what is wrong', () => {
    expect(transfer.parseWorkspace('{"files": {"stepwise.yaml": "organisation: X"}}')).toEqual({ ok: true, body: { files: { 'stepwise.yaml': 'organisation: X' } } });
    expect(transfer.parseWorkspace('[1, 2]')).toEqual({ ok: false, local: 'The file has no "files" object: upload the JSON that “Download the workspace” saved, {"files": {"stepwise.yaml": …}}.' });
    const broken = transfer.parseWorkspace('{"files": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.local.startsWith('The file is not JSON (')).toBe(true);
  });
});
