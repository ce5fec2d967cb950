import { allSteps } from '../../ci/model.js';
import type { CiJob, CiStep, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

const LINT_ACTIONS = new Set(['hadolint/hadolint-action', 'docker://hadolint/hadolint', 'docker://ghcr.io/hadolint/hadolint', 'goodwithtech/dockle-action', 'erzz/dockle-action', 'docker://goodwithtech/dockle']);
/** `hadolint` or `dockle` at command position, `pre-commit run hadolint…`, or their images in `docker run`. */
const LINT_COMMAND = /(?:^|[;&|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:[\w./-]*\/)?(?:hadolint|dockle)(?=[ \t]|$)|(?:^|[;&|(])[ \t]*pre-commit[ \t]+run[ \t]+hadolint|\b(?:hadolint\/hadolint|goodwithtech\/dockle)\b/m;
const LINT_IMAGE = /(?:^|\/)(?:hadolint\/hadolint|goodwithtech\/dockle)(?:[:@]|$)/;
const CONFIG_FILE = /(?:^|\/)\.hadolint\.ya?ml$/;
const PRE_COMMIT_FILE = /(?:^|\/)\.pre-commit-config\.ya?ml$/;
const PRE_COMMIT_HOOK = /^[ \t]*(?:-[ \t]*)?id:[ \t]*["']?hadolint/m;

export const detector: Detector = {
  id: 'lints-dockerfiles',
  title: 'Dockerfiles are linted by hadolint or dockle',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.dockerfile-lint'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => CONFIG_FILE.test(path) || PRE_COMMIT_FILE.test(path),
  analyze(input) {
    const { files, ci } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const pipeline = allSteps(ci).filter(({ workflow, job, step }) => !isFixture(workflow.file) && runsLinter(job, step)).map(({ workflow, job, step }) => ciFinding(workflow, job, step));
    const local = files.filter((candidate) => !isFixture(candidate.path)).flatMap(fileFinding);
    return [...pipeline, ...local];
  },
};

function runsLinter(job: CiJob, step: CiStep): boolean {
  if (step.uses !== undefined && LINT_ACTIONS.has(actionName(step.uses))) return true;
  if (step.run !== undefined && LINT_COMMAND.test(step.run)) return true;
  return job.image !== undefined && LINT_IMAGE.test(job.image) && step.run !== undefined;
}

function ciFinding(workflow: CiWorkflow, job: CiJob, step: CiStep): DetectorFinding {
  const place = { file: workflow.file, line: step.line, level: 2, confidence: 'high' as const };
  if (step.neutralised || job.neutralised) return { outcome: 'positive', ...place, status: 'partial', message: 'The pipeline lints Dockerfiles but lets the lint step fail without failing the build' };
  return { outcome: 'positive', ...place, message: 'The pipeline lints Dockerfiles' };
}

function fileFinding(file: ScanFile): DetectorFinding[] {
  if (CONFIG_FILE.test(file.path)) {
    return [{ outcome: 'positive', file: file.path, line: 1, level: 2, status: 'partial', confidence: 'medium', message: `${file.path} configures hadolint; the pipeline should run it` }];
  }
  const hook = lineOf(file.text, PRE_COMMIT_HOOK);
  if (hook === undefined) return [];
  return [{ outcome: 'positive', file: file.path, line: hook, level: 2, status: 'partial', confidence: 'high', message: 'A pre-commit hook runs hadolint on Dockerfiles; run it in the pipeline too so every change is checked' }];
}

/** An action or image name without its `@ref` or `:tag`, lower-cased. */
function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at === -1 ? uses : uses.slice(0, at)).replace(/:[^/]*$/, '').toLowerCase();
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match === null ? undefined : text.slice(0, match.index).split('\n').length;
}
