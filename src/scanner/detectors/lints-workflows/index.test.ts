import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, runDetector, step } from '../testing.js';
import { detector } from './index.js';

const NOTE = 'a workflow linter covers part of pipeline posture; a posture score such as OpenSSF Scorecard covers the rest';

describe('lints-workflows', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['the zizmor action', { uses: 'zizmorcore/zizmor-action@f52a838cfabf134edcbaa7c8b3677dde20045018' }, 'zizmor'],
    ['zizmor through uvx', { run: 'uvx zizmor --format=sarif . > results.sarif' }, 'zizmor'],
    ['zizmor through pipx', { run: 'pipx run zizmor .github/workflows' }, 'zizmor'],
    ['actionlint in its container', { uses: 'docker://rhysd/actionlint:1.7.7', with: { args: '-color' } }, 'actionlint'],
    ['actionlint via reviewdog', { uses: 'reviewdog/action-actionlint@v1' }, 'actionlint'],
    ['the actionlint binary', { run: 'bash <(curl https://raw.githubusercontent.com/rhysd/actionlint/main/scripts/download-actionlint.bash)\n./actionlint -color' }, 'actionlint'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 16 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 16, confidence: 'high', level: 3, status: 'partial', message: `.github/workflows/ci.yml:16 lints the workflow files with ${tool}; ${NOTE}` }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['yamllint', { run: 'yamllint .github/workflows' }],
    ['a mention of zizmor in an echo', { run: 'echo "zizmor found 0 issues"' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('counts a neutralised linter at level 2', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ run: 'zizmor . || true', neutralised: true, line: 4 })]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 4, level: 2, status: 'partial' });
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.github/workflows/lint.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/lint.yml' })]);
  });
});
