import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeModel } from '../../../test/support/models.js';
import { addMonths } from '../dates.js';
import { dueEntry, nextDueDate, sortByUrgency } from './cadence.js';
import { compareCheckpoints } from './compare.js';

describe('cadence', () => {
  it.each([
    ['2026-01-15', 'monthly', '2026-02-15'],
    ['2026-01-31', 'monthly', '2026-02-28'],
    ['2024-01-31', 'monthly', '2024-02-29'],
    ['2026-11-20', 'quarterly', '2027-02-20'],
    ['2026-08-31', 'quarterly', '2026-11-30'],
    ['2026-03-31', 'biannual', '2026-09-30'],
    ['2024-02-29', 'yearly', '2025-02-28'],
  ] as const)('%s + %s = %s', (last, cadence, next) => {
    expect(nextDueDate(last, cadence)).toBe(next);
  });

  it('adds months across year ends', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it.each([
    ['2026-11-19', 'overdue', -1],
    ['2026-11-20', 'due-soon', 0],
    ['2026-12-20', 'due-soon', 30],
    ['2026-12-21', 'on-track', 31],
  ] as const)('a team due on %s is %s', (nextDue, status, daysLeft) => {
    const last = addMonths(nextDue, -3);
    const entry = dueEntry('alpha', 'quarterly', last, '2026-11-20', 30);
    expect(entry).toMatchObject({ nextDue, status, daysLeft });
  });

  it('treats a team never assessed as most urgent', () => {
    const entries = [
      dueEntry('b', 'quarterly', '2026-10-01', '2026-11-20', 30),
      dueEntry('a', 'quarterly', '2026-05-01', '2026-11-20', 30),
      dueEntry('c', 'monthly', null, '2026-11-20', 30),
      dueEntry('d', 'quarterly', '2026-06-01', '2026-11-20', 30),
    ];
    expect(sortByUrgency(entries).map((entry) => [entry.team, entry.status])).toEqual([
      ['c', 'never-assessed'],
      ['a', 'overdue'],
      ['d', 'overdue'],
      ['b', 'on-track'],
    ]);
  });
});

describe('checkpoint comparison', () => {
  const model = makeModel([
    { id: 'd.a1', level: 1 },
    { id: 'd.a2', level: 2, freshnessDays: 30 },
    { id: 'e.a1', level: 1 },
    { id: 'f.a1', level: 1 },
  ]);
  const before = makeCheckpoint({ 'd.a1': 'implemented', 'e.a1': 'implemented', 'f.a1': 'not-applicable' }, { date: '2026-03-01' });
  const after = makeCheckpoint({ 'd.a1': 'implemented', 'd.a2': 'implemented', 'e.a1': 'partial', 'f.a1': 'implemented' }, { date: '2026-06-01' });
  const targets = new Map([
    ['d', 2],
    ['e', 1],
    ['f', 1],
  ]);

  it('reports level deltas, practices gained and lost, and targets reached', () => {
    const comparison = compareCheckpoints({ model, before, after, targets, staleCounts: false });
    expect(comparison.domains).toEqual([
      { domain: 'd', before: 1, after: 2, delta: 1, target: 2, targetReached: true },
      { domain: 'e', before: 1, after: 0, delta: -1, target: 1, targetReached: false },
      { domain: 'f', before: null, after: 1, delta: null, target: 1, targetReached: true },
    ]);
    expect(comparison.gained.map((change) => change.practice)).toEqual(['d.a2', 'f.a1']);
    expect(comparison.lost).toEqual([{ practice: 'e.a1', domain: 'e', before: 'implemented', after: 'partial' }]);
    expect(comparison.targetsReached).toEqual(['d', 'f']);
  });

  it('judges each checkpoint as of its own date', () => {
    const stale = makeCheckpoint({ 'd.a1': 'implemented', 'd.a2': { status: 'implemented', evidence: [{ type: 'note', text: 'old', date: '2026-01-01' }] } }, { date: '2026-06-01' });
    const comparison = compareCheckpoints({ model, before, after: stale, targets, staleCounts: false });
    expect(comparison.domains[0]).toMatchObject({ before: 1, after: 1, delta: 0 });
    expect(comparison.gained).toEqual([]);
  });
});
