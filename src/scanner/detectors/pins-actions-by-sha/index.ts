import type { CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { callName } from '../security-tools.js';
import { isLocalAction, isPinnedBySha } from './action-ref.js';

interface ActionReference {
  readonly file: string;
  readonly line: number;
  readonly uses: string;
  readonly pinned: boolean;
  /** Scorecard weighs GitHub-owned actions 2 and third-party ones 8: a moved tag elsewhere is the bigger risk. */
  readonly weight: number;
}

const GITHUB_OWNERS = new Set(['actions', 'github']);
const PARTIAL_SHARE = 0.5;
const MAX_LISTED = 3;

export const detector: Detector = {
  id: 'pins-actions-by-sha',
  title: 'Workflow actions are pinned by full commit SHA',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.actions-pinned'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const workflows = input.ci.workflows.filter((workflow) => workflow.system === 'github-actions' && !input.isFixture(workflow.file));
    if (workflows.length === 0) return [notApplicable('No GitHub Actions workflow was found, so there is no action to pin')];
    const references = workflows.flatMap(actionReferences);
    if (references.length === 0) return [notApplicable('The GitHub Actions workflows call no action from another repository')];
    return pinningFinding(references);
  },
};

/** Step and job-level (reusable workflow) `uses` that reach outside the repository. */
function actionReferences(workflow: CiWorkflow): ActionReference[] {
  const calls = workflow.jobs.flatMap((job) => [
    ...(job.uses === undefined ? [] : [{ uses: job.uses, line: job.line }]),
    ...job.steps.flatMap((step) => (step.uses === undefined ? [] : [{ uses: step.uses, line: step.line }])),
  ]);
  return calls
    .filter((call) => !isLocalAction(call.uses))
    .map((call) => ({ file: workflow.file, line: call.line, uses: call.uses, pinned: isPinnedBySha(call.uses), weight: weightOf(call.uses) }));
}

function weightOf(uses: string): number {
  const owner = callName(uses).split('/')[0] ?? '';
  return GITHUB_OWNERS.has(owner) ? 2 : 8;
}

function pinningFinding(references: readonly ActionReference[]): DetectorFinding[] {
  const unpinned = references.filter((reference) => !reference.pinned);
  const first = unpinned[0];
  if (first === undefined) {
    const only = references[0];
    return [{ outcome: 'positive', level: 3, file: only?.file, line: only?.line, confidence: 'high', message: `All ${references.length} action references are pinned by full commit SHA or image digest` }];
  }
  const share = weightedShare(references);
  const listed = unpinned.slice(0, MAX_LISTED).map((reference) => `${reference.uses} (${reference.file}:${reference.line})`).join(', ');
  const more = unpinned.length > MAX_LISTED ? ` and ${unpinned.length - MAX_LISTED} more` : '';
  const counted = `${references.length - unpinned.length} of ${references.length} action references are pinned by commit SHA (${Math.round(share * 100)}% weighted, third-party actions count more)`;
  const place = { file: first.file, line: first.line, confidence: 'high' as const };
  // Below half the weight, the count is reported but shows no pinning practice: the level stays below 2 for it.
  if (share < PARTIAL_SHARE) return [{ outcome: 'not-applicable', ...place, message: `Only ${counted}, less than half: pin them; on a movable ref: ${listed}${more}` }];
  return [{ outcome: 'positive', level: 2, status: 'partial', ...place, message: `${counted}; still on a movable ref: ${listed}${more}` }];
}

function weightedShare(references: readonly ActionReference[]): number {
  const total = references.reduce((sum, reference) => sum + reference.weight, 0);
  const pinned = references.reduce((sum, reference) => sum + (reference.pinned ? reference.weight : 0), 0);
  return total === 0 ? 0 : pinned / total;
}

function notApplicable(message: string): DetectorFinding {
  return { outcome: 'not-applicable', confidence: 'high', message };
}
