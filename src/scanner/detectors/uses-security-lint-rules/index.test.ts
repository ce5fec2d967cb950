import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, hitsIn } from './index.js';

describe('uses-security-lint-rules', () => {
  it.each([
    [file('eslint.config.mjs', "import security from 'eslint-plugin-security';", 'export default [security.configs.recommended];'), 1, 'high', 'the ESLint configuration enables security rules'],
    [file('.eslintrc.json', '{', '  "extends": ["eslint:recommended", "plugin:security/recommended-legacy"]', '}'), 2, 'high', 'the ESLint configuration enables security rules'],
    [file('.eslintrc.yml', 'plugins: [no-secrets]', 'rules:', "  'no-secrets/no-secrets': error"), 3, 'high', 'the ESLint configuration enables security rules'],
    [file('.golangci.yml', 'linters:', '  enable:', '    - govet', '    - gosec'), 4, 'high', 'golangci-lint enables gosec'],
    [file('.golangci.yaml', 'version: "2"', 'linters:', '  default: all', '  disable: [lll]'), 3, 'high', 'golangci-lint enables every linter, gosec included'],
    [file('.golangci.toml', '[linters]', 'enable = [', '  "errcheck",', '  "gosec",', ']'), 2, 'high', 'golangci-lint enables gosec'],
    [file('ruff.toml', '[lint]', 'select = ["E", "F", "S"]'), 2, 'high', 'Ruff selects the flake8-bandit security rules'],
    [file('pyproject.toml', '[tool.ruff.lint]', 'extend-select = [', '  "B",', '  "S105",', ']'), 2, 'high', 'Ruff selects the flake8-bandit security rules'],
    [file('package.json', '{', '  "devDependencies": {', '    "@microsoft/eslint-plugin-sdl": "1.0.1"', '  }', '}'), 3, 'medium', 'depends on @microsoft/eslint-plugin-sdl, a security lint plugin'],
    [file('requirements-dev.txt', 'flake8', 'flake8-bandit==4.1.1'), 2, 'medium', 'depends on flake8-bandit, a security lint plugin'],
    [file('.pre-commit-config.yaml', 'repos:', '  - repo: https://github.com/PyCQA/flake8', '    hooks:', '      - id: flake8', '        additional_dependencies: [flake8-bandit]'), 5, 'high', 'a pre-commit hook runs flake8-bandit'],
  ])('finds security lint rules in %s', (config, line, confidence, what) => {
    expect(runDetector(detector, { files: [config] })).toEqual([{ outcome: 'positive', file: config.path, line, level: 2, confidence, message: `${config.path}: ${what}` }]);
  });

  it.each([
    ['ESLint without security plugins', file('eslint.config.js', 'export default [{ rules: { "no-unused-vars": "error" } }];')],
    ['a commented-out plugin', file('.eslintrc.js', "// extends: ['plugin:security/recommended']", 'module.exports = {};')],
    ['gosec disabled under enable-all', file('.golangci.yml', 'linters:', '  enable-all: true', '  disable: [gosec]')],
    ['Ruff without S rules', file('ruff.toml', 'select = ["E", "SIM", "F"]')],
    ['S rules selected for another tool in pyproject', file('pyproject.toml', '[tool.other]', 'select = ["S"]')],
    ['a security plugin under a fixture path', file('examples/app/package.json', '{"devDependencies": {"eslint-plugin-security": "3"}}')],
  ])('finds nothing for %s', (_name, config) => {
    expect(runDetector(detector, { files: [config] })).toEqual([]);
  });

  it('finds nothing in a golangci file it cannot read (inconclusive)', () => {
    expect(hitsIn(file('.golangci.yml', 'linters: [', '  enable: gosec'))).toEqual([]);
  });

  it('stays linear on hostile configuration', () => {
    const started = performance.now();
    hitsIn(file('ruff.toml', 'select = ['.repeat(10_000)));
    hitsIn(file('.golangci.toml', 'enable = ['.repeat(10_000)));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
