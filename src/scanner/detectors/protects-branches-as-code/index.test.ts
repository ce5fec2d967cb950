import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const ALL = ['access-control.branch-protection', 'secure-development.code-review', 'access-control.enforced-merge-rules'];
const REVIEW = ['access-control.branch-protection', 'secure-development.code-review'];

describe('protects-branches-as-code', () => {
  it('reads Probot Settings branch protection at Scorecard tier 3', () => {
    const settings = file('.github/settings.yml', 'repository:', '  name: app', 'branches:', '  - name: main', '    protection:', '      required_pull_request_reviews:', '        required_approving_review_count: 1', '        require_code_owner_reviews: true', '      required_status_checks:', '        strict: true', '        contexts: ["ci/build"]', '      enforce_admins: true');
    expect(runDetector(detector, { files: [settings] })).toEqual([
      { outcome: 'positive', file: '.github/settings.yml', line: 4, level: 3, confidence: 'high', practices: ALL, message: 'Protection of branch main requires passing status checks and code owner review before merge' },
    ]);
  });

  it.each([
    ['reviews only', ['branches:', '  - name: main', '    protection:', '      required_pull_request_reviews:', '        required_approving_review_count: 2', '      required_status_checks: null'], 'Protection of branch main requires pull request review; add required status checks to enforce merge rules'],
    ['one approval with status checks', ['branches:', '  - name: main', '    protection:', '      required_pull_request_reviews: {required_approving_review_count: 1}', '      required_status_checks: {strict: true, contexts: [test]}'], 'Protection of branch main requires pull request review; add two approvals or code owner review to enforce merge rules'],
  ])('gives level 2 for %s', (_name, lines, message) => {
    expect(runDetector(detector, { files: [file('.github/settings.yml', ...lines)] })).toEqual([{ outcome: 'positive', file: '.github/settings.yml', line: 2, level: 2, confidence: 'high', practices: REVIEW, message }]);
  });

  it('is partial branch protection without reviews', () => {
    const findings = runDetector(detector, { files: [file('.github/settings.yml', 'branches:', '  - name: main', '    protection:', '      required_status_checks: {contexts: [ci]}', '      required_pull_request_reviews: null')] });
    expect(findings).toEqual([expect.objectContaining({ level: 2, status: 'partial', practices: ['access-control.branch-protection'], message: 'Protection of branch main protects the branch but requires no pull request review' })]);
  });

  it('reads safe-settings rulesets', () => {
    const settings = file('.github/settings.yml', 'rulesets:', '  - name: default', '    target: branch', '    enforcement: active', '    rules:', '      - type: pull_request', '        parameters: {required_approving_review_count: 2}', '      - type: required_status_checks', '        parameters:', '          required_status_checks: [{context: ci}]');
    expect(runDetector(detector, { files: [settings] })).toEqual([expect.objectContaining({ line: 2, level: 3, practices: ALL, message: 'Ruleset default requires passing status checks and 2 approvals before merge' })]);
  });

  it('reads Terraform github_branch_protection, ignoring commented-out blocks', () => {
    const tf = file(
      'infra/github.tf',
      'resource "github_branch_protection" "main" {',
      '  repository_id = github_repository.app.node_id',
      '  pattern       = "main"',
      '  # required_status_checks { contexts = ["ci"] }',
      '  required_pull_request_reviews {',
      '    required_approving_review_count = 2',
      '    require_code_owner_reviews      = true',
      '  }',
      '}',
    );
    expect(runDetector(detector, { files: [tf] })).toEqual([
      { outcome: 'positive', file: 'infra/github.tf', line: 1, level: 2, confidence: 'high', practices: REVIEW, message: 'Terraform github_branch_protection "main" requires pull request review; add required status checks to enforce merge rules' },
    ]);
  });

  it('reads a Terraform ruleset at tier 3', () => {
    const tf = file('github.tf', '# rules', 'resource "github_repository_ruleset" "main" {', '  target      = "branch"', '  enforcement = "active"', '  rules {', '    pull_request {', '      require_code_owner_review = true', '    }', '    required_status_checks {', '      required_check {', '        context = "build"', '      }', '    }', '  }', '}');
    expect(runDetector(detector, { files: [tf] })).toEqual([expect.objectContaining({ line: 2, level: 3, practices: ALL })]);
  });

  it('reads GitLab branch protection, tier 3 with code owners and a pipeline gate', () => {
    const tf = file('gitlab.tf', 'resource "gitlab_project" "app" {', '  only_allow_merge_if_pipeline_succeeds = true', '}', 'resource "gitlab_branch_protection" "main" {', '  branch = "main"', '  merge_access_level = "developer"', '  code_owner_approval_required = true', '}');
    expect(runDetector(detector, { files: [tf] })).toEqual([expect.objectContaining({ file: 'gitlab.tf', line: 4, level: 3 })]);
  });

  it('says a ruleset in evaluate mode is not enforced', () => {
    const tf = file('github.tf', 'resource "github_repository_ruleset" "main" {', '  target = "branch"', '  enforcement = "evaluate"', '  rules {', '    pull_request {}', '  }', '}');
    expect(runDetector(detector, { files: [tf] })).toEqual([expect.objectContaining({ level: 2, status: 'partial', message: 'Terraform github_repository_ruleset "main" is kept as code but its enforcement is evaluate' })]);
  });

  it.each([
    ['a tag ruleset', file('github.tf', 'resource "github_repository_ruleset" "tags" {', '  target = "tag"', '  enforcement = "active"', '}')],
    ['an unrelated resource', file('main.tf', 'resource "github_repository" "app" {', '  name = "app"', '}')],
    ['settings without branches', file('.github/settings.yml', 'repository:', '  private: true')],
    ['protection removed from a branch', file('.github/settings.yml', 'branches:', '  - name: main', '    protection: null')],
    ['an example module', file('examples/protect/main.tf', 'resource "github_branch_protection" "x" {', '  required_pull_request_reviews {}', '}')],
  ])('finds nothing for %s', (_name, input) => {
    expect(runDetector(detector, { files: [input] })).toEqual([]);
  });

  it('is inconclusive when .github/settings.yml cannot be read', () => {
    expect(runDetector(detector, { files: [file('.github/settings.yml', 'branches: [', '  - name: main')] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/settings.yml' })]);
  });
});
