import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const DEPENDABOT = ['version: 2', 'updates:', '  - package-ecosystem: npm', '    directory: /', '    schedule: {interval: weekly}', '  - package-ecosystem: github-actions', '    directory: /', '    schedule: {interval: weekly}'];

describe('has-dependency-update-bot', () => {
  it.each([
    ['.github/dependabot.yml', 2, DEPENDABOT],
    ['.github/dependabot.yaml', 2, DEPENDABOT],
    ['renovate.json', 1, ['{"extends": ["config:recommended"]}']],
    ['renovate.json5', 1, ['{', '  // weekly is enough', "  extends: ['config:recommended'],", '}']],
    ['renovate.jsonc', 1, ['{"extends": ["config:recommended"], /* trailing comma */ }']],
    ['.github/renovate.json5', 1, ["{extends: ['config:base']}"]],
    ['.gitlab/renovate.jsonc', 1, ['{}']],
    ['.renovaterc', 1, ['{"schedule": ["before 6am"]}']],
    ['.renovaterc.jsonc', 1, ['{}']],
    ['.scala-steward.conf', 1, ['updates.limit = 5']],
    ['.config/scala-steward.conf', 1, ['pullRequests.frequency = "@weekly"']],
    ['.github/.scala-steward.conf', 1, ['']],
  ])('finds the bot configured in %s', (path, line, lines) => {
    const findings = runDetector(detector, { files: [file(path, ...lines)] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'positive', file: path, line, level: 2, confidence: 'high' })]);
  });

  it('names the Dependabot ecosystems', () => {
    const [finding] = runDetector(detector, { files: [file('.github/dependabot.yml', ...DEPENDABOT)] });
    expect(finding?.message).toBe('Dependabot proposes updates for npm, github-actions (.github/dependabot.yml)');
  });

  it('finds the renovate key of the root package.json and points at it', () => {
    const packageJson = file('package.json', '{', '  "name": "app",', '  "renovate": {', '    "extends": ["config:recommended"]', '  }', '}');
    expect(runDetector(detector, { files: [packageJson] })).toEqual([expect.objectContaining({ outcome: 'positive', file: 'package.json', line: 3, level: 2 })]);
  });

  it.each([
    ['a package.json without a renovate key', [file('package.json', '{"name": "app", "devDependencies": {"renovate": "39.0.0"}}')]],
    ['a renovate key in a nested package.json', [file('packages/a/package.json', '{"renovate": {}}')]],
    ['a renovate file outside the places Renovate reads', [file('config/renovate.json', '{}'), file('docs/dependabot.yml', 'version: 2')]],
    ['no configuration at all', [file('README.md', 'We update dependencies by hand.')]],
  ])('finds nothing with %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it.each([
    ['.github/dependabot.yml', ['version: 2', 'updates: []'], 1],
    ['renovate.json', ['{', '  "enabled": false', '}'], 2],
  ])('is inconclusive when %s turns every update off', (path, lines, line) => {
    const findings = runDetector(detector, { files: [file(path, ...lines)] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: path, line })]);
  });

  it('still reports a configuration it cannot read, with medium confidence', () => {
    const findings = runDetector(detector, { files: [file('renovate.json', '{"extends": [')] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'positive', file: 'renovate.json', confidence: 'medium', level: 2 })]);
  });
});
