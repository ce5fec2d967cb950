import { describe, expect, it } from 'vitest';
import { afterSave, answerBody, answerHold, rebased, shownAnswer, shownRating, withAnswerFields, withEntry, withoutEdit, withRating, withStoredAnswer, withStoredRating } from './edits.js';
import type { Edits } from './edits.js';
import type { AnswerView, CheckpointView } from './types.js';

const stored: AnswerView = {
  status: 'implemented',
  justification: null,
  evidence: [{ type: 'note', text: 'seen' }],
  proposed: null,
  version: 4,
  updatedBy: 'alice',
  updatedAt: '2026-11-01T10:00:00.000Z',
  ratings: { alice: { status: 'partial', version: 2, updatedAt: '2026-11-01T09:00:00.000Z' } },
  consensus: 'implemented',
  consensusSource: 'facilitator',
  median: 'partial',
  spread: null,
  disagreement: false,
};

const view = { id: 'c', teamId: 't', date: '2026-11-01', state: 'draft', model: 'm@1', domainScores: {}, createdBy: 'a', createdAt: '', updatedAt: '', version: 1, raters: ['alice'], answers: { p: stored }, domains: [] } as CheckpointView;

describe('pending edits', () => {
  it('remembers the version the first edit was made on, and keeps it for later edits', () => {
    const first = withAnswerFields({}, 'p', { status: 'partial' }, 4);
    const second = withAnswerFields(first, 'p', { justification: 'why' }, 9);
    expect(second['p']?.answer).toMatchObject({ base: 4, status: 'partial', justification: 'why' });
    expect(second['p']?.answer?.seq).toBeGreaterThan(first['p']?.answer?.seq ?? Infinity);
  });

  it('sends only the changed fields; an empty justification clears it', () => {
    expect(answerBody({ base: 1, seq: 1, status: 'not-applicable', justification: '  ' })).toEqual({ status: 'not-applicable', justification: null });
    expect(answerBody({ base: 1, seq: 1, evidence: [] })).toEqual({ evidence: [] });
  });

  it('a saved edit disappears; one typed meanwhile stays, rebased on the stored version', () => {
    const edits = withAnswerFields({}, 'p', { status: 'partial' }, 4);
    const seq = edits['p']?.answer?.seq ?? 0;
    expect(afterSave(edits, 'p', 'answer', seq, 5)).toEqual({});
    const newer = withAnswerFields(edits, 'p', { justification: 'more' }, 4);
    expect(afterSave(newer, 'p', 'answer', seq, 5)['p']?.answer).toMatchObject({ base: 5, status: 'partial', justification: 'more' });
  });

  it('keeps the rating and the answer of a practice apart', () => {
    const both = withRating(withAnswerFields({}, 'p', { status: 'partial' }, 4), 'p', 'implemented', 2);
    expect(withoutEdit(both, 'p', 'answer')).toEqual({ p: { rating: both['p']?.rating } });
    expect(withoutEdit(withoutEdit(both, 'p', 'answer'), 'p', 'rating')).toEqual({});
    expect(rebased(both, 'p', 'rating', 7)['p']?.rating?.base).toBe(7);
    expect(rebased({}, 'p', 'rating', 7)).toEqual({});
  });

  it('shows the stored answer with the edit on top', () => {
    const edits: Edits = withAnswerFields({}, 'p', { justification: 'later' }, 4);
    expect(shownAnswer(stored, edits['p']?.answer)).toEqual({ status: 'implemented', justification: 'later', evidence: [{ type: 'note', text: 'seen' }] });
    expect(shownAnswer(undefined, undefined)).toEqual({ status: null, justification: '', evidence: [] });
    expect(shownAnswer(stored, { base: 4, seq: 1, status: null }).status).toBeNull();
    expect(shownRating(stored, undefined, 'alice')).toBe('partial');
    expect(shownRating(stored, undefined, 'bob')).toBeNull();
    expect(shownRating(stored, { base: 2, seq: 1, status: null }, 'alice')).toBeNull();
  });

  it('holds "not applicable" until it has a justification', () => {
    expect(answerHold(stored, { base: 4, seq: 1, status: 'not-applicable' })).toMatch(/^Not saved yet: say why/);
    expect(answerHold(stored, { base: 4, seq: 1, status: 'not-applicable', justification: 'No containers' })).toBeUndefined();
    expect(answerHold({ ...stored, status: 'not-applicable', justification: 'x' }, { base: 4, seq: 1, justification: '' })).toMatch(/^Not saved yet/);
  });

  it('puts a stored answer or rating into the view without touching the others', () => {
    const answered = withStoredAnswer(view, 'q', { status: 'partial', justification: null, evidence: [], proposed: null, version: 1, updatedBy: 'bob', updatedAt: 'now' });
    expect(answered.answers['q']).toMatchObject({ status: 'partial', version: 1, ratings: {}, consensus: 'unknown' });
    expect(answered.answers['p']).toBe(stored);
    const rated = withStoredRating(view, 'p', 'bob', { rater: 'bob', status: 'implemented', version: 1, updatedAt: 'now' });
    expect(Object.keys(rated.answers['p']?.ratings ?? {})).toEqual(['alice', 'bob']);
    expect(withStoredRating(view, 'p', 'alice', undefined).answers['p']?.ratings).toEqual({});
  });

  it('withEntry sets or leaves out a key without mutating', () => {
    const record = { a: 1, b: 2 };
    expect(withEntry(record, 'a', undefined)).toEqual({ b: 2 });
    expect(withEntry(record, 'c', 3)).toEqual({ a: 1, b: 2, c: 3 });
    expect(record).toEqual({ a: 1, b: 2 });
  });
});
