import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeModel } from '../../../test/support/models.js';
import { scoreCheckpoint } from './score-checkpoint.js';
import type { DomainScore } from './score-checkpoint.js';
import type { Checkpoint } from '../workspace/schema.js';

const model = makeModel([
  { id: 'd.a1', level: 1 },
  { id: 'd.b1', level: 1 },
  { id: 'd.a2', level: 2 },
  { id: 'd.b2', level: 2 },
  { id: 'd.a3', level: 3, freshnessDays: 90 },
  { id: 'd.b3', level: 3 },
]);

function scoreOf(checkpoint: Checkpoint, options: { staleCounts?: boolean; asOf?: string; target?: number | null } = {}): DomainScore {
  const score = scoreCheckpoint({
    model,
    checkpoint,
    targets: new Map([['d', options.target === undefined ? 2 : options.target]]),
    staleCounts: options.staleCounts ?? false,
    asOf: options.asOf ?? checkpoint.date,
  });
  const domain = score.domains[0];
  if (domain === undefined) throw new Error('no domain scored');
  return domain;
}

describe('domain level and progress', () => {
  it.each([
    ['nothing answered', {}, 0, 0],
    ['level 1 half done', { 'd.a1': 'implemented', 'd.b1': 'not-implemented' }, 0, 0.5],
    ['partial counts half', { 'd.a1': 'implemented', 'd.b1': 'partial' }, 0, 0.75],
    ['level 1 met, half-way to 2', { 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'implemented', 'd.b2': 'not-implemented' }, 1, 1.5],
    ['level 1 met, a quarter to 2', { 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'partial' }, 1, 1.25],
    ['a higher practice does not lift a lower gap', { 'd.a1': 'implemented', 'd.a2': 'implemented', 'd.b2': 'implemented', 'd.a3': 'implemented', 'd.b3': 'implemented' }, 0, 0.5],
    ['all implemented', { 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'implemented', 'd.b2': 'implemented', 'd.a3': 'implemented', 'd.b3': 'implemented' }, 3, 3],
  ] as const)('%s → level %d, progress %d', (_name, answers, level, progress) => {
    const score = scoreOf(makeCheckpoint(answers));
    expect(score.level).toBe(level);
    expect(score.progress).toBeCloseTo(progress, 10);
  });

  it('skips not-applicable practices at a level', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'not-applicable', 'd.a2': 'implemented', 'd.b2': 'implemented', 'd.a3': 'partial' }));
    expect(score.level).toBe(2);
    expect(score.progress).toBeCloseTo(2.25, 10);
  });

  it('passes a level whose practices are all not applicable', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'not-applicable', 'd.b2': 'not-applicable', 'd.a3': 'implemented' }));
    expect(score.level).toBe(2);
    expect(score.progress).toBeCloseTo(2.5, 10);
  });

  it('makes a domain n/a when every practice is not applicable, with no gap', () => {
    const all = Object.fromEntries(model.practices.map((practice) => [practice.id, 'not-applicable' as const]));
    const score = scoreOf(makeCheckpoint(all));
    expect(score).toMatchObject({ level: null, progress: null, applicable: false, gap: null });
  });

  it('counts unknown answers and marks the tested level incomplete', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'implemented' }));
    expect(score.level).toBe(1);
    expect(score.unknown).toBe(3);
    expect(score.incomplete).toBe(1);
  });

  it('does not call a level incomplete for unknowns above it', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'not-implemented' }));
    expect(score.incomplete).toBe(0);
    expect(score.unknown).toBe(4);
  });

  it('computes the gap against the target', () => {
    expect(scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented' }), { target: 3 }).gap).toBe(2);
    expect(scoreOf(makeCheckpoint({}), { target: null }).gap).toBeNull();
  });
});

describe('quick mode', () => {
  it('takes the self-rating as the level when no practice is answered', () => {
    const score = scoreOf(makeCheckpoint({}, { domainScores: { d: 2 } }));
    expect(score).toMatchObject({ level: 2, progress: 2, selfRated: 2, basis: 'self-rated', mismatch: false, gap: 0 });
  });

  it('keeps the derived level and flags a mismatch when both exist', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented' }, { domainScores: { d: 3 } }));
    expect(score).toMatchObject({ level: 1, selfRated: 3, basis: 'derived', mismatch: true });
  });

  it('flags no mismatch when the self-rating agrees', () => {
    const score = scoreOf(makeCheckpoint({ 'd.a1': 'implemented', 'd.b1': 'implemented' }, { domainScores: { d: 1 } }));
    expect(score.mismatch).toBe(false);
  });
});

describe('freshness', () => {
  const allDone = { 'd.a1': 'implemented', 'd.b1': 'implemented', 'd.a2': 'implemented', 'd.b2': 'implemented', 'd.b3': 'implemented' } as const;
  const withEvidence = (date: string) =>
    makeCheckpoint({ ...allDone, 'd.a3': { status: 'implemented', evidence: [{ type: 'note', text: 'drill', date }, { type: 'note', text: 'older', date: '2025-01-01' }] } }, { date: '2026-06-01' });

  it('is fresh within freshnessDays of the newest evidence', () => {
    const score = scoreOf(withEvidence('2026-05-01'), { asOf: '2026-07-30' });
    expect(score).toMatchObject({ level: 3, stale: 0 });
  });

  it('goes stale one day after freshnessDays and earns no credit by default', () => {
    const score = scoreOf(withEvidence('2026-05-01'), { asOf: '2026-07-31' });
    expect(score.stale).toBe(1);
    expect(score.level).toBe(2);
    expect(score.progress).toBeCloseTo(2.5, 10);
  });

  it('counts stale answers when staleCounts is true, still flagging them', () => {
    const score = scoreOf(withEvidence('2026-05-01'), { asOf: '2026-12-31', staleCounts: true });
    expect(score).toMatchObject({ level: 3, stale: 1 });
  });

  it('measures an answer without dated evidence from the checkpoint date', () => {
    const checkpoint = makeCheckpoint({ ...allDone, 'd.a3': 'implemented' }, { date: '2026-01-01' });
    expect(scoreOf(checkpoint, { asOf: '2026-04-01' }).stale).toBe(0);
    expect(scoreOf(checkpoint, { asOf: '2026-04-02' }).stale).toBe(1);
  });

  it('judges history as of the checkpoint date, so the past never changes', () => {
    const checkpoint = withEvidence('2026-05-01');
    expect(scoreOf(checkpoint).level).toBe(3);
  });
});
