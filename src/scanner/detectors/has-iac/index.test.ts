import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-iac', () => {
  it.each([
    ['Terraform', ['infra/main.tf', 'infra/variables.tf'], 'infra/main.tf', 'Terraform infrastructure code: infra/main.tf and 1 more'],
    ['Bicep', ['deploy/main.bicep'], 'deploy/main.bicep', 'Bicep infrastructure code: deploy/main.bicep'],
    ['Pulumi', ['Pulumi.yaml'], 'Pulumi.yaml', 'Pulumi infrastructure code: Pulumi.yaml'],
    ['Helm', ['charts/app/Chart.yaml'], 'charts/app/Chart.yaml', 'Helm infrastructure code: charts/app/Chart.yaml'],
  ])('applies with %s files (from their paths alone)', (_kind, paths, first, message) => {
    expect(runDetector(detector, { paths })).toEqual([{ outcome: 'positive', file: first, line: 1, confidence: 'high', message }]);
  });

  it('applies with a CloudFormation template and a Kubernetes manifest (from their content)', () => {
    const files = [
      file('cfn/stack.yaml', '# network', 'AWSTemplateFormatVersion: "2010-09-09"', 'Resources: {}'),
      file('cfn/stack.json', '{', '  "AWSTemplateFormatVersion": "2010-09-09"', '}'),
      file('k8s/deploy.yaml', '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web'),
    ];
    expect(runDetector(detector, { files })).toEqual([
      { outcome: 'positive', file: 'cfn/stack.json', line: 2, confidence: 'high', message: 'CloudFormation infrastructure code: cfn/stack.json and 1 more' },
      { outcome: 'positive', file: 'k8s/deploy.yaml', line: 3, confidence: 'medium', message: 'Kubernetes infrastructure code: k8s/deploy.yaml' },
    ]);
  });

  it.each([
    ['only Terraform under fixture paths', { paths: ['test/fixtures/main.tf', 'examples/basic/main.tf'] }],
    ['a Backstage catalog file shaped like a manifest', { files: [file('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1', 'kind: Component')] }],
    ['a YAML with an indented apiVersion and kind', { files: [file('docs/sample.yaml', 'example:', '  apiVersion: v1', '  kind: Pod')] }],
    ['a GitHub workflow', { files: [file('.github/workflows/ci.yml', 'on: push', 'jobs: {}')] }],
    ['a tfvars-like name that is not Terraform', { paths: ['docs/terraform.md', 'src/tf.ts'] }],
  ])('does not apply with %s: one not-applicable finding', (_name, input) => {
    expect(runDetector(detector, input)).toEqual([{ outcome: 'not-applicable', confidence: 'medium', message: 'no infrastructure as code found' }]);
  });

  it('reads only YAML, JSON and template files, never lockfiles', () => {
    expect(['k8s/a.yaml', 'cfn/b.json', 'cfn/c.template', 'package-lock.json', 'pnpm-lock.yaml', 'main.tf'].map((path) => detector.matches(path))).toEqual([true, true, true, false, false, false]);
  });

  it.each([
    ['spaces after apiVersion', `apiVersion:${' '.repeat(100_000)}x`],
    ['a padded CloudFormation key', `  "AWSTemplateFormatVersion"${' '.repeat(100_000)}`],
    ['many apiVersion lines', 'apiVersion: v1\n'.repeat(7_000)],
  ])('S10 reads 100 KB of %s in < 100 ms', (_name, text) => {
    const files = [file('k8s/x.yaml', text)];
    runDetector(detector, { files });
    const started = performance.now();
    runDetector(detector, { files });
    expect(performance.now() - started).toBeLessThan(100);
  });
});
