import { describe, expect, it } from 'vitest';
import { parseCiFiles } from '../ci/parsers.js';
import { ciWithSteps, file, job, step, workflow } from './testing.js';
import { callName, findToolHits, flagValue, gateOf, imageName, neutralisedBy, programWords, shellCommands } from './security-tools.js';

const words = (text: string): string[][] => shellCommands(text).map((command) => [...command.words]);

describe('shellCommands', () => {
  it.each([
    ['npm ci && npm audit --audit-level=high', [['npm', 'ci'], ['npm', 'audit', '--audit-level=high']]],
    ['echo "npm audit; trivy fs ."', [['echo', 'npm audit; trivy fs .']]],
    ["echo 'run semgrep ci' # semgrep ci", [['echo', 'run semgrep ci']]],
    ['# npm audit\nsemgrep ci', [['semgrep', 'ci']]],
    ['trivy fs \\\n  --exit-code 1 .', [['trivy', 'fs', '--exit-code', '1', '.']]],
    ['out=$(grype dir:.)', [['out='], ['grype', 'dir:.']]],
    ['npm audit 2>&1 | tee audit.txt', [['npm', 'audit', '2>&1'], ['tee', 'audit.txt']]],
    ['if npm audit; then echo ok; fi', [['if', 'npm', 'audit'], ['then', 'echo', 'ok'], ['fi']]],
    ['trivy fs --severity "HIGH,CRITICAL" .', [['trivy', 'fs', '--severity', 'HIGH,CRITICAL', '.']]],
    ['echo ${HOME}/x', [['echo', '${HOME}/x']]],
  ])('%j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('records how a command joins the next', () => {
    expect(shellCommands('npm audit || true').map((command) => command.then)).toEqual(['or', 'end']);
    expect(shellCommands('(npm audit) || true').map((command) => command.then)).toEqual(['or', 'end']);
    expect(shellCommands('a && b | c').map((command) => command.then)).toEqual(['and', 'pipe', 'end']);
  });
});

describe('programWords', () => {
  it.each([
    ['sudo -E trivy fs .', ['trivy', 'fs', '.']],
    ['npx -y snyk test', ['snyk', 'test']],
    ['python3 -m bandit -r src', ['bandit', '-r', 'src']],
    ['pipx run zizmor .', ['zizmor', '.']],
    ['FOO=1 go run github.com/securego/gosec/v2/cmd/gosec@latest ./...', ['github.com/securego/gosec/v2/cmd/gosec@latest', './...']],
    ['docker run --rm -v "$PWD:/src" returntocorp/semgrep semgrep ci', ['semgrep', 'ci']],
    ['docker run aquasec/trivy:0.50.0 fs --exit-code 1 .', ['trivy', 'fs', '--exit-code', '1', '.']],
    ['docker run -t ghcr.io/zaproxy/zaproxy:stable zap-baseline.py -t https://example.test', ['zaproxy', 'zap-baseline.py', '-t', 'https://example.test']],
    ['docker run node:20 npm test', ['docker', 'run', 'node:20', 'npm', 'test']],
    ['echo npm audit', ['echo', 'npm', 'audit']],
  ])('%j', (text, expected) => {
    expect(programWords(shellCommands(text)[0]?.words ?? [])).toEqual(expected);
  });
});

describe('names', () => {
  it.each([
    ['github/codeql-action/analyze@v3', 'github/codeql-action/analyze'],
    ['Aquasecurity/Trivy-Action@0.28.0', 'aquasecurity/trivy-action'],
    ['SonarCloudAnalyze@2', 'sonarcloudanalyze'],
    ['docker://ghcr.io/zaproxy/zaproxy:stable', 'ghcr.io/zaproxy/zaproxy'],
    ['snyk/snyk-scan:1.0.1', 'snyk/snyk-scan'],
    ['withSonarQubeEnv', 'withsonarqubeenv'],
  ])('callName(%j) = %j', (uses, expected) => {
    expect(callName(uses)).toBe(expected);
  });

  it.each([
    ['docker.io/library/alpine:3.20', 'alpine'],
    ['localhost:5000/team/scan:1', 'localhost:5000/team/scan'],
    ['aquasec/trivy@sha256:abc', 'aquasec/trivy'],
  ])('imageName(%j) = %j', (reference, expected) => {
    expect(imageName(reference)).toBe(expected);
  });

  it('reads flags written with a space or an equals sign', () => {
    expect(flagValue(['--exit-code', '1', '--severity=HIGH'], ['--severity'])).toBe('HIGH');
    expect(flagValue(['--exit-code', '1'], ['--exit-code'])).toBe('1');
    expect(flagValue(['--exit-codes', '1'], ['--exit-code'])).toBeUndefined();
  });
});

