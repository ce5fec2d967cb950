import type { Detector, DetectorFinding } from '../../contract.js';
import type { ToolHit } from '../security-tools.js';
import { gateOf, hitLocation, hitsByPlace, neutralisedBy, productHits, toolNames, unreadablePipelines } from '../security-tools.js';

function gateFinding(hits: readonly ToolHit[]): DetectorFinding | undefined {
  const gated = hits.filter((hit) => gateOf(hit) !== undefined);
  const first = gated[0];
  if (first === undefined) return nearMiss(hits);
  const { where, ...location } = hitLocation(first);
  const details = [...new Set(gated.map((hit) => gateOf(hit)?.detail ?? ''))].join('; ');
  return { outcome: 'positive', ...location, confidence: 'high', level: 3, message: `${where} fails the pipeline on ${toolNames(gated)} findings (${details})` };
}

/** An IaC scan that may fail without failing the pipeline: inconclusive here, capped by has-neutralised-security-step. */
function nearMiss(hits: readonly ToolHit[]): DetectorFinding | undefined {
  const soft = hits.find((hit) => neutralisedBy(hit) !== undefined);
  if (soft === undefined) return undefined;
  const { where, ...location } = hitLocation(soft);
  return { outcome: 'not-applicable', ...location, confidence: 'high', message: `${where} scans infrastructure code with ${soft.tool.name}, but ${neutralisedBy(soft) ?? ''}, so it is not a gate` };
}

export const detector: Detector = {
  id: 'gates-iac-scan',
  title: 'The IaC scan fails the pipeline on findings',
  domain: 'iac',
  kind: 'positive',
  evidenceFor: ['iac.scan-gate'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const findings = hitsByPlace(productHits(input, ['iac'])).flatMap((hits) => gateFinding(hits) ?? []);
    return findings.length > 0 ? findings : unreadablePipelines(input, 'the IaC scan gates the pipeline');
  },
};
