import { describe, expect, it } from 'vitest';
import { withAnswerFields, withRating } from './edits.js';
import { domainProgress, editorOrder, finaliseCheck, isOpen, levelGroups, needsDecision, nextOpen } from './progress.js';
import { capacityOf, controlFor, seesAllRatings } from './roles.js';
import type { AnswerView, CheckpointView, ModelBody } from './types.js';

const practice = (id: string, domain: string, level: number): ModelBody['practices'][number] => ({ id, domain, level, title: id, description: '', guidance: '', risk: 3, effort: 2 });

const model: ModelBody = {
  id: 'm',
  version: 1,
  name: 'M',
  levels: [
    { level: 0, name: 'None' },
    { level: 1, name: 'Basic' },
    { level: 2, name: 'Defined' },
  ],
  domains: [
    { id: 'b', name: 'B', description: '' },
    { id: 'a', name: 'A', description: '' },
  ],
  practices: [practice('a.two', 'a', 2), practice('a.one', 'a', 1), practice('b.z', 'b', 1), practice('b.y', 'b', 2), practice('b.x', 'b', 1)],
};

function answer(fields: Partial<AnswerView>): AnswerView {
  return { status: null, justification: null, evidence: [], proposed: null, version: 1, updatedBy: 'lena', updatedAt: '2026-11-02T00:00:00Z', ratings: {}, consensus: 'unknown', consensusSource: 'none', median: null, spread: null, disagreement: false, ...fields };
}

function viewWith(state: CheckpointView['state'], answers: Record<string, AnswerView>): CheckpointView {
  return { id: 'c', teamId: 't', date: '2026-11-01', state, model: 'm@1', domainScores: {}, createdBy: 'a', createdAt: '', updatedAt: '', version: 1, raters: [], answers, domains: [] };
}

const rating = (status: AnswerView['consensus'], updatedAt = '2026-11-01T00:00:00Z'): AnswerView['ratings'][string] => ({ status, version: 1, updatedAt });

describe('editor order and progress', () => {
  it('follows the model domains, then level, then id; levels without practices are left out', () => {
    expect(editorOrder(model).map((entry) => entry.id)).toEqual(['b.x', 'b.z', 'b.y', 'a.one', 'a.two']);
    expect(levelGroups(model, 'b').map((group) => [group.level, group.practices.map((entry) => entry.id)])).toEqual([
      [1, ['b.x', 'b.z']],
      [2, ['b.y']],
    ]);
  });

  it('counts answered practices the way the person works: own ratings in a round, the answer in a draft', () => {
    const view = viewWith('rating', { 'b.x': answer({ status: 'implemented', consensus: 'implemented', ratings: { alice: rating('partial') } }), 'b.z': answer({ status: 'unknown', consensus: 'unknown' }) });
    expect(domainProgress(model, view, {}, 'b', 'rating', 'alice')).toEqual({ answered: 1, total: 3 });
    expect(domainProgress(model, view, {}, 'b', 'rating', 'bob')).toEqual({ answered: 0, total: 3 });
    expect(domainProgress(model, { ...view, state: 'draft' }, {}, 'b', 'answer', 'alice')).toEqual({ answered: 1, total: 3 });
    expect(domainProgress(model, view, withRating({}, 'b.y', 'partial', 0), 'b', 'rating', 'bob')).toEqual({ answered: 1, total: 3 });
    expect(domainProgress(model, view, {}, 'b', 'none', 'viewer')).toEqual({ answered: 1, total: 3 });
  });

  it('finds the next open practice after the current one, wrapping around, and none when all are answered', () => {
    const view = viewWith('draft', { 'b.z': answer({ status: 'implemented' }) });
    expect(nextOpen(model, view, {}, 'answer', 'alice', undefined)?.id).toBe('b.x');
    expect(nextOpen(model, view, {}, 'answer', 'alice', 'b.x')?.id).toBe('b.y');
    expect(nextOpen(model, view, {}, 'answer', 'alice', 'a.two')?.id).toBe('b.x');
    let edits = {};
    for (const id of ['b.x', 'b.y', 'a.one', 'a.two']) edits = withAnswerFields(edits, id, { status: 'partial' }, 0);
    expect(nextOpen(model, view, edits, 'answer', 'alice', 'b.x')).toBeUndefined();
  });
});

