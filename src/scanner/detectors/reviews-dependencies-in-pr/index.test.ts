import { describe, expect, it } from 'vitest';
import type { CiModel, CiStep } from '../../ci/model.js';
import { ciWithSteps, job, NO_CI, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const REVIEW = 'supply-chain.pr-dependency-review';
const GATE = 'supply-chain.dependency-policy-gate';
const review = (fields: Partial<CiStep> = {}) => runDetector(detector, { ci: ciWithSteps([step({ uses: 'actions/dependency-review-action@v4', line: 18, ...fields })], { triggers: ['pull_request'] }) });

describe('reviews-dependencies-in-pr', () => {
  it('is level 2 for the review alone', () => {
    expect(review()).toEqual([
      { outcome: 'positive', level: 2, practices: [REVIEW], file: '.github/workflows/ci.yml', line: 18, confidence: 'high', message: '.github/workflows/ci.yml:18 reviews dependency changes in pull requests; set fail-on-severity to make the review a gate' },
    ]);
  });

  it.each(['low', 'moderate', 'High', 'critical'])('is level 3 with the gate practice for fail-on-severity: %s', (severity) => {
    expect(review({ with: { 'fail-on-severity': severity } })).toEqual([
      { outcome: 'positive', level: 3, practices: [REVIEW, GATE], file: '.github/workflows/ci.yml', line: 18, confidence: 'high', message: `.github/workflows/ci.yml:18 reviews dependency changes in pull requests and fails them (fail-on-severity: ${severity.toLowerCase()})` },
    ]);
  });

  it.each([
    ['a neutralised step', { neutralised: true, with: { 'fail-on-severity': 'high' } }],
    ['warn-only mode', { with: { 'fail-on-severity': 'high', 'warn-only': 'true' } }],
  ])('stays at level 2 without the gate practice for %s', (_name, fields) => {
    expect(review(fields)).toEqual([expect.objectContaining({ outcome: 'positive', level: 2, practices: [REVIEW], line: 18 })]);
  });

  it('stays at level 2 when the whole job may fail', () => {
    const ci: CiModel = { workflows: [workflow({ jobs: [job({ neutralised: true, steps: [step({ uses: 'actions/dependency-review-action@v4', with: { 'fail-on-severity': 'low' } })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ level: 2, practices: [REVIEW] })]);
  });

  it.each([
    ['another action', ciWithSteps([step({ uses: 'actions/dependency-submission-action@v1' })])],
    ['the action named in a run step', ciWithSteps([step({ run: 'echo "add actions/dependency-review-action"' })])],
    ['no pipeline at all', NO_CI],
  ])('finds nothing for %s (negative)', (_name, ci) => {
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('is inconclusive when nothing was found but a pipeline could not be read', () => {
    const ci: CiModel = { workflows: [], unreadable: [{ file: '.github/workflows/deps.yml', reason: 'nesting deeper than 64 levels' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/deps.yml' })]);
  });
});
