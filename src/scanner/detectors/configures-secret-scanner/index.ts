import { asRecord } from '../../ci/yaml-values.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { readLooseJson } from '../config-values.js';
import { definesGitleaksRules } from '../gitleaks-config.js';

/** File name → the scanner it configures (DETECTORS.md row 4). */
const SCANNER_FILES: ReadonlyMap<string, string> = new Map([
  ['.gitleaks.toml', 'gitleaks'],
  ['.gitleaksignore', 'gitleaks'],
  ['.secretlintignore', 'secretlint'],
  ['.secrets.baseline', 'detect-secrets'],
]);
const SECRETLINT_CONFIG = /^\.secretlintrc(?:\.(?:json|ya?ml|js|cjs|mjs))?$/;
/** GitHub secret scanning reads its `paths-ignore` from this one place. */
const GITHUB_SECRET_SCANNING = '.github/secret_scanning.yml';
const VENDORED = /(?:^|\/)(?:node_modules|vendor)\//;

export const detector: Detector = {
  id: 'configures-secret-scanner',
  title: 'A secret scanner is configured in the repository',
  domain: 'secrets',
  kind: 'positive',
  evidenceFor: ['secrets.scanner-configured'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => scannerOf(path) !== undefined && !VENDORED.test(path),
  analyze(input) {
    return input.files.filter((found) => !input.isFixture(found.path)).map(scannerFinding);
  },
};

function scannerOf(path: string): string | undefined {
  if (path === GITHUB_SECRET_SCANNING) return 'GitHub secret scanning';
  const name = path.slice(path.lastIndexOf('/') + 1);
  return SCANNER_FILES.get(name) ?? (SECRETLINT_CONFIG.test(name) ? 'secretlint' : undefined);
}

function scannerFinding(file: ScanFile): DetectorFinding {
  const scanner = scannerOf(file.path) ?? '';
  const emptiness = whyItScansNothing(file);
  if (emptiness !== undefined) return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} is there for ${scanner}, but ${emptiness}` };
  return { outcome: 'positive', level: 1, file: file.path, line: 1, confidence: 'high', message: `${scanner} is configured for the repository (${file.path})` };
}

/** Why a configuration file would make its scanner find nothing, or undefined when it is usable. */
function whyItScansNothing(file: ScanFile): string | undefined {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (name === '.gitleaks.toml' && !definesGitleaksRules(file.text)) return 'it neither defines [[rules]] nor extends the default rules ([extend] useDefault = true), so gitleaks would check nothing';
  if (name === '.secrets.baseline') {
    const plugins = asRecord(readLooseJson(file.text))?.plugins_used;
    if (Array.isArray(plugins) && plugins.length === 0) return 'the baseline enables no detector plugin';
  }
  return undefined;
}
