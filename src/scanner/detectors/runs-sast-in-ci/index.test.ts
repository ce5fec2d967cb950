import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('runs-sast-in-ci', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['CodeQL', { uses: 'github/codeql-action/analyze@v3', line: 31 }, 'CodeQL'],
    ['the Azure CodeQL task', { uses: 'AdvancedSecurity-Codeql-Analyze@1', line: 31 }, 'CodeQL'],
    ['Qodana', { uses: 'JetBrains/qodana-action@v2024.1', line: 31 }, 'Qodana'],
    ['Pysa', { uses: 'facebook/pysa-action@f46a63777e59268613bd6e2ff4e29f144ca9e88b', line: 31 }, 'Pysa'],
    ['Snyk Code (action)', { uses: 'snyk/actions/node@master', with: { command: 'code test' }, line: 31 }, 'Snyk'],
    ['Snyk Code (CLI)', { run: 'npm i -g snyk\nsnyk code test --sarif-file-output=snyk.sarif', line: 31 }, 'Snyk Code'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step(fields)]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 31, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:31 runs static analysis with ${tool}` }]);
  });

  it.each<[string, Partial<CiStep>, string]>([
    ['a Snyk action that runs Snyk Open Source', { uses: 'snyk/actions/python@master', line: 7 }, 'does not run Snyk Code'],
    ['hadolint', { uses: 'hadolint/hadolint-action@v3.1.0', line: 7 }, 'Dockerfiles only'],
    ['the CodeQL init task without analysis', { uses: 'AdvancedSecurity-Codeql-Init@1', line: 7 }, 'no analysis task'],
  ])('counts %s as partial evidence (Scorecard lists it)', (_name, fields, why) => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step(fields)]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 7, level: 2, status: 'partial' });
    expect(finding?.message).toContain(why);
  });

  it('finds nothing for tool names in a script, CodeQL init alone or the Snyk setup action (negative)', () => {
    const ci = ciWithSteps([
      step({ uses: 'actions/github-script@v7', with: { script: 'if (/codeql|semgrep|snyk code test/.test(title)) core.info("x")' } }),
      step({ uses: 'github/codeql-action/init@v3', with: { languages: 'javascript' } }),
      step({ uses: 'snyk/actions/setup@master' }),
      step({ run: 'echo "snyk code test is run nightly"' }),
    ]);
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('keeps a neutralised analysis at level 2 and says it cannot block', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ uses: 'github/codeql-action/analyze@v3', neutralised: true, line: 12 })]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 12, level: 2 });
    expect(finding?.status).toBeUndefined();
    expect(finding?.message).toContain('may fail without failing the pipeline (continue-on-error');
  });

  it('ignores pipelines under fixture paths', () => {
    const ci = { workflows: [workflow({ file: 'test/fixtures/repo/.github/workflows/codeql.yml', jobs: [job({ steps: [step({ uses: 'github/codeql-action/analyze@v3' })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([]);
  });

  it('is inconclusive when nothing was found and a pipeline could not be read', () => {
    const ci = { workflows: [], unreadable: [{ file: '.github/workflows/broken.yml', reason: 'YAML error at line 3' }] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'not-applicable', file: '.github/workflows/broken.yml', confidence: 'low', message: '.github/workflows/broken.yml could not be read (YAML error at line 3), so whether the pipeline runs static analysis is unknown' },
    ]);
  });
});