describe('findToolHits', () => {
  it('finds tools by action, command, template, docker step and job image, each once per place', () => {
    const ci = {
      workflows: [
        workflow({ jobs: [job({ steps: [step({ uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs' }, line: 5 }), step({ run: 'npm audit\nnpm audit --json', line: 9 }), step({ uses: 'docker://aquasec/trivy:0.50.0', with: { args: 'fs .' }, line: 12 })] })] }),
        workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'Jobs/Dependency-Scanning.gitlab-ci.yml', line: 3 }], jobs: [job({ id: 'dast', image: 'ghcr.io/zaproxy/zaproxy:stable', line: 20, steps: [step({ run: 'echo scanning', line: 21 })] })] }),
      ],
      unreadable: [],
    };
    const hits = findToolHits(ci, ['sca', 'dast']);
    expect(hits.map((hit) => [hit.tool.name, hit.workflow.file, hit.line])).toEqual([
      ['Trivy', '.github/workflows/ci.yml', 5],
      ['npm audit', '.github/workflows/ci.yml', 9],
      ['Trivy', '.github/workflows/ci.yml', 12],
      ['GitLab Dependency Scanning', '.gitlab-ci.yml', 3],
      ['ZAP', '.gitlab-ci.yml', 20],
    ]);
  });

  it('reads GitLab catalog components and CircleCI orb commands as resolved by the parser', () => {
    const gitlab = workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: '$CI_SERVER_FQDN/components/sast/sast@2.0.2', line: 3 }] });
    const circle = workflow({ system: 'circleci', file: '.circleci/config.yml', orbs: { snyk: 'snyk/snyk@2.1.0' }, jobs: [job({ steps: [step({ uses: 'snyk/snyk/scan', with: { 'severity-threshold': 'high' }, line: 14 })] })] });
    const hits = findToolHits({ workflows: [gitlab, circle], unreadable: [] }, ['language-sast', 'sca']);
    expect(hits.map((hit) => hit.tool.name)).toEqual(['GitLab SAST', 'Snyk']);
    expect(gateOf(hits[1]!)).toEqual({ detail: 'severity threshold high', threshold: true });
  });

  it('does not take a tool name in text, a comment or an unrelated program for the tool', () => {
    const ci = ciWithSteps([
      step({ run: 'echo "remember to run npm audit"\n# trivy fs .\nnpm run audit-report\nnpm audit signatures', line: 3 }),
      step({ uses: 'actions/github-script@v7', with: { script: "const tools = /trivy|snyk|semgrep|npm audit/; core.info('Mend')" }, line: 8 }),
      step({ run: 'curl -LJO https://example.test/wss-unified-agent.jar', line: 12 }),
      step({ run: 'tfsec --version && gosec -version && osv-scanner --help', line: 15 }),
      step({ run: 'npx dependency-check ./package.json --missing', line: 18 }),
    ]);
    expect(findToolHits(ci, ['sca', 'language-sast', 'sast', 'iac'])).toEqual([]);
  });

  it('reads the script of sh -c and bash -ec, keeping a fallback written after it', () => {
    const ci = ciWithSteps([step({ run: `bash -ec "npm ci && npm audit --audit-level=high"`, line: 2 }), step({ run: `sh -c 'trivy fs .' || true`, line: 6 })]);
    const hits = findToolHits(ci, ['sca']);
    expect(hits.map((hit) => [hit.tool.name, hit.line, gateOf(hit)?.detail, neutralisedBy(hit)])).toEqual([
      ['npm audit', 2, '--audit-level=high', undefined],
      ['Trivy', 6, undefined, 'the command is followed by "|| true"'],
    ]);
  });

  it('sees a command-level "|| true" fallback and a tool soft-fail input', () => {
    const ci = ciWithSteps([step({ run: 'java -jar wss-unified-agent.jar -c wss.config || true', line: 4 }), step({ uses: 'bridgecrewio/checkov-action@v12', with: { soft_fail: 'true' }, line: 9 })]);
    const hits = findToolHits(ci, ['sca', 'iac']);
    expect(hits.map((hit) => [hit.tool.name, neutralisedBy(hit)])).toEqual([
      ['Mend Unified Agent', 'the command is followed by "|| true"'],
      ['Checkov', 'it is set to pass whatever it finds (soft_fail: true)'],
    ]);
    expect(hits.map(gateOf)).toEqual([undefined, undefined]);
  });

  it('drops the CodeQL init task when the same job analyses', () => {
    const analysed = findToolHits(ciWithSteps([step({ uses: 'AdvancedSecurity-Codeql-Init@1', line: 3 }), step({ uses: 'AdvancedSecurity-Codeql-Analyze@1', line: 9 })]), ['sast']);
    expect(analysed.map((hit) => hit.line)).toEqual([9]);
    const prepared = findToolHits(ciWithSteps([step({ uses: 'AdvancedSecurity-Codeql-Init@1', line: 3 })]), ['sast']);
    expect(prepared.map((hit) => hit.line)).toEqual([3]);
  });
});

