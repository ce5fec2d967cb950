import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, runDetector, step } from '../testing.js';
import { detector } from './index.js';

describe('runs-scorecard', () => {
  it.each<[string, Partial<CiStep>]>([
    ['the Scorecard action', { uses: 'ossf/scorecard-action@62b2cac7ed8198b15735ed49ab1e5cf35480ba46', with: { results_file: 'results.sarif', results_format: 'sarif', publish_results: 'true' } }],
    ['the Scorecard CLI on the repository', { run: 'scorecard --repo=github.com/acme/app --format json > scorecard.json' }],
    ['the Scorecard container', { uses: 'docker://gcr.io/openssf/scorecard:stable', with: { args: '--repo=github.com/acme/app' } }],
  ])('finds %s', (_name, fields) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 25 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 25, confidence: 'high', level: 3, message: '.github/workflows/ci.yml:25 scores the repository security posture with OpenSSF Scorecard' }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['a Scorecard badge in text', { run: 'echo "[![OpenSSF Scorecard](https://api.scorecard.dev/projects/github.com/acme/app/badge)]"' }],
    ['the Scorecard CLI printing its version', { run: 'scorecard version' }],
    ['another ossf action', { uses: 'ossf/allstar-action@v1' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('counts a Scorecard step that may fail as level-2, partial evidence', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ uses: 'ossf/scorecard-action@v2.4.0', neutralised: true, line: 9 })]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 9, level: 2, status: 'partial' });
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.github/workflows/scorecard.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/scorecard.yml', confidence: 'low' })]);
  });
});
