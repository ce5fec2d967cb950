import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const dependabot = (...entries: string[]) => file('.github/dependabot.yml', 'version: 2', 'updates:', ...entries);
const NPM_OFF = ['  - package-ecosystem: npm', '    directory: /', '    open-pull-requests-limit: 0'];
const ACTIONS_DEFAULT = ['  - package-ecosystem: github-actions', '    directory: /', '    schedule:', '      interval: weekly'];

describe('automates-security-updates', () => {
  it('finds Dependabot entries that may open pull requests, pointing at the first one', () => {
    expect(runDetector(detector, { files: [dependabot(...NPM_OFF, ...ACTIONS_DEFAULT, '  - package-ecosystem: docker', '    open-pull-requests-limit: 10')] })).toEqual([
      { outcome: 'positive', level: 2, file: '.github/dependabot.yml', line: 6, confidence: 'high', message: 'Dependabot may open update pull requests, security fixes included, for github-actions, docker (.github/dependabot.yml)' },
    ]);
  });

  it.each([
    ['renovate.json', ['{', '  "extends": ["config:recommended"],', '  "vulnerabilityAlerts": {"labels": ["security"]}', '}'], 3, 'vulnerabilityAlerts'],
    ['.github/renovate.json5', ['{', '  // OSV as well as GitHub alerts', '  osvVulnerabilityAlerts: true,', '}'], 3, 'osvVulnerabilityAlerts: true'],
    ['.renovaterc', ['{"extends": ["config:recommended", ":enableVulnerabilityAlertsWithLabel(security)"]}'], 1, 'preset :enableVulnerabilityAlertsWithLabel(security)'],
  ])('finds Renovate security updates in %s', (path, lines, line, how) => {
    expect(runDetector(detector, { files: [file(path, ...lines)] })).toEqual([
      { outcome: 'positive', level: 2, file: path, line, confidence: 'high', message: `Renovate opens security update pull requests (${how} in ${path})` },
    ]);
  });

  it('counts updates for GitHub Actions alone as partial when the repository has its own dependencies', () => {
    const actionsOnly = dependabot(...ACTIONS_DEFAULT);
    expect(runDetector(detector, { files: [actionsOnly], paths: ['.github/dependabot.yml', 'requirements/tests.txt', 'src/app.py'] })).toEqual([
      { outcome: 'positive', level: 2, status: 'partial', file: '.github/dependabot.yml', line: 3, confidence: 'high', message: 'Dependabot may open update pull requests for GitHub Actions only (.github/dependabot.yml); the application\'s own dependencies get none' },
    ]);
    expect(runDetector(detector, { files: [actionsOnly], paths: ['.github/dependabot.yml', 'README.md'] })).toEqual([expect.objectContaining({ outcome: 'positive', confidence: 'high' })]);
    expect(runDetector(detector, { files: [actionsOnly], paths: ['.github/dependabot.yml', 'README.md'] })[0]).not.toHaveProperty('status');
  });

  it('reads the renovate key of package.json', () => {
    const packageJson = file('package.json', '{', '  "name": "x",', '  "renovate": {', '    "vulnerabilityAlerts": {"enabled": true}', '  }', '}');
    expect(runDetector(detector, { files: [packageJson] })).toEqual([expect.objectContaining({ outcome: 'positive', file: 'package.json', line: 4, level: 2 })]);
  });

  it.each([
    ['alerts turned off', [file('renovate.json', '{"vulnerabilityAlerts": {"enabled": false}}')]],
    ['Renovate turned off', [file('renovate.json', '{"enabled": false, "vulnerabilityAlerts": {}}')]],
    ['the word in a README', [file('README.md', 'We enable vulnerabilityAlerts in Renovate.')]],
  ])('finds nothing with %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it.each([
    ['every Dependabot limit at 0', dependabot(...NPM_OFF), 2],
    ['Renovate without a word on vulnerabilities', file('renovate.json', '{"extends": ["config:recommended"]}'), 1],
  ])('is inconclusive with %s', (_name, found, line) => {
    expect(runDetector(detector, { files: [found] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: found.path, line })]);
  });
});
