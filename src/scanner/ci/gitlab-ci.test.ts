import { describe, expect, it } from 'vitest';
import { gitlabCiParser, readIncludes } from './gitlab-ci.js';
import { buildCiModel } from './index.js';
import type { CiWorkflow } from './model.js';

function parseOne(path: string, ...lines: string[]): CiWorkflow {
  const result = gitlabCiParser.parse({ path, text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  expect(result.workflows).toHaveLength(1);
  return result.workflows[0]!;
}

function refusal(...lines: string[]): string {
  const model = buildCiModel([{ path: '.gitlab-ci.yml', text: lines.join('\n') }], [gitlabCiParser]);
  expect(model.workflows).toEqual([]);
  return model.unreadable[0]?.reason ?? '';
}

const PIPELINE = [
  'workflow:', //                                         1
  '  name: Main pipeline', //                             2
  'stages: [build, test]', //                             3
  'variables:', //                                        4
  '  SECURE_LOG_LEVEL: info', //                          5
  '  SAST_EXCLUDED_PATHS:', //                            6
  '    value: spec, test', //                             7
  '    description: Paths to skip', //                    8
  'include:', //                                          9
  '  - template: Security/SAST.gitlab-ci.yml', //         10
  '  - template: Jobs/Secret-Detection.gitlab-ci.yml', // 11
  "  - local: '/ci/lint.yml'", //                         12
  '  - project: acme/ci-templates', //                    13
  '    ref: v1', //                                       14
  '    file:', //                                         15
  "      - '/templates/trivy.yml'", //                    16
  '      - templates/zap.yml', //                         17
  '  - remote: https://example.com/ci/checks.yml', //     18
  '  - component: $CI_SERVER_FQDN/components/dependency-scanning/main@0.3', // 19
  'default:', //                                          20
  '  image: node:20', //                                  21
  '  before_script:', //                                  22
  '    - npm ci', //                                      23
  '.scanner:', //                                         24
  '  image:', //                                          25
  '    name: aquasec/trivy:0.50.0', //                    26
  '    entrypoint: [""]', //                              27
  '  script:', //                                         28
  '    - trivy fs --exit-code 1 .', //                    29
  'container_scanning:', //                               30
  '  extends: .scanner', //                               31
  '  stage: test', //                                     32
  '  allow_failure: true', //                             33
  '  variables:', //                                      34
  '    TRIVY_SEVERITY: HIGH', //                          35
  'unit:', //                                             36
  '  stage: test', //                                     37
  '  script:', //                                         38
  '    - npm test', //                                    39
  '    - npm audit --audit-level=high || true', //        40
  '  after_script: echo done', //                         41
  'pages:', //                                            42
  '  image: alpine', //                                   43
  '  inherit:', //                                        44
  '    default: false', //                                45
  '    variables: [SECURE_LOG_LEVEL]', //                 46
  '  script: [mkdocs build]', //                          47
  'semgrep-sast:', //                                     48
  '  allow_failure:', //                                  49
  '    exit_codes: [1]', //                               50
  'deploy:', //                                           51
  '  trigger:', //                                        52
  '    project: acme/deployments', //                     53
];

describe('gitlabCiParser', () => {
  it('reads the workflow name and every include form as written', () => {
    const workflow = parseOne('.gitlab-ci.yml', ...PIPELINE);
    expect(workflow).toMatchObject({ system: 'gitlab-ci', file: '.gitlab-ci.yml', name: 'Main pipeline', triggers: [], permissions: null, orbs: {} });
    expect(workflow.includes).toEqual([
      { ref: 'Security/SAST.gitlab-ci.yml', line: 10 },
      { ref: 'Jobs/Secret-Detection.gitlab-ci.yml', line: 11 },
      { ref: '/ci/lint.yml', line: 12 },
      { ref: 'acme/ci-templates/templates/trivy.yml', line: 16 },
      { ref: 'acme/ci-templates/templates/zap.yml', line: 17 },
      { ref: 'https://example.com/ci/checks.yml', line: 18 },
      { ref: '$CI_SERVER_FQDN/components/dependency-scanning/main@0.3', line: 19 },
    ]);
  });

  it('gives a single include, as text or as a map, the line of its key', () => {
    expect(parseOne('.gitlab-ci.yml', 'stages: [test]', 'include: Jobs/SAST.gitlab-ci.yml', 'unit:', '  script: [make test]').includes).toEqual([{ ref: 'Jobs/SAST.gitlab-ci.yml', line: 2 }]);
    expect(parseOne('.gitlab-ci.yml', 'include:', '  template: Jobs/SAST.gitlab-ci.yml', 'unit:', '  script: [make test]').includes).toEqual([{ ref: 'Jobs/SAST.gitlab-ci.yml', line: 1 }]);
  });

  it('reads jobs and hidden templates, not global keywords', () => {
    const workflow = parseOne('.gitlab-ci.yml', ...PIPELINE);
    expect(workflow.jobs.map((job) => [job.id, job.line])).toEqual([
      ['.scanner', 24],
      ['container_scanning', 30],
      ['unit', 36],
      ['pages', 42],
      ['semgrep-sast', 48],
      ['deploy', 51],
    ]);
  });

  it('reads a template job with its image and script, defaults included', () => {
    const [scanner] = parseOne('.gitlab-ci.yml', ...PIPELINE).jobs;
    expect(scanner).toEqual({
      id: '.scanner',
      image: 'aquasec/trivy:0.50.0',
      steps: [{ run: 'npm ci\ntrivy fs --exit-code 1 .', with: {}, env: { SECURE_LOG_LEVEL: 'info', SAST_EXCLUDED_PATHS: 'spec, test' }, neutralised: false, line: 28 }],
      neutralised: false,
      permissions: null,
      line: 24,
    });
  });

  it('reads extends as uses, merges the template of this file in, and allow_failure as a neutralised job', () => {
    const job = parseOne('.gitlab-ci.yml', ...PIPELINE).jobs[1];
    expect(job).toEqual({
      id: 'container_scanning',
      image: 'aquasec/trivy:0.50.0',
      uses: '.scanner',
      steps: [{ run: 'npm ci\ntrivy fs --exit-code 1 .', with: {}, env: { SECURE_LOG_LEVEL: 'info', SAST_EXCLUDED_PATHS: 'spec, test', TRIVY_SEVERITY: 'HIGH' }, neutralised: false, line: 30 }],
      neutralised: true,
      permissions: null,
      line: 30,
    });
  });

  it('joins before_script, script and after_script into one step and sees `|| true`', () => {
    const job = parseOne('.gitlab-ci.yml', ...PIPELINE).jobs[2];
    expect(job?.steps).toEqual([
      {
        run: 'npm ci\nnpm test\nnpm audit --audit-level=high || true\necho done',
        with: {},
        env: { SECURE_LOG_LEVEL: 'info', SAST_EXCLUDED_PATHS: 'spec, test' },
        neutralised: true,
        line: 38,
      },
    ]);
    expect(job?.neutralised).toBe(false);
  });

  it('honours inherit: default false and a list of variables', () => {
    const pages = parseOne('.gitlab-ci.yml', ...PIPELINE).jobs[3];
    expect(pages).toMatchObject({ id: 'pages', image: 'alpine', steps: [{ run: 'mkdocs build', env: { SECURE_LOG_LEVEL: 'info' }, line: 47 }] });
  });

  it('reads allow_failure exit codes as neutralised and a trigger as uses', () => {
    const [, , , , sast, deploy] = parseOne('.gitlab-ci.yml', ...PIPELINE).jobs;
    expect(sast).toEqual({ id: 'semgrep-sast', image: 'node:20', steps: [], neutralised: true, permissions: null, line: 48 });
    expect(deploy).toMatchObject({ id: 'deploy', uses: 'acme/deployments', steps: [], neutralised: false });
  });

  it('reads nested script lists, YAML merge keys, rules that allow failure and several extends', () => {
    const workflow = parseOne(
      'ci/security.gitlab-ci.yml',
      '.commands: &commands',
      '  - gitleaks detect --source .',
      '.base: &base',
      '  image: zricethezav/gitleaks:v8',
      '  variables: {GIT_DEPTH: 0}',
      'secrets:',
      '  <<: *base',
      '  extends: [.a, .b]',
      '  script:',
      '    - *commands',
      '    - [echo one, [echo two]]',
      '  rules:',
      '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
      '      allow_failure: true',
      'child:',
      '  trigger:',
      '    include: .gitlab/ci/child.yml',
    );
    expect(workflow.jobs).toEqual([
      { id: '.base', image: 'zricethezav/gitleaks:v8', steps: [], neutralised: false, permissions: null, line: 3 },
      {
        id: 'secrets',
        image: 'zricethezav/gitleaks:v8',
        uses: '.a, .b',
        steps: [{ run: 'gitleaks detect --source .\necho one\necho two', with: {}, env: { GIT_DEPTH: '0' }, neutralised: false, line: 9 }],
        neutralised: true,
        permissions: null,
        line: 6,
      },
      { id: 'child', uses: '.gitlab/ci/child.yml', steps: [], neutralised: false, permissions: null, line: 15 },
    ]);
  });

  it.each([
    ['a string', 'Security/SAST.gitlab-ci.yml', ['Security/SAST.gitlab-ci.yml']],
    ['a list of strings', ['/a.yml', 'https://x/b.yml'], ['/a.yml', 'https://x/b.yml']],
    ['a template map', { template: 'Jobs/SAST-IaC.gitlab-ci.yml' }, ['Jobs/SAST-IaC.gitlab-ci.yml']],
    ['a project with one file', { project: 'g/p', file: 'ci.yml' }, ['g/p/ci.yml']],
    ['a project without file', { project: 'g/p' }, ['g/p']],
    ['an unknown form', { artifact: 'generated.yml', job: 'gen' }, []],
    ['nothing', undefined, []],
  ])('reads include as %s', (_name, value, expected) => {
    expect(readIncludes(value, ['include'], { at: () => 1, ofKey: () => 1 }).map((include) => include.ref)).toEqual(expected);
  });

  it('reads a file with a spec: header document', () => {
    const workflow = parseOne('.gitlab/ci/scan.yml', 'spec:', '  inputs:', '    stage: {default: test}', '---', 'scan:', '  script: semgrep ci');
    expect(workflow.jobs).toEqual([{ id: 'scan', steps: [{ run: 'semgrep ci', with: {}, env: {}, neutralised: false, line: 6 }], neutralised: false, permissions: null, line: 5 }]);
  });

  it.each([
    ['.gitlab-ci.yml', true],
    ['.gitlab-ci.yaml', true],
    ['ci/build.gitlab-ci.yml', true],
    ['.gitlab/ci/security.yml', true],
    ['.gitlab/ci/jobs/deploy.yaml', true],
    ['gitlab-ci.yml', false],
    ['docs/ci.yml', false],
    ['.gitlab/ci/README.md', false],
    ['.gitlab/issue_templates/bug.yml', false],
  ])('matches %s: %s', (path, matches) => {
    expect(gitlabCiParser.matches(path)).toBe(matches);
  });

  it.each([
    ['invalid YAML', ['build:', '  script: [npm test'], /line/],
    ['a list at the top', ['- build'], /^pipeline: expected a map at the top of the file, found a list \(line 1\)$/],
    ['a job that is a number', ['stages: [a]', 'build: 5'], /^job build: expected a map, found a number \(line 2\)$/],
    ['several documents without a spec header', ['a: {script: x}', '---', 'b: {script: y}'], /^expected one YAML document, found several \(line 2/],
    ['10,000-deep nesting', [`build: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`], /nesting deeper than 64 levels/],
  ])('lists %s as unreadable', (_name, lines, reason) => {
    expect(refusal(...lines)).toMatch(reason);
  });

  it('follows !reference tags in scripts, keeping lines', () => {
    const workflow = parseOne(
      '.gitlab-ci.yml',
      '.setup:',
      '  script:',
      '    - npm ci',
      '.scan:',
      '  script: [semgrep ci]',
      'test:',
      '  script:',
      '    - !reference [.setup, script]',
      '    - !reference [.scan, script]',
      '    - npm test',
      'lint:',
      '  script: !reference [.missing, script]',
      '  rules: !reference [.rules, default]',
    );
    expect(workflow.jobs.slice(2).map((job) => [job.id, job.line, job.steps.map((step) => [step.run, step.line])])).toEqual([
      ['test', 6, [['npm ci\nsemgrep ci\nnpm test', 7]]],
      ['lint', 11, [['.missing\nscript', 12]]],
    ]);
  });

  it('stops at cycles and at templates from other files when resolving extends', () => {
    const workflow = parseOne(
      '.gitlab-ci.yml',
      '.a: {extends: .b, variables: {A: 1}}',
      '.b: {extends: [.a, .included], script: [echo b]}',
      'job: {extends: [.a, .elsewhere], variables: {A: 2}}',
    );
    expect(workflow.jobs.map((job) => [job.id, job.uses, job.steps.map((step) => [step.run, step.env])])).toEqual([
      ['.a', '.b', [['echo b', { A: '1' }]]],
      ['.b', '.a, .included', [['echo b', {}]]],
      ['job', '.a, .elsewhere', [['echo b', { A: '2' }]]],
    ]);
  });

  it('keeps hidden keys that are not maps out of the jobs', () => {
    expect(parseOne('.gitlab-ci.yml', '.list: &l [a]', '.text: hello', 'x:', '  script: *l').jobs.map((job) => job.id)).toEqual(['x']);
  });
});
