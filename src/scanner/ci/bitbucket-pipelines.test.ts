import { describe, expect, it } from 'vitest';
import { bitbucketPipelinesParser } from './bitbucket-pipelines.js';
import { buildCiModel } from './index.js';
import type { CiWorkflow } from './model.js';

function parseOne(...lines: string[]): CiWorkflow {
  const result = bitbucketPipelinesParser.parse({ path: 'bitbucket-pipelines.yml', text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  expect(result.workflows).toHaveLength(1);
  return result.workflows[0]!;
}

function refusal(...lines: string[]): string {
  const model = buildCiModel([{ path: 'bitbucket-pipelines.yml', text: lines.join('\n') }], [bitbucketPipelinesParser]);
  expect(model.workflows).toEqual([]);
  return model.unreadable[0]?.reason ?? '';
}

const PIPELINE = [
  'image: node:20', //                                           1
  'definitions:', //                                             2
  '  steps:', //                                                 3
  '    - step: &test', //                                        4
  '        name: Test', //                                       5
  '        script:', //                                          6
  '          - npm ci', //                                       7
  '          - npm test', //                                     8
  'pipelines:', //                                               9
  '  default:', //                                               10
  '    - step: *test', //                                        11
  '    - step:', //                                              12
  '        image: {name: aquasec/trivy:0.50.0}', //              13
  '        script:', //                                          14
  '          - trivy fs --exit-code 1 . || true', //             15
  '          - pipe: atlassian/git-secrets-scan:0.6.1', //       16
  '          - pipe: snyk/snyk-scan:1.0.1', //                   17
  '            variables:', //                                   18
  '              SNYK_TOKEN: $SNYK_TOKEN', //                    19
  '              LANGUAGE: npm', //                              20
  '              DONT_BREAK_BUILD: true', //                     21
  '        after-script:', //                                    22
  '          - semgrep ci', //                                   23
  '  branches:', //                                              24
  '    main:', //                                                25
  '      - parallel:', //                                        26
  '          - step:', //                                        27
  '              name: Lint', //                                 28
  '              script: [npm run lint]', //                     29
  '          - step:', //                                        30
  '              name: Audit', //                                31
  '              script: [npm audit]', //                        32
  '      - stage:', //                                           33
  '          name: Deploy', //                                   34
  '          steps:', //                                         35
  '            - step:', //                                      36
  '                name: Release', //                            37
  '                script: [./release.sh]', //                   38
  '  pull-requests:', //                                         39
  "    '**':", //                                                40
  '      - parallel:', //                                        41
  '          fail-fast: true', //                                42
  '          steps:', //                                         43
  '            - step: {name: Scan, script: [gitleaks detect]}', // 44
  '  custom:', //                                                45
  '    nightly:', //                                             46
  '      - variables:', //                                       47
  '          - name: LEVEL', //                                  48
  '      - step: {script: [zap-baseline.py -t $URL]}', //        49
];

describe('bitbucketPipelinesParser', () => {
  it('reads triggers from the pipeline kinds present', () => {
    const workflow = parseOne(...PIPELINE);
    expect(workflow).toMatchObject({ system: 'bitbucket-pipelines', file: 'bitbucket-pipelines.yml', triggers: ['push', 'pull_request', 'manual'], permissions: null, includes: [], orbs: {} });
  });

  it('reads every step of every pipeline as a job, not the definitions', () => {
    expect(parseOne(...PIPELINE).jobs.map((job) => [job.id, job.line, job.image])).toEqual([
      ['Test', 11, 'node:20'],
      ['default #2', 12, 'aquasec/trivy:0.50.0'],
      ['Lint', 27, 'node:20'],
      ['Audit', 30, 'node:20'],
      ['Release', 36, 'node:20'],
      ['Scan', 44, 'node:20'],
      ['custom.nightly #1', 49, 'node:20'],
    ]);
  });

  it('reads a step through an alias, its lines pointing at the alias', () => {
    expect(parseOne(...PIPELINE).jobs[0]).toEqual({
      id: 'Test',
      name: 'Test',
      image: 'node:20',
      steps: [
        { run: 'npm ci', with: {}, env: {}, neutralised: false, line: 11 },
        { run: 'npm test', with: {}, env: {}, neutralised: false, line: 11 },
      ],
      neutralised: false,
      permissions: null,
      line: 11,
    });
  });

  it('reads script lines, pipes with their variables, `|| true` and after-script', () => {
    expect(parseOne(...PIPELINE).jobs[1]?.steps).toEqual([
      { run: 'trivy fs --exit-code 1 . || true', with: {}, env: {}, neutralised: true, line: 15 },
      { uses: 'atlassian/git-secrets-scan:0.6.1', with: {}, env: {}, neutralised: false, line: 16 },
      { uses: 'snyk/snyk-scan:1.0.1', with: { SNYK_TOKEN: '$SNYK_TOKEN', LANGUAGE: 'npm', DONT_BREAK_BUILD: 'true' }, env: {}, neutralised: false, line: 17 },
      { run: 'semgrep ci', with: {}, env: {}, neutralised: true, line: 23 },
    ]);
  });

  it('reads tags pipelines and a file without default', () => {
    const workflow = parseOne('pipelines:', '  tags:', "    'v*':", '      - step:', '          script: [make release]');
    expect(workflow.triggers).toEqual(['tag']);
    expect(workflow.jobs).toEqual([{ id: "tags.v* #1", steps: [{ run: 'make release', with: {}, env: {}, neutralised: false, line: 5 }], neutralised: false, permissions: null, line: 4 }]);
  });

  it.each([
    ['bitbucket-pipelines.yml', true],
    ['bitbucket-pipelines.yaml', false],
    ['sub/bitbucket-pipelines.yml', false],
    ['docs/ci.yml', false],
  ])('matches %s: %s', (path, matches) => {
    expect(bitbucketPipelinesParser.matches(path)).toBe(matches);
  });

  it.each([
    ['invalid YAML', ['pipelines:', '  default: [ {step: '], /line/],
    ['a list at the top', ['- pipelines'], /^file: expected a map at the top of the file, found a list \(line 1\)$/],
    ['no pipelines', ['image: node:20'], /^pipelines: expected a map of pipelines, found nothing/],
    ['a default that is a map', ['pipelines:', '  default:', '    step: {script: [x]}'], /^pipelines\.default: expected a list of steps, found a map \(line 2\)$/],
    ['a branch pipeline that is text', ['pipelines:', '  branches:', '    main: make'], /^pipelines\.branches\.main: expected a list of steps, found text \(line 3\)$/],
    ['10,000-deep nesting', [`pipelines: ${'['.repeat(10_000)}`], /nesting deeper than 64 levels/],
  ])('lists %s as unreadable', (_name, lines, reason) => {
    expect(refusal(...lines)).toMatch(reason);
  });
});
