import type { CiPermissions, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';

const WORKFLOW_FOLDER = '.github/workflows/';

export const detector: Detector = {
  id: 'restricts-workflow-permissions',
  title: 'Workflow tokens are read-only by default',
  domain: 'access-control',
  kind: 'positive',
  evidenceFor: ['access-control.least-privilege-ci-tokens'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const { ci } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const workflows = ci.workflows.filter((workflow) => workflow.system === 'github-actions' && workflow.file.startsWith(WORKFLOW_FOLDER) && !isFixture(workflow.file));
    const unreadable = ci.unreadable.filter((entry) => entry.file.startsWith(WORKFLOW_FOLDER)).length;
    if (workflows.length === 0) {
      return [{ outcome: 'not-applicable', confidence: 'high', message: unreadable > 0 ? 'No GitHub workflow could be read, so their token permissions are unknown' : 'No GitHub Actions workflows: workflow token permissions do not apply' }];
    }
    const compliant = workflows.filter((workflow) => isReadOnly(workflow.permissions));
    const everyOne = compliant.length === workflows.length && unreadable === 0;
    return compliant.map((workflow) => finding(workflow, everyOne, compliant.length, workflows.length + unreadable));
  },
};

/** `read-all`, `{}` or a map whose every scope is `read` or `none`. Unset is not read-only: the repository default may grant write. */
export function isReadOnly(permissions: CiPermissions | null): boolean {
  if (permissions === null || permissions === 'write-all') return false;
  if (permissions === 'read-all') return true;
  return Object.values(permissions).every((access) => access === 'read' || access === 'none');
}

function finding(workflow: CiWorkflow, everyOne: boolean, compliant: number, total: number): DetectorFinding {
  const place = { file: workflow.file, ...(workflow.permissionsLine === undefined ? {} : { line: workflow.permissionsLine }), confidence: 'high' as const };
  if (everyOne) return { outcome: 'positive', ...place, level: 3, message: `${workflow.file} gives its token read-only permissions at the top, as every workflow does` };
  return { outcome: 'positive', ...place, level: 2, message: `${workflow.file} gives its token read-only permissions at the top (${compliant} of ${total} workflows do): add a read-only top-level permissions block to the others` };
}
