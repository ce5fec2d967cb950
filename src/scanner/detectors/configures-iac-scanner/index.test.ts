import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('configures-iac-scanner', () => {
  it.each([
    ['.checkov.yaml', ['# checkov', 'framework:', '  - terraform'], 2, 'Checkov'],
    ['infra/.checkov.yml', ['skip-check:', '  - CKV_AWS_20'], 1, 'Checkov'],
    ['.tfsec/config.yml', ['minimum_severity: MEDIUM'], 1, 'tfsec'],
    ['.tfsec/config.json', ['{', '  "exclude": ["aws-s3-enable-bucket-logging"]', '}'], 2, 'tfsec'],
    ['kics.config', ['exclude-paths: "./test"'], 1, 'KICS'],
    ['.tflint.hcl', ['plugin "aws" {', '  enabled = true', '}'], 1, 'TFLint'],
    ['trivy.yaml', ['scan:', '  scanners:', '    - misconfig'], 1, 'Trivy'],
  ])('finds %s', (path, lines, line, scanner) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', file: path, line, level: 1, confidence: 'high', message: `${path} configures the ${scanner} infrastructure scanner` },
    ]);
  });

  it.each([
    ['a checkov config under a fixture path', 'tests/fixtures/.checkov.yaml'],
    ['a similarly named file', 'docs/checkov.yaml.md'],
    ['a tfsec config outside .tfsec/', 'config.yml'],
  ])('finds nothing for %s (negative)', (_name, path) => {
    expect(runDetector(detector, { files: [file(path, 'framework: terraform')] })).toEqual([]);
  });

  it('is inconclusive for an empty configuration file', () => {
    expect(runDetector(detector, { files: [file('.checkov.yaml', '# settings to come', '---', '')] })).toEqual([
      { outcome: 'not-applicable', file: '.checkov.yaml', line: 1, confidence: 'high', message: '.checkov.yaml is empty, so it does not show how Checkov is set up' },
    ]);
  });
});
