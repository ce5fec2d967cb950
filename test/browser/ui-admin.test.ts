import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium, watchCsp, watchPage } from '../support/browser.js';
import type { PageWatch } from '../support/browser.js';
import { openContext, printedSetupToken, screenshot, startUiServer, uiSkipReason } from '../support/ui-server.js';
import type { UiServer } from '../support/ui-server.js';

/**
 * Administration and import/export in the built UI, on a fresh instance: setup with the printed
 * token, people, teams and roles, team isolation seen from a member of another team (S14), a token
 * shown once, the audit log, workspace and workbook downloads, refused uploads naming file and line,
 * hostile names kept as text (S23). Screenshots of every admin page go to test/browser/artifacts/.
 */

const ADMIN = { username: 'admin', displayName: 'Ada Admin', password: 'correct horse battery staple 1' } as const;
const ALICE = { username: 'alice', displayName: 'Alice Lead', password: 'amber-lantern-quiet-meadow' } as const;
const BOB = { username: 'bob', displayName: 'Bob Assessor', password: 'copper-violin-slow-harbour' } as const;
const HOSTILE = '<img src=x onerror=alert(1)>';
const MALLORY = { username: 'mallory', displayName: HOSTILE, password: 'granite-pelican-soft-window' } as const;
/** Team A: its id and name are sentinels that must never reach a member of team B. */
const TEAM_A = { id: 'alpha-q7x', name: 'Alpha Sentinel Q7X', group: 'Retail' } as const;
const TEAM_B = { id: 'bravo', name: 'Bravo Checkout', group: 'Retail' } as const;
const TEAM_H = { id: 'hostile', name: HOSTILE } as const;
const MINI_MODEL = `id: acme-mini
version: 1
name: Acme mini model
levels:
  - {level: 1, name: Basic}
  - {level: 2, name: Defined}
domains:
  - {id: delivery, name: Delivery safety}
practices:
  - {id: delivery.reviews, domain: delivery, level: 1, title: Every change is reviewed, backlog: {title: Review every change}}
`;

const reason = uiSkipReason();

interface Watch extends PageWatch {
  readonly cspViolations: string[];
  /** Every response body the page received, with its address (assets left out). */
  readonly bodies: { url: string; status: number; text: string }[];
}

async function watch(page: Page): Promise<Watch> {
  // Chromium logs each refused fetch ("Failed to load resource: … status of 404"); the statuses are asserted where they matter.
  const seen: Watch = { ...watchPage(page, (message) => (/status of 4\d\d/.test(message.text()) ? null : message.text())), cspViolations: await watchCsp(page), bodies: [] };
  page.on('response', (response: Response) => {
    if (response.url().includes('/assets/')) return;
    void response.text().then(
      (text) => seen.bodies.push({ url: response.url(), status: response.status(), text }),
      () => undefined,
    );
  });
  return seen;
}

async function shot(page: Page, name: string): Promise<void> {
  await screenshot(page, `admin-${name}`);
}

async function signIn(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
}

/** A JSON API call from inside the page, with the session's CSRF token. */
async function callApi(page: Page, method: string, path: string, body?: unknown, ifMatch?: number): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, path, body, ifMatch }) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const headers: Record<string, string> = { 'x-csrf-token': session.csrfToken };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
      const response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    { method, path, body, ifMatch },
  );
}

async function createPerson(page: Page, person: { username: string; displayName: string; password: string }): Promise<void> {
  await page.locator('#new-user-username').fill(person.username);
  await page.locator('#new-user-displayName').fill(person.displayName);
  await page.locator('#new-user-password').fill(person.password);
  await page.locator('#new-user-confirm').fill(person.password);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.locator(`tr[data-user="${person.username}"]`).waitFor();
}

async function createTeam(page: Page, team: { id: string; name: string; group?: string }, cadence = ''): Promise<void> {
  await page.locator('#new-team-id').fill(team.id);
  await page.locator('#new-team-name').fill(team.name);
  await page.locator('#new-team-group').fill(team.group ?? '');
  if (cadence !== '') await page.locator('#new-team-cadence').selectOption(cadence);
  await page.getByRole('button', { name: 'Create the team' }).click();
  await page.locator(`tr[data-team="${team.id}"]`).waitFor();
}

