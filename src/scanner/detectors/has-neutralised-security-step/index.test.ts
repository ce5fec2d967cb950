import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('has-neutralised-security-step', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['continue-on-error on a Trivy step', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs' }, neutralised: true }, 'runs Trivy, but the step may fail without failing the pipeline (continue-on-error, `|| true` or similar)'],
    ['"|| true" after the Mend agent (renovate ws_scan)', { run: 'java -jar wss-unified-agent.jar -c ./wss.config -d . || true' }, 'runs Mend Unified Agent, but the command is followed by "|| true"'],
    ['checkov soft_fail', { uses: 'bridgecrewio/checkov-action@v12', with: { soft_fail: 'true' } }, 'runs Checkov, but it is set to pass whatever it finds (soft_fail: true)'],
    ['dependency review in warn-only mode', { uses: 'actions/dependency-review-action@v4', with: { 'warn-only': 'true' } }, 'runs dependency review, but it is set to pass whatever it finds (warn-only: true)'],
    ['gitleaks with continue-on-error', { uses: 'gitleaks/gitleaks-action@v2', neutralised: true }, 'runs Gitleaks, but the step may fail'],
  ])('reports %s', (_name, fields, text) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 19 })]) });
    expect(findings).toEqual([{ outcome: 'negative', file: '.github/workflows/ci.yml', line: 19, level: 2, confidence: 'high', message: expect.stringContaining(`.github/workflows/ci.yml:19 ${text}`) as string }]);
    expect(findings[0]?.message).toContain('its findings can never stop a merge or a release');
  });

  it('reports an Azure SonarCloud task with continueOnError and a GitLab job allowed to fail', () => {
    const azure = workflow({ system: 'azure-pipelines', file: 'azure-pipelines.yml', jobs: [job({ steps: [step({ uses: 'SonarCloudAnalyze@2', neutralised: true, line: 31 })] })] });
    const gitlab = workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ id: 'semgrep', neutralised: true, steps: [step({ run: 'semgrep ci', line: 12 })] })] });
    const findings = runDetector(detector, { ci: { workflows: [azure, gitlab], unreadable: [] } });
    expect(findings.map((finding) => [finding.file, finding.line, finding.level, finding.message])).toEqual([
      ['azure-pipelines.yml', 31, 2, 'azure-pipelines.yml:31 runs SonarQube, but the step may fail without failing the pipeline (continueOnError, `|| true` or similar): its findings can never stop a merge or a release'],
      ['.gitlab-ci.yml', 12, 2, '.gitlab-ci.yml:12 runs Semgrep, but its job may fail without failing the pipeline (allow_failure, `|| true` or similar): its findings can never stop a merge or a release'],
    ]);
  });

  it('names Jenkins catchError among the reasons', () => {
    const jenkins = workflow({ system: 'jenkins', file: 'Jenkinsfile', jobs: [job({ id: 'Audit', steps: [step({ uses: 'dependencyCheck', with: { additionalArguments: '--scan ./' }, neutralised: true, line: 14 })] })] });
    const [finding] = runDetector(detector, { ci: { workflows: [jenkins], unreadable: [] } });
    expect(finding).toMatchObject({ outcome: 'negative', file: 'Jenkinsfile', line: 14, level: 2 });
    expect(finding?.message).toContain('runs OWASP Dependency-Check, but the step may fail without failing the pipeline (catchError, warnError, `|| true` or similar)');
  });

  it.each<[string, Partial<CiStep>]>([
    ['a scanner that is allowed to fail the build', { run: 'npm audit --audit-level=high' }],
    ['a neutralised step that runs no scanner', { run: 'npm run lint || true', neutralised: true }],
    ['"|| exit 1" after a scanner', { run: 'trivy fs --exit-code 1 --severity HIGH . || exit 1' }],
    ['a neutralised SARIF upload', { uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'trivy.sarif' }, neutralised: true }],
    ['a neutralised Scorecard run (posture, not a gate)', { uses: 'ossf/scorecard-action@v2.4.0', neutralised: true }],
  ])('does not report %s', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('is inconclusive without any scanner when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.gitlab-ci.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.gitlab-ci.yml' })]);
  });
});
