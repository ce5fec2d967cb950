import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('runs-language-sast-in-ci', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['semgrep ci', { run: 'semgrep ci --sarif > semgrep.sarif' }, 'Semgrep'],
    ['semgrep scan in its container', { run: 'docker run --rm -v "${PWD}:/src" semgrep/semgrep semgrep scan --config auto' }, 'Semgrep'],
    ['the Semgrep action', { uses: 'semgrep/semgrep-action@v1' }, 'Semgrep'],
    ['bandit -r', { run: 'pip install bandit\npython -m bandit -c pyproject.toml -r src' }, 'Bandit'],
    ['gosec via go run', { run: 'go run github.com/securego/gosec/v2/cmd/gosec@v2.21.4 ./...' }, 'gosec'],
    ['the gosec action', { uses: 'securego/gosec@v2.21.4', with: { args: './...' } }, 'gosec'],
    ['brakeman', { run: 'bundle exec brakeman --no-pager' }, 'Brakeman'],
    ['Microsoft Security DevOps with code tools', { uses: 'MicrosoftSecurityDevOps@1', with: { categories: 'code,secrets' } }, 'Microsoft Security DevOps'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 18 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 18, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:18 runs static analysis with ${tool}` }]);
  });

  it('finds the GitLab SAST template include at the line of its entry', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'Security/SAST.gitlab-ci.yml', line: 3 }] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([{ outcome: 'positive', file: '.gitlab-ci.yml', line: 3, confidence: 'high', level: 2, message: '.gitlab-ci.yml:3 runs static analysis with GitLab SAST' }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['semgrep login only', { run: 'semgrep login' }],
    ['bandit on one file without -r', { run: 'bandit app.py' }],
    ['an echo that names gosec', { run: 'echo "gosec ./... runs nightly"' }],
    ['MSDO limited to IaC', { uses: 'MicrosoftSecurityDevOps@1', with: { categories: 'IaC' } }],
    ['a golangci-lint run (gosec inside a linter is another detector)', { run: 'golangci-lint run --enable gosec' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('keeps a semgrep step that may fail at level 2 and says so', () => {
    const [finding] = runDetector(detector, { ci: { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ neutralised: true, steps: [step({ run: 'semgrep ci', line: 9 })] })] })], unreadable: [] } });
    expect(finding).toMatchObject({ outcome: 'positive', file: '.gitlab-ci.yml', line: 9, level: 2 });
    expect(finding?.message).toContain('its job may fail without failing the pipeline (allow_failure');
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: 'Jenkinsfile', reason: 'file is too large' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'Jenkinsfile' })]);
  });
});
