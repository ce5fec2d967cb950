import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('configures-secret-scanner', () => {
  it.each([
    ['.gitleaks.toml', 'gitleaks', ['title = "acme"', '', '[extend]', 'useDefault = true']],
    ['.gitleaks.toml', 'gitleaks', ['[[rules]]', 'id = "acme-token"', "regex = '''acme_[a-z0-9]{32}'''"]],
    ['.gitleaksignore', 'gitleaks', ['a1b2c3:config/dev.env:generic-api-key:4']],
    ['.secretlintrc.json', 'secretlint', ['{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}']],
    ['.secretlintrc', 'secretlint', ['{}']],
    ['.secretlintignore', 'secretlint', ['**/testdata/**']],
    ['.secrets.baseline', 'detect-secrets', ['{"version": "1.5.0", "plugins_used": [{"name": "AWSKeyDetector"}], "results": {}}']],
    ['.github/secret_scanning.yml', 'GitHub secret scanning', ['paths-ignore:', '  - "docs/**"']],
  ])('finds %s (%s)', (path, scanner, lines) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', level: 1, file: path, line: 1, confidence: 'high', message: `${scanner} is configured for the repository (${path})` },
    ]);
  });

  it.each([
    ['a similar name', [file('gitleaks.toml.example', '[extend]'), file('docs/secretlint.md', 'how to run secretlint')]],
    ['a configuration in a fixture folder', [file('test/fixtures/.gitleaks.toml', '[extend]\nuseDefault = true')]],
    ['a vendored configuration', [file('node_modules/pkg/.secretlintrc.json', '{}')]],
  ])('finds nothing with %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it.each([
    ['.gitleaks.toml', ['[allowlist]', "paths = ['''^docs/''']", '# [extend] would be needed']],
    ['.secrets.baseline', ['{"version": "1.5.0", "plugins_used": [], "results": {}}']],
  ])('is inconclusive when %s leaves the scanner nothing to check', (path, lines) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: path, line: 1 })]);
  });
});
