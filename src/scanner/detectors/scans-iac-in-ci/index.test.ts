import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('scans-iac-in-ci', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['the Checkov action', { uses: 'bridgecrewio/checkov-action@v12', with: { directory: 'infra' } }, 'Checkov'],
    ['checkov -d', { run: 'pip install checkov && checkov -d infra --framework terraform' }, 'Checkov'],
    ['the tfsec action', { uses: 'aquasecurity/tfsec-action@v1.0.3', with: { working_directory: 'infra' } }, 'tfsec'],
    ['tfsec', { run: 'tfsec infra' }, 'tfsec'],
    ['the KICS action', { uses: 'Checkmarx/kics-github-action@v2.1.3', with: { path: 'infra' } }, 'KICS'],
    ['kics scan', { run: 'docker run -v "$PWD:/path" checkmarx/kics scan -p /path/infra' }, 'KICS'],
    ['terrascan scan', { run: 'terrascan scan -d infra -i terraform' }, 'Terrascan'],
    ['trivy config', { run: 'trivy config --severity HIGH,CRITICAL infra' }, 'Trivy'],
    ['the Trivy action in config mode', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'config', 'scan-ref': 'infra' } }, 'Trivy'],
    ['snyk iac test', { run: 'snyk iac test infra' }, 'Snyk IaC'],
    ['MSDO with IaC tools', { uses: 'microsoft/security-devops-action@v1', with: { categories: 'IaC' } }, 'Microsoft Security DevOps'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 27 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 27, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:27 scans infrastructure code with ${tool}` }]);
  });

  it('finds the GitLab SAST-IaC template', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'Security/SAST-IaC.latest.gitlab-ci.yml', line: 3 }] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([{ outcome: 'positive', file: '.gitlab-ci.yml', line: 3, confidence: 'high', level: 2, message: '.gitlab-ci.yml:3 scans infrastructure code with GitLab IaC scanning' }]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['checkov printing its version', { run: 'checkov --version' }],
    ['terraform validate', { run: 'terraform init -backend=false && terraform validate' }],
    ['trivy on the file system (that is SCA)', { run: 'trivy fs .' }],
    ['the Trivy action on an image', { uses: 'aquasecurity/trivy-action@0.28.0', with: { 'image-ref': 'app:1' } }],
    ['kics named in text', { run: 'echo "kics scan runs weekly"' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('counts a soft-failing Checkov run as a scan (level 2), noting it cannot block', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ uses: 'bridgecrewio/checkov-action@v12', with: { soft_fail: 'true' }, line: 3 })]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 3, level: 2 });
    expect(finding?.message).toContain('it is set to pass whatever it finds (soft_fail: true), so it cannot block anything');
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: 'bitbucket-pipelines.yml', reason: 'not a map' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'bitbucket-pipelines.yml' })]);
  });
});
