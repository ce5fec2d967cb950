import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeModel } from '../../../test/support/models.js';
import type { AnswerStatus } from '../workspace/schema.js';
import { medianRating, ratingSpread, ratingsDisagree, resolveAnswerStatus } from './consensus.js';
import { scoreCheckpoint } from './score-checkpoint.js';

const I = 'implemented';
const P = 'partial';
const N = 'not-implemented';

describe('median rating', () => {
  it.each([
    [[I], I],
    [[I, P], P],
    [[I, N], N],
    [[P, I, I], I],
    [[N, P, I], P],
    [[N, I, I, I], I],
    [[N, N, I, I], N],
    [[N, P, P, I], P],
    [[I, 'unknown'], I],
    [['not-applicable', I, P], P],
    [['not-applicable', 'not-applicable'], 'not-applicable'],
    [[], 'unknown'],
  ] as [AnswerStatus[], AnswerStatus][])('%j → %s', (ratings, expected) => {
    expect(medianRating(ratings)).toBe(expected);
  });
});

describe('spread and disagreement', () => {
  it.each([
    [[I, I], 0, false],
    [[I, P], 1, true],
    [[I, N], 2, true],
    [[I], null, false],
    [['not-applicable', I], null, true],
    [['unknown', I], null, false],
  ] as [AnswerStatus[], number | null, boolean][])('%j → spread %s, disagree %s', (ratings, spread, disagree) => {
    expect(ratingSpread(ratings)).toBe(spread);
    expect(ratingsDisagree(ratings)).toBe(disagree);
  });
});

describe('resolving the answer that counts', () => {
  it('takes the facilitator status over the ratings', () => {
    expect(resolveAnswerStatus({ status: N, ratings: { a: I, b: I } })).toEqual({ status: N, source: 'facilitator' });
  });
  it('defaults to the median of the ratings', () => {
    expect(resolveAnswerStatus({ ratings: { a: I, b: P, c: N } })).toEqual({ status: P, source: 'median' });
  });
  it('is unknown without an answer', () => {
    expect(resolveAnswerStatus(undefined)).toEqual({ status: 'unknown', source: 'none' });
  });
});

describe('per-domain disagreement figures', () => {
  const model = makeModel([
    { id: 'd.a1', level: 1 },
    { id: 'd.b1', level: 1 },
    { id: 'd.a2', level: 2 },
    { id: 'e.a1', level: 1 },
  ]);
  const score = (answers: Parameters<typeof makeCheckpoint>[0], raters: string[] = ['alice', 'bob']) =>
    scoreCheckpoint({ model, checkpoint: makeCheckpoint(answers, { raters }), targets: new Map(), staleCounts: false, asOf: '2026-06-01' }).domains;

  it('counts disagreeing practices and the spread of rater levels', () => {
    const [d] = score({ 'd.a1': { ratings: { alice: I, bob: I } }, 'd.b1': { ratings: { alice: I, bob: N } }, 'd.a2': { ratings: { alice: I, bob: P } } });
    expect(d).toMatchObject({ disagreements: 2, levelSpread: 2, level: 0 });
  });

  it('counts an unrated practice with its status for every rater', () => {
    const [d] = score({ 'd.a1': I, 'd.b1': { ratings: { alice: I, bob: N } }, 'd.a2': I });
    expect(d).toMatchObject({ disagreements: 1, levelSpread: 2, level: 0 });
  });

  it('uses the facilitator decision for the level and still reports the disagreement', () => {
    const [d] = score({ 'd.a1': I, 'd.b1': { status: I, ratings: { alice: I, bob: N } } });
    expect(d).toMatchObject({ level: 1, disagreements: 1, levelSpread: 1 });
  });

  it('has no spread with a single rater', () => {
    const [d] = score({ 'd.a1': { ratings: { alice: I } } }, ['alice']);
    expect(d).toMatchObject({ disagreements: 0, levelSpread: 0 });
  });
});
