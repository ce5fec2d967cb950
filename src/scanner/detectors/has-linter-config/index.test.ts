import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('has-linter-config', () => {
  it.each([
    [file('eslint.config.js', "import js from '@eslint/js';", 'export default [js.configs.recommended];'), 1, 'ESLint'],
    [file('web/.eslintrc.json', '{ "extends": "next" }'), 1, 'ESLint'],
    [file('biome.json', '{ "linter": { "enabled": true } }'), 1, 'Biome'],
    [file('.golangci.yml', 'linters:', '  enable: [govet]'), 1, 'golangci-lint'],
    [file('ruff.toml', 'line-length = 100'), 1, 'Ruff'],
    [file('.rubocop.yml', 'AllCops:', '  NewCops: enable'), 1, 'RuboCop'],
    [file('.flake8', '[flake8]', 'max-line-length = 100'), 1, 'Flake8'],
    [file('pyproject.toml', '[project]', 'name = "x"', '', '[tool.ruff.lint]', 'select = ["E"]'), 4, 'Ruff'],
    [file('setup.cfg', '[metadata]', 'name = x', '[flake8]', 'ignore = E501'), 3, 'Flake8'],
    [file('package.json', '{', '  "name": "x",', '  "eslintConfig": { "extends": "react-app" }', '}'), 3, 'ESLint'],
  ])('finds a linter in %s', (config, line, linter) => {
    expect(runDetector(detector, { files: [config] })).toEqual([{ outcome: 'positive', file: config.path, line, level: 1, confidence: 'high', message: `${config.path} configures ${linter}` }]);
  });

  it.each([
    ['package.json without eslintConfig', file('package.json', '{"devDependencies": {"eslint": "9"}}')],
    ['pyproject.toml without a linter table', file('pyproject.toml', '[tool.black]', 'line-length = 100')],
    ['a commented-out section', file('setup.cfg', '# [flake8]')],
    ['a linter config under a fixture folder', file('test/fixtures/.eslintrc.json', '{}')],
    ['a config inside node_modules', file('node_modules/pkg/.eslintrc.json', '{}')],
  ])('finds nothing for %s', (_name, config) => {
    expect(runDetector(detector, { files: [config] })).toEqual([]);
  });

  it('is inconclusive for an empty configuration file', () => {
    expect(runDetector(detector, { files: [file('.pylintrc', '')] })).toEqual([{ outcome: 'not-applicable', file: '.pylintrc', line: 1, confidence: 'high', message: '.pylintrc is empty, so Pylint runs with its defaults at best' }]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('pyproject.toml', `[tool.ruff${'.a'.repeat(50_000)}`), file('package.json', `${' '.repeat(100_000)}"eslintConfig"`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
