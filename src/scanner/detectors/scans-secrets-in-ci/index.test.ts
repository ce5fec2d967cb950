import { describe, expect, it } from 'vitest';
import type { CiModel, CiStep, CiWorkflow } from '../../ci/model.js';
import { ciWithSteps, file, job, NO_CI, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const CI_SCAN = 'secrets.ci-scan';
const GATE = 'secrets.leak-prevention-gate';
const ON_PR: Partial<CiWorkflow> = { triggers: ['push', 'pull_request'] };
const scan = (fields: Partial<CiStep>, workflowFields: Partial<CiWorkflow> = ON_PR) => runDetector(detector, { ci: ciWithSteps([step({ line: 15, ...fields })], workflowFields) });

describe('scans-secrets-in-ci', () => {
  it.each([
    [{ uses: 'gitleaks/gitleaks-action@v2' }, 'Gitleaks'],
    [{ uses: 'trufflesecurity/trufflehog@v3.82.0', with: { extra_args: '--results=verified' } }, 'TruffleHog'],
    [{ uses: 'microsoft/security-devops-action@v1', with: { categories: 'secrets,IaC', break: 'true' } }, 'Microsoft Security DevOps'],
    [{ run: 'gitleaks git --redact -v' }, 'Gitleaks'],
    [{ run: 'trufflehog git file://. --since-commit main --fail' }, 'TruffleHog'],
    [{ run: 'docker run --rm -v "$PWD:/repo" ghcr.io/gitleaks/gitleaks:v8.21.2 detect --source /repo' }, 'Gitleaks'],
  ])('is level 3 with the gate for %j on pull requests', (fields, tool) => {
    expect(scan(fields)).toEqual([
      { outcome: 'positive', level: 3, practices: [CI_SCAN, GATE], file: '.github/workflows/ci.yml', line: 15, confidence: 'high', message: `.github/workflows/ci.yml:15 scans for secrets with ${tool} on pull requests and fails on a finding` },
    ]);
  });

  it.each([
    ['a neutralised step', { uses: 'gitleaks/gitleaks-action@v2', neutralised: true }, ON_PR, 'Gitleaks', 'the step may fail without failing the pipeline (continue-on-error, `|| true` or similar)'],
    ['a command swallowed by || true', { run: 'gitleaks git || true' }, ON_PR, 'Gitleaks', 'the command is followed by "|| true"'],
    ['trufflehog without --fail', { run: 'trufflehog filesystem .' }, ON_PR, 'TruffleHog', 'trufflehog exits 0 on findings without --fail'],
    ['gitleaks told to exit 0', { run: 'gitleaks detect --exit-code 0' }, ON_PR, 'Gitleaks', 'gitleaks is told to exit 0 (--exit-code 0)'],
    ['MSDO without break', { uses: 'MicrosoftSecurityDevOps@1', with: { categories: 'secrets' } }, { system: 'azure-pipelines', triggers: ['pr'] }, 'Microsoft Security DevOps', 'it is not set to fail on a finding'],
    ['a scheduled workflow', { uses: 'gitleaks/gitleaks-action@v2' }, { triggers: ['schedule'] }, 'Gitleaks', 'the pipeline does not run on pull or merge requests'],
  ] as const)('is level 2 without the gate for %s', (_name, fields, workflowFields, tool, why) => {
    expect(scan(fields, workflowFields)).toEqual([
      { outcome: 'positive', level: 2, practices: [CI_SCAN], file: '.github/workflows/ci.yml', line: 15, confidence: 'high', message: `.github/workflows/ci.yml:15 scans for secrets with ${tool}, but ${why}` },
    ]);
  });

  it('is level 3 for a GitLab job: GitLab pipelines run on every push, merge request branches included', () => {
    expect(scan({ run: 'gitleaks git --verbose' }, { system: 'gitlab-ci', file: '.gitlab-ci.yml', triggers: [] })).toEqual([expect.objectContaining({ level: 3, practices: [CI_SCAN, GATE], file: '.gitlab-ci.yml' })]);
  });

  it('is level 2 when the whole job may fail', () => {
    const ci: CiModel = { workflows: [workflow({ ...ON_PR, jobs: [job({ neutralised: true, steps: [step({ run: 'gitleaks git' })] })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ level: 2, practices: [CI_SCAN] })]);
  });

  it('counts the GitLab Secret-Detection template at level 2: it reports without failing', () => {
    const ci: CiModel = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', triggers: [], includes: [{ ref: 'Jobs/Secret-Detection.gitlab-ci.yml', line: 3 }] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', level: 2, practices: [CI_SCAN], file: '.gitlab-ci.yml', line: 3, confidence: 'high', message: '.gitlab-ci.yml:3 scans for secrets with GitLab secret detection, but the GitLab template reports secrets in merge requests without failing the pipeline' },
    ]);
  });

  it.each([
    [{ run: 'echo "remember to run gitleaks detect"' }],
    [{ run: '# gitleaks git .' }],
    [{ run: 'gitleaks version' }],
    [{ uses: 'actions/github-script@v7', with: { script: 'const tools = /gitleaks|trufflehog/;' } }],
    [{ uses: 'microsoft/security-devops-action@v1', with: { categories: 'IaC' } }],
  ])('finds nothing for %j (negative)', (fields) => {
    expect(scan(fields)).toEqual([]);
  });

  it('ignores pipelines under fixture paths, and says nothing without a pipeline', () => {
    expect(scan({ run: 'gitleaks git' }, { file: 'testdata/.github/workflows/ci.yml', triggers: ['pull_request'] })).toEqual([]);
    expect(runDetector(detector, { ci: NO_CI })).toEqual([]);
  });

  it('is inconclusive when gitleaks reads a .gitleaks.toml that leaves it without rules', () => {
    const config = file('.gitleaks.toml', '[allowlist]', "paths = ['''^docs/''']");
    const ci = ciWithSteps([step({ uses: 'gitleaks/gitleaks-action@v2', line: 15 }), step({ run: 'gitleaks git --config ci/gitleaks.toml', line: 20 })], ON_PR);
    expect(runDetector(detector, { ci, files: [config] })).toEqual([
      { outcome: 'not-applicable', file: '.github/workflows/ci.yml', line: 15, confidence: 'high', message: '.github/workflows/ci.yml:15 runs Gitleaks, but .gitleaks.toml neither defines rules nor extends the default ones, so the scan checks nothing' },
      expect.objectContaining({ outcome: 'positive', level: 3, line: 20 }),
    ]);
  });

  it('is inconclusive when nothing was found but a pipeline could not be read', () => {
    const ci: CiModel = { workflows: [], unreadable: [{ file: '.gitlab-ci.yml', reason: 'more than 100 aliases' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.gitlab-ci.yml' })]);
  });
});
