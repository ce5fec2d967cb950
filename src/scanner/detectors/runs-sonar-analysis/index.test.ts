import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, file, job, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

describe('runs-sonar-analysis', () => {
  it.each<[string, Partial<CiStep>, string]>([
    ['the SonarQube scan action', { uses: 'SonarSource/sonarqube-scan-action@v4', env: { SONAR_TOKEN: '${{ secrets.SONAR_TOKEN }}' } }, 'SonarQube'],
    ['the SonarCloud action', { uses: 'SonarSource/sonarcloud-github-action@v3' }, 'SonarQube'],
    ['sonar-scanner', { run: 'sonar-scanner -Dsonar.projectKey=app' }, 'SonarScanner'],
    ['mvn sonar:sonar', { run: 'mvn -B verify sonar:sonar -Dsonar.projectKey=app' }, 'SonarScanner'],
    ['gradle sonar', { run: './gradlew build sonar --info' }, 'SonarScanner'],
    ['dotnet sonarscanner begin', { run: 'dotnet sonarscanner begin /k:"app" /d:sonar.token="$SONAR_TOKEN"' }, 'SonarScanner'],
    ['Jenkins withSonarQubeEnv', { uses: 'withSonarQubeEnv', with: { '0': 'sonar' } }, 'SonarQube'],
    ['the Azure SonarCloudAnalyze task', { uses: 'SonarCloudAnalyze@2' }, 'SonarQube'],
    ['the Bitbucket SonarCloud pipe', { uses: 'sonarsource/sonarcloud-scan:2.0.0' }, 'SonarQube'],
  ])('finds %s in CI', (_name, fields, tool) => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ ...fields, line: 61 })]) });
    expect(findings).toEqual([{ outcome: 'positive', file: '.github/workflows/ci.yml', line: 61, confidence: 'high', level: 2, message: `.github/workflows/ci.yml:61 runs Sonar analysis with ${tool}` }]);
  });

  it.each([
    ['pom.xml', ['<project>', '  <properties>', '    <sonar.host.url>https://sonarcloud.io</sonar.host.url>', '  </properties>', '</project>'], 3, 'high', 'pom.xml points at a Sonar server (sonar.host.url)'],
    ['sonar-project.properties', ['# Sonar', 'sonar.projectKey=acme_app', 'sonar.sources=src'], 2, 'high', 'sonar-project.properties configures a Sonar analysis'],
    ['.sonarcloud.properties', ['sonar.exclusions=**/test/**'], 1, 'high', '.sonarcloud.properties configures a Sonar analysis'],
    ['build.gradle.kts', ['plugins {', '    id("org.sonarqube") version "5.1.0.4882"', '}'], 2, 'medium', 'build.gradle.kts applies the org.sonarqube Gradle plugin'],
  ])('finds %s as partial evidence when no step runs the analysis', (path, lines, line, confidence, what) => {
    const findings = runDetector(detector, { files: [file(path, ...lines)] });
    expect(findings).toEqual([
      { outcome: 'positive', file: path, line, confidence, level: 2, status: 'partial', message: `${what}, but no pipeline step running the analysis was found (SonarCloud automatic analysis or a manual run may still use it)` },
    ]);
  });

  it('reports the CI step, not the configuration, when both exist', () => {
    const findings = runDetector(detector, { files: [file('sonar-project.properties', 'sonar.projectKey=app')], ci: ciWithSteps([step({ run: 'sonar-scanner', line: 5 })]) });
    expect(findings.map((finding) => [finding.file, finding.line, finding.status])).toEqual([['.github/workflows/ci.yml', 5, undefined]]);
  });

  it.each([
    ['a pom without sonar.host.url', [file('pom.xml', '<project><properties><java.version>21</java.version></properties></project>')]],
    ['a pom with an empty sonar.host.url', [file('pom.xml', '<sonar.host.url></sonar.host.url>')]],
    ['a Sonar config under a fixture path', [file('src/test/resources/project/sonar-project.properties', 'sonar.projectKey=x')]],
    ['a file that only mentions Sonar', [file('README.md', 'We use sonar-scanner.')]],
  ])('finds nothing in %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it('keeps a SonarCloud task with continueOnError at level 2 (the Azure trap)', () => {
    const azure = workflow({ system: 'azure-pipelines', file: 'azure-pipelines.yml', jobs: [job({ steps: [step({ uses: 'SonarCloudAnalyze@2', neutralised: true, line: 40 })] })] });
    const [finding] = runDetector(detector, { ci: { workflows: [azure], unreadable: [] } });
    expect(finding).toMatchObject({ outcome: 'positive', file: 'azure-pipelines.yml', line: 40, level: 2 });
    expect(finding?.message).toContain('continueOnError');
  });

  it('is inconclusive for a properties file without sonar.* settings', () => {
    expect(runDetector(detector, { files: [file('sonar-project.properties', '# to be filled in')] })).toEqual([
      { outcome: 'not-applicable', file: 'sonar-project.properties', line: 1, confidence: 'high', message: 'sonar-project.properties sets no sonar.* property, so it says nothing about an analysis' },
    ]);
  });
});
