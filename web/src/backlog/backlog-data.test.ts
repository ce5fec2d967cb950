import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BacklogEntry, TeamInfo } from './backlog-data.js';

// backlog-data builds addresses with the router, which reads the address bar when it loads.
vi.stubGlobal('window', { location: { pathname: '/backlog', search: '', href: 'http://localhost/backlog', origin: 'http://localhost' }, addEventListener: () => undefined });

let data: typeof import('./backlog-data.js');

beforeAll(async () => {
  data = await import('./backlog-data.js');
});

function item(team: string, practice: string, changes: Partial<BacklogEntry> = {}): BacklogEntry {
  return {
    key: `${team}:${practice}`,
    team,
    practice,
    domain: practice.split('.')[0] ?? '',
    level: 1,
    title: `Do ${practice}`,
    description: `Why ${practice} matters`,
    acceptance: ['It is done'],
    priority: 'P2',
    score: 3,
    effort: 'M',
    dependsOn: [],
    mappings: { dsomm: [], samm: [], iso27001: [], ssdf: [] },
    source: 'gap',
    reason: 'missing',
    status: 'open',
    statusVersion: 0,
    ...changes,
  };
}

const ITEMS: readonly BacklogEntry[] = [
  item('alpha', 'secrets.vault', { priority: 'P1', status: 'in-progress' }),
  item('beta', 'secrets.scan', { priority: 'P1' }),
  item('alpha', 'iac.scan', { priority: 'P3', status: 'done', statusVersion: 2 }),
  item('gamma', 'iac.review', { priority: 'P4' }),
  item('beta', 'supply-chain.pin', { priority: 'P2', status: 'in-progress' }),
];

const TEAMS: ReadonlyMap<string, TeamInfo> = new Map([
  ['alpha', { id: 'alpha', name: 'Alpha', group: 'Retail' }],
  ['beta', { id: 'beta', name: 'Beta', group: 'Retail' }],
  ['gamma', { id: 'gamma', name: 'Gamma', group: null }],
]);

const keys = (items: readonly BacklogEntry[]): string[] => items.map((entry) => entry.key);

describe('the view in the address', () => {
  it('defaults to balanced, board, no filter, and ignores values it does not know', () => {
    expect(data.viewFromQuery(new URLSearchParams())).toEqual({ strategy: 'balanced', layout: 'board', filter: data.NO_FILTER });
    expect(data.viewFromQuery(new URLSearchParams('strategy=cheap&view=grid&status=lost&priority=P9'))).toEqual({ strategy: 'balanced', layout: 'board', filter: data.NO_FILTER });
  });

  it('reads back what it writes, leaving the defaults out', () => {
    const view = { strategy: 'roi' as const, layout: 'list' as const, filter: { team: 'alpha', group: 'Retail', status: 'done' as const, domain: 'iac', priority: 'P3', text: 'scan' } };
    const href = data.hrefOfView('/backlog', view);
    expect(href).toBe('/backlog?strategy=roi&view=list&team=alpha&group=Retail&status=done&domain=iac&priority=P3&q=scan');
    expect(data.viewFromQuery(new URL(href, 'http://localhost').searchParams)).toEqual(view);
    expect(data.hrefOfView('/backlog', data.viewFromQuery(new URLSearchParams()))).toBe('/backlog');
  });
});

describe('filtering and columns', () => {
  it('keeps the API order and narrows by team, group, status, domain, priority and words', () => {
    const only = (filter: Partial<typeof data.NO_FILTER>): string[] => keys(data.filterItems(ITEMS, { ...data.NO_FILTER, ...filter }, TEAMS));
    expect(only({})).toEqual(keys(ITEMS));
    expect(only({ team: 'alpha' })).toEqual(['alpha:secrets.vault', 'alpha:iac.scan']);
    expect(only({ group: 'Retail' })).toEqual(['alpha:secrets.vault', 'beta:secrets.scan', 'alpha:iac.scan', 'beta:supply-chain.pin']);
    expect(only({ status: 'in-progress' })).toEqual(['alpha:secrets.vault', 'beta:supply-chain.pin']);
    expect(only({ domain: 'iac', priority: 'P4' })).toEqual(['gamma:iac.review']);
    expect(only({ text: 'SCAN do' })).toEqual(['beta:secrets.scan', 'alpha:iac.scan']);
    expect(only({ text: 'matters pin' })).toEqual(['beta:supply-chain.pin']);
  });

  it('splits into open / in progress / done, each in the API order', () => {
    const columns = data.columnsOf(ITEMS);
    expect(keys(columns.open)).toEqual(['beta:secrets.scan', 'gamma:iac.review']);
    expect(keys(columns['in-progress'])).toEqual(['alpha:secrets.vault', 'beta:supply-chain.pin']);
    expect(keys(columns.done)).toEqual(['alpha:iac.scan']);
  });

  it('steps between neighbouring columns, and not past either end', () => {
    expect(data.neighbourStatus('open', 1)).toBe('in-progress');
    expect(data.neighbourStatus('done', -1)).toBe('in-progress');
    expect(data.neighbourStatus('open', -1)).toBeUndefined();
    expect(data.neighbourStatus('done', 1)).toBeUndefined();
  });
});

describe('exports and changes', () => {
  it('download addresses carry the strategy and the filters the server applies', () => {
    const view = { strategy: 'risk' as const, layout: 'board' as const, filter: { ...data.NO_FILTER, team: 'alpha', status: 'open' as const, domain: 'iac' } };
    expect(data.exportHref('csv', view, undefined)).toBe('/api/v1/backlog?format=csv&strategy=risk&team=alpha&status=open');
    expect(data.exportHref('xlsx', view, 'a b')).toBe('/api/v1/teams/a%20b/backlog?format=xlsx&strategy=risk&status=open');
    expect(data.EXPORTS.map(([format]) => format)).toEqual(['csv', 'jira', 'github', 'md', 'json', 'xlsx']);
  });

  it('replaces one item status and version', () => {
    const moved = data.withStatus(ITEMS, 'beta:secrets.scan', 'beta', 'done', 1);
    expect(moved.map((entry) => [entry.key, entry.status, entry.statusVersion])[1]).toEqual(['beta:secrets.scan', 'done', 1]);
    expect(moved.filter((entry, index) => entry !== ITEMS[index]).length).toBe(1);
  });

  it('lists what changed between two listings: a status, a new item, an item gone', () => {
    const after = [...data.withStatus(ITEMS, 'gamma:iac.review', 'gamma', 'done', 1).filter((entry) => entry.key !== 'alpha:iac.scan'), item('gamma', 'iac.new')];
    const changes = data.statusChanges(ITEMS, after).map((change) => [change.item.key, change.from, change.to]);
    expect(changes).toEqual([
      ['gamma:iac.review', 'open', 'done'],
      ['gamma:iac.new', undefined, 'open'],
      ['alpha:iac.scan', 'done', undefined],
    ]);
    expect(data.statusChanges(ITEMS, ITEMS)).toEqual([]);
    expect(data.practiceOfKey('alpha:secrets.vault')).toBe('secrets.vault');
  });
});
