import { describe, expect, it } from 'vitest';
import { azurePipelinesParser, isAzureTrue } from './azure-pipelines.js';
import { buildCiModel } from './index.js';
import type { CiWorkflow } from './model.js';

function parseOne(path: string, ...lines: string[]): CiWorkflow {
  const result = azurePipelinesParser.parse({ path, text: lines.join('\n') });
  if ('error' in result) throw new Error(result.error);
  expect(result.workflows).toHaveLength(1);
  return result.workflows[0]!;
}

function refusal(...lines: string[]): string {
  const model = buildCiModel([{ path: 'azure-pipelines.yml', text: lines.join('\n') }], [azurePipelinesParser]);
  expect(model.workflows).toEqual([]);
  return model.unreadable[0]?.reason ?? '';
}

const PIPELINE = [
  'name: $(Date:yyyyMMdd)$(Rev:.r)', //                    1
  'trigger:', //                                            2
  '  branches: {include: [main]}', //                       3
  'pr: none', //                                            4
  'schedules:', //                                          5
  "  - cron: '0 3 * * *'", //                               6
  '    branches: {include: [main]}', //                     7
  'resources:', //                                          8
  '  repositories:', //                                     9
  '    - repository: templates', //                         10
  '      type: git', //                                     11
  '      name: Platform/pipeline-templates', //             12
  'stages:', //                                             13
  '  - stage: Build', //                                    14
  '    jobs:', //                                           15
  '      - job: Analyze', //                                16
  '        displayName: Static analysis', //                17
  '        container: mcr.microsoft.com/dotnet/sdk:8.0', //  18
  '        steps:', //                                      19
  '          - checkout: self', //                          20
  '          - task: SonarCloudPrepare@2', //               21
  '            inputs:', //                                 22
  '              SonarCloud: sonarcloud', //                23
  '              scannerMode: MSBuild', //                  24
  '          - script: dotnet build', //                    25
  '            displayName: Build', //                      26
  '          - task: SonarCloudAnalyze@2', //               27
  '            continueOnError: true', //                   28
  '          - bash: |', //                                 29
  '              trivy fs . || true', //                    30
  '            env:', //                                    31
  '              TRIVY_SEVERITY: HIGH', //                  32
  '          - template: steps/publish.yml@templates', //   33
  '          - task: MicrosoftSecurityDevOps@1', //         34
  '            enabled: false', //                          35
  '      - template: jobs/scan.yml', //                     36
  '  - stage: Deploy', //                                   37
  '    jobs:', //                                           38
  '      - deployment: Production', //                      39
  '        continueOnError: yes', //                        40
  '        environment: prod', //                           41
  '        strategy:', //                                   42
  '          runOnce:', //                                  43
  '            preDeploy:', //                              44
  '              steps:', //                                45
  '                - pwsh: ./check.ps1', //                 46
  '            deploy:', //                                 47
  '              steps:', //                                48
  '                - task: AzureCLI@2', //                  49
  '                  inputs: {scriptType: bash, inlineScript: az group list}', // 50
  '            on:', //                                     51
  '              failure:', //                              52
  '                steps:', //                              53
  '                  - powershell: Write-Host failed', //   54
  '  - template: stages/release.yml', //                    55
];

