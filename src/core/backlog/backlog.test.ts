import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeModel } from '../../../test/support/models.js';
import type { Model } from '../model/model.js';
import { evaluatePractices, scoreCheckpoint } from '../scoring/score-checkpoint.js';
import type { Checkpoint } from '../workspace/schema.js';
import { buildBacklog, findingItemKey } from './backlog.js';
import type { BacklogOptions, NegativeFinding, TeamBacklogInput } from './backlog.js';
import { effortSize, priorityLabel, strategyScore } from './priority.js';

function teamInput(model: Model, checkpoint: Checkpoint, targets: Record<string, number | null>, findings: NegativeFinding[] = []): TeamBacklogInput {
  const score = scoreCheckpoint({ model, checkpoint, targets: new Map(Object.entries(targets)), staleCounts: false, asOf: checkpoint.date });
  const evaluations = new Map(model.domains.map((domain) => [domain.id, evaluatePractices(model, checkpoint, domain.id, checkpoint.date)]));
  return { team: checkpoint.team, domains: score.domains, evaluations, findings };
}

const options = (strategy: BacklogOptions['strategy'] = 'balanced', domainWeights: Record<string, number> = {}): BacklogOptions => ({ strategy, domainWeights, staleCounts: false });

describe('strategy scores and labels', () => {
  it.each([
    ['risk', 4, 4, 1, 4],
    ['roi', 4, 4, 1, 1],
    ['balanced', 4, 4, 1, 2],
    ['balanced', 3, 1, 2, 6],
    ['roi', 5, 2, 1.5, 3.75],
  ] as const)('%s of risk %d effort %d weight %d is %d', (strategy, risk, effort, weight, expected) => {
    expect(strategyScore(strategy, risk, effort, weight)).toBeCloseTo(expected, 10);
  });

  it.each([
    [10, 'P1'],
    [4, 'P1'],
    [3.99, 'P2'],
    [2.5, 'P2'],
    [2.49, 'P3'],
    [1.5, 'P3'],
    [1.49, 'P4'],
    [0.2, 'P4'],
  ] as const)('score %d is %s', (score, label) => {
    expect(priorityLabel(score)).toBe(label);
  });

  it.each([
    [1, 'S'],
    [2, 'S'],
    [3, 'M'],
    [4, 'L'],
    [5, 'L'],
  ] as const)('effort %d is %s', (effort, size) => {
    expect(effortSize(effort)).toBe(size);
  });
});

