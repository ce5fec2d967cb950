import type { CiJob, CiPermissions, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';

/** Scopes that let a stolen token change code, releases, packages or workflows themselves. */
const SENSITIVE_SCOPES = ['contents', 'packages', 'actions'];

export const detector: Detector = {
  id: 'has-write-all-workflow-token',
  title: 'A workflow grants its token broad write access',
  domain: 'access-control',
  kind: 'negative',
  evidenceFor: ['access-control.least-privilege-ci-tokens'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze({ ci }) {
    return ci.workflows.filter((workflow) => workflow.system === 'github-actions').flatMap((workflow) => [...workflowFindings(workflow), ...workflow.jobs.flatMap((job) => jobFindings(workflow, job))]);
  },
};

/** Top level: `write-all`, or write on contents, packages or actions for every job. */
function workflowFindings(workflow: CiWorkflow): DetectorFinding[] {
  const grant = broadGrant(workflow.permissions);
  if (grant === undefined) return declaresNothing(workflow) ? [unknownDefault(workflow)] : [];
  return [{ outcome: 'negative', level: 1, file: workflow.file, ...lineOf(workflow.permissionsLine), confidence: 'high', snippet: `permissions: ${grant}`, message: `${workflow.file} gives every job's token ${grant} at the top level: default to read and grant writes per job` }];
}

/** Job level: only `write-all` is flagged; a job that needs `contents: write` may ask for it. */
function jobFindings(workflow: CiWorkflow, job: CiJob): DetectorFinding[] {
  if (job.permissions !== 'write-all') return [];
  return [{ outcome: 'negative', level: 1, file: workflow.file, line: job.permissionsLine ?? job.line, confidence: 'high', snippet: 'permissions: write-all', message: `Job ${job.id} gives its token write-all: grant only the scopes it needs` }];
}

/** A workflow file (not a composite action) that sets permissions nowhere. */
function declaresNothing(workflow: CiWorkflow): boolean {
  return workflow.file.startsWith('.github/workflows/') && workflow.permissions === null && workflow.jobs.every((job) => job.permissions === null);
}

function unknownDefault(workflow: CiWorkflow): DetectorFinding {
  return { outcome: 'not-applicable', file: workflow.file, confidence: 'high', message: `${workflow.file} sets no permissions, so its token gets the repository or organisation default, which may be write-all: declare permissions explicitly` };
}

export function broadGrant(permissions: CiPermissions | null): string | undefined {
  if (permissions === null || permissions === 'read-all') return undefined;
  if (permissions === 'write-all') return 'write-all';
  const written = SENSITIVE_SCOPES.filter((scope) => permissions[scope] === 'write');
  return written.length === 0 ? undefined : written.map((scope) => `${scope}: write`).join(', ');
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}