async function addMember(page: Page, url: string, teamId: string, displayName: string, role: string): Promise<void> {
  await page.goto(`${url}/admin/teams?team=${teamId}`);
  await page.locator('#add-member-user').waitFor();
  const option = page.locator('#add-member-user option', { hasText: displayName });
  await page.locator('#add-member-user').selectOption(await option.getAttribute('value'));
  await page.locator('#add-member-role').selectOption(role);
  await page.getByRole('button', { name: /^Add to / }).click();
  await expect.poll(() => page.locator('.notice-success').textContent()).toContain(`joined`);
}

describe.skipIf(reason !== null)('administration and import/export in Chromium (built UI, fresh server)', () => {
  let server: UiServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let seen: Watch;
  let token = '';

  beforeAll(async () => {
    server = await startUiServer({ name: 'ui-admin' });
    browser = await launchChromium();
    admin = await openContext(browser, server.url, null, { acceptDownloads: true });
    await admin.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await admin.newPage();
    // A missing element fails in seconds with its selector named, not at the test's timeout.
    page.setDefaultTimeout(8000);
    seen = await watch(page);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('sets up the admin through the UI with the printed token; Admin is in the navigation', async () => {
    const setupToken = printedSetupToken(server.printed);
    expect(setupToken).toMatch(/^stw_setup_/);
    await page.goto(server.url);
    await page.waitForURL(`${server.url}/setup`);
    await page.getByLabel('Setup token').fill(setupToken);
    await page.getByLabel('Admin username').fill(ADMIN.username);
    await page.getByLabel('Display name').fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin and sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL(`${server.url}/admin`);
    expect(await page.locator('h1').textContent()).toBe('Administration');
    expect(await page.locator('nav[aria-label="Administration"] a').allTextContents()).toEqual(['Overview', 'People', 'Teams and groups', 'Organisation', 'API tokens', 'Audit log', 'Import and export']);
    await shot(page, 'overview');
  });

  it('people: a refused form names each field and focuses the first; then three accounts are created', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'People' }).click();
    await page.waitForURL(`${server.url}/admin/users`);
    await page.locator('#new-user-username').fill('x');
    await page.locator('#new-user-password').fill('short');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-user-username');
    expect(await page.locator('#new-user-username').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#new-user-username-error').textContent()).toContain('2 to 64 letters');
    expect(await page.locator('#new-user-displayName-error').textContent()).toContain('Enter a display name');
    expect(await page.locator('#new-user-password-error').textContent()).toContain('at least 12 characters (5 so far)');
    await shot(page, 'users-errors');
    await createPerson(page, ALICE);
    await createPerson(page, BOB);
    // Keyboard only: Tab walks the form in reading order, Space ticks a box, Enter sends.
    await page.locator('#new-user-username').focus();
    await page.keyboard.type(MALLORY.username);
    for (const value of [MALLORY.displayName, MALLORY.password, MALLORY.password]) {
      await page.keyboard.press('Tab');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-user-admin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.locator('#new-user-auditor').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Create the account');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-user="mallory"]').waitFor();
    expect(await page.locator('tr[data-user="mallory"] .badge-auditor').textContent()).toBe('auditor');
    // The server's own check: a taken username comes back next to the field.
    await page.locator('#new-user-username').fill(BOB.username);
    await page.locator('#new-user-displayName').fill('Another Bob');
    await page.locator('#new-user-password').fill('distinct-walnut-orbit-42');
    await page.locator('#new-user-confirm').fill('distinct-walnut-orbit-42');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await expect.poll(() => page.locator('#new-user-username-error').textContent()).toBe('✗ This username is taken: choose another.');
    const users = (await callApi(page, 'GET', '/api/v1/users')).json as { users: { username: string; displayName: string }[] };
    expect(users.users.map((user) => [user.username, user.displayName]).sort()).toEqual([
      ['admin', ADMIN.displayName],
      ['alice', ALICE.displayName],
      ['bob', BOB.displayName],
      ['mallory', HOSTILE],
    ]);
    expect(await page.locator('tr[data-user="mallory"] th').textContent()).toBe(HOSTILE);
    await shot(page, 'users');
  });

  it('teams and groups: creates team A, team B and a hostile-named team; gives roles, changes and removes one', async () => {
    await page.goto(`${server.url}/admin/teams`);
    await page.locator('#new-team-id').waitFor();
    await page.locator('#new-team-id').fill('Bad Id');
    await page.getByRole('button', { name: 'Create the team' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-team-id');
    expect(await page.locator('#new-team-id-error').textContent()).toContain('lower-case letters');
    await page.locator('#new-team-id').fill(TEAM_A.id);
    await page.locator('#new-team-name').fill(TEAM_A.name);
    await page.locator('#new-team-group').fill(TEAM_A.group);
    await page.locator('#new-team-cadence').selectOption('monthly');
    await page.locator('details.more summary').click();
    await page.locator('#new-team-target-secrets').fill('3');
    await page.getByRole('button', { name: 'Create the team' }).click();
    await page.locator(`tr[data-team="${TEAM_A.id}"]`).waitFor();
    await createTeam(page, TEAM_B);
    await createTeam(page, TEAM_H);
    const teamA = (await callApi(page, 'GET', `/api/v1/teams/${TEAM_A.id}`)).json as { name: string; group: string; cadence: string; targets: Record<string, number> };
    expect(teamA).toMatchObject({ name: TEAM_A.name, group: 'Retail', cadence: 'monthly', targets: { secrets: 3 } });
    expect(await page.locator('.group-row th').allTextContents()).toEqual(['Retail · 2 teams', 'No group · 1 team']);
    expect(await page.locator(`tr[data-team="${TEAM_H.id}"] th`).textContent()).toBe(HOSTILE);
    await shot(page, 'teams');

    await addMember(page, server.url, TEAM_A.id, ALICE.displayName, 'lead');
    await addMember(page, server.url, TEAM_B.id, BOB.displayName, 'viewer');
    await page.locator('tr[data-member="bob"] select').selectOption('assessor');
    await page.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(() => page.locator('.notice-success').textContent()).toBe(`${BOB.displayName} is now assessor of ${TEAM_B.name}.`);
    await addMember(page, server.url, TEAM_B.id, HOSTILE, 'viewer');
    expect(await page.locator('tr[data-member="mallory"] th').textContent()).toBe(`${HOSTILE} (mallory)`);
    await shot(page, 'team-editor');
    await page.getByRole('button', { name: `Remove ${HOSTILE} from ${TEAM_B.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Remove from the team' }).click();
    await expect.poll(() => page.locator('tr[data-member]').count()).toBe(1);
    const members = (await callApi(page, 'GET', `/api/v1/teams/${TEAM_B.id}/members`)).json as { members: { username: string; role: string }[] };
    expect(members.members.map((member) => [member.username, member.role])).toEqual([['bob', 'assessor']]);
    const alpha = (await callApi(page, 'GET', `/api/v1/teams/${TEAM_A.id}/members`)).json as { members: { username: string; role: string }[] };
    expect(alpha.members.map((member) => [member.username, member.role])).toEqual([['alice', 'lead']]);
  });

  it('a team edit that lost a race (412) shows both versions and keeps mine only when I choose it', async () => {
    await page.goto(`${server.url}/admin/teams?team=${TEAM_B.id}`);
    await page.locator('#edit-team-name').fill('Bravo Payments');
    const current = (await callApi(page, 'GET', `/api/v1/teams/${TEAM_B.id}`)).json as { version: number };
    expect((await callApi(page, 'PATCH', `/api/v1/teams/${TEAM_B.id}`, { name: 'Bravo by someone else' }, current.version)).status).toBe(200);
    await page.getByRole('button', { name: 'Save the team' }).click();
    const conflict = page.locator('.conflict');
    await conflict.waitFor();
    expect(await conflict.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['Bravo Payments', 'Bravo by someone else (differs)']);
    expect(((await callApi(page, 'GET', `/api/v1/teams/${TEAM_B.id}`)).json as { name: string }).name).toBe('Bravo by someone else');
    await shot(page, 'team-conflict');
    await conflict.getByRole('button', { name: 'Keep theirs, discard mine' }).click();
    await expect.poll(() => page.locator('#edit-team-name').inputValue()).toBe('Bravo by someone else');
    await page.locator('#edit-team-name').fill(TEAM_B.name);
    await page.getByRole('button', { name: 'Save the team' }).click();
    await expect.poll(() => page.locator('.editor .notice-success').textContent()).toBe('Saved.');
    expect(((await callApi(page, 'GET', `/api/v1/teams/${TEAM_B.id}`)).json as { name: string }).name).toBe(TEAM_B.name);
  });

  it('deleting a team asks first, refuses a stale one (412), then deletes it', async () => {
    expect((await callApi(page, 'POST', '/api/v1/teams', { id: 'short-lived', name: 'Short-lived' })).status).toBe(201);
    await page.goto(`${server.url}/admin/teams?team=short-lived`);
    await page.getByRole('button', { name: 'Delete Short-lived…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete Short-lived…');
    expect((await callApi(page, 'PATCH', '/api/v1/teams/short-lived', { name: 'Short-lived (renamed)' }, 1)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete Short-lived…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the team and all it owns' }).click();
    await expect.poll(() => page.locator('.danger-zone .notice-error').textContent()).toContain('Someone changed this team after you opened it, so it was not deleted.');
    expect((await callApi(page, 'GET', '/api/v1/teams/short-lived')).status).toBe(200);
    await expect.poll(() => page.locator('#edit-team-name').inputValue()).toBe('Short-lived (renamed)');
    await page.getByRole('button', { name: 'Delete Short-lived (renamed)…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete the team and all it owns' }).click();
    await page.waitForURL(`${server.url}/admin/teams`);
    expect((await callApi(page, 'GET', '/api/v1/teams/short-lived')).status).toBe(404);
    await expect.poll(() => page.locator('tr[data-team="short-lived"]').count()).toBe(0);
  });

  it('a user edit that lost a race (412): "save my version" wins only after the choice; disabling asks first', async () => {
    const alice = ((await callApi(page, 'GET', '/api/v1/users')).json as { users: { id: string; username: string; version: number }[] }).users.find((user) => user.username === 'alice');
    await page.goto(`${server.url}/admin/users?user=${alice?.id ?? ''}`);
    await page.locator('#edit-user-displayName').fill('Alice Lead (Payments)');
    expect((await callApi(page, 'PATCH', `/api/v1/users/${alice?.id ?? ''}`, { displayName: 'Alice by someone else' }, alice?.version)).status).toBe(200);
    await page.getByRole('button', { name: 'Save name and rights' }).click();
    await page.locator('.conflict').waitFor();
    expect(await page.locator('.conflict tbody td').allTextContents()).toEqual(['Alice Lead (Payments)', 'Alice by someone else (differs)']);
    await shot(page, 'user-conflict');
    await page.getByRole('button', { name: 'Save my version over theirs' }).click();
    await expect.poll(() => page.locator('.editor .notice-success').textContent()).toBe('Your version was saved over theirs.');
    expect(((await callApi(page, 'GET', `/api/v1/users/${alice?.id ?? ''}`)).json as { displayName: string }).displayName).toBe('Alice Lead (Payments)');
    await shot(page, 'user-editor');

    const mallory = ((await callApi(page, 'GET', '/api/v1/users')).json as { users: { id: string; username: string }[] }).users.find((user) => user.username === 'mallory');
    await page.goto(`${server.url}/admin/users?user=${mallory?.id ?? ''}`);
    await page.getByRole('button', { name: 'Disable the account…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable the account' }).click();
    await expect.poll(() => page.locator('tr[data-user="mallory"] .badge-disabled').count()).toBe(1);
    expect(((await callApi(page, 'GET', `/api/v1/users/${mallory?.id ?? ''}`)).json as { disabled: boolean }).disabled).toBe(true);
    await page.getByRole('button', { name: 'Enable the account' }).click();
    await expect.poll(() => page.locator('tr[data-user="mallory"] .badge-disabled').count()).toBe(0);
  });

  it('an auditor gets the audit log and the downloads, and nothing that changes anything', async () => {
    const context = await openContext(browser, server.url, null);
    const auditor = await context.newPage();
    auditor.setDefaultTimeout(8000);
    await signIn(auditor, server.url, MALLORY);
    await auditor.getByRole('link', { name: 'Admin', exact: true }).click();
    await auditor.waitForURL(`${server.url}/admin`);
    expect(await auditor.locator('nav[aria-label="Administration"] a').allTextContents()).toEqual(['Overview', 'Audit log', 'Import and export']);
    await auditor.goto(`${server.url}/admin/transfer`);
    await auditor.getByRole('button', { name: 'Download the workspace (JSON)' }).waitFor();
    expect(await auditor.locator('input[type="file"]').count()).toBe(0);
    expect(await auditor.getByRole('button', { name: 'Download team-progress.yaml' }).count()).toBe(1);
    await screenshot(auditor, 'admin-auditor-transfer');
    for (const path of ['/admin/users', '/admin/teams', '/admin/organisation', '/admin/tokens']) {
      await auditor.goto(`${server.url}${path}`);
      await expect.poll(() => auditor.locator('h1').textContent(), { message: path }).toBe('Page not found');
    }
    await auditor.goto(`${server.url}/admin/audit`);
    await auditor.locator('tr[data-action]').first().waitFor();
    await context.close();
  });

  it('S14 a member of team B, typing team A addresses, gets "not found" and receives no byte of team A', async () => {
    const member = await openContext(browser, server.url, null);
    const other = await member.newPage();
    other.setDefaultTimeout(8000);
    const bobSeen = await watch(other);
    await signIn(other, server.url, BOB);
    expect(await other.locator('nav[aria-label="Main"] a').allTextContents()).not.toContain('Admin');
    await other.goto(`${server.url}/teams`);
    await other.getByText(TEAM_B.name).first().waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.locator('main').textContent()).not.toContain(TEAM_A.name);
    await other.goto(`${server.url}/teams/${TEAM_A.id}`);
    await expect.poll(() => other.locator('h1').textContent()).toMatch(/not found/i);
    await screenshot(other, 'admin-member-team-a', false);
    for (const path of [`/teams/${TEAM_A.id}/tokens`, `/teams/${TEAM_B.id}/tokens`, '/admin', '/admin/users', '/admin/audit', '/admin/transfer', '/admin/nowhere']) {
      await other.goto(`${server.url}${path}`);
      await expect.poll(() => other.locator('h1').textContent(), { message: path }).toBe('Page not found');
    }
    await other.goto(`${server.url}/`);
    await other.waitForLoadState('networkidle');
    const leaks = bobSeen.bodies.filter((body) => body.text.includes(TEAM_A.id) || body.text.includes(TEAM_A.name) || body.text.toLowerCase().includes('q7x'));
    expect(leaks.map((body) => body.url)).toEqual([]);
    expect(bobSeen.bodies.filter((body) => body.url.includes('/api/v1/')).length).toBeGreaterThan(5);
    expect(bobSeen.errors).toEqual([]);

    // The lead of team A reaches its tokens from the team-scoped page, and not those of team B.
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL(`${server.url}/sign-in`);
    await signIn(other, server.url, ALICE);
    await other.goto(`${server.url}/teams/${TEAM_A.id}/tokens`);
    await expect.poll(() => other.locator('h1').textContent()).toBe(`API tokens · ${TEAM_A.name}`);
    await other.locator('#token-name').waitFor();
    await screenshot(other, 'admin-lead-tokens');
    await other.goto(`${server.url}/teams/${TEAM_B.id}/tokens`);
    await expect.poll(() => other.locator('h1').textContent()).toBe('Page not found');
    await member.close();
  });

  it('S18 a new token is shown once with a copy button; after a reload only its last four characters remain; it can be revoked', async () => {
    await page.goto(`${server.url}/admin/tokens`);
    await page.locator('#tokens-team').selectOption(TEAM_B.id);
    await page.waitForURL(`${server.url}/admin/tokens?team=${TEAM_B.id}`);
    await page.getByRole('button', { name: 'Create the token' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('token-name');
    await page.locator('#token-name').fill(`CI ${HOSTILE}`);
    await page.getByLabel('checkpoint:push').check();
    await page.getByRole('button', { name: 'Create the token' }).click();
    await page.locator('#token-value').waitFor();
    token = await page.locator('#token-value').inputValue();
    expect(token).toMatch(/^stw_[A-Za-z0-9_-]{40,}$/);
    expect(await page.locator('.token-once').textContent()).toContain('It is shown only this once.');
    await shot(page, 'token-once');
    await page.getByRole('button', { name: 'Copy the token' }).click();
    await expect.poll(() => page.locator('.token-once [role="status"]').textContent()).toBe('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const listed = (await callApi(page, 'GET', `/api/v1/teams/${TEAM_B.id}/tokens`)).json as { tokens: { name: string; scopes: string[]; last4: string }[] };
    expect(listed.tokens).toMatchObject([{ name: `CI ${HOSTILE}`, scopes: ['scan:push', 'checkpoint:push'], last4: token.slice(-4) }]);

    await page.reload();
    await page.locator('tr[data-token]').waitFor();
    expect(await page.locator('#token-value').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(token);
    expect(await page.locator('tr[data-token] code').textContent()).toBe(`…${token.slice(-4)}`);
    expect(await page.locator('tr[data-token] th').textContent()).toBe(`CI ${HOSTILE}`);
    await shot(page, 'tokens');
    await page.getByRole('button', { name: /^Revoke CI / }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke the token' }).click();
    await expect.poll(() => page.locator('tr[data-token] .badge-disabled').textContent()).toBe('revoked');
    const pushed = await fetch(`${server.url}/api/v1/teams/${TEAM_B.id}/scans`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(pushed.status).toBe(401);
  });

  it('organisation: settings saved with If-Match; a refused model upload names its line', async () => {
    await page.goto(`${server.url}/admin/organisation`);
    await page.locator('#org-name').waitFor();
    await page.locator('#org-name').fill('Northwind Traders');
    await page.locator('#org-defaultCadence').selectOption('biannual');
    await page.locator('#org-mode-same').check();
    await page.locator('#org-same').fill('9');
    await page.locator('#org-weight-secrets').fill('2');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-same');
    expect(await page.locator('#org-same-error').textContent()).toContain('from 0 to 3');
    await page.locator('#org-same').fill('2');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => page.locator('.notice-success').first().textContent()).toContain('The settings are saved');
    const settings = (await callApi(page, 'GET', '/api/v1/organisation')).json as Record<string, unknown>;
    expect(settings).toMatchObject({ name: 'Northwind Traders', defaultCadence: 'biannual', defaultTargets: 2, domainWeights: { secrets: 2 }, staleCounts: false, model: 'builtin' });
    await page.locator('#model-file').setInputFiles({ name: 'broken-model.yaml', mimeType: 'application/yaml', buffer: Buffer.from('id: broken\nlevels:\n  - [\n') });
    await page.getByRole('button', { name: 'Upload the model' }).click();
    await expect.poll(() => page.locator('.problem-at').textContent()).toMatch(/^Where: file broken-model\.yaml, line 4, column 1$/);
    expect(await page.locator('.problem', { has: page.locator('.problem-at') }).textContent()).toContain('Fix it there and upload the file again.');
    await shot(page, 'organisation');

    // A valid model: uploaded, chosen; the weights name a domain it lacks, so the switch offers to clear them.
    await page.locator('#model-file').setInputFiles({ name: 'mini-model.yaml', mimeType: 'application/yaml', buffer: Buffer.from(MINI_MODEL) });
    await page.getByRole('button', { name: 'Upload the model' }).click();
    await expect.poll(() => page.locator('.upload-form .notice-success').textContent()).toContain('mini-model.yaml was accepted. It is stored as acme-mini@1: Acme mini model, 1 domains, 1 practices.');
    await page.getByLabel(/Acme mini model/).check();
    await page.getByRole('button', { name: 'Use the chosen model' }).click();
    await expect.poll(() => page.locator('.notice-info').textContent()).toContain('The model was not switched: the organisation\'s default targets or weights do not fit it (domainWeights: "secrets" is not a domain of model acme-mini). Switch and clear them');
    await shot(page, 'organisation-model-switch');
    await page.getByRole('button', { name: 'Switch and clear default targets and weights' }).click();
    await expect.poll(() => page.locator('#org-weight-delivery').count()).toBe(1);
    expect(await page.locator('#org-weight-secrets').count()).toBe(0);
    const switched = (await callApi(page, 'GET', '/api/v1/organisation')).json as Record<string, unknown>;
    expect(switched).toMatchObject({ model: 'acme-mini@1', defaultTargets: null, domainWeights: {} });
    await page.getByLabel(/Stepwise DevSecOps maturity model/).check();
    await page.getByRole('button', { name: 'Use the chosen model' }).click();
    await expect.poll(() => page.locator('#org-weight-secrets').count()).toBe(1);
    expect(((await callApi(page, 'GET', '/api/v1/organisation')).json as { model: string }).model).toBe('builtin');
  });

  it('import and export: the workspace JSON and the workbook download; refused uploads show file and line', async () => {
    await page.goto(`${server.url}/admin/transfer`);
    await page.getByRole('button', { name: 'Download the workspace (JSON)' }).waitFor();
    const [workspaceDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the workspace (JSON)' }).click()]);
    expect(workspaceDownload.suggestedFilename()).toMatch(/^stepwise-workspace-\d{4}-\d{2}-\d{2}\.json$/);
    const workspace = JSON.parse(readFileSync(await workspaceDownload.path(), 'utf8')) as { files: Record<string, string> };
    expect(workspace.files['stepwise.yaml']).toContain(`id: ${TEAM_A.id}`);
    expect(workspace.files['stepwise.yaml']).toContain('organisation: Northwind Traders');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the workbook (XLSX)' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/^stepwise-organisation-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await xlsxDownload.path()) as unknown as ArrayBuffer);
    const heatmap = workbook.getWorksheet('Heatmap');
    expect(heatmap).toBeDefined();
    const cells: string[] = [];
    heatmap?.eachRow((row) => {
      row.eachCell((cell) => cells.push(cell.text));
    });
    for (const name of [TEAM_A.name, TEAM_B.name]) expect(cells.some((cell) => cell.includes(name))).toBe(true);

    const broken = { files: { 'stepwise.yaml': 'organisation: X\nteams:\n  - {id: BAD ID, name: Bad}\n' } };
    await page.locator('#workspace-file').setInputFiles({ name: 'workspace.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole('button', { name: 'Import the workspace' }).click();
    const workspaceForm = page.locator('form', { has: page.locator('#workspace-file') });
    await expect.poll(() => workspaceForm.locator('.problem-at').textContent()).toBe('Where: file stepwise.yaml, line 3, column 10');
    expect(await workspaceForm.locator('.problem').textContent()).toContain('teams.0.id: team id must be lower-case');
    // The file just downloaded goes back in unchanged: nothing to write.
    await page.locator('#workspace-file').setInputFiles(await workspaceDownload.path());
    await page.getByRole('button', { name: 'Import the workspace' }).click();
    await expect.poll(() => workspaceForm.locator('.notice-success').textContent()).toMatch(/was accepted\. Settings unchanged\..*Teams created: none\..*Checkpoints written: 0; unchanged: 0; scans imported: 0\./);

    await page.locator('#dsomm-file').setInputFiles({ name: 'team-progress.yaml', mimeType: 'application/yaml', buffer: Buffer.from('teams:\n  a: [\n') });
    await page.getByRole('button', { name: 'Import the progress' }).click();
    const dsommForm = page.locator('form', { has: page.locator('#dsomm-file') });
    await expect.poll(() => dsommForm.locator('.problem-at').textContent()).toBe('Where: file team-progress.yaml, line 3, column 1');

    await page.locator('#xlsx-import-team').selectOption(TEAM_B.id);
    await page.locator('#xlsx-file').setInputFiles({ name: 'not-a-workbook.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('plain text') });
    await page.getByRole('button', { name: 'Import the workbook' }).click();
    const xlsxForm = page.locator('form', { has: page.locator('#xlsx-file') });
    await expect.poll(() => xlsxForm.locator('.problem').textContent()).toBe('Where: file not-a-workbook.xlsxNot an XLSX workbook.Check that you chose the right file, then upload it again.');
    // The organisation's workbook, sent for team B: only B's sheet is read, the others are named as left out.
    await page.locator('#xlsx-file').setInputFiles(await xlsxDownload.path());
    await page.getByRole('button', { name: 'Import the workbook' }).click();
    await expect.poll(() => xlsxForm.locator('.notice-success').textContent()).toContain(`Sheets of other teams, left out: `);
    expect(await xlsxForm.locator('.notice-success').textContent()).toContain(TEAM_A.id);

    const [dsommDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download team-progress.yaml' }).click()]);
    expect(dsommDownload.suggestedFilename()).toBe('team-progress.yaml');
    await shot(page, 'transfer');
  });

  it('S22 the audit viewer lists these actions newest first, pages back with "before", and filters', async () => {
    // Enough entries for a second page (50 a page): a few more settings changes, each one audited.
    for (;;) {
      const count = ((await callApi(page, 'GET', '/api/v1/audit?limit=1000')).json as { entries: unknown[] }).entries.length;
      if (count > 60) break;
      const settings = (await callApi(page, 'GET', '/api/v1/organisation')).json as { staleCounts: boolean; version: number };
      expect((await callApi(page, 'PATCH', '/api/v1/organisation', { staleCounts: !settings.staleCounts }, settings.version)).status).toBe(200);
    }
    const all = ((await callApi(page, 'GET', '/api/v1/audit?limit=1000')).json as { entries: { id: number }[] }).entries;
    await page.goto(`${server.url}/admin/audit?before=${(all[30]?.id ?? 0) + 1}`);
    await page.locator('tr[data-action]').first().waitFor();
    await page.setViewportSize({ width: 1280, height: 1400 });
    await screenshot(page, 'admin-audit', false);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/admin/audit`);
    const rows: { id: number; action: string }[] = [];
    let pages = 0;
    for (;;) {
      await page.locator('tr[data-action]').first().waitFor();
      pages += 1;
      rows.push(...(await page.locator('tr[data-action]').evaluateAll((elements) => elements.map((row) => ({ id: Number(row.getAttribute('data-id')), action: row.getAttribute('data-action') ?? '' })))));
      const older = page.getByRole('link', { name: 'Older entries »' });
      if ((await older.count()) === 0) break;
      const before = rows.at(-1)?.id ?? 0;
      await older.click();
      await page.waitForURL(`${server.url}/admin/audit?before=${before}`);
      await expect.poll(async () => Number(await page.locator('tr[data-action]').first().getAttribute('data-id'))).toBeLessThan(before);
    }
    expect(pages).toBe(Math.ceil(all.length / 50));
    expect(rows.map((row) => row.id)).toEqual(all.map((entry) => entry.id).filter((id) => id <= (rows[0]?.id ?? 0)));
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => b - a));
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ['setup', 'login', 'logout', 'user.create', 'user.update', 'team.create', 'team.update', 'membership.set', 'membership.remove', 'token.create', 'token.revoke', 'token.use', 'organisation.update', 'access']) {
      expect(actions, action).toContain(action);
    }
    expect(await page.locator('main').textContent()).toContain('These are the oldest matching entries.');
    await page.getByRole('link', { name: '« Newest entries' }).click();
    await page.waitForURL(`${server.url}/admin/audit`);

    await page.locator('#audit-action').fill('token.create');
    await page.getByRole('button', { name: 'Show matching entries' }).click();
    await page.waitForURL(`${server.url}/admin/audit?action=token.create`);
    await expect.poll(() => page.locator('tr[data-action]').evaluateAll((elements) => elements.map((row) => row.getAttribute('data-action')))).toEqual(['token.create']);
    expect(await page.locator('tr[data-action] .audit-detail').textContent()).toContain(`CI ${HOSTILE}`);
    expect(await page.locator('tr[data-action]').textContent()).not.toContain(token);
    await page.locator('#audit-since').fill('2026-02-10');
    await page.locator('#audit-until').fill('2026-01-31');
    await page.getByRole('button', { name: 'Show matching entries' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('audit-until');
    expect(await page.locator('#audit-until-error').textContent()).toBe('✗ The end date is before the start date.');

    await page.goto(`${server.url}/admin/audit?outcome=refused&actor=bob`);
    await expect.poll(() => page.locator('tr[data-action="access"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tr[data-action]').evaluateAll((elements) => elements.every((row) => row.textContent.includes('bob') && row.textContent.includes('refused')))).toBe(true);
    expect(await page.locator('#audit-outcome').inputValue()).toBe('refused');
  });

  it('S23 hostile names stay text on every admin page: no element, no script, no request', async () => {
    for (const path of ['/admin/users', '/admin/teams', `/admin/teams?team=${TEAM_H.id}`, `/admin/tokens?team=${TEAM_B.id}`, '/admin/audit']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main table').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.locator('main img').count(), path).toBe(0);
    }
    expect(await page.locator('main').textContent()).toContain(HOSTILE);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests.filter((url) => url.endsWith('/x'))).toEqual([]);
  });

  it('works at tablet width: no page-wide horizontal scroll on the admin pages', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    for (const section of ['users', 'teams', 'organisation', 'tokens', 'audit', 'transfer']) {
      await page.goto(`${server.url}/admin/${section}${section === 'tokens' ? `?team=${TEAM_B.id}` : ''}`);
      await page.locator('main .card').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), section).toBe(true);
    }
    await page.goto(`${server.url}/admin/teams?team=${TEAM_A.id}`);
    await page.locator('#edit-team-name').waitFor();
    await shot(page, 'teams-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('S21 no console error, no CSP violation, and nothing left the origin during the admin visit', () => {
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith('blob:'))).toEqual([]);
  });
});
