import { describe, expect, it } from 'vitest';
import { circleciParser, resolveCommand } from './circleci.js';
import { buildCiModel } from './index.js';
import type { CiWorkflow } from './model.js';

function parseOne(...lines: string[]): CiWorkflow {
  const result = circleciParser.parse({ path: '.circleci/config.yml', text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  expect(result.workflows).toHaveLength(1);
  return result.workflows[0]!;
}

function refusal(...lines: string[]): string {
  const model = buildCiModel([{ path: '.circleci/config.yml', text: lines.join('\n') }], [circleciParser]);
  expect(model.workflows).toEqual([]);
  return model.unreadable[0]?.reason ?? '';
}

const CONFIG = [
  'version: 2.1', //                                      1
  'orbs:', //                                             2
  '  snyk: snyk/snyk@2.1.0', //                           3
  '  node: circleci/node@5.2.0', //                       4
  'executors:', //                                        5
  '  python:', //                                         6
  '    docker:', //                                       7
  '      - image: cimg/python:3.12', //                   8
  'commands:', //                                         9
  '  scan-secrets:', //                                   10
  '    steps:', //                                        11
  '      - run: gitleaks detect --source . || true', //   12
  'jobs:', //                                             13
  '  build:', //                                          14
  '    docker:', //                                       15
  '      - image: cimg/node:20.11', //                    16
  '      - image: cimg/postgres:16.1', //                 17
  '    environment:', //                                  18
  '      NODE_ENV: test', //                              19
  '    steps:', //                                        20
  '      - checkout', //                                  21
  '      - node/install-packages:', //                    22
  '          pkg-manager: npm', //                        23
  '      - run: npm test', //                             24
  '      - run:', //                                      25
  '          name: Audit', //                             26
  '          command: npm audit --audit-level=high', //   27
  '          environment:', //                            28
  '            CI: true', //                              29
  '      - snyk/scan:', //                                30
  '          severity-threshold: high', //                31
  '          fail-on-issues: true', //                    32
  '      - when:', //                                     33
  '          condition: << pipeline.git.tag >>', //       34
  '          steps:', //                                  35
  '            - other/publish', //                       36
  '      - scan-secrets', //                              37
  '  lint:', //                                           38
  '    executor: python', //                              39
  '    steps:', //                                        40
  '      - run: bandit -r src', //                        41
  'workflows:', //                                        42
  '  main:', //                                           43
  '    jobs:', //                                         44
  '      - build', //                                     45
  '      - lint:', //                                     46
  '          requires: [build]', //                       47
  '      - snyk/scan-iac:', //                            48
  '          name: iac', //                               49
  '          context: security', //                       50
  '          severity-threshold: medium', //              51
  '          requires: [build]', //                       52
];

describe('circleciParser', () => {
  it('reads orbs, and leaves triggers empty', () => {
    const workflow = parseOne(...CONFIG);
    expect(workflow).toMatchObject({ system: 'circleci', file: '.circleci/config.yml', triggers: [], permissions: null, includes: [], orbs: { snyk: 'snyk/snyk@2.1.0', node: 'circleci/node@5.2.0' } });
    expect(workflow.jobs.map((job) => [job.id, job.line, job.image])).toEqual([
      ['build', 14, 'cimg/node:20.11'],
      ['lint', 38, 'cimg/python:3.12'],
      ['commands.scan-secrets', 10, undefined],
      ['iac', 48, undefined],
    ]);
  });

  it('reads checkout, orb commands with parameters, runs in both forms and conditional steps', () => {
    const [build] = parseOne(...CONFIG).jobs;
    const env = { NODE_ENV: 'test' };
    expect(build?.steps).toEqual([
      { uses: 'checkout', with: {}, env, neutralised: false, line: 21 },
      { uses: 'circleci/node/install-packages', with: { 'pkg-manager': 'npm' }, env, neutralised: false, line: 22 },
      { run: 'npm test', with: {}, env, neutralised: false, line: 24 },
      { name: 'Audit', run: 'npm audit --audit-level=high', with: {}, env: { NODE_ENV: 'test', CI: 'true' }, neutralised: false, line: 25 },
      { uses: 'snyk/snyk/scan', with: { 'severity-threshold': 'high', 'fail-on-issues': 'true' }, env, neutralised: false, line: 30 },
      { uses: 'other/publish', with: {}, env, neutralised: false, line: 36 },
      { uses: 'scan-secrets', with: {}, env, neutralised: false, line: 37 },
    ]);
  });

  it('reads reusable commands, with `|| true` as neutralised', () => {
    const command = parseOne(...CONFIG).jobs[2];
    expect(command).toEqual({
      id: 'commands.scan-secrets',
      steps: [{ run: 'gitleaks detect --source . || true', with: {}, env: {}, neutralised: true, line: 12 }],
      neutralised: false,
      permissions: null,
      line: 10,
    });
  });

  it('reads an orb job called by a workflow as a job using it, its parameters on one step', () => {
    const iac = parseOne(...CONFIG).jobs[3];
    expect(iac).toEqual({
      id: 'iac',
      uses: 'snyk/snyk/scan-iac',
      steps: [{ uses: 'snyk/snyk/scan-iac', with: { 'severity-threshold': 'medium' }, env: {}, neutralised: false, line: 48 }],
      neutralised: false,
      permissions: null,
      line: 48,
    });
  });

  it.each([
    ['snyk/scan', 'snyk/snyk/scan'],
    ['unknown/scan', 'unknown/scan'],
    ['checkout', 'checkout'],
    ['toString/x', 'toString/x'],
    ['node/test', 'circleci/node/test'],
  ])('resolves %s to %s', (reference, expected) => {
    expect(resolveCommand(reference, { snyk: 'snyk/snyk@2.1.0', node: 'circleci/node@5' })).toBe(expected);
  });

  it('keeps inline orbs out of the orb map and reads `version: 2` workflows', () => {
    const workflow = parseOne('version: 2.1', 'orbs:', '  local:', '    commands: {}', 'jobs:', '  a:', '    steps: [checkout]', 'workflows:', '  version: 2', '  main:', '    jobs: [a]');
    expect(workflow.orbs).toEqual({});
    expect(workflow.jobs.map((job) => job.id)).toEqual(['a']);
  });

  it.each([
    ['.circleci/config.yml', true],
    ['.circleci/config.yaml', true],
    ['.circleci/continue_config.yml', false],
    ['sub/.circleci/config.yml', false],
    ['docs/ci.yml', false],
  ])('matches %s: %s', (path, matches) => {
    expect(circleciParser.matches(path)).toBe(matches);
  });

  it.each([
    ['invalid YAML', ['jobs:', '  a: {steps: [checkout}'], /line 2/],
    ['a list at the top', ['- version: 2.1'], /^config: expected a map at the top of the file, found a list \(line 1\)$/],
    ['jobs: 5', ['version: 2.1', 'jobs: 5'], /^jobs: expected a map of jobs, found a number \(line 2\)$/],
    ['a job that is a list', ['jobs:', '  build: [checkout]'], /^jobs\.build: expected a map, found a list \(line 2\)$/],
    ['steps that are text', ['jobs:', '  build:', '    steps: checkout'], /^jobs\.build\.steps: expected a list of steps, found text \(line 3\)$/],
    ['10,000-deep nesting', [`jobs: ${'{a: '.repeat(10_000)}`], /nesting deeper than 64 levels/],
  ])('lists %s as unreadable', (_name, lines, reason) => {
    expect(refusal(...lines)).toMatch(reason);
  });
});
