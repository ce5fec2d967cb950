import { allSteps } from '../../ci/model.js';
import type { CiStep, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';

/** Triggers that run with the base repository's secrets and a write token, even for a fork's pull request. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** A checkout ref that points at the pull request's own code. */
const PULL_REQUEST_HEAD = /github\.event\.pull_request\.head\.(?:sha|ref)\b|github\.head_ref\b|refs\/pull\/|github\.event\.workflow_run\.head_(?:sha|branch)\b/;
const INDEX = String.raw`(?:\[[^\]]{0,12}\]|\.\*|\.\d+)?`;
/** Event fields an outsider writes (Scorecard's list): titles, bodies, branch names, commit messages and authors. */
const UNTRUSTED_INPUT = new RegExp(
  String.raw`\bgithub\.(?:event\.(?:issue\.(?:title|body)|pull_request\.(?:title|body|head\.(?:ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|discussion\.(?:title|body)|pages${INDEX}\.page_name|commits${INDEX}\.(?:message|author\.(?:email|name))|head_commit\.(?:message|author\.(?:email|name))|workflow_run\.(?:head_branch|head_commit\.(?:message|author\.(?:email|name))))|head_ref)\b`,
);

export const detector: Detector = {
  id: 'has-dangerous-workflow',
  title: 'A workflow checks out untrusted code with privileges or interpolates untrusted input into a script',
  domain: 'access-control',
  kind: 'negative',
  evidenceFor: ['access-control.safe-workflows'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze({ ci }) {
    return allSteps(ci)
      .filter(({ workflow }) => workflow.system === 'github-actions')
      .flatMap(({ workflow, step }) => [...untrustedCheckout(workflow, step), ...scriptInjection(workflow, step)]);
  },
};

/** `actions/checkout` of the pull request head in a workflow that runs with the base repository's privileges. */
function untrustedCheckout(workflow: CiWorkflow, step: CiStep): DetectorFinding[] {
  const trigger = workflow.triggers.find((name) => PRIVILEGED_TRIGGERS.includes(name));
  if (trigger === undefined || step.uses === undefined || actionName(step.uses) !== 'actions/checkout') return [];
  const ref = step.with.ref ?? '';
  const place = { file: workflow.file, line: step.line, confidence: 'high' as const };
  if (PULL_REQUEST_HEAD.test(ref)) {
    return [{ outcome: 'negative', level: 0, ...place, snippet: `ref: ${ref}`, message: `Under ${trigger}, this step checks out the pull request's code with the base repository's secrets and token: a fork can run anything it likes` }];
  }
  if (!ref.includes('${{')) return [];
  return [{ outcome: 'not-applicable', ...place, snippet: `ref: ${ref}`, message: `Under ${trigger}, this step checks out a ref computed at run time; make sure it can never be the pull request's head` }];
}

/** `${{ github.event.issue.title }}` and friends written straight into a shell script or a github-script body. */
function scriptInjection(workflow: CiWorkflow, step: CiStep): DetectorFinding[] {
  const scripts = [step.run, step.uses !== undefined && actionName(step.uses) === 'actions/github-script' ? step.with.script : undefined];
  for (const script of scripts) {
    const expression = script === undefined ? undefined : untrustedExpression(script);
    if (expression === undefined) continue;
    return [{ outcome: 'negative', level: 0, file: workflow.file, line: step.line, confidence: 'high', snippet: expression, message: `${expression} is pasted into a script, so whoever writes that text can run commands in the workflow: pass it through an environment variable instead` }];
  }
  return [];
}

/** The first `${{ … }}` expression of the text that reads untrusted event data. */
export function untrustedExpression(text: string): string | undefined {
  let from = text.indexOf('${{');
  while (from !== -1) {
    const end = text.indexOf('}}', from + 3);
    if (end === -1) return undefined;
    const expression = text.slice(from, end + 2);
    if (UNTRUSTED_INPUT.test(expression)) return expression.length > 120 ? `${expression.slice(0, 117)}...` : expression;
    from = text.indexOf('${{', end + 2);
  }
  return undefined;
}

/** An action name without its `@ref`, lower-cased. */
function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at === -1 ? uses : uses.slice(0, at)).toLowerCase();
}
