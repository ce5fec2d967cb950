import { describe, expect, it } from 'vitest';
import { ciWithSteps, runDetector, step } from '../testing.js';
import { detector, untrustedExpression } from './index.js';

const CHECKOUT_HEAD = step({ uses: 'actions/checkout@v4', with: { ref: '${{ github.event.pull_request.head.sha }}' }, line: 15 });

describe('has-dangerous-workflow', () => {
  it.each([
    ['pull_request_target', '${{ github.event.pull_request.head.sha }}'],
    ['pull_request_target', '${{ github.head_ref }}'],
    ['pull_request_target', 'refs/pull/${{ github.event.number }}/merge'],
    ['workflow_run', '${{ github.event.workflow_run.head_sha }}'],
  ])('flags a checkout of the pull request head under %s (ref %s)', (trigger, ref) => {
    const ci = ciWithSteps([step({ uses: 'actions/checkout@v4', with: { ref }, line: 15 })], { triggers: [trigger] });
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'negative', level: 0, file: '.github/workflows/ci.yml', line: 15, confidence: 'high', snippet: `ref: ${ref}`, message: `Under ${trigger}, this step checks out the pull request's code with the base repository's secrets and token: a fork can run anything it likes` },
    ]);
  });

  it.each([
    ['an issue title in run', step({ run: 'echo "New issue: ${{ github.event.issue.title }}"', line: 22 }), '${{ github.event.issue.title }}'],
    ['a comment body in run', step({ run: 'gh issue comment 1 --body "${{github.event.comment.body}}"', line: 22 }), '${{github.event.comment.body}}'],
    ['a commit message', step({ run: 'msg="${{ github.event.commits[0].message }}"', line: 22 }), '${{ github.event.commits[0].message }}'],
    ['the head branch name', step({ run: 'git push origin ${{ github.head_ref }}', line: 22 }), '${{ github.head_ref }}'],
    ['a PR body in github-script', step({ uses: 'actions/github-script@v7', with: { script: 'const body = `${{ github.event.pull_request.body }}`' }, line: 22 }), '${{ github.event.pull_request.body }}'],
  ])('flags %s', (_name, injected, expression) => {
    expect(runDetector(detector, { ci: ciWithSteps([injected]) })).toEqual([
      { outcome: 'negative', level: 0, file: '.github/workflows/ci.yml', line: 22, confidence: 'high', snippet: expression, message: `${expression} is pasted into a script, so whoever writes that text can run commands in the workflow: pass it through an environment variable instead` },
    ]);
  });

  it.each([
    ['the PR head checked out under pull_request (no secrets)', ciWithSteps([CHECKOUT_HEAD], { triggers: ['pull_request'] })],
    ['the base checked out under pull_request_target', ciWithSteps([step({ uses: 'actions/checkout@v4' })], { triggers: ['pull_request_target'] })],
    ['untrusted text passed through env', ciWithSteps([step({ run: 'echo "$TITLE"', env: { TITLE: '${{ github.event.issue.title }}' } })])],
    ['trusted expressions in run', ciWithSteps([step({ run: 'echo ${{ github.sha }} ${{ github.event.pull_request.number }} ${{ github.event.pull_request.head.sha }}' })])],
    ['untrusted text as an input of another action', ciWithSteps([step({ uses: 'peter-evans/create-or-update-comment@v4', with: { body: '${{ github.event.comment.body }}' } })])],
  ])('does not flag %s', (_name, ci) => {
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('is inconclusive for a checkout ref computed at run time under pull_request_target', () => {
    const ci = ciWithSteps([step({ uses: 'actions/checkout@v4', with: { ref: '${{ inputs.ref }}' }, line: 9 })], { triggers: ['pull_request_target'] });
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', line: 9, snippet: 'ref: ${{ inputs.ref }}' })]);
  });

  it('stays linear on hostile text', () => {
    const started = performance.now();
    untrustedExpression('${{ '.repeat(25_000));
    untrustedExpression(`\${{ ${'github.event.'.repeat(7_000)} }}`.repeat(2));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