describe('candidates', () => {
  const model = makeModel([
    { id: 'd.a1', level: 1, risk: 2, effort: 1 },
    { id: 'd.b1', level: 1, risk: 5, effort: 5 },
    { id: 'd.a2', level: 2, risk: 5, effort: 1 },
    { id: 'd.a3', level: 3, risk: 5, effort: 1 },
    { id: 'e.a1', level: 1, risk: 1, effort: 1 },
  ]);

  it('takes applicable practices not implemented at or below the target', () => {
    const checkpoint = makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'partial', 'e.a1': 'not-applicable' });
    const items = buildBacklog(model, [teamInput(model, checkpoint, { d: 2, e: 3 })], options());
    expect(items.map((item) => item.practice)).toEqual(['d.b1', 'd.a2']);
    expect(items.map((item) => item.reason)).toEqual(['partial', 'unassessed']);
    expect(items.map((item) => item.status)).toEqual(['in-progress', 'open']);
  });

  it('has no candidates in a domain without a target', () => {
    const items = buildBacklog(model, [teamInput(model, makeCheckpoint({}), { d: null, e: 1 })], options());
    expect(items.map((item) => item.practice)).toEqual(['e.a1']);
  });

  it('skips the levels a quick self-rating covers', () => {
    const checkpoint = makeCheckpoint({}, { domainScores: { d: 1 } });
    const items = buildBacklog(model, [teamInput(model, checkpoint, { d: 3, e: 0 })], options());
    expect(items.map((item) => item.practice)).toEqual(['d.a2', 'd.a3']);
  });

  it('builds items with stable keys, labels, effort and acceptance', () => {
    const [item] = buildBacklog(model, [teamInput(model, makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented' }), { d: 2, e: 0 })], options());
    expect(item).toMatchObject({
      key: 'alpha:d.a2',
      team: 'alpha',
      practice: 'd.a2',
      domain: 'd',
      level: 2,
      title: 'Do d.a2',
      acceptance: ['d.a2 is done'],
      priority: 'P1',
      score: 5,
      effort: 'S',
      source: 'gap',
      dependsOn: [],
    });
  });
});

describe('ordering', () => {
  it('climbs a ladder from the bottom even when a higher rung scores more', () => {
    const model = makeModel([
      { id: 'd.low', level: 1, risk: 1, effort: 5 },
      { id: 'd.high', level: 2, risk: 5, effort: 1 },
      { id: 'e.mid', level: 1, risk: 3, effort: 1 },
    ]);
    const items = buildBacklog(model, [teamInput(model, makeCheckpoint({}), { d: 2, e: 1 })], options());
    expect(items.map((item) => item.practice)).toEqual(['e.mid', 'd.low', 'd.high']);
  });

  it('never puts an item before one it depends on, across domains', () => {
    const model = makeModel([
      { id: 'd.base', level: 1, risk: 1, effort: 5 },
      { id: 'e.top', level: 1, risk: 5, effort: 1, dependsOn: ['d.base'] },
      { id: 'e.other', level: 1, risk: 4, effort: 1 },
    ]);
    const items = buildBacklog(model, [teamInput(model, makeCheckpoint({}), { d: 1, e: 1 })], options());
    expect(items.map((item) => item.key)).toEqual(['alpha:e.other', 'alpha:d.base', 'alpha:e.top']);
    expect(items[2]?.dependsOn).toEqual(['alpha:d.base']);
  });

  it('ranks by the chosen strategy', () => {
    const model = makeModel([
      { id: 'a.costly', level: 1, risk: 5, effort: 5 },
      { id: 'b.cheap', level: 1, risk: 3, effort: 1 },
      { id: 'c.middle', level: 1, risk: 4, effort: 2 },
    ]);
    const input = [teamInput(model, makeCheckpoint({}), { a: 1, b: 1, c: 1 })];
    expect(buildBacklog(model, input, options('risk')).map((item) => item.practice)).toEqual(['a.costly', 'c.middle', 'b.cheap']);
    expect(buildBacklog(model, input, options('roi')).map((item) => item.practice)).toEqual(['b.cheap', 'c.middle', 'a.costly']);
    expect(buildBacklog(model, input, options('balanced')).map((item) => item.practice)).toEqual(['b.cheap', 'c.middle', 'a.costly']);
  });

  it('multiplies value by the domain weight', () => {
    const model = makeModel([
      { id: 'a.one', level: 1, risk: 3, effort: 1 },
      { id: 'b.one', level: 1, risk: 2, effort: 1 },
    ]);
    const items = buildBacklog(model, [teamInput(model, makeCheckpoint({}), { a: 1, b: 1 })], options('risk', { b: 2 }));
    expect(items.map((item) => [item.practice, item.score])).toEqual([
      ['b.one', 4],
      ['a.one', 3],
    ]);
  });

  it('puts negative findings first, with stable keys and no duplicates', () => {
    const model = makeModel([{ id: 'secrets.none', level: 1, risk: 5, effort: 1 }]);
    const finding = { detector: 'has-hardcoded-secret', domain: 'secrets', file: 'src/app.ts', line: 3, message: 'AWS key' };
    const items = buildBacklog(model, [teamInput(model, makeCheckpoint({}), { secrets: 1 }, [finding, finding])], options());
    expect(items.map((item) => item.key)).toEqual([findingItemKey('alpha', finding), 'alpha:secrets.none']);
    expect(items[0]).toMatchObject({ key: 'alpha:finding:has-hardcoded-secret:src/app.ts:3', source: 'finding', priority: 'P1' });
  });

  it('orders several teams by score, then level, team and key', () => {
    const model = makeModel([{ id: 'd.a', level: 1, risk: 3, effort: 1 }]);
    const teams = ['zulu', 'alpha', 'mike'].map((team) => teamInput(model, makeCheckpoint({}, { team }), { d: 1 }));
    expect(buildBacklog(model, teams, options()).map((item) => item.key)).toEqual(['alpha:d.a', 'mike:d.a', 'zulu:d.a']);
  });

  it('terminates on dependency cycles', () => {
    const model = makeModel([
      { id: 'd.x', level: 1, dependsOn: ['d.y'] },
      { id: 'd.y', level: 1, dependsOn: ['d.x'] },
    ]);
    expect(buildBacklog(model, [teamInput(model, makeCheckpoint({}), { d: 1 })], options())).toHaveLength(2);
  });
});