describe('with the real CI parsers', () => {
  it('matches what the GitHub, GitLab, Jenkins and Azure parsers produce', () => {
    const ci = parseCiFiles([
      file('.github/workflows/ci.yml', 'on: push', 'jobs:', '  audit:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm audit --audit-level=high', '      - uses: aquasecurity/trivy-action@0.28.0', '        continue-on-error: true', '        with:', '          scan-type: fs'),
      file('.gitlab-ci.yml', 'include:', '  - template: Jobs/SAST.gitlab-ci.yml', 'iac:', '  allow_failure: true', '  script:', '    - checkov -d infra'),
      file('Jenkinsfile', 'pipeline {', '  agent any', '  stages {', "    stage('Gate') {", '      steps {', '        waitForQualityGate abortPipeline: true', '      }', '    }', '  }', '}'),
      file('azure-pipelines.yml', 'steps:', '- task: SonarCloudAnalyze@2', '  continueOnError: true'),
    ]);
    const hits = findToolHits(ci, ['sca', 'language-sast', 'iac', 'sonar']);
    expect(hits.map((hit) => [hit.workflow.file, hit.line, hit.tool.name, gateOf(hit)?.detail ?? null, neutralisedBy(hit) !== undefined])).toEqual([
      ['.github/workflows/ci.yml', 6, 'npm audit', '--audit-level=high', false],
      ['.github/workflows/ci.yml', 7, 'Trivy', null, true],
      ['.gitlab-ci.yml', 2, 'GitLab SAST', null, false],
      ['.gitlab-ci.yml', 5, 'Checkov', null, true],
      ['Jenkinsfile', 6, 'Sonar quality gate', 'waitForQualityGate abortPipeline: true', false],
      ['azure-pipelines.yml', 2, 'SonarQube', null, true],
    ]);
  });
});

describe('S10: linear on adversarial input', () => {
  const groups = ['sca', 'sast', 'sonar', 'language-sast', 'dast', 'iac', 'container', 'secrets', 'scorecard', 'workflow-lint'] as const;
  it.each([
    ['quotes', '"'.repeat(100_000)],
    ['backslashes', '\\'.repeat(100_000)],
    ['or-operators', '||'.repeat(50_000)],
    ['command substitutions', '$('.repeat(50_000)],
    ['one long command', 'npm audit '.repeat(10_000)],
    ['one long word', 'a'.repeat(100_000)],
    ['docker options', `docker run ${'-v x '.repeat(20_000)}`],
    ['wrapper flags', `sudo ${'-E '.repeat(33_000)}`],
    ['nested shells', `${'bash -c "'.repeat(10_000)}npm audit`],
    ['a long shell option', `bash -${'c'.repeat(100_000)}X`],
  ])('S10 reads 100 KB of %s in < 100 ms', (_name, text) => {
    const ci = ciWithSteps([step({ run: text, with: { args: text } })]);
    findToolHits(ci, groups); // warm-up: the bound is about the algorithm, not the JIT
    const started = performance.now();
    findToolHits(ci, groups);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
