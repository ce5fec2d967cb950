import type { CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { definesGitleaksRules, GITLEAKS_CONFIG } from '../gitleaks-config.js';
import type { ToolHit } from '../security-tools.js';
import { flagValue, gateOf, hitLocation, hitsByPlace, neutralisedBy, productHits, unreadablePipelines } from '../security-tools.js';

const CI_SCAN = 'secrets.ci-scan';
const GATE = 'secrets.leak-prevention-gate';
/** Pull or merge request events as the CI parsers name them (GitHub, GitLab, Azure `pr`, Bitbucket `pull-requests`). */
const REQUEST_TRIGGER = /^(?:pull[-_]requests?(?:_target)?|merge[-_]requests?(?:_event)?|pr)$/i;

export const detector: Detector = {
  id: 'scans-secrets-in-ci',
  title: 'The pipeline runs a secret scanner',
  domain: 'secrets',
  kind: 'positive',
  evidenceFor: [CI_SCAN, GATE],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => path === GITLEAKS_CONFIG,
  analyze(input) {
    const places = hitsByPlace(productHits(input, ['secrets']));
    if (places.length === 0) return unreadablePipelines(input, 'the pipeline scans for secrets');
    const gitleaksHasNoRules = hasRulelessGitleaksConfig(input.files);
    return places.flatMap((hits) => {
      const hit = hits[0];
      if (hit === undefined) return [];
      return [gitleaksHasNoRules && readsRepositoryGitleaksConfig(hit) ? rulelessFinding(hit) : scanFinding(hit)];
    });
  },
};

function scanFinding(hit: ToolHit): DetectorFinding {
  const { where, ...location } = hitLocation(hit);
  const base = { outcome: 'positive', ...location, confidence: 'high' } as const;
  const why = whyNotAGate(hit);
  if (why === undefined) {
    return { ...base, level: 3, practices: [CI_SCAN, GATE], message: `${where} scans for secrets with ${hit.tool.name} on pull requests and fails on a finding` };
  }
  return { ...base, level: 2, practices: [CI_SCAN], message: `${where} scans for secrets with ${hit.tool.name}, but ${why}` };
}

/** Why this scan cannot block a leaking change, or undefined when it can: not neutralised, failing, on pull requests. */
function whyNotAGate(hit: ToolHit): string | undefined {
  const neutralised = neutralisedBy(hit);
  if (neutralised !== undefined) return neutralised;
  const quiet = whyItPassesFindings(hit);
  if (quiet !== undefined) return quiet;
  return runsOnRequests(hit.workflow) ? undefined : 'the pipeline does not run on pull or merge requests';
}

/**
 * Why the scanner exits 0 even when it finds a secret, or undefined when it fails. GitLab's template
 * only reports to the merge request; the trufflehog CLI needs `--fail` (its action passes it);
 * gitleaks can be told `--exit-code 0`; Microsoft Security DevOps needs `break: true`.
 */
function whyItPassesFindings(hit: ToolHit): string | undefined {
  if (hit.step === undefined && hit.job === undefined) return 'the GitLab template reports secrets in merge requests without failing the pipeline';
  if (hit.tool.gate !== undefined) return gateOf(hit) === undefined ? 'it is not set to fail on a finding' : undefined;
  const command = hit.step?.run !== undefined;
  if (command && hit.tool.name === 'TruffleHog' && !hit.call.args.includes('--fail')) return 'trufflehog exits 0 on findings without --fail';
  if (hit.tool.name === 'Gitleaks' && flagValue(hit.call.args, ['--exit-code']) === '0') return 'gitleaks is told to exit 0 (--exit-code 0)';
  return undefined;
}

/** GitLab, Jenkins and CircleCI do not say: their pipelines run on every push, merge request branches included. */
function runsOnRequests(workflow: CiWorkflow): boolean {
  return workflow.triggers.length === 0 || workflow.triggers.some((trigger) => REQUEST_TRIGGER.test(trigger));
}

/** An allowlist-only `.gitleaks.toml` at the root leaves gitleaks without rules: it then passes everything. */
function hasRulelessGitleaksConfig(files: readonly ScanFile[]): boolean {
  const config = files.find((found) => found.path === GITLEAKS_CONFIG);
  return config !== undefined && !definesGitleaksRules(config.text);
}

function readsRepositoryGitleaksConfig(hit: ToolHit): boolean {
  return hit.tool.name === 'Gitleaks' && flagValue(hit.call.args, ['--config', '-c']) === undefined && hit.call.env.GITLEAKS_CONFIG === undefined;
}

function rulelessFinding(hit: ToolHit): DetectorFinding {
  const { where, ...location } = hitLocation(hit);
  return { outcome: 'not-applicable', ...location, confidence: 'high', message: `${where} runs Gitleaks, but ${GITLEAKS_CONFIG} neither defines rules nor extends the default ones, so the scan checks nothing` };
}
