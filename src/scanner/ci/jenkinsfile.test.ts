import { describe, expect, it } from 'vitest';
import { buildCiModel } from './index.js';
import { jenkinsfileParser, tokenize } from './jenkinsfile.js';
import type { CiJob } from './model.js';

function jobsOf(...lines: string[]): readonly CiJob[] {
  const result = jenkinsfileParser.parse({ path: 'Jenkinsfile', text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  expect(result.workflows).toHaveLength(1);
  expect(result.workflows[0]).toMatchObject({ system: 'jenkins', file: 'Jenkinsfile', triggers: [], permissions: null, includes: [], orbs: {} });
  return result.workflows[0]!.jobs;
}

const DECLARATIVE = [
  'pipeline {', //                                             1
  '  agent { docker { image "maven:3.9-eclipse-temurin-21" } }', // 2
  '  stages {', //                                             3
  "    stage('Build') {", //                                   4
  '      steps {', //                                          5
  "        sh 'mvn -B verify'", //                             6
  '        sh "echo ${env.BRANCH_NAME} \\"quoted\\""', //      7
  "        sh '''", //                                         8
  '          npm ci', //                                       9
  '          npm audit --audit-level=high || true', //         10
  "        '''", //                                            11
  '        sh """', //                                         12
  '          trivy image ${IMAGE}', //                         13
  '        """', //                                            14
  "        sh(script: 'gitleaks detect', label: 'Secrets')", // 15
  '      }', //                                                16
  '    }', //                                                  17
  '    stage("SonarQube") {', //                               18
  '      steps {', //                                          19
  "        withSonarQubeEnv('sonarcloud') {", //               20
  "          sh 'mvn sonar:sonar'", //                         21
  '        }', //                                              22
  '        timeout(time: 1, unit: "HOURS") {', //              23
  '          waitForQualityGate abortPipeline: true', //       24
  '        }', //                                              25
  '      }', //                                                26
  '    }', //                                                  27
  '    // stage(\'Old scan\') {', //                           28
  "    //   steps { sh 'old-scanner' }", //                    29
  '    // }', //                                               30
  '    /*', //                                                 31
  "    stage('Disabled') { steps { sh 'dependency-check.sh' } }", // 32
  '    */', //                                                 33
  "    stage('SCA') {", //                                     34
  '      steps {', //                                          35
  "        catchError(buildResult: 'SUCCESS', stageResult: 'FAILURE') {", // 36
  "          dependencyCheck additionalArguments: '--scan . --failOnCVSS 7', odcInstallation: 'ODC'", // 37
  '        }', //                                              38
  "        dependencyCheckPublisher pattern: 'dependency-check-report.xml'", // 39
  "        bat 'snyk test'", //                                40
  '      }', //                                                41
  '    }', //                                                  42
  '  }', //                                                    43
  '  post {', //                                               44
  '    always {', //                                           45
  '      recordIssues(tools: [spotBugs(), owaspDependencyCheck()], qualityGates: [[threshold: 1, type: \'TOTAL\', unstable: true]])', // 46
  '    }', //                                                  47
  '  }', //                                                    48
  '}', //                                                      49
];

describe('jenkinsfileParser declarative pipelines', () => {
  it('reads each stage as a job, and steps outside stages into `pipeline`', () => {
    expect(jobsOf(...DECLARATIVE).map((job) => [job.id, job.line, job.image])).toEqual([
      ['Build', 4, 'maven:3.9-eclipse-temurin-21'],
      ['SonarQube', 18, 'maven:3.9-eclipse-temurin-21'],
      ['SCA', 34, 'maven:3.9-eclipse-temurin-21'],
      ['pipeline', 46, 'maven:3.9-eclipse-temurin-21'],
    ]);
  });

  it('reads sh in every quote style, with lines, labels and `|| true`', () => {
    const [build] = jobsOf(...DECLARATIVE);
    expect(build?.steps).toEqual([
      { run: 'mvn -B verify', with: {}, env: {}, neutralised: false, line: 6 },
      { run: 'echo ${env.BRANCH_NAME} "quoted"', with: {}, env: {}, neutralised: false, line: 7 },
      { run: '\n          npm ci\n          npm audit --audit-level=high || true\n        ', with: {}, env: {}, neutralised: true, line: 8 },
      { run: '\n          trivy image ${IMAGE}\n        ', with: {}, env: {}, neutralised: false, line: 12 },
      { name: 'Secrets', run: 'gitleaks detect', with: {}, env: {}, neutralised: false, line: 15 },
    ]);
  });

  it('reads withSonarQubeEnv and waitForQualityGate abortPipeline: true', () => {
    const sonar = jobsOf(...DECLARATIVE)[1];
    expect(sonar?.steps).toEqual([
      { uses: 'withSonarQubeEnv', with: { '0': 'sonarcloud' }, env: {}, neutralised: false, line: 20 },
      { run: 'mvn sonar:sonar', with: {}, env: {}, neutralised: false, line: 21 },
      { uses: 'waitForQualityGate', with: { abortPipeline: 'true' }, env: {}, neutralised: false, line: 24 },
    ]);
  });

  it('leaves commented-out stages and steps out', () => {
    const all = jobsOf(...DECLARATIVE);
    expect(all.map((job) => job.id)).not.toContain('Old scan');
    expect(all.map((job) => job.id)).not.toContain('Disabled');
    expect(all.flatMap((job) => job.steps).map((step) => step.run)).not.toContain('old-scanner');
  });

  it('neutralises the steps inside catchError(buildResult: SUCCESS) and reads named arguments', () => {
    const sca = jobsOf(...DECLARATIVE)[2];
    expect(sca?.steps).toEqual([
      { uses: 'catchError', with: { buildResult: 'SUCCESS', stageResult: 'FAILURE' }, env: {}, neutralised: true, line: 36 },
      { uses: 'dependencyCheck', with: { additionalArguments: '--scan . --failOnCVSS 7', odcInstallation: 'ODC' }, env: {}, neutralised: true, line: 37 },
      { uses: 'dependencyCheckPublisher', with: { pattern: 'dependency-check-report.xml' }, env: {}, neutralised: false, line: 39 },
      { run: 'snyk test', with: {}, env: {}, neutralised: false, line: 40 },
    ]);
  });

  it('keeps complex arguments as written', () => {
    const pipeline = jobsOf(...DECLARATIVE)[3];
    expect(pipeline?.steps).toEqual([
      { uses: 'recordIssues', with: { tools: '[spotBugs(), owaspDependencyCheck()]', qualityGates: "[[threshold: 1, type: 'TOTAL', unstable: true]]" }, env: {}, neutralised: false, line: 46 },
    ]);
  });
});

describe('jenkinsfileParser scripted pipelines and edge cases', () => {
  it('reads node blocks, stages, catchError without SUCCESS, returnStatus and warnError', () => {
    const jobs = jobsOf(
      "node('linux') {", //                                        1
      "  checkout scm", //                                         2
      "  sh 'git clean -fdx'", //                                  3
      "  stage('Scan') {", //                                      4
      "    docker.image('aquasec/trivy:0.50.0').inside {", //      5
      "      catchError {", //                                     6
      "        sh 'trivy fs --exit-code 1 .'", //                  7
      '      }', //                                                8
      "      def status = sh(script: 'grype .', returnStatus: true)", // 9
      "      warnError('semgrep failed') {", //                    10
      "        sh 'semgrep ci'", //                                11
      '      }', //                                                12
      "      snykSecurity(snykInstallation: 'snyk', failOnIssues: false)", // 13
      '    }', //                                                  14
      '  }', //                                                    15
      "  powershell 'Invoke-Scan'", //                             16
      '}', //                                                      17
    );
    expect(jobs).toEqual([
      {
        id: 'pipeline',
        steps: [
          { run: 'git clean -fdx', with: {}, env: {}, neutralised: false, line: 3 },
          { run: 'Invoke-Scan', with: {}, env: {}, neutralised: false, line: 16 },
        ],
        neutralised: false,
        permissions: null,
        line: 3,
      },
      {
        id: 'Scan',
        image: 'aquasec/trivy:0.50.0',
        steps: [
          { uses: 'catchError', with: {}, env: {}, neutralised: false, line: 6 },
          { run: 'trivy fs --exit-code 1 .', with: {}, env: {}, neutralised: false, line: 7 },
          { run: 'grype .', with: {}, env: {}, neutralised: true, line: 9 },
          { uses: 'warnError', with: { '0': 'semgrep failed' }, env: {}, neutralised: true, line: 10 },
          { run: 'semgrep ci', with: {}, env: {}, neutralised: true, line: 11 },
          { uses: 'snykSecurity', with: { snykInstallation: 'snyk', failOnIssues: 'false' }, env: {}, neutralised: false, line: 13 },
        ],
        neutralised: false,
        permissions: null,
        line: 4,
      },
    ]);
  });

  it('reads old-style stages without a block, which last until the next one', () => {
    const jobs = jobsOf('node {', "  stage 'Build'", "  sh 'make'", "  stage 'Test'", "  sh 'make test'", '}');
    expect(jobs.map((job) => [job.id, job.line, job.steps.map((step) => step.run)])).toEqual([
      ['Build', 2, ['make']],
      ['Test', 4, ['make test']],
    ]);
  });

  it('does not take other uses of the words for steps', () => {
    const jobs = jobsOf(
      'def sh = "bash"',
      "def opts = [sh: 'x', stage: 'y']",
      "env.sh('not a step')",
      "echo 'sh \"inside a string\"'",
      "def re = /sh 'regex'/",
      "def url = 'http://example.com' // sh 'comment'",
      "stage('Real') { sh 'make' }",
    );
    expect(jobs).toEqual([{ id: 'Real', steps: [{ run: 'make', with: {}, env: {}, neutralised: false, line: 7 }], neutralised: false, permissions: null, line: 7 }]);
  });

  it('reads GStrings with nested quotes, escapes and command arguments over several lines', () => {
    const jobs = jobsOf(
      'stage("Deploy ${env.TARGET}") {',
      '  sh "helm upgrade ${params.DRY ? "--dry-run" : ""} app \\\\',
      '    ./chart"',
      '  dependencyCheck additionalArguments: "--scan .",',
      "    odcInstallation: 'ODC'",
      '}',
    );
    expect(jobs).toEqual([
      {
        id: 'Deploy ${env.TARGET}',
        steps: [
          { run: 'helm upgrade ${params.DRY ? "--dry-run" : ""} app \\', with: {}, env: {}, neutralised: false, line: 2 },
          { uses: 'dependencyCheck', with: { additionalArguments: '--scan .', odcInstallation: 'ODC' }, env: {}, neutralised: false, line: 4 },
        ],
        neutralised: false,
        permissions: null,
        line: 1,
      },
    ]);
  });

  it('survives unbalanced braces, unterminated strings and comments', () => {
    expect(jobsOf("stage('a') {", "  sh 'ok'", '}}}}', "sh 'after'").map((job) => [job.id, job.steps.length])).toEqual([
      ['a', 1],
      ['pipeline', 1],
    ]);
    expect(jobsOf("stage('a') { sh 'unterminated", "sh 'next line'", '/* open comment').flatMap((job) => job.steps.map((step) => step.run))).toEqual(['unterminated', 'next line']);
    expect(jobsOf('sh """never closed').flatMap((job) => job.steps.map((step) => step.run))).toEqual(['never closed']);
    expect(jobsOf('sh(').flatMap((job) => job.steps)).toEqual([]);
  });

  it('tokenizes in one pass: words, strings and punctuation with lines', () => {
    expect(tokenize("sh '''a\nb'''\n// c\nx(1)").map((token) => [token.kind, token.text, token.line, token.endLine])).toEqual([
      ['word', 'sh', 1, 1],
      ['string', 'a\nb', 1, 2],
      ['word', 'x', 4, 4],
      ['punct', '(', 4, 4],
      ['word', '1', 4, 4],
      ['punct', ')', 4, 4],
    ]);
  });

  it('S9 reads adversarial text in linear time', () => {
    // About 100 KB each: a pass that rescans the text for every token or brace would take seconds.
    const patterns: [string, number][] = [
      ['sh "${', 16_000],
      ["'", 100_000],
      ['/*', 50_000],
      ['sh(', 33_000],
      ["stage('x') {", 8_000],
      ["catchError(buildResult: 'SUCCESS') {\n", 3_000],
      ['{', 100_000],
      ["sh 'x'\n", 14_000],
    ];
    const parse = (text: string): boolean => 'workflows' in jenkinsfileParser.parse({ path: 'Jenkinsfile', text });
    // Warm the compiler up first so that the time measured is the algorithm's.
    for (const [pattern, count] of patterns) parse(pattern.repeat(count / 20));
    const started = performance.now();
    for (const [pattern, count] of patterns) expect(parse(pattern.repeat(count))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('S9 refuses a file larger than 1 MB', () => {
    const model = buildCiModel([{ path: 'Jenkinsfile', text: ' '.repeat(1_000_001) }], [jenkinsfileParser]);
    expect(model.unreadable).toEqual([{ file: 'Jenkinsfile', reason: 'file is larger than 1,000,000 characters' }]);
  });

  it.each([
    ['Jenkinsfile', true],
    ['ci/Jenkinsfile', true],
    ['Jenkinsfile.release', true],
    ['build.jenkinsfile', true],
    ['jenkins/pipelines/deploy.groovy', true],
    ['.jenkins/scan.groovy', true],
    ['Jenkinsfile.md', false],
    ['src/main/groovy/App.groovy', false],
    ['vars/scan.groovy', false],
    ['docs/ci.yml', false],
    ['JenkinsfileHelper.java', false],
  ])('matches %s: %s', (path, matches) => {
    expect(jenkinsfileParser.matches(path)).toBe(matches);
  });
});
