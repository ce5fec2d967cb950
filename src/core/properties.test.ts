import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeModel } from '../../test/support/models.js';
import type { PracticeSpec } from '../../test/support/models.js';
import { buildBacklog } from './backlog/backlog.js';
import type { TeamBacklogInput } from './backlog/backlog.js';
import { STRATEGIES } from './backlog/priority.js';
import type { Model } from './model/model.js';
import { practiceCredit } from './scoring/domain-level.js';
import { evaluatePractices, scoreCheckpoint } from './scoring/score-checkpoint.js';
import type { Checkpoint } from './workspace/schema.js';
import { ANSWER_STATUSES } from './workspace/schema.js';

/** A random acyclic model: each practice may depend only on earlier practices at its level or below. */
const modelArbitrary = fc
  .array(
    fc.record({
      domain: fc.constantFrom('a', 'b', 'c'),
      level: fc.integer({ min: 1, max: 3 }),
      risk: fc.integer({ min: 1, max: 5 }),
      effort: fc.integer({ min: 1, max: 5 }),
      dependencyPicks: fc.array(fc.nat(), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 18 },
  )
  .map((rows) => {
    const specs: PracticeSpec[] = [];
    rows.forEach((row, index) => {
      const earlier = specs.filter((spec) => spec.level <= row.level);
      const dependsOn = [...new Set(row.dependencyPicks.filter(() => earlier.length > 0).map((pick) => earlier[pick % earlier.length]?.id ?? ''))];
      specs.push({ id: `${row.domain}.p${index}`, level: row.level, risk: row.risk, effort: row.effort, dependsOn });
    });
    return makeModel(specs);
  });

const answersFor = (model: Model) =>
  fc.array(fc.constantFrom(...ANSWER_STATUSES), { minLength: model.practices.length, maxLength: model.practices.length }).map((statuses) => {
    const answers: Record<string, (typeof ANSWER_STATUSES)[number]> = {};
    model.practices.forEach((practice, index) => {
      const status = statuses[index];
      if (status !== undefined && status !== 'unknown') answers[practice.id] = status;
    });
    return makeCheckpoint(answers);
  });

const scenario = modelArbitrary.chain((model) => fc.tuple(fc.constant(model), answersFor(model)));

function levels(model: Model, checkpoint: Checkpoint): Map<string, number | null> {
  const score = scoreCheckpoint({ model, checkpoint, targets: new Map(), staleCounts: false, asOf: checkpoint.date });
  return new Map(score.domains.map((domain) => [domain.domain, domain.level]));
}

function teamInput(model: Model, checkpoint: Checkpoint, target: number): TeamBacklogInput {
  const targets = new Map(model.domains.map((domain) => [domain.id, target]));
  const score = scoreCheckpoint({ model, checkpoint, targets, staleCounts: false, asOf: checkpoint.date });
  const evaluations = new Map(model.domains.map((domain) => [domain.id, evaluatePractices(model, checkpoint, domain.id, checkpoint.date)]));
  return { team: checkpoint.team, domains: score.domains, evaluations, findings: [] };
}

describe('invariants of the rules', () => {
  it('a level never exceeds the highest level whose applicable practices are all implemented', () => {
    fc.assert(
      fc.property(scenario, ([model, checkpoint]) => {
        for (const domain of model.domains) {
          const level = levels(model, checkpoint).get(domain.id);
          if (level === null || level === undefined) continue;
          const evaluations = evaluatePractices(model, checkpoint, domain.id, checkpoint.date);
          const below = evaluations.filter((evaluation) => evaluation.practice.level <= level && evaluation.status !== 'not-applicable');
          expect(below.every((evaluation) => practiceCredit(evaluation, false) === 1)).toBe(true);
          const next = evaluations.filter((evaluation) => evaluation.practice.level === level + 1 && evaluation.status !== 'not-applicable');
          if (next.length > 0) expect(next.every((evaluation) => practiceCredit(evaluation, false) === 1)).toBe(false);
        }
      }),
    );
  });

  it('adding an implemented answer never lowers a level', () => {
    fc.assert(
      fc.property(scenario.chain(([model, checkpoint]) => fc.tuple(fc.constant(model), fc.constant(checkpoint), fc.constantFrom(...model.practices.map((practice) => practice.id)))), ([model, checkpoint, practiceId]) => {
        const before = levels(model, checkpoint);
        const improved = { ...checkpoint, answers: { ...checkpoint.answers, [practiceId]: { status: 'implemented' as const, evidence: [], ratings: {} } } };
        const after = levels(model, improved);
        for (const [domain, level] of before) {
          const now = after.get(domain);
          if (level !== null && now !== null && now !== undefined) expect(now).toBeGreaterThanOrEqual(level);
        }
      }),
    );
  });

  it('the backlog never puts an item before one it depends on, nor a higher rung before a lower one', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(...STRATEGIES), fc.integer({ min: 1, max: 3 }), ([model, checkpoint], strategy, target) => {
        const items = buildBacklog(model, [teamInput(model, checkpoint, target)], { strategy, domainWeights: { b: 2 }, staleCounts: false });
        const position = new Map(items.map((item, index) => [item.key, index]));
        items.forEach((item, index) => {
          for (const key of item.dependsOn) expect(position.get(key) ?? -1).toBeLessThan(index);
          const lowerLater = items.slice(index + 1).some((later) => later.domain === item.domain && later.level < item.level);
          expect(lowerLater).toBe(false);
        });
      }),
    );
  });

  it('the same input gives the same output, whatever the order of teams', () => {
    fc.assert(
      fc.property(modelArbitrary.chain((model) => fc.tuple(fc.constant(model), answersFor(model), answersFor(model))), fc.constantFrom(...STRATEGIES), ([model, first, second], strategy) => {
        const teams = [teamInput(model, { ...first, team: 'one' }, 3), teamInput(model, { ...second, team: 'two' }, 3)];
        const options = { strategy, domainWeights: {}, staleCounts: false };
        const forward = buildBacklog(model, teams, options);
        expect(buildBacklog(model, teams, options)).toEqual(forward);
        expect(buildBacklog(model, [...teams].reverse(), options)).toEqual(forward);
        expect(scoreCheckpoint({ model, checkpoint: first, targets: new Map(), staleCounts: false, asOf: first.date })).toEqual(
          scoreCheckpoint({ model, checkpoint: first, targets: new Map(), staleCounts: false, asOf: first.date }),
        );
      }),
    );
  });
});