describe('azurePipelinesParser', () => {
  it('reads triggers and templates of stages, jobs and steps as includes', () => {
    const workflow = parseOne('azure-pipelines.yml', ...PIPELINE);
    expect(workflow).toMatchObject({ system: 'azure-pipelines', file: 'azure-pipelines.yml', name: '$(Date:yyyyMMdd)$(Rev:.r)', triggers: ['push', 'schedule'], permissions: null, orbs: {} });
    expect(workflow.includes).toEqual([{ ref: 'steps/publish.yml@templates', line: 33 }, { ref: 'jobs/scan.yml', line: 36 }, { ref: 'stages/release.yml', line: 55 }]);
    expect(workflow.jobs.map((job) => [job.id, job.line])).toEqual([
      ['Analyze', 16],
      ['Production', 39],
    ]);
  });

  it('reads a job of a stage: container, tasks with inputs, scripts, continueOnError and disabled steps', () => {
    const [analyze] = parseOne('azure-pipelines.yml', ...PIPELINE).jobs;
    expect(analyze).toEqual({
      id: 'Analyze',
      name: 'Static analysis',
      image: 'mcr.microsoft.com/dotnet/sdk:8.0',
      steps: [
        { uses: 'checkout', with: { checkout: 'self' }, env: {}, neutralised: false, line: 20 },
        { uses: 'SonarCloudPrepare@2', with: { SonarCloud: 'sonarcloud', scannerMode: 'MSBuild' }, env: {}, neutralised: false, line: 21 },
        { name: 'Build', run: 'dotnet build', with: {}, env: {}, neutralised: false, line: 25 },
        { uses: 'SonarCloudAnalyze@2', with: {}, env: {}, neutralised: true, line: 27 },
        { run: 'trivy fs . || true\n', with: {}, env: { TRIVY_SEVERITY: 'HIGH' }, neutralised: true, line: 29 },
      ],
      neutralised: false,
      permissions: null,
      line: 16,
    });
  });

  it('reads the lifecycle hooks of a deployment job', () => {
    const production = parseOne('azure-pipelines.yml', ...PIPELINE).jobs[1];
    expect(production).toEqual({
      id: 'Production',
      steps: [
        { run: './check.ps1', with: {}, env: {}, neutralised: false, line: 46 },
        { uses: 'AzureCLI@2', with: { scriptType: 'bash', inlineScript: 'az group list' }, env: {}, neutralised: false, line: 49 },
        { run: 'Write-Host failed', with: {}, env: {}, neutralised: false, line: 54 },
      ],
      neutralised: true,
      permissions: null,
      line: 39,
    });
  });

  it('reads a pipeline of steps only as one job, and extends as an include', () => {
    const workflow = parseOne(
      '.pipelines/ci.yaml',
      'pool: {vmImage: ubuntu-latest}',
      'extends:',
      '  template: secure.yml@templates',
      'steps:',
      '  - script: npm ci',
      "  - ${{ if eq(parameters.scan, true) }}:",
      '    - task: AdvancedSecurity-Codeql-Init@1',
      '      inputs: {languages: javascript}',
      '    - ${{ parameters.extraSteps }}',
    );
    expect(workflow.triggers).toEqual([]);
    expect(workflow.includes).toEqual([{ ref: 'secure.yml@templates', line: 3 }]);
    expect(workflow.jobs).toEqual([
      {
        id: 'Job',
        steps: [
          { run: 'npm ci', with: {}, env: {}, neutralised: false, line: 5 },
          { uses: 'AdvancedSecurity-Codeql-Init@1', with: { languages: 'javascript' }, env: {}, neutralised: false, line: 7 },
        ],
        neutralised: false,
        permissions: null,
        line: 4,
      },
    ]);
  });

  it('reads top-level jobs, and a steps template expression as no steps', () => {
    const workflow = parseOne('.azure-pipelines/templates/jobs.yml', 'parameters: [{name: steps, type: stepList}]', 'jobs:', '  - job:', '    steps: ${{ parameters.steps }}', '  - job: Scan', '    steps: [{script: grype .}]');
    expect(workflow.jobs.map((job) => [job.id, job.steps.map((step) => step.run), job.line])).toEqual([
      ['Job', [], 3],
      ['Scan', ['grype .'], 5],
    ]);
  });

  it.each([
    [true, true],
    ['True', true],
    ['yes', true],
    ['on', true],
    [false, false],
    ['false', false],
    ['$(continue)', false],
    [undefined, false],
  ])('reads %j as continueOnError %s', (value, expected) => {
    expect(isAzureTrue(value)).toBe(expected);
  });

  it.each([
    ['azure-pipelines.yml', true],
    ['azure-pipelines.yaml', true],
    ['services/api/azure-pipelines.yml', true],
    ['azure-pipelines-release.yml', true],
    ['.azure-pipelines/build.yml', true],
    ['.pipelines/templates/steps/scan.yaml', true],
    ['pipelines/build.yml', false],
    ['azure-pipelines.md', false],
    ['docs/ci.yml', false],
  ])('matches %s: %s', (path, matches) => {
    expect(azurePipelinesParser.matches(path)).toBe(matches);
  });

  it.each([
    ['invalid YAML', ['steps:', '- script: "unclosed'], /line/],
    ['a list at the top', ['- script: x'], /^pipeline: expected a map at the top of the file, found a list \(line 1\)$/],
    ['jobs: 5', ['jobs: 5'], /^jobs: expected a list, found a number \(line 1\)$/],
    ['stages that are a map', ['stages:', '  build: {}'], /^stages: expected a list, found a map \(line 1\)$/],
    ['10,000-deep nesting', [`steps: ${'['.repeat(10_000)}`], /nesting deeper than 64 levels/],
  ])('lists %s as unreadable', (_name, lines, reason) => {
    expect(refusal(...lines)).toMatch(reason);
  });
});
