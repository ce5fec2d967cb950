import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const PRE_COMMIT = [
  'repos:',
  '  - repo: https://github.com/pre-commit/pre-commit-hooks',
  '    rev: v4.6.0',
  '    hooks:',
  '      - id: trailing-whitespace',
  '  - repo: https://github.com/gitleaks/gitleaks',
  '    rev: v8.21.2',
  '    hooks:',
  '      - id: gitleaks',
];

const gateMessage = (path: string, what: string) => `${path} runs a secret scan before changes are shared (${what}); a local hook can be skipped, so also fail the CI scan`;

describe('scans-secrets-pre-commit', () => {
  it('finds a gitleaks hook in .pre-commit-config.yaml at level 3, partial', () => {
    expect(runDetector(detector, { files: [file('.pre-commit-config.yaml', ...PRE_COMMIT)] })).toEqual([
      { outcome: 'positive', level: 3, status: 'partial', file: '.pre-commit-config.yaml', line: 9, confidence: 'high', message: gateMessage('.pre-commit-config.yaml', 'pre-commit hook gitleaks') },
    ]);
  });

  it.each([
    ['a Yelp detect-secrets hook', ['repos:', '- repo: https://github.com/Yelp/detect-secrets', '  rev: v1.5.0', '  hooks:', '  - id: detect-secrets', "    args: ['--baseline', '.secrets.baseline']"], 'pre-commit hook detect-secrets'],
    ['a local hook whose entry runs trufflehog', ['repos:', '- repo: local', '  hooks:', '  - id: no-leaks', '    name: trufflehog', '    entry: trufflehog git file://. --since-commit HEAD --fail', '    language: system'], 'pre-commit hook trufflehog git'],
  ])('finds %s', (_name, lines, what) => {
    expect(runDetector(detector, { files: [file('.pre-commit-config.yaml', ...lines)] })).toEqual([expect.objectContaining({ outcome: 'positive', level: 3, status: 'partial', message: gateMessage('.pre-commit-config.yaml', what) })]);
  });

  it('finds a husky hook at the scanner line', () => {
    const hook = file('.husky/pre-commit', '#!/usr/bin/env sh', 'npx lint-staged', 'gitleaks protect --staged --redact');
    expect(runDetector(detector, { files: [hook] })).toEqual([expect.objectContaining({ outcome: 'positive', level: 3, status: 'partial', file: '.husky/pre-commit', line: 3, message: gateMessage('.husky/pre-commit', 'husky hook running gitleaks protect') })]);
  });

  it.each([
    ['commands', ['pre-commit:', '  commands:', '    lint:', '      run: npm run lint', '    secrets:', '      run: secretlint {staged_files}'], 6],
    ['jobs', ['pre-push:', '  jobs:', '    - name: leaks', '      run: gitleaks git --log-opts="origin/main..HEAD"'], 3],
  ])('finds a lefthook %s entry', (_name, lines, line) => {
    expect(runDetector(detector, { files: [file('lefthook.yml', ...lines)] })).toEqual([expect.objectContaining({ outcome: 'positive', level: 3, status: 'partial', file: 'lefthook.yml', line })]);
  });

  it.each([
    ['a husky hook that only mentions the scanner', file('.husky/pre-commit', '# TODO: gitleaks protect --staged', 'echo "run gitleaks before pushing"')],
    ['pre-commit hooks without a secret scanner', file('.pre-commit-config.yaml', 'repos:', '- repo: https://github.com/psf/black', '  rev: 24.4.2', '  hooks:', '  - id: black')],
    ['husky internals', file('.husky/_/husky.sh', 'gitleaks protect')],
    ['a lefthook post-checkout command', file('lefthook.yml', 'post-checkout:', '  commands:', '    scan:', '      run: gitleaks git')],
  ])('finds nothing with %s (negative)', (_name, found) => {
    expect(runDetector(detector, { files: [found] })).toEqual([]);
  });

  it('is inconclusive for a hook whose scanner does not fail on a finding', () => {
    const hook = file('.husky/pre-push', 'trufflehog git file://. --since-commit origin/main');
    expect(runDetector(detector, { files: [hook] })).toEqual([
      { outcome: 'not-applicable', file: '.husky/pre-push', line: 1, confidence: 'high', message: '.husky/pre-push runs a secret scan (husky hook running trufflehog git) that does not fail on a finding, so it blocks nothing' },
    ]);
  });

  it.each([
    ['the hook', [...PRE_COMMIT, '        stages: [manual]'], 9],
    ['the default stages', ['default_stages: [manual]', ...PRE_COMMIT], 10],
  ])('is inconclusive when %s limit the scanner to manual runs', (_name, lines, line) => {
    expect(runDetector(detector, { files: [file('.pre-commit-config.yaml', ...lines)] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.pre-commit-config.yaml', line })]);
  });
});
