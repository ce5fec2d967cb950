import type { Detector, DetectorFinding } from '../../contract.js';
import type { ScanKind, ToolGroup, ToolHit } from '../security-tools.js';
import { gateOf, hitLocation, hitsByPlace, neutralisedBy, productHits, requestedGate, toolNames, unreadablePipelines } from '../security-tools.js';

const SCANNERS: readonly ToolGroup[] = ['sast', 'sonar', 'language-sast', 'dast', 'sca', 'dependency-review', 'iac', 'container', 'secrets'];
const RELEASE_BLOCKING = 'vulnerability-management.release-blocking';
const DEPENDENCY_GATE = 'supply-chain.dependency-policy-gate';
const SEVERITY_GATE = 'ci-security-testing.severity-gate';

/** A dependency gate also blocks vulnerable dependencies; code, dynamic and image gates block releases. */
const PRACTICES_BY_KIND: Readonly<Record<ScanKind, readonly string[]>> = {
  dependencies: [RELEASE_BLOCKING, DEPENDENCY_GATE, SEVERITY_GATE],
  code: [RELEASE_BLOCKING, SEVERITY_GATE],
  dynamic: [RELEASE_BLOCKING, SEVERITY_GATE],
  image: [RELEASE_BLOCKING, SEVERITY_GATE],
  infrastructure: [SEVERITY_GATE],
  secrets: [SEVERITY_GATE],
  posture: [SEVERITY_GATE],
};

function practicesOf(hits: readonly ToolHit[]): string[] {
  const wanted = new Set(hits.flatMap((hit) => PRACTICES_BY_KIND[hit.tool.kind]));
  return [RELEASE_BLOCKING, DEPENDENCY_GATE, SEVERITY_GATE].filter((practice) => wanted.has(practice));
}

function gateFinding(hits: readonly ToolHit[]): DetectorFinding | undefined {
  const gated = hits.filter((hit) => gateOf(hit)?.threshold === true);
  const first = gated[0];
  if (first === undefined) return nearMiss(hits);
  const { where, ...location } = hitLocation(first);
  const details = [...new Set(gated.map((hit) => gateOf(hit)?.detail ?? ''))].join('; ');
  return { outcome: 'positive', ...location, confidence: 'high', level: 3, practices: practicesOf(gated), message: `${where} fails the pipeline when ${toolNames(gated)} finds something at or above a threshold (${details})` };
}

/** A threshold that cannot bite because the step may fail anyway: inconclusive, the negative detector caps it. */
function nearMiss(hits: readonly ToolHit[]): DetectorFinding | undefined {
  const asked = hits.find((hit) => requestedGate(hit)?.threshold === true && neutralisedBy(hit) !== undefined);
  if (asked === undefined) return undefined;
  const { where, ...location } = hitLocation(asked);
  return { outcome: 'not-applicable', ...location, confidence: 'high', message: `${where} gives ${asked.tool.name} a threshold (${requestedGate(asked)?.detail ?? ''}), but ${neutralisedBy(asked) ?? ''}, so it is not a gate` };
}

export const detector: Detector = {
  id: 'gates-on-severity',
  title: 'A security scanner fails the pipeline above a severity threshold',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: [RELEASE_BLOCKING, DEPENDENCY_GATE, SEVERITY_GATE],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const findings = hitsByPlace(productHits(input, SCANNERS)).flatMap((hits) => gateFinding(hits) ?? []);
    return findings.length > 0 ? findings : unreadablePipelines(input, 'a scanner gates the pipeline');
  },
};
