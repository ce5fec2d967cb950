import { describe, expect, it } from 'vitest';
import { isCiFile } from './index.js';
import { CI_SYSTEMS } from './model.js';
import { CI_PARSERS, parseCiFiles } from './parsers.js';

function systemOf(path: string): string | undefined {
  return CI_PARSERS.find((parser) => parser.matches(path))?.system;
}

describe('CI_PARSERS', () => {
  it('holds one parser per CI system, in a fixed order', () => {
    expect(CI_PARSERS.map((parser) => parser.system)).toEqual([...CI_SYSTEMS]);
  });

  it.each([
    ['.github/workflows/ci.yml', 'github-actions'],
    ['.github/workflows/azure-pipelines.yml', 'github-actions'],
    ['.github/actions/setup/action.yml', 'github-actions'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['.gitlab/ci/action.yml', 'gitlab-ci'],
    ['azure-pipelines.yml', 'azure-pipelines'],
    ['.pipelines/action.yml', 'azure-pipelines'],
    ['Jenkinsfile', 'jenkins'],
    ['.circleci/config.yml', 'circleci'],
    ['bitbucket-pipelines.yml', 'bitbucket-pipelines'],
    ['.github/workflows/README.md', undefined],
    ['docs/ci.yml', undefined],
    ['ci.yml', undefined],
    ['.github/dependabot.yml', undefined],
    ['.pre-commit-config.yaml', undefined],
  ])('routes %s to %s', (path, system) => {
    expect(systemOf(path)).toBe(system);
    expect(isCiFile(path, CI_PARSERS)).toBe(system !== undefined);
  });
});

describe('parseCiFiles', () => {
  it('builds one model from the pipelines of every system and ignores other files', () => {
    const model = parseCiFiles([
      { path: '.github/workflows/ci.yml', text: 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n' },
      { path: '.gitlab-ci.yml', text: 'include:\n  - template: Jobs/SAST.gitlab-ci.yml\n' },
      { path: 'Jenkinsfile', text: "stage('Build') { sh 'make' }" },
      { path: 'docs/ci.yml', text: 'jobs: 5' },
      { path: '.github/workflows/README.md', text: '# Workflows' },
    ]);
    expect(model.unreadable).toEqual([]);
    expect(model.workflows.map((workflow) => [workflow.system, workflow.file, workflow.jobs.map((job) => job.id), workflow.includes])).toEqual([
      ['github-actions', '.github/workflows/ci.yml', ['test'], []],
      ['gitlab-ci', '.gitlab-ci.yml', [], [{ ref: 'Jobs/SAST.gitlab-ci.yml', line: 2 }]],
      ['jenkins', 'Jenkinsfile', ['Build'], []],
    ]);
  });

  it('lists malformed pipelines as unreadable with one-line reasons and reads the others', () => {
    const model = parseCiFiles([
      { path: '.github/workflows/list.yml', text: '- on: push\n' },
      { path: '.github/workflows/jobs.yml', text: 'on: push\njobs: 5\n' },
      { path: '.circleci/config.yml', text: 'jobs: {a: [}\n' },
      { path: 'bitbucket-pipelines.yml', text: `pipelines: ${'{a: '.repeat(10_000)}` },
      { path: 'azure-pipelines.yml', text: 'steps:\n  - script: make\n' },
    ]);
    expect(model.workflows.map((workflow) => workflow.file)).toEqual(['azure-pipelines.yml']);
    expect(model.unreadable.map((entry) => entry.file)).toEqual(['.github/workflows/list.yml', '.github/workflows/jobs.yml', '.circleci/config.yml', 'bitbucket-pipelines.yml']);
    for (const { reason } of model.unreadable) expect(reason).toMatch(/^[^\n]{10,200}$/);
    expect(model.unreadable[3]?.reason).toMatch(/nesting deeper than 64 levels/);
  });

  it('S1 refuses hostile YAML in every YAML-based system without throwing', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10).fill(`*${String.fromCharCode(97 + index)}`).join(', ')}]`)].join('\n');
    const paths = ['.github/workflows/x.yml', '.gitlab-ci.yml', 'azure-pipelines.yml', '.circleci/config.yml', 'bitbucket-pipelines.yml'];
    const model = parseCiFiles(paths.flatMap((path) => [{ path, text: bomb }, { path, text: `x: ${'['.repeat(10_000)}` }, { path, text: 'x: !!js/function "f"' }]));
    expect(model.workflows).toEqual([]);
    expect(model.unreadable).toHaveLength(paths.length * 3);
  });
});
