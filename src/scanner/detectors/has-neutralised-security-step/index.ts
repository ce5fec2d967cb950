import type { Detector, DetectorFinding } from '../../contract.js';
import type { ToolGroup, ToolHit } from '../security-tools.js';
import { findToolHits, hitLocation, hitsByPlace, neutralisedBy, toolNames, unreadablePipelines } from '../security-tools.js';

const SCANNERS: readonly ToolGroup[] = ['sast', 'sonar', 'language-sast', 'dast', 'sca', 'dependency-review', 'iac', 'container', 'secrets'];

function neutralisedFinding(hits: readonly ToolHit[]): DetectorFinding | undefined {
  const soft = hits.filter((hit) => neutralisedBy(hit) !== undefined);
  const first = soft[0];
  if (first === undefined) return undefined;
  const { where, ...location } = hitLocation(first);
  return {
    outcome: 'negative',
    ...location,
    level: 2,
    confidence: 'high',
    message: `${where} runs ${toolNames(soft)}, but ${neutralisedBy(first) ?? ''}: its findings can never stop a merge or a release`,
  };
}

export const detector: Detector = {
  id: 'has-neutralised-security-step',
  title: 'A security step is allowed to fail silently',
  domain: 'ci-security-testing',
  kind: 'negative',
  evidenceFor: ['vulnerability-management.release-blocking', 'ci-security-testing.severity-gate'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    // Fixture pipelines are reported too: the engine flags them, and flagged findings cap nothing.
    const hits = findToolHits(input.ci, SCANNERS);
    if (hits.length === 0) return unreadablePipelines(input, 'a security step is allowed to fail');
    return hitsByPlace(hits).flatMap((place) => neutralisedFinding(place) ?? []);
  },
};
