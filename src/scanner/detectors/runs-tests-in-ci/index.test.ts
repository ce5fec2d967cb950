import { describe, expect, it } from 'vitest';
import { ciWithSteps, runDetector, step } from '../testing.js';
import { detector, testCommand } from './index.js';

const PRACTICES = ['ci-security-testing.defined-pipeline', 'secure-development.tests-in-ci'];

describe('runs-tests-in-ci', () => {
  it.each([
    ['npm test', 'npm test'],
    ['npm ci && npm run test:unit -- --coverage', 'npm run test:unit'],
    ['pnpm -r --filter ./packages/** test', 'pnpm -r --filter ./packages/** test'],
    ['yarn test --ci', 'yarn test'],
    ['npx vitest run', 'npx vitest'],
    ['go test ./... -race', 'go test'],
    ['poetry run pytest -q', 'poetry run pytest'],
    ['python -m pytest tests/', 'python -m pytest'],
    ['./mvnw -B verify', './mvnw -B verify'],
    ['./gradlew --no-daemon build', './gradlew --no-daemon build'],
    ['cargo test --locked', 'cargo test'],
    ['dotnet test --no-build', 'dotnet test'],
    ['bundle exec rspec', 'bundle exec rspec'],
    ['make test', 'make test'],
    ['npm run unit', 'npm run unit'],
    ['npm run unit:ci', 'npm run unit:ci'],
    ['npm run test:e2e', 'npm run test:e2e'],
    ['yarn unit --silent', 'yarn unit'],
    ['yarn workspace @acme/web test', 'yarn workspace @acme/web test'],
    ['pnpm test', 'pnpm test'],
    ['bun test', 'bun test'],
    ['tox -e py312', 'tox'],
    ['nox -s tests', 'nox'],
    ['mvn -B test', 'mvn -B test'],
    ['gradle check', 'gradle check'],
  ])('recognises %j', (run, command) => {
    expect(testCommand(step({ run }))).toBe(command);
  });

  it.each([
    ['DotNetCoreCLI@2', { command: 'test', projects: '**/*Tests.csproj' }, 'DotNetCoreCLI test'],
    ['Maven@4', { goals: 'clean verify' }, 'Maven clean verify'],
    ['gradle/gradle-build-action@v2', { arguments: 'check' }, 'gradle check'],
  ])('recognises the %s task', (uses, inputs, command) => {
    expect(testCommand(step({ uses, with: inputs }))).toBe(command);
  });

  it.each([
    ['npm install'],
    ['npm run build'],
    ['npm install test-utils'],
    ['echo "run npm test locally"'],
    ['mvn -B package -DskipTests'],
    ['./gradlew build -x test'],
    ['go build ./...'],
    ['pip install pytest'],
    ['npm run units'],
    ['npm run lint:unit-names'],
    ['yarn workspace web build'],
  ])('ignores %j', (run) => {
    expect(testCommand(step({ run }))).toBeUndefined();
  });

  it('reports level 2 for both practices, partial when the tests may fail', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run: 'npm test', line: 18 }), step({ run: 'pytest || true', neutralised: true, line: 25 })]) });
    expect(findings).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 18, level: 2, confidence: 'high', practices: PRACTICES, message: 'The pipeline runs the tests (npm test)' },
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 25, level: 2, status: 'partial', confidence: 'high', practices: PRACTICES, message: 'The pipeline runs the tests (pytest) but lets them fail without failing the build' },
    ]);
  });

  it('finds nothing without a pipeline (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector)).toEqual([]);
  });

  it('stays linear on hostile run text', () => {
    const started = performance.now();
    testCommand(step({ run: `mvn ${'x '.repeat(50_000)}` }));
    testCommand(step({ run: `npm ${'--a b '.repeat(15_000)}` }));
    testCommand(step({ run: ';'.repeat(100_000) }));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
