import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('gates-iac-scan', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['the Checkov action (fails by default)', { uses: 'bridgecrewio/checkov-action@v12', with: { directory: 'infra' } }, 'Checkov findings (fails on any failed check)'],
    ['the Checkov action with hard_fail_on', { uses: 'bridgecrewio/checkov-action@v12', with: { hard_fail_on: 'HIGH,CRITICAL', soft_fail: 'false' } }, 'Checkov findings (fails on HIGH,CRITICAL)'],
    ['checkov -d', { run: 'checkov -d infra --compact' }, 'Checkov findings (fails on any failed check)'],
    ['the tfsec action', { uses: 'aquasecurity/tfsec-action@v1.0.3' }, 'tfsec findings (fails on any finding)'],
    ['KICS fail_on', { uses: 'Checkmarx/kics-github-action@v2.1.3', with: { path: 'infra', fail_on: 'high' } }, 'KICS findings (fails on high findings)'],
    ['trivy config with an exit code', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'config', 'exit-code': '1' } }, 'Trivy findings (exit code 1 on any misconfiguration)'],
  ])('finds %s', (_name, fields, text) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 52 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 52, confidence: 'high', level: 3, message: `.github/workflows/ci.yml:52 fails the pipeline on ${text}` }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['trivy config without an exit code', { run: 'trivy config infra' }],
    ['KICS without fail_on', { uses: 'Checkmarx/kics-github-action@v2.1.3', with: { path: 'infra' } }],
    ['the tfsec SARIF action (reports only)', { uses: 'aquasecurity/tfsec-sarif-action@v0.1.4', with: { sarif_file: 'tfsec.sarif' } }],
    ['Terrascan (no gate input in the catalogue)', { run: 'terrascan scan -d infra' }],
  ])('finds no gate for %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it.each<[string, Partial<CiStep>, string]>([
    ['checkov soft_fail', { uses: 'bridgecrewio/checkov-action@v12', with: { soft_fail: 'true' } }, 'it is set to pass whatever it finds (soft_fail: true)'],
    ['checkov --soft-fail', { run: 'checkov -d infra --soft-fail' }, 'it is set to pass whatever it finds (--soft-fail)'],
    ['tfsec with continue-on-error', { uses: 'aquasecurity/tfsec-action@v1.0.3', neutralised: true }, 'the step may fail without failing the pipeline'],
    ['KICS ignoring results on exit', { uses: 'Checkmarx/kics-github-action@v2.1.3', with: { fail_on: 'high', ignore_on_exit: 'results' } }, 'it is set to pass whatever it finds (ignore_on_exit: results)'],
  ])('is never a gate with %s (inconclusive, with the reason)', (_name, fields, reason) => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 6 })]) });
    expect(finding).toMatchObject({ outcome: 'not-applicable', file: '.github/workflows/ci.yml', line: 6 });
    expect(finding?.message).toContain(reason);
  });

  it('is never a gate in a GitLab job allowed to fail', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ neutralised: true, steps: [step({ run: 'checkov -d .', line: 8 })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci }).map((finding) => finding.outcome)).toEqual(['not-applicable']);
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: '.github/workflows/iac.yml', reason: 'YAML error' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/iac.yml' })]);
  });
});
