import type { Model, Practice } from '../../core/model/model.js';
import type { Confidence, Detector } from '../contract.js';
import type { DomainProposal, PracticeEvidence, ScanFinding } from '../../core/scan/result.js';

const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Findings → practice evidence. Fixture findings count for nothing; a negative finding contradicts
 * its practices whatever else was found; otherwise the strongest positive evidence wins.
 */
export function practiceEvidence(findings: readonly ScanFinding[]): PracticeEvidence[] {
  const byPractice = new Map<string, { status: PracticeEvidence['status']; evidence: number[] }>();
  findings.forEach((finding, index) => {
    if (finding.fixture || (finding.outcome !== 'positive' && finding.outcome !== 'negative')) return;
    for (const id of finding.practices) {
      const entry = byPractice.get(id) ?? { status: 'partial', evidence: [] };
      entry.evidence.push(index);
      entry.status = strongerStatus(entry, finding);
      byPractice.set(id, entry);
    }
  });
  return [...byPractice.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, entry]) => ({ id, status: entry.status, evidence: entry.evidence }));
}

function strongerStatus(entry: { status: PracticeEvidence['status']; evidence: number[] }, finding: ScanFinding): PracticeEvidence['status'] {
  if (finding.outcome === 'negative' || entry.status === 'not-implemented') return 'not-implemented';
  if (entry.evidence.length === 1) return finding.status ?? 'implemented';
  return entry.status === 'implemented' || (finding.status ?? 'implemented') === 'implemented' ? 'implemented' : 'partial';
}

/**
 * Proposed level per domain, on the model's ladder: level L when, at every level up to L, each
 * practice a detector can evidence is evidenced as implemented and at least one of them was found.
 * Practices no detector can see are left to the person. Negative findings cap the domain.
 */
export function proposeLevels(model: Model, detectors: readonly Detector[], findings: readonly ScanFinding[], practices: readonly PracticeEvidence[]): DomainProposal[] {
  const evidenced = new Map(practices.map((practice) => [practice.id, practice]));
  // Only positive detectors can show a practice in place: a negative detector that finds nothing
  // proves nothing (it may simply not look where the problem is), so practices seen only through
  // negative detectors are left to the person, and their negative findings cap the domain instead.
  const observable = new Set(detectors.filter((detector) => detector.kind === 'positive').flatMap((detector) => detector.evidenceFor));
  return model.domains.map((domain) => proposeDomain(model, domain.id, detectors, findings, evidenced, observable));
}

function proposeDomain(
  model: Model,
  domain: string,
  detectors: readonly Detector[],
  findings: readonly ScanFinding[],
  evidenced: ReadonlyMap<string, PracticeEvidence>,
  observable: ReadonlySet<string>,
): DomainProposal {
  if (!domainApplies(domain, detectors, findings)) return { domain, applicable: false, proposedLevel: null, confidence: 'high', capped: false, evidence: [] };
  const practices = (model.practicesByDomain.get(domain) ?? []).filter((practice) => observable.has(practice.id));
  const reached = ladderLevel(model, practices, evidenced);
  const caps = findings.map((finding, index) => ({ finding, index })).filter(({ finding }) => finding.outcome === 'negative' && !finding.fixture && finding.domain === domain);
  const cap = Math.min(...caps.map(({ finding }) => finding.level ?? 0), Number.POSITIVE_INFINITY);
  const proposedLevel = Math.min(reached, cap);
  const support = supportingFindings(practices, evidenced, proposedLevel);
  const capping = caps.filter(({ finding }) => (finding.level ?? 0) <= reached).map(({ index }) => index);
  const evidence = [...new Set([...support, ...capping])].sort((a, b) => a - b);
  return { domain, applicable: true, proposedLevel, confidence: proposalConfidence(findings, support, capping), capped: capping.length > 0, evidence };
}

function domainApplies(domain: string, detectors: readonly Detector[], findings: readonly ScanFinding[]): boolean {
  const deciders = new Set(detectors.filter((detector) => detector.kind === 'applicability' && detector.domain === domain).map((detector) => detector.id));
  if (deciders.size === 0) return true;
  const verdicts = findings.filter((finding) => deciders.has(finding.detector));
  return verdicts.length === 0 || verdicts.some((finding) => finding.outcome === 'positive');
}

function ladderLevel(model: Model, practices: readonly Practice[], evidenced: ReadonlyMap<string, PracticeEvidence>): number {
  let reached = 0;
  for (const { level } of model.levels) {
    if (level <= 0) continue;
    const atLevel = practices.filter((practice) => practice.level === level);
    const complete = atLevel.length > 0 && atLevel.every((practice) => evidenced.get(practice.id)?.status === 'implemented');
    if (!complete) break;
    reached = level;
  }
  return reached;
}

function supportingFindings(practices: readonly Practice[], evidenced: ReadonlyMap<string, PracticeEvidence>, level: number): number[] {
  return practices.filter((practice) => practice.level <= level).flatMap((practice) => evidenced.get(practice.id)?.evidence ?? []);
}

/** As confident as the weakest finding the proposal rests on; with nothing found, low. */
function proposalConfidence(findings: readonly ScanFinding[], support: readonly number[], capping: readonly number[]): Confidence {
  const used = [...support, ...capping].map((index) => findings[index]?.confidence ?? 'low');
  if (used.length === 0) return 'low';
  return used.reduce((weakest, confidence) => (CONFIDENCE_RANK[confidence] < CONFIDENCE_RANK[weakest] ? confidence : weakest), 'high');
}
