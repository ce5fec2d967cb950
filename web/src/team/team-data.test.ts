import { describe, expect, it } from 'vitest';
import type { DomainScore } from '../../../src/core/scoring/score-checkpoint.js';
import type { DueRow, HeatmapBody } from '../api-types.js';
import { dashboardData } from '../dashboard/heatmap-data.js';
import {
  changedFirst,
  defaultPair,
  deltaText,
  domainFlags,
  dueText,
  gapText,
  levelText,
  maxLevelOf,
  openCheckpoint,
  progressText,
  radarSeries,
  ratingsText,
  trendCheckpoints,
} from './team-data.js';
import { dueStatusOf, filterTeamRows, groupsOf, levelSummary, NO_GROUP, teamListRows } from './teams-data.js';
import type { CheckpointListEntry, CompareBody, TeamSummary } from './types.js';

function score(domain: string, fields: Partial<DomainScore> = {}): DomainScore {
  return {
    domain,
    level: 1,
    progress: 1.5,
    target: 2,
    gap: 1,
    applicable: true,
    unknown: 0,
    incomplete: 0,
    stale: 0,
    disagreements: 0,
    levelSpread: 0,
    selfRated: null,
    basis: 'derived',
    mismatch: false,
    ...fields,
  };
}

const unassessed = score('iac', { level: 0, progress: 0, gap: 2, basis: 'unassessed', unknown: 9 });
const notApplicable = score('container-cloud', { level: null, progress: null, gap: null, applicable: false });

function summary(): TeamSummary {
  return {
    team: { id: 'payments', name: 'Payments', group: 'Retail', cadence: 'quarterly', version: 1 },
    asOf: '2026-11-27',
    date: '2026-10-18',
    previousDate: '2026-07-18',
    domains: [
      { id: 'secrets', name: 'Secrets management' },
      { id: 'iac', name: 'Infrastructure as code security' },
      { id: 'container-cloud', name: 'Container and cloud security' },
    ],
    scores: [score('secrets', { level: 0, progress: 0.75, gap: 3, target: 3 }), unassessed, notApplicable],
    radar: [
      { domain: 'secrets', current: 0, target: 3, previous: 2 },
      { domain: 'iac', current: null, target: 2, previous: null },
      { domain: 'container-cloud', current: null, target: 2, previous: null },
    ],
    trend: [
      { date: '2026-07-18', levels: [2, null, null] },
      { date: '2026-10-18', levels: [0, 1, null] },
    ],
    gaps: [],
    stale: [],
    disagreements: [],
    nextSteps: [],
    due: { team: 'payments', cadence: 'quarterly', lastCheckpoint: '2026-10-18', nextDue: '2027-01-18', status: 'on-track', daysLeft: 52 },
  };
}

function checkpoint(id: string, date: string, state: CheckpointListEntry['state']): CheckpointListEntry {
  return { id, date, state, model: 'stepwise@1', createdBy: 'a', updatedAt: date, version: 1, counts: { answered: 1, ratedPractices: 0, raters: 0 } };
}

