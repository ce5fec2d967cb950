import { describe, expect, it } from 'vitest';
import { ciWithSteps, file, runDetector, step } from '../testing.js';
import { detector } from './index.js';

describe('gates-on-coverage', () => {
  it.each([
    [file('jest.config.js', 'module.exports = {', '  coverageThreshold: { global: { lines: 80 } },', '};'), 2, 'Jest coverageThreshold'],
    [file('vitest.config.ts', 'export default defineConfig({', '  test: { coverage: {', '    thresholds: { lines: 90 },', '  } },', '});'), 3, 'Vitest coverage thresholds'],
    [file('package.json', '{', '  "jest": {', '    "coverageThreshold": { "global": { "branches": 70 } }', '  }', '}'), 3, 'Jest coverageThreshold'],
    [file('setup.cfg', '[coverage:report]', 'fail_under = 85'), 2, 'coverage.py fail_under'],
    [file('pyproject.toml', '[tool.pytest.ini_options]', 'addopts = "--cov=app --cov-fail-under=90"'), 2, 'pytest-cov --cov-fail-under'],
    [file('.nycrc.json', '{ "check-coverage": true, "lines": 80 }'), 1, 'nyc/c8 check-coverage'],
    [file('codecov.yml', 'coverage:', '  status:', '    project:', '      default:', '        target: 80%', '        informational: false'), 5, 'Codecov project target 80%'],
  ])('finds a coverage gate in %s', (config, line, what) => {
    expect(runDetector(detector, { files: [config] })).toEqual([{ outcome: 'positive', file: config.path, line, level: 3, confidence: 'high', message: `${what} fails the build when coverage drops` }]);
  });

  it('is partial for a Codecov target that only blocks merges when required', () => {
    expect(runDetector(detector, { files: [file('.codecov.yml', 'coverage:', '  status:', '    patch:', '      default:', '        target: auto')] })).toEqual([
      { outcome: 'positive', file: '.codecov.yml', line: 5, level: 3, status: 'partial', confidence: 'high', message: 'Codecov patch target auto is set, but the failing Codecov status blocks a merge only when branch protection requires it' },
    ]);
  });

  it('finds a gate on a command line, level 2 when the step may fail', () => {
    const ci = ciWithSteps([step({ run: 'pytest --cov=app --cov-fail-under=85', line: 30 }), step({ run: 'npx nyc --check-coverage --lines 90 mocha || true', neutralised: true, line: 40 })]);
    expect(runDetector(detector, { ci })).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 30, level: 3, confidence: 'high', message: 'The pipeline fails when coverage drops below a threshold (pytest-cov --cov-fail-under)' },
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 40, level: 2, status: 'partial', confidence: 'high', message: 'The pipeline checks coverage with nyc/c8 --check-coverage, but the step may fail without failing the build' },
    ]);
  });

  it.each([
    ['coverage collected without a threshold', file('jest.config.ts', 'export default { collectCoverage: true };')],
    ['a commented-out threshold', file('vitest.config.ts', '// thresholds: { lines: 80 }')],
    ['a pom.xml with JaCoCo reporting only', file('pom.xml', '<artifactId>jacoco-maven-plugin</artifactId>', '<goal>report</goal>')],
    ['a threshold under a fixture folder', file('test/fixtures/jest.config.js', 'coverageThreshold: {}')],
  ])('finds nothing for %s', (_name, config) => {
    expect(runDetector(detector, { files: [config] })).toEqual([]);
  });

  it('ignores a coverage upload without a threshold', () => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run: 'pytest --cov=app' }), step({ uses: 'codecov/codecov-action@v4' })]) })).toEqual([]);
  });

  it.each([
    [file('codecov.yml', 'coverage:', '  status:', '    project:', '      default:', '        target: 80%', '        informational: true'), 'Codecov project target 80% is configured but the check is informational, so it fails nothing'],
    [file('.coveragerc', '[report]', 'fail_under = 0'), 'coverage.py fail_under is configured but its threshold is 0, so it fails nothing'],
  ])('is inconclusive for a gate that is switched off in %s', (config, message) => {
    expect(runDetector(detector, { files: [config] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: config.path, message })]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { ci: ciWithSteps([step({ run: `${'coverage report '.repeat(6_000)}${'nyc '.repeat(10_000)}` })]), files: [file('setup.cfg', `fail_under${' '.repeat(100_000)}`), file('jest.config.js', `coverageThreshold${' '.repeat(100_000)}`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