describe('the facilitator decides', () => {
  const disagreeing = { ratings: { alice: rating('partial'), bob: rating('not-implemented') }, median: 'not-implemented' as const, disagreement: true, spread: 1 };

  it.each([
    ['no answer at all', undefined, true],
    ['no ratings, nothing counts', answer({}), true],
    ['no ratings, a status counts', answer({ status: 'partial', consensus: 'partial' }), false],
    ['disagreement, no decision', answer({ ...disagreeing, consensus: 'not-implemented' }), true],
    ['agreement, no decision: the median counts', answer({ ratings: { alice: rating('partial'), bob: rating('partial') }, median: 'partial', consensus: 'partial' }), false],
    ['a status copied before the ratings', answer({ ...disagreeing, status: 'implemented', updatedAt: '2026-10-01T00:00:00Z' }), true],
    ['decided by the facilitator after the ratings', answer({ ...disagreeing, status: 'partial' }), false],
    ['evidence added by a rater after the ratings', answer({ ...disagreeing, status: 'implemented', updatedBy: 'alice' }), true],
    ['written after the ratings by someone who did not rate', answer({ ...disagreeing, status: 'implemented', updatedBy: 'admin' }), false],
    ['one rating that differs from a status copied earlier', answer({ ratings: { alice: rating('partial') }, median: 'partial', status: 'implemented', updatedAt: '2026-10-01T00:00:00Z' }), true],
    ['one rating that matches the status', answer({ ratings: { alice: rating('partial') }, median: 'partial', status: 'partial', updatedAt: '2026-10-01T00:00:00Z' }), false],
  ] as const)('%s → needs a decision: %s', (_name, stored, expected) => {
    expect(needsDecision(stored, 'lena')).toBe(expected);
  });

  it('a pending decision closes the practice for the facilitator', () => {
    const view = viewWith('consensus', { 'b.x': answer({ ...disagreeing }) });
    expect(isOpen(view, {}, 'b.x', 'answer', 'lena')).toBe(true);
    expect(isOpen(view, withAnswerFields({}, 'b.x', { status: 'partial' }, 1), 'b.x', 'answer', 'lena')).toBe(false);
  });

  it('lists what blocks or weakens finalising', () => {
    const view = viewWith('consensus', {
      'b.x': answer({ ...disagreeing, consensus: 'not-implemented' }),
      'b.z': answer({ consensus: 'not-applicable', justification: ' ' }),
      'b.y': answer({ status: 'not-applicable', consensus: 'not-applicable', justification: 'No such component' }),
      'a.one': answer({ status: 'implemented', consensus: 'implemented' }),
    });
    expect(finaliseCheck(model, view, 'lena')).toEqual({ unjustified: ['b.z'], unknown: 1, undecidedDisagreements: ['b.x'] });
  });
});

describe('roles', () => {
  it.each([
    ['admin', true, undefined, 'draft', 'answer', true],
    ['lead', false, 'lead', 'rating', 'rating', true],
    ['lead', false, 'lead', 'consensus', 'answer', true],
    ['assessor', false, 'assessor', 'draft', 'answer', true],
    ['assessor', false, 'assessor', 'rating', 'rating', false],
    ['assessor', false, 'assessor', 'consensus', 'rating', true],
    ['viewer', false, 'viewer', 'rating', 'none', false],
    ['outsider', false, undefined, 'draft', 'none', true],
    ['lead', false, 'lead', 'final', 'none', true],
  ] as const)('%s (admin %s, role %s) in %s works with %s; sees all ratings: %s', (name, isAdmin, role, state, control, seesAll) => {
    const capacity = capacityOf(name, isAdmin, role);
    expect(controlFor(state, capacity)).toBe(control);
    expect(seesAllRatings(state, capacity)).toBe(seesAll);
  });
});
