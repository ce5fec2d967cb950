import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const ALL = ['vulnerability-management.release-blocking', 'supply-chain.dependency-policy-gate', 'ci-security-testing.severity-gate'];
const RELEASE = ['vulnerability-management.release-blocking', 'ci-security-testing.severity-gate'];

describe('gates-on-severity', () => {
  it.each<[string, Partial<CiStep>, string, readonly string[]]>([
    ['npm audit --audit-level', { run: 'npm audit --audit-level=high' }, 'npm audit finds something at or above a threshold (--audit-level=high)', ALL],
    ['the Trivy action with exit-code and severity', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', 'exit-code': '1', severity: 'CRITICAL,HIGH' } }, 'Trivy finds something at or above a threshold (exit code 1 on critical,high findings)', ALL],
    ['trivy CLI flags', { run: 'trivy fs --exit-code 1 --severity CRITICAL .' }, 'Trivy finds something at or above a threshold (exit code 1 on critical findings)', ALL],
    ['the Anchore action (fails at medium by default)', { uses: 'anchore/scan-action@v4', with: { path: '.' } }, 'Grype finds something at or above a threshold (fails at severity medium or higher)', ALL],
    ['grype --fail-on', { run: 'grype dir:. --fail-on high' }, 'Grype finds something at or above a threshold (--fail-on high)', ALL],
    ['dependency review with fail-on-severity', { uses: 'actions/dependency-review-action@v4', with: { 'fail-on-severity': 'moderate' } }, 'dependency review finds something at or above a threshold (fail-on-severity: moderate)', ALL],
    ['snyk --severity-threshold', { run: 'snyk test --severity-threshold=high' }, 'Snyk finds something at or above a threshold (severity threshold high)', ALL],
    ['Dependency-Check --failOnCVSS', { uses: 'dependency-check/Dependency-Check_Action@main', with: { project: 'app', path: '.', format: 'HTML', args: '--failOnCVSS 7 --enableRetired' } }, 'OWASP Dependency-Check finds something at or above a threshold (fails on CVSS 7 or higher)', ALL],
    ['ZAP fail_action', { uses: 'zaproxy/action-full-scan@v0.12.0', with: { target: 'https://staging.example.test', fail_action: 'true' } }, 'ZAP finds something at or above a threshold (fail_action: true)', RELEASE],
    ['Sonar quality gate wait', { run: 'sonar-scanner -Dsonar.qualitygate.wait=true' }, 'SonarScanner finds something at or above a threshold (waits for the Sonar quality gate (sonar.qualitygate.wait=true))', RELEASE],
    ['Jenkins waitForQualityGate abortPipeline', { uses: 'waitForQualityGate', with: { abortPipeline: 'true' } }, 'Sonar quality gate finds something at or above a threshold (waitForQualityGate abortPipeline: true)', RELEASE],
    ['MSDO break', { uses: 'MicrosoftSecurityDevOps@1', with: { break: 'true', categories: 'code' } }, 'Microsoft Security DevOps finds something at or above a threshold (break: true)', RELEASE],
    ['checkov without soft_fail', { uses: 'bridgecrewio/checkov-action@v12', with: { hard_fail_on: 'HIGH' } }, 'Checkov finds something at or above a threshold (fails on HIGH)', ['ci-security-testing.severity-gate']],
  ])('finds %s', (_name, fields, text, practices) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 44 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 44, confidence: 'high', level: 3, practices, message: `.github/workflows/ci.yml:44 fails the pipeline when ${text}` }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['npm audit without a level', { run: 'npm audit' }],
    ['an audit level in another command of the step', { run: 'npm audit\necho --audit-level=high' }],
    ['the Trivy action with exit-code but no severity', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', 'exit-code': '1' } }],
    ['the Trivy action with exit-code 0', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', 'exit-code': '0', severity: 'HIGH' } }],
    ['the Anchore action with fail-build false', { uses: 'anchore/scan-action@v4', with: { path: '.', 'fail-build': 'false' } }],
    ['Dependency-Check with its never-fail default of 11', { run: 'dependency-check.sh --scan . --failOnCVSS 11' }],
    ['ZAP without fail_action', { uses: 'zaproxy/action-baseline@v0.12.0', with: { target: 'https://staging.example.test' } }],
    ['a severity threshold on a step that runs no scanner', { run: 'echo --severity-threshold=high', with: { 'fail-on-severity': 'high' } }],
    ['a tool list in a github-script regex', { uses: 'actions/github-script@v7', with: { script: '/npm audit --audit-level=high/' } }],
  ])('finds no gate for %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('is never a gate on a neutralised step: inconclusive with the reason', () => {
    const ci = ciWithSteps([step({ uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', 'exit-code': '1', severity: 'CRITICAL' }, neutralised: true, line: 12 })]);
    expect(runDetector(detector, { ci })).toEqual([
      {
        outcome: 'not-applicable',
        file: '.github/workflows/ci.yml',
        line: 12,
        confidence: 'high',
        message: '.github/workflows/ci.yml:12 gives Trivy a threshold (exit code 1 on critical findings), but the step may fail without failing the pipeline (continue-on-error, `|| true` or similar), so it is not a gate',
      },
    ]);
  });

  it('is never a gate in a GitLab job allowed to fail, nor with a command-level "|| true"', () => {
    const gitlab = workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ neutralised: true, steps: [step({ run: 'npm audit --audit-level=critical', line: 7 })] })] });
    const github = workflow({ jobs: [job({ steps: [step({ run: 'npm audit --audit-level=critical || echo "audit failed"', line: 3 })] })] });
    const findings = runDetector(detector, { ci: { workflows: [gitlab, github], unreadable: [] } });
    expect(findings.map((finding) => [finding.outcome, finding.file, finding.line])).toEqual([
      ['not-applicable', '.gitlab-ci.yml', 7],
      ['not-applicable', '.github/workflows/ci.yml', 3],
    ]);
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.github/workflows/audit.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/audit.yml' })]);
  });
});
