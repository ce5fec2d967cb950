import { describe, expect, it } from 'vitest';
import type { CiModel } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const uses = (...refs: string[]): CiModel => ciWithSteps(refs.map((ref, index) => step({ uses: ref, line: 10 + index })));

describe('pins-actions-by-sha', () => {
  it('is level 3 when every non-local reference is pinned, local actions aside', () => {
    const ci = uses(`actions/checkout@${SHA}`, './.github/actions/setup', `docker://alpine@${DIGEST}`, `github/codeql-action/init@${SHA}`);
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', level: 3, file: '.github/workflows/ci.yml', line: 10, confidence: 'high', message: 'All 3 action references are pinned by full commit SHA or image digest' },
    ]);
  });

  it('counts reusable workflows called by a job (a third-party one on a branch weighs more than a pinned checkout)', () => {
    const ci: CiModel = { workflows: [workflow({ jobs: [job({ uses: 'octo/shared/.github/workflows/build.yml@main', line: 7 }), job({ steps: [step({ uses: `actions/checkout@${SHA}` })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      {
        outcome: 'not-applicable',
        file: '.github/workflows/ci.yml',
        line: 7,
        confidence: 'high',
        message: 'Only 1 of 2 action references are pinned by commit SHA (20% weighted, third-party actions count more), less than half: pin them; on a movable ref: octo/shared/.github/workflows/build.yml@main (.github/workflows/ci.yml:7)',
      },
    ]);
  });

  it('says 0 of N when no reference is pinned, as an inconclusive finding that shows no practice', () => {
    const ci = uses('actions/checkout@v4', 'actions/setup-node@v4', 'docker/build-push-action@v6', 'aquasecurity/trivy-action@master');
    expect(runDetector(detector, { ci })).toEqual([
      {
        outcome: 'not-applicable',
        file: '.github/workflows/ci.yml',
        line: 10,
        confidence: 'high',
        message: 'Only 0 of 4 action references are pinned by commit SHA (0% weighted, third-party actions count more), less than half: pin them; on a movable ref: actions/checkout@v4 (.github/workflows/ci.yml:10), actions/setup-node@v4 (.github/workflows/ci.yml:11), docker/build-push-action@v6 (.github/workflows/ci.yml:12) and 1 more',
      },
    ]);
  });

  it('is level 2 and partial at 50% weighted or more, pointing at the first movable ref', () => {
    const ci = uses(`docker/login-action@${SHA}`, 'actions/checkout@v4', `aquasecurity/trivy-action@${SHA}`);
    expect(runDetector(detector, { ci })).toEqual([
      {
        outcome: 'positive',
        level: 2,
        status: 'partial',
        file: '.github/workflows/ci.yml',
        line: 11,
        confidence: 'high',
        message: '2 of 3 action references are pinned by commit SHA (89% weighted, third-party actions count more); still on a movable ref: actions/checkout@v4 (.github/workflows/ci.yml:11)',
      },
    ]);
  });

  it.each([
    ['a third-party tag outweighs a pinned GitHub action', [`actions/checkout@${SHA}`, 'some/action@v1']],
    ['short SHAs and tags are not pins', ['some/action@11bd719', 'other/action@v2.1.0', `docker://alpine:3.20`]],
    ['a digest-looking tag is not a digest', [`docker://alpine:${'a'.repeat(64)}`]],
  ])('shows no pinning below 50%% weighted: %s (near miss)', (_name, refs) => {
    const findings = runDetector(detector, { ci: uses(...refs) });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', confidence: 'high' })]);
    expect(findings[0]?.message).toMatch(/^Only \d of \d action references are pinned .*less than half/);
  });

  it.each([
    ['no GitHub workflow', { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ steps: [step({ run: 'make' })] })] })], unreadable: [] }],
    ['workflows only under fixtures', { workflows: [workflow({ file: 'test/fixtures/.github/workflows/ci.yml', jobs: [job({ steps: [step({ uses: 'a/b@v1' })] })] })], unreadable: [] }],
    ['only local actions and run steps', uses('./.github/actions/build')],
  ])('is not applicable with %s', (_name, ci) => {
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', confidence: 'high' })]);
  });
});
