import { describe, expect, it } from 'vitest';
import { githubActionsParser } from './github-actions.js';
import { buildCiModel } from './index.js';
import type { CiWorkflow } from './model.js';

function parse(path: string, ...lines: string[]): readonly CiWorkflow[] {
  const result = githubActionsParser.parse({ path, text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  return result.workflows;
}

function parseOne(path: string, ...lines: string[]): CiWorkflow {
  const [workflow, ...others] = parse(path, ...lines);
  expect(others).toEqual([]);
  return workflow!;
}

function refusal(path: string, ...lines: string[]): string {
  const model = buildCiModel([{ path, text: lines.join('\n') }], [githubActionsParser]);
  expect(model.workflows).toEqual([]);
  expect(model.unreadable).toHaveLength(1);
  return model.unreadable[0]!.reason;
}

const CODEQL_WORKFLOW = [
  'name: CodeQL', //                                        1
  'on:', //                                                 2
  '  push:', //                                             3
  '    branches: [main]', //                                4
  '  pull_request:', //                                     5
  '  schedule:', //                                         6
  "    - cron: '30 1 * * 0'", //                            7
  'permissions: read-all', //                               8
  'env:', //                                                9
  '  CI: true', //                                          10
  'jobs:', //                                               11
  '  analyze:', //                                          12
  '    name: Analyze (${{ matrix.language }})', //           13
  '    runs-on: ubuntu-latest', //                          14
  '    permissions:', //                                    15
  '      security-events: write', //                        16
  '      contents: read', //                                17
  '    strategy:', //                                       18
  '      fail-fast: false', //                              19
  '      matrix:', //                                       20
  '        language: [javascript, python]', //              21
  '    steps:', //                                          22
  '      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1', // 23
  '      - name: Initialize CodeQL', //                     24
  '        uses: github/codeql-action/init@v3', //          25
  '        with:', //                                       26
  '          languages: ${{ matrix.language }}', //         27
  '          queries: security-extended', //                28
  '          debug: true', //                               29
  '      - uses: github/codeql-action/analyze@v3', //       30
  '        continue-on-error: true', //                     31
  '        env:', //                                        32
  '          CODEQL_RAM: 4096', //                          33
  '  audit:', //                                            34
  '    runs-on: ubuntu-latest', //                          35
  '    container:', //                                      36
  '      image: node:20-alpine', //                         37
  '    continue-on-error: true', //                         38
  '    steps:', //                                          39
  '      - run: npm audit --audit-level=high || true', //   40
  '      - name: Lint workflows', //                        41
  '        run: |', //                                      42
  '          actionlint', //                                43
  '      - uses: docker://rhysd/actionlint:1.7.1', //       44
  '        with:', //                                       45
  '          args: -color', //                              46
  '  scorecard:', //                                        47
  '    uses: ossf/scorecard-action/.github/workflows/scorecard.yml@v2', // 48
  '    permissions: {}', //                                 49
];

describe('githubActionsParser workflows', () => {
  it('reads name, triggers, top-level permissions and jobs', () => {
    const workflow = parseOne('.github/workflows/codeql.yml', ...CODEQL_WORKFLOW);
    expect(workflow).toMatchObject({ system: 'github-actions', file: '.github/workflows/codeql.yml', name: 'CodeQL', triggers: ['push', 'pull_request', 'schedule'], permissions: 'read-all', permissionsLine: 8, includes: [], orbs: {} });
    expect(workflow.jobs.map((job) => [job.id, job.line])).toEqual([
      ['analyze', 12],
      ['audit', 34],
      ['scorecard', 47],
    ]);
  });

  it('reads a matrix job: name, permissions and steps with uses, with, env and lines', () => {
    const [analyze] = parseOne('.github/workflows/codeql.yml', ...CODEQL_WORKFLOW).jobs;
    expect(analyze).toEqual({
      id: 'analyze',
      name: 'Analyze (${{ matrix.language }})',
      steps: [
        { uses: 'actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11', with: {}, env: { CI: 'true' }, neutralised: false, line: 23 },
        { name: 'Initialize CodeQL', uses: 'github/codeql-action/init@v3', with: { languages: '${{ matrix.language }}', queries: 'security-extended', debug: 'true' }, env: { CI: 'true' }, neutralised: false, line: 24 },
        { uses: 'github/codeql-action/analyze@v3', with: {}, env: { CI: 'true', CODEQL_RAM: '4096' }, neutralised: true, line: 30 },
      ],
      neutralised: false,
      permissions: { 'security-events': 'write', contents: 'read' },
      permissionsLine: 15,
      line: 12,
    });
  });

  it('reads a container job with continue-on-error, `|| true`, a block run and a docker:// action', () => {
    const audit = parseOne('.github/workflows/codeql.yml', ...CODEQL_WORKFLOW).jobs[1];
    expect(audit).toMatchObject({ id: 'audit', image: 'node:20-alpine', neutralised: true, permissions: null });
    expect(audit?.steps).toEqual([
      { run: 'npm audit --audit-level=high || true', with: {}, env: { CI: 'true' }, neutralised: true, line: 40 },
      { name: 'Lint workflows', run: 'actionlint\n', with: {}, env: { CI: 'true' }, neutralised: false, line: 41 },
      { uses: 'docker://rhysd/actionlint:1.7.1', with: { args: '-color' }, env: { CI: 'true' }, neutralised: false, line: 44 },
    ]);
  });

  it('reads a reusable workflow call as the job’s uses, with `permissions: {}` as all none', () => {
    const scorecard = parseOne('.github/workflows/codeql.yml', ...CODEQL_WORKFLOW).jobs[2];
    expect(scorecard).toEqual({ id: 'scorecard', uses: 'ossf/scorecard-action/.github/workflows/scorecard.yml@v2', steps: [], neutralised: false, permissions: {}, permissionsLine: 49, line: 47 });
  });

  it.each([
    ['on: push', ['push']],
    ['on: [push, pull_request_target]', ['push', 'pull_request_target']],
    ['on:\n  workflow_dispatch:\n  release:\n    types: [published]', ['workflow_dispatch', 'release']],
  ])('reads triggers from %j', (on, triggers) => {
    expect(parseOne('.github/workflows/t.yaml', on, 'jobs: {}').triggers).toEqual(triggers);
  });

  it.each([
    ['permissions: write-all', 'write-all'],
    ['permissions: {}', {}],
    ['permissions:\n  contents: write\n  id-token: write\n  pages: admin', { contents: 'write', 'id-token': 'write' }],
    ['permissions: ${{ inputs.permissions }}', null],
    ['', null],
  ])('reads top-level permissions from %j', (permissions, expected) => {
    expect(parseOne('.github/workflows/p.yml', 'on: push', permissions, 'jobs: {}').permissions).toEqual(expected);
  });

  it('counts only a literal true as continue-on-error', () => {
    const workflow = parseOne(
      '.github/workflows/c.yml',
      'on: push',
      'jobs:',
      '  scan:',
      '    continue-on-error: ${{ matrix.experimental }}',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: trivy fs --exit-code 1 .',
      '        continue-on-error: ${{ github.event_name == \'pull_request\' }}',
      '      - run: trivy fs . || exit 0',
      '      - run: grype . || echo "grype failed"',
    );
    expect(workflow.jobs[0]?.neutralised).toBe(false);
    expect(workflow.jobs[0]?.steps.map((step) => step.neutralised)).toEqual([false, true, true]);
  });

  it('keeps container strings and stringifies with values', () => {
    const [job] = parseOne(
      '.github/workflows/s.yml',
      'on: push',
      'jobs:',
      '  scan:',
      '    container: ghcr.io/acme/build:1.2',
      '    steps:',
      '      - uses: aquasecurity/trivy-action@0.28.0',
      '        with:',
      '          exit-code: 1',
      '          severity: CRITICAL,HIGH',
      '          skip-dirs: ~',
      '          list: [a, b]',
    ).jobs;
    expect(job?.image).toBe('ghcr.io/acme/build:1.2');
    expect(job?.steps[0]?.with).toEqual({ 'exit-code': '1', severity: 'CRITICAL,HIGH', 'skip-dirs': '', list: '["a","b"]' });
  });

  it('reads a key with a merge key as plain YAML would', () => {
    const [job] = parseOne('.github/workflows/m.yml', 'on: push', 'jobs:', '  a:', '    steps:', '      - &s {run: make, env: {X: 1}}', '      - <<: *s', '        run: make test').jobs;
    expect(job?.steps.map((step) => [step.run, step.env])).toEqual([
      ['make', { X: '1' }],
      ['make test', { X: '1' }],
    ]);
  });
});

describe('githubActionsParser composite actions', () => {
  const ACTION = [
    'name: Scan', //                          1
    'description: Runs the scanners', //      2
    'inputs:', //                             3
    '  token: {required: true}', //           4
    'runs:', //                               5
    '  using: composite', //                  6
    '  steps:', //                            7
    '    - uses: gitleaks/gitleaks-action@v2', // 8
    '      env:', //                          9
    '        GITHUB_TOKEN: ${{ inputs.token }}', // 10
    '    - run: semgrep ci || true', //       11
    '      shell: bash', //                   12
  ];

  it('reads the steps of a composite action as one job', () => {
    expect(parse('.github/actions/scan/action.yml', ...ACTION)).toEqual([
      {
        system: 'github-actions',
        file: '.github/actions/scan/action.yml',
        name: 'Scan',
        triggers: [],
        permissions: null,
        includes: [],
        orbs: {},
        jobs: [
          {
            id: 'composite',
            name: 'Scan',
            steps: [
              { uses: 'gitleaks/gitleaks-action@v2', with: {}, env: { GITHUB_TOKEN: '${{ inputs.token }}' }, neutralised: false, line: 8 },
              { run: 'semgrep ci || true', with: {}, env: {}, neutralised: true, line: 11 },
            ],
            neutralised: false,
            permissions: null,
            line: 5,
          },
        ],
      },
    ]);
  });

  it.each([
    ['a JavaScript action', ['name: x', 'runs:', "  using: 'node20'", '  main: index.js']],
    ['a Docker action', ['runs:', '  using: docker', '  image: Dockerfile']],
    ['an unrelated action.yml', ['- just', '- a list']],
  ])('reads no pipeline from %s', (_name, lines) => {
    expect(parse('action.yaml', ...lines)).toEqual([]);
  });
});

describe('githubActionsParser paths and malformed files', () => {
  it.each([
    ['.github/workflows/ci.yml', true],
    ['.github/workflows/release.yaml', true],
    ['action.yml', true],
    ['actions/setup/action.yaml', true],
    ['.github/workflows/README.md', false],
    ['.github/workflows/nested/ci.yml', false],
    ['sub/.github/workflows/ci.yml', false],
    ['docs/ci.yml', false],
    ['.gitlab/ci/action.yml', false],
    ['.circleci/action.yml', false],
    ['my-action.yml', false],
  ])('matches %s: %s', (path, matches) => {
    expect(githubActionsParser.matches(path)).toBe(matches);
  });

  it.each([
    ['invalid YAML', ['on: push', 'jobs:', '  build: [unclosed'], /line 3/],
    ['a workflow that is a list', ['- on: push', '- jobs: {}'], /^workflow: expected a map at the top of the file, found a list \(line 1\)$/],
    ['jobs: 5', ['on: push', 'jobs: 5'], /^jobs: expected a map of jobs, found a number \(line 2\)$/],
    ['no jobs', ['on: push'], /^jobs: expected a map of jobs, found nothing/],
    ['an empty file', [''], /^workflow: expected a map at the top of the file, found nothing/],
    ['a job that is text', ['on: push', 'jobs:', '  build: make'], /^jobs\.build: expected a map, found text \(line 3\)$/],
    ['steps that are a map', ['on: push', 'jobs:', '  build:', '    steps:', '      run: make'], /^jobs\.build\.steps: expected a list of steps, found a map \(line 4\)$/],
    ['a step that is text', ['on: push', 'jobs:', '  build:', '    steps:', '      - make'], /^jobs\.build\.steps\[0\]: expected a map, found text \(line 5\)$/],
    ['duplicate keys', ['on: push', 'on: pull_request', 'jobs: {}'], /duplicate key "on"/],
    ['a custom tag', ['on: !!python/object push', 'jobs: {}'], /tag/],
  ])('lists %s as unreadable with a one-line reason', (_name, lines, reason) => {
    const found = refusal('.github/workflows/bad.yml', ...lines);
    expect(found).toMatch(reason);
    expect(found).not.toContain('\n');
  });

  it('S1 refuses a workflow nested 10,000 deep, quickly', () => {
    const started = performance.now();
    const found = refusal('.github/workflows/deep.yml', `on: push\njobs: ${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(found).toMatch(/nesting deeper than 64 levels/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refusal('.github/workflows/deep2.yml', `on: push\njobs:\n  a:\n    steps: ${'- '.repeat(10_000)}x`)).toMatch(/nesting deeper than 64 levels/);
  });

  it('S1 refuses prototype keys without touching any prototype', () => {
    expect(refusal('.github/workflows/proto.yml', 'on: push', 'jobs:', '  __proto__:', '    polluted: true')).toMatch(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
