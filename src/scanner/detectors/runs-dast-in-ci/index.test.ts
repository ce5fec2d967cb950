import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('runs-dast-in-ci', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['the ZAP baseline action', { uses: 'zaproxy/action-baseline@v0.12.0', with: { target: 'https://staging.example.test' } }, 'ZAP'],
    ['the ZAP API scan action', { uses: 'zaproxy/action-api-scan@v0.9.0', with: { target: 'https://staging.example.test/openapi.json' } }, 'ZAP'],
    ['ZAP in its container', { run: 'docker run -t ghcr.io/zaproxy/zaproxy:stable zap-baseline.py -t https://staging.example.test' }, 'ZAP'],
    ['a ZAP script in the ZAP image', { run: 'zap-full-scan.py -t https://staging.example.test -r report.html' }, 'ZAP'],
    ['Nuclei', { uses: 'projectdiscovery/nuclei-action@v2', with: { target: 'https://staging.example.test' } }, 'Nuclei'],
    ['the Nuclei CLI', { run: 'nuclei -u https://staging.example.test -severity high,critical' }, 'Nuclei'],
    ['StackHawk', { uses: 'stackhawk/hawkscan-action@v2.1.3', with: { apiKey: '${{ secrets.HAWK_API_KEY }}' } }, 'StackHawk'],
  ])('finds %s', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 40 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 40, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:40 runs a dynamic scan with ${tool}` }]);
  });

  it('finds a GitLab job in the ZAP image and the DAST template', () => {
    const gitlab = workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'DAST.gitlab-ci.yml', line: 3 }], jobs: [job({ id: 'zap', image: 'ghcr.io/zaproxy/zaproxy:stable', line: 30, steps: [step({ run: 'mkdir -p /zap/wrk', line: 32 })] })] });
    const findings = runDetector(detector, { ci: { workflows: [gitlab], unreadable: [] } });
    expect(findings.map((finding) => [finding.outcome, finding.file, finding.line, finding.level])).toEqual([
      ['positive', '.gitlab-ci.yml', 3, 2],
      ['positive', '.gitlab-ci.yml', 30, 2],
    ]);
  });

  it.each<[string, Partial<CiStep>]>([
    ['a ZAP report download', { run: 'curl -o zap-report.html https://example.test/zap-baseline.py.html' }],
    ['a nuclei template update', { run: 'nuclei -update-templates' }],
    ['ZAP named in text', { run: 'echo "zap-baseline.py found 0 alerts"' }],
  ])('does not count %s (near miss)', (_name, fields) => {
    expect(runDetector(detector, { ci: ciWithSteps([step(fields)]) })).toEqual([]);
  });

  it('keeps a ZAP scan with "|| true" at level 2', () => {
    const [finding] = runDetector(detector, { ci: ciWithSteps([step({ run: 'zap-baseline.py -t https://staging.example.test || true', line: 5 })]) });
    expect(finding).toMatchObject({ outcome: 'positive', line: 5, level: 2 });
    expect(finding?.message).toContain('"|| true"');
  });

  it('is inconclusive when a pipeline could not be read', () => {
    const findings = runDetector(detector, { ci: { workflows: [], unreadable: [{ file: 'azure-pipelines.yml', reason: 'not a map' }] } });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'azure-pipelines.yml', confidence: 'low' })]);
  });
});