describe('team page data', () => {
  it('radar: a level 0 stays 0, a never-assessed domain is left out, a not-applicable one is null', () => {
    expect(radarSeries(summary())).toEqual({
      current: { secrets: 0, 'container-cloud': null },
      target: { secrets: 3, iac: 2, 'container-cloud': 2 },
      previous: { secrets: 2 },
    });
  });

  it('trend: levels keyed by domain id in the order of the domains', () => {
    expect(trendCheckpoints(summary())).toEqual([
      { date: '2026-07-18', levels: { secrets: 2, iac: null, 'container-cloud': null } },
      { date: '2026-10-18', levels: { secrets: 0, iac: 1, 'container-cloud': null } },
    ]);
  });

  it.each([
    [score('a'), '1', '1.5', '1'],
    [score('a', { level: 0, progress: 0.75, gap: 2 }), '0', '0.75', '2'],
    [score('a', { level: 2, progress: 2, gap: 0 }), '2', '2', 'met'],
    [score('a', { level: 1, incomplete: 3 }), '1 (incomplete)', '1.5', '1'],
    [unassessed, 'not assessed', '—', '—'],
    [notApplicable, 'n/a', '—', '—'],
  ])('level, progress and gap texts never show "not assessed" as 0 (%#)', (domain, level, progress, gap) => {
    expect([levelText(domain), progressText(domain), gapText(domain)]).toEqual([level, progress, gap]);
  });

  it('flags say in words what a domain carries', () => {
    expect(domainFlags(score('a', { incomplete: 2, stale: 1, disagreements: 3, mismatch: true, selfRated: 2 })).map((flag) => flag.text)).toEqual([
      'incomplete: 2 answers missing',
      '1 stale answer',
      'raters disagree on 3 practices',
      'self-rated 2 differs',
    ]);
    expect(domainFlags(unassessed)).toEqual([]);
  });

  it('due text: next date with days left, overdue, never assessed', () => {
    const due = summary().due;
    expect(dueText(due)).toBe('2027-01-18 (in 52 days)');
    expect(dueText({ ...due, status: 'overdue', nextDue: '2026-07-01', daysLeft: -1 })).toBe('2026-07-01 (1 day overdue)');
    expect(dueText({ ...due, status: 'never-assessed', nextDue: null, daysLeft: null, lastCheckpoint: null })).toBe('not assessed yet');
  });

  it('the open checkpoint and the default comparison pair', () => {
    const list = [checkpoint('a', '2026-01-01', 'final'), checkpoint('b', '2026-04-01', 'final'), checkpoint('c', '2026-07-01', 'final'), checkpoint('d', '2026-10-01', 'rating')];
    expect(openCheckpoint(list)?.id).toBe('d');
    expect(defaultPair(list)).toEqual({ from: 'b', to: 'c' });
    expect(defaultPair([checkpoint('a', '2026-01-01', 'final'), checkpoint('d', '2026-10-01', 'draft')])).toEqual({ from: 'a', to: 'd' });
    expect(defaultPair([checkpoint('a', '2026-01-01', 'final')])).toBeUndefined();
    expect(openCheckpoint([checkpoint('a', '2026-01-01', 'final')])).toBeUndefined();
  });

  it('compare: deltas signed, changed domains first, n/a kept', () => {
    expect([deltaText(1), deltaText(-2), deltaText(0), deltaText(null)]).toEqual(['+1', '−2', '0', '—']);
    const domains: CompareBody['domains'] = [
      { domain: 'a', before: 1, after: 1, delta: 0, target: 2, targetReached: false },
      { domain: 'b', before: 1, after: 2, delta: 1, target: 2, targetReached: true },
      { domain: 'c', before: null, after: 1, delta: null, target: 2, targetReached: false },
    ];
    expect(changedFirst(domains).map((domain) => domain.domain)).toEqual(['b', 'c', 'a']);
  });

  it('the level scale comes from the model, else from what the summary shows (at least 3)', () => {
    expect(maxLevelOf(undefined, summary())).toBe(3);
    expect(maxLevelOf({ id: 'dsomm', version: 1, levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: `L${level}` })), domains: [], practices: [] }, summary())).toBe(5);
  });

  it('ratings text sorts raters', () => {
    expect(ratingsText({ dev: 'partial', amira: 'implemented' })).toBe('amira: implemented, dev: partial');
  });
});

describe('teams list data', () => {
  const heatmap: HeatmapBody = {
    date: '2026-11-27',
    domains: [
      { id: 'secrets', name: 'Secrets management' },
      { id: 'iac', name: 'IaC' },
    ],
    levels: [0, 1, 2, 3].map((level) => ({ level, name: `L${level}` })),
    cellFields: ['level', 'state', 'incomplete'],
    teams: [
      { id: 'zeta', name: 'Zeta', group: 'Retail', date: '2026-10-01', cells: [[2, 'derived', 0], [null, 'n/a', 0]] },
      { id: 'alpha', name: 'Alpha', group: null, date: null, cells: [] },
      { id: 'beta', name: 'Beta', group: 'Data', date: '2026-09-01', cells: [[0, 'derived', 0], [1, 'derived', 2]] },
    ],
  };
  const data = dashboardData(heatmap);
  const due = (team: string, status: DueRow['status'], daysLeft: number | null): DueRow => ({ team, name: team, group: null, cadence: 'quarterly', lastCheckpoint: null, nextDue: null, status, daysLeft });

  it('rows by name with a due status: overdue and never as the server says, due soon within 30 days', () => {
    const rows = teamListRows(data, [due('zeta', 'due-soon', 30), due('beta', 'due-soon', 31), due('alpha', 'never-assessed', null)]);
    expect(rows.map((row) => [row.row.id, row.status])).toEqual([
      ['alpha', 'never-assessed'],
      ['beta', 'on-track'],
      ['zeta', 'due-soon'],
    ]);
    expect(dueStatusOf(due('x', 'overdue', -3))).toBe('overdue');
    expect(teamListRows(data, undefined).map((row) => row.status)).toEqual([undefined, undefined, undefined]);
  });

  it('groups and filters by search words and group', () => {
    const rows = teamListRows(data, undefined);
    expect(groupsOf(data)).toEqual(['Data', 'Retail', NO_GROUP]);
    expect(filterTeamRows(rows, 'ret', '').map((row) => row.row.id)).toEqual(['zeta']);
    expect(filterTeamRows(rows, '', 'Data').map((row) => row.row.id)).toEqual(['beta']);
    expect(filterTeamRows(rows, '', NO_GROUP).map((row) => row.row.id)).toEqual(['alpha']);
    expect(filterTeamRows(rows, 'zeta', 'Data')).toEqual([]);
  });

  it('the mini level summary reads the levels in words (0 stays 0, n/a and incomplete said)', () => {
    const [alpha, beta, zeta] = teamListRows(data, undefined).map((row) => row.row);
    expect(levelSummary(data, zeta!)).toBe('Secrets management 2, IaC n/a');
    expect(levelSummary(data, beta!)).toBe('Secrets management 0, IaC 1 (incomplete)');
    expect(levelSummary(data, alpha!)).toBe('Secrets management not assessed, IaC not assessed');
  });
});
