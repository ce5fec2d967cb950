import { beforeAll, describe, expect, it, vi } from 'vitest';

// The router reads the address bar when it loads; outside a browser it gets a stand-in window.
vi.stubGlobal('window', { location: { pathname: '/', search: '', href: 'http://localhost/', origin: 'http://localhost' }, addEventListener: () => undefined });

let router: typeof import('./router.js');
let app: typeof import('./app.js');
let signIn: typeof import('./pages/sign-in.js');

beforeAll(async () => {
  router = await import('./router.js');
  app = await import('./app.js');
  signIn = await import('./pages/sign-in.js');
});

function route(path: string, search = ''): import('./router.js').Route {
  return { ...router.matchPath(path), location: { path, query: new URLSearchParams(search) } };
}

describe('the router', () => {
  it.each([
    ['/', 'dashboard', {}],
    ['/teams', 'teams', {}],
    ['/teams/payments', 'team', { teamId: 'payments' }],
    ['/teams/payments/', 'team', { teamId: 'payments' }],
    ['/teams/a%20b', 'team', { teamId: 'a b' }],
    ['/teams/%E0%A4%A', 'team', { teamId: '%E0%A4%A' }],
    ['/account/password', 'password', {}],
    ['/setup', 'setup', {}],
    ['/sign-in', 'sign-in', {}],
    ['/teams/a/b', 'not-found', {}],
    ['/nowhere', 'not-found', {}],
  ] as const)('%s → %s', (path, page, params) => {
    expect(router.matchPath(path)).toEqual({ page, params });
  });

  it('builds paths with a query, leaving out empty values', () => {
    expect(router.pathWithQuery('/teams/x', { domain: 'secrets', empty: '', none: undefined })).toBe('/teams/x?domain=secrets');
    expect(router.pathWithQuery('/', {})).toBe('/');
  });

  it.each([
    [null, '/'],
    ['/teams/payments?domain=iac', '/teams/payments?domain=iac'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
  ] as const)('after sign-in, next=%s goes to %s (never off-site)', (next, target) => {
    expect(signIn.safeNext(next)).toBe(target);
  });
});

describe('redirects by session', () => {
  const user = { id: 'u', username: 'ada', displayName: 'Ada', isAdmin: false, isAuditor: false, disabled: false, createdAt: '', version: 1 };

  it.each([
    ['needs-setup', '/', '', '/setup'],
    ['needs-setup', '/setup', '', undefined],
    ['signed-out', '/', '', '/sign-in'],
    ['signed-out', '/teams/payments', 'domain=iac', '/sign-in?next=%2Fteams%2Fpayments%3Fdomain%3Diac'],
    ['signed-out', '/setup', '', '/sign-in'],
    ['signed-out', '/sign-in', 'next=%2Fteams', undefined],
    ['signed-in', '/sign-in', 'next=%2Fteams', '/teams'],
    ['signed-in', '/setup', '', '/'],
    ['signed-in', '/teams', '', undefined],
  ] as const)('%s at %s?%s → %s', (kind, path, search, target) => {
    const session = kind === 'signed-in' ? { kind, user, roles: {} } : { kind };
    expect(app.redirectFor(session, route(path, search))).toBe(target);
  });
});
