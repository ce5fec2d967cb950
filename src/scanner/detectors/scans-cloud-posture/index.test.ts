import { describe, expect, it } from 'vitest';
import { ciWithSteps, job, runDetector, step, workflow } from '../testing.js';
import { detector, postureTool } from './index.js';

describe('scans-cloud-posture', () => {
  it.each([
    ['prowler aws --compliance cis_2.0_aws -M json-ocsf', 'Prowler'],
    ['docker run --rm -v $HOME/.aws:/home/prowler/.aws prowlercloud/prowler:4 aws', 'Prowler'],
    ['scout aws --no-browser --report-dir out', 'ScoutSuite'],
    ['python scout.py azure --cli', 'ScoutSuite'],
    ['kubectl apply -f job.yaml && kube-bench run --targets node', 'kube-bench'],
    ['docker run --pid=host aquasec/kube-bench:latest run', 'kube-bench'],
    ['steampipe check benchmark.cis_v150', 'Steampipe compliance'],
    ['powerpipe benchmark run aws_compliance.benchmark.cis_v300', 'Steampipe compliance'],
  ])('recognises %j', (run, tool) => {
    expect(postureTool(step({ run }), undefined)).toBe(tool);
  });

  it.each([
    ['docker scout cves app:1'],
    ['checkov -d terraform/'],
    ['kube-hunter --remote 10.0.0.1'],
    ['echo "run prowler later"'],
  ])('ignores %j', (run) => {
    expect(postureTool(step({ run }), undefined)).toBeUndefined();
  });

  it('reports level 3, and level 2 for a step that may fail', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run: 'prowler aws', line: 8 }), step({ run: 'kube-bench || true', neutralised: true, line: 12 })]) });
    expect(findings).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 8, level: 3, confidence: 'high', message: 'Prowler checks cloud or cluster posture in the pipeline' },
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 12, level: 2, status: 'partial', confidence: 'high', message: 'kube-bench checks cloud or cluster posture in the pipeline, but the step may fail without anyone noticing' },
    ]);
  });

  it('counts a job running in a posture-scanner image once', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', jobs: [job({ image: 'prowlercloud/prowler:stable', steps: [step({ run: 'aws sts get-caller-identity', line: 5 }), step({ run: 'run-checks', line: 6 })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ line: 5, level: 3 })]);
  });

  it('finds nothing without a pipeline (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector)).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    postureTool(step({ run: `${'scout '.repeat(16_000)}\n${'$('.repeat(30_000)}` }), 'x'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
