import type { Detector, DetectorFinding } from '../../contract.js';
import type { ToolHit } from '../security-tools.js';
import { gateOf, hitLocation, hitsByPlace, neutralisedBy, productHits, unreadablePipelines } from '../security-tools.js';

const REVIEW = 'supply-chain.pr-dependency-review';
const GATE = 'supply-chain.dependency-policy-gate';

export const detector: Detector = {
  id: 'reviews-dependencies-in-pr',
  title: 'Pull requests run a dependency review',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: [REVIEW, GATE],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const places = hitsByPlace(productHits(input, ['dependency-review']));
    if (places.length === 0) return unreadablePipelines(input, 'pull requests run a dependency review');
    return places.flatMap((hits) => (hits[0] === undefined ? [] : [reviewFinding(hits[0])]));
  },
};

/** Level 3 with the gate practice when `fail-on-severity` makes the review fail; a neutralised or warn-only review is level 2. */
function reviewFinding(hit: ToolHit): DetectorFinding {
  const { where, ...location } = hitLocation(hit);
  const base = { outcome: 'positive', ...location, confidence: 'high' } as const;
  const neutralised = neutralisedBy(hit);
  if (neutralised !== undefined) {
    return { ...base, level: 2, practices: [REVIEW], message: `${where} reviews dependency changes in pull requests, but ${neutralised}, so it blocks nothing` };
  }
  const gate = gateOf(hit);
  if (gate !== undefined) {
    return { ...base, level: 3, practices: [REVIEW, GATE], message: `${where} reviews dependency changes in pull requests and fails them (${gate.detail})` };
  }
  return { ...base, level: 2, practices: [REVIEW], message: `${where} reviews dependency changes in pull requests; set fail-on-severity to make the review a gate` };
}
