import type { CiJob, CiStep, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding, DetectorInput } from '../../contract.js';
import type { ToolHit } from '../security-tools.js';
import { callName, findToolHits, SECURITY_TOOLS, unreadablePipelines } from '../security-tools.js';

const REPORTING = 'ci-security-testing.automated-reporting';
const DASHBOARD = 'ci-security-testing.results-dashboard';
const UPLOAD_ACTION = 'github/codeql-action/upload-sarif';
const CODEQL_ANALYZE = 'github/codeql-action/analyze';

interface Upload {
  readonly workflow: CiWorkflow;
  readonly step: CiStep;
  /** Which tool's results go up, as well as the pipeline shows it. */
  readonly tool: string;
}

function inputOf(step: CiStep, key: string): string | undefined {
  return Object.entries(step.with).find(([name]) => name.toLowerCase() === key)?.[1];
}

/** The step uploads SARIF: the upload-sarif action, any step given a `sarif_file`, or CodeQL's own upload. */
function isUpload(step: CiStep): boolean {
  const name = step.uses === undefined ? '' : callName(step.uses);
  if (name === UPLOAD_ACTION || inputOf(step, 'sarif_file') !== undefined) return true;
  return name === CODEQL_ANALYZE && !['never', 'false'].includes((inputOf(step, 'upload') ?? 'always').trim().toLowerCase());
}

/** The tool whose results a step uploads: the step's own tool, else the last recognised tool before it in the job, else its category or file. */
function uploadedTool(workflow: CiWorkflow, job: CiJob, step: CiStep, hits: readonly ToolHit[]): string {
  const own = hits.find((hit) => hit.step === step);
  if (own !== undefined) return own.tool.name;
  const before = hits.filter((hit) => hit.job === job && hit.step !== undefined && job.steps.indexOf(hit.step) < job.steps.indexOf(step)).at(-1);
  if (before !== undefined) return before.tool.name;
  const named = inputOf(step, 'category') ?? inputOf(step, 'sarif_file') ?? step.name;
  return named === undefined ? `${workflow.file}:${step.line}` : named.trim().toLowerCase();
}

function uploads(input: DetectorInput): Upload[] {
  const groups = [...new Set(SECURITY_TOOLS.map((tool) => tool.group))];
  const hits = findToolHits(input.ci, groups);
  return input.ci.workflows
    .filter((workflow) => !input.isFixture(workflow.file))
    .flatMap((workflow) => workflow.jobs.flatMap((job) => job.steps.filter((step) => isUpload(step)).map((step) => ({ workflow, step, tool: uploadedTool(workflow, job, step, hits) }))));
}

function uploadFinding(upload: Upload, tools: number): DetectorFinding {
  const where = `${upload.workflow.file}:${upload.step.line}`;
  const base = { outcome: 'positive' as const, file: upload.workflow.file, line: upload.step.line, confidence: 'high' as const };
  if (tools < 2) return { ...base, level: 2, practices: [REPORTING], message: `${where} uploads ${upload.tool} results as SARIF to code scanning` };
  return { ...base, level: 3, practices: [REPORTING, DASHBOARD], message: `${where} uploads ${upload.tool} results as SARIF; ${tools} different tools report into code scanning, which gathers them in one view` };
}

export const detector: Detector = {
  id: 'uploads-sarif',
  title: 'Scan results are uploaded as SARIF to code scanning',
  domain: 'ci-security-testing',
  kind: 'positive',
  evidenceFor: [REPORTING, DASHBOARD],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const found = uploads(input);
    if (found.length === 0) return unreadablePipelines(input, 'scan results are uploaded as SARIF');
    const tools = new Set(found.map((upload) => upload.tool)).size;
    return found.map((upload) => uploadFinding(upload, tools));
  },
};
