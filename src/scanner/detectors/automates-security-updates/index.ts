import { asRecord } from '../../ci/yaml-values.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { lineOf } from '../config-values.js';
import { DEPENDABOT_PATHS, findRenovateConfigs, readDependabotUpdates, RENOVATE_PATHS, ROOT_PACKAGE_JSON } from '../update-bot-config.js';
import type { RenovateConfig } from '../update-bot-config.js';

const LEVEL = 2;
/** Dependabot opens at most 5 pull requests per ecosystem when the limit is not set. */
const DEFAULT_PR_LIMIT = 5;
const WANTED = new Set([...DEPENDABOT_PATHS, ...RENOVATE_PATHS, ROOT_PACKAGE_JSON]);

export const detector: Detector = {
  id: 'automates-security-updates',
  title: 'Security update pull requests are enabled',
  domain: 'vulnerability-management',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.security-update-prs'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => WANTED.has(path),
  analyze({ files, paths }) {
    const hasPackages = paths.some(isPackageManifest);
    return [
      ...files.filter((found) => DEPENDABOT_PATHS.includes(found.path)).flatMap((found) => dependabotFindings(found, hasPackages)),
      ...findRenovateConfigs(files).flatMap(renovateFindings),
    ];
  },
};

/** Manifests of application dependencies: when one exists, updates for GitHub Actions alone leave them out. */
const PACKAGE_MANIFEST = /(?:^|\/)(?:package\.json|requirements[\w.-]*\.(?:txt|in)|requirements\/[^/]+\.(?:txt|in)|pyproject\.toml|Pipfile|go\.mod|pom\.xml|build\.gradle(?:\.kts)?|Cargo\.toml|Gemfile|composer\.json|[^/]+\.csproj)$/;

function isPackageManifest(path: string): boolean {
  return PACKAGE_MANIFEST.test(path) && !path.split('/').some((folder) => folder === 'node_modules' || folder === 'vendor');
}

function dependabotFindings(file: ScanFile, hasPackages: boolean): DetectorFinding[] {
  const read = readDependabotUpdates(file);
  if ('error' in read) return [inconclusive(file.path, 1, `${file.path} could not be read (${read.error})`)];
  const open = read.updates.filter((update) => pullRequestLimit(update.pullRequestLimit) > 0);
  const first = open[0];
  if (first === undefined) {
    return [inconclusive(file.path, lineOf(file.text, 'updates'), `${file.path} lets Dependabot open no pull request (open-pull-requests-limit: 0 or no entry); security updates then depend on the repository settings, which the files do not show`)];
  }
  const ecosystems = open.map((update) => update.ecosystem || 'an unnamed ecosystem').join(', ');
  if (hasPackages && open.every((update) => update.ecosystem === 'github-actions')) {
    return [{ outcome: 'positive', level: LEVEL, status: 'partial', file: file.path, line: first.line, confidence: 'high', message: `Dependabot may open update pull requests for GitHub Actions only (${file.path}); the application's own dependencies get none` }];
  }
  return [{ outcome: 'positive', level: LEVEL, file: file.path, line: first.line, confidence: 'high', message: `Dependabot may open update pull requests, security fixes included, for ${ecosystems} (${file.path})` }];
}

function pullRequestLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_PR_LIMIT;
  const value = typeof limit === 'number' ? limit : Number(limit);
  return Number.isFinite(value) ? value : DEFAULT_PR_LIMIT;
}

function renovateFindings(found: RenovateConfig): DetectorFinding[] {
  const { config, path, text } = found;
  if (config === undefined) return [inconclusive(path, found.line, `${path} configures Renovate but could not be read as JSON5`)];
  if (config.enabled === false) return [];
  const how = renovateSecurityUpdates(config);
  if (how === 'off') return [];
  if (how === undefined) {
    return [inconclusive(path, found.line, `Renovate is configured in ${path} without vulnerabilityAlerts or osvVulnerabilityAlerts; its security pull requests then depend on the platform's alerts being on`)];
  }
  return [{ outcome: 'positive', level: LEVEL, file: path, line: lineOf(text, how.key), confidence: 'high', message: `Renovate opens security update pull requests (${how.description} in ${path})` }];
}

/** How the config turns security updates on, 'off' when it turns them off, undefined when it does not say. */
function renovateSecurityUpdates(config: Readonly<Record<string, unknown>>): { key: string; description: string } | 'off' | undefined {
  if (config.osvVulnerabilityAlerts === true) return { key: 'osvVulnerabilityAlerts', description: 'osvVulnerabilityAlerts: true' };
  const alerts = asRecord(config.vulnerabilityAlerts);
  if (alerts !== undefined) return alerts.enabled === false ? 'off' : { key: 'vulnerabilityAlerts', description: 'vulnerabilityAlerts' };
  const presets = Array.isArray(config.extends) ? config.extends : [];
  const preset = presets.find((name): name is string => typeof name === 'string' && name.startsWith(':enableVulnerabilityAlerts'));
  return preset === undefined ? undefined : { key: preset, description: `preset ${preset}` };
}

function inconclusive(file: string, line: number, message: string): DetectorFinding {
  return { outcome: 'not-applicable', file, line, confidence: 'high', message };
}
