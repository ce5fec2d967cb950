import { allSteps } from '../../ci/model.js';
import type { CiJob, CiStep, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';

interface ImageScan {
  readonly tool: string;
  /** The step fails the pipeline above a severity threshold. */
  readonly gated: boolean;
}

const AT_COMMAND = String.raw`(?:^|[;&|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:[\w./-]*\/)?`;
const TRIVY_IMAGE = new RegExp(String.raw`(?:${AT_COMMAND}trivy|\baquasec\/trivy(?::[\w.-]+)?)(?:[ \t]+--?[\w-]+(?:[= ][^\s-]\S*)?){0,4}[ \t]+(?:image|i)(?=[ \t]|$)`, 'm');
const GRYPE = new RegExp(String.raw`(?:${AT_COMMAND}grype|\banchore\/grype(?::[\w.-]+)?)[ \t]+([^\n;&|]*)`, 'm');
const SCOUT_CVES = new RegExp(String.raw`${AT_COMMAND}docker[ \t]+scout[ \t]+(?:cves|compare|quickview)(?=[ \t]|$)`, 'm');
const SNYK_CONTAINER = new RegExp(String.raw`${AT_COMMAND}snyk[ \t]+container[ \t]+test(?=[ \t]|$)`, 'm');
const TRIVY_EXIT_CODE = /--exit-code[ =]+["']?[1-9]/;
const GRYPE_FAIL_ON = /(?:^|[ \t])(?:--fail-on|-f)(?:[ =]|$)/;
/** Grype arguments that name something other than an image: directories, files, SBOMs, subcommands. */
const GRYPE_NOT_IMAGE = /^(?:dir:|file:|sbom:|purl:|\.|\/|~|db$|version$|explain$|completion$|config$|help$)|\.(?:json|xml|spdx)$/;
const GRYPE_VALUE_FLAGS = new Set(['-o', '--output', '-f', '--fail-on', '-c', '--config', '-s', '--scope', '--file', '--exclude', '--platform', '--template', '-t', '--name', '--distro']);
const CONTAINER_SCANNING_TEMPLATE = /(?:^|\/)(?:Security|Jobs)\/Container-Scanning(?:\.latest)?\.gitlab-ci\.yml$/;

export const detector: Detector = {
  id: 'scans-container-images',
  title: 'Built images are scanned for vulnerabilities',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.image-scan'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const { ci } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const steps = allSteps(ci).filter(({ workflow }) => !isFixture(workflow.file)).flatMap(({ workflow, job, step }) => {
      const scan = imageScan(step);
      return scan === undefined ? [] : [stepFinding(workflow, job, step, scan)];
    });
    const templates = ci.workflows.filter((workflow) => !isFixture(workflow.file)).flatMap((workflow) => {
      const include = workflow.includes.find((entry) => CONTAINER_SCANNING_TEMPLATE.test(entry.ref));
      return include === undefined ? [] : [templateFinding(workflow, include.line)];
    });
    return [...steps, ...templates];
  },
};

/** What image scan a step runs, if any, and whether it is configured to fail on findings. */
export function imageScan(step: CiStep): ImageScan | undefined {
  return (step.uses === undefined ? undefined : actionScan(actionName(step.uses), step)) ?? (step.run === undefined ? undefined : commandScan(step.run, step.env));
}

function actionScan(name: string, step: CiStep): ImageScan | undefined {
  const input = (key: string): string => (step.with[key] ?? '').trim();
  if (name === 'aquasecurity/trivy-action') {
    const scanType = input('scan-type') || 'image';
    if (scanType !== 'image') return undefined;
    return { tool: 'Trivy', gated: /^[1-9]/.test(input('exit-code')) && input('severity') !== '' };
  }
  if (name === 'anchore/scan-action') return input('image') === '' ? undefined : { tool: 'Grype (anchore/scan-action)', gated: input('fail-build').toLowerCase() !== 'false' };
  if (name === 'docker/scout-action') return /\b(?:cves|compare)\b/.test(input('command')) ? { tool: 'Docker Scout', gated: input('exit-code').toLowerCase() === 'true' } : undefined;
  if (name === 'snyk/actions/docker') return { tool: 'Snyk Container', gated: input('args').includes('--severity-threshold') };
  if (name === 'snyk/scan' && input('docker-image-name') !== '') return { tool: 'Snyk Container (orb)', gated: input('severity-threshold') !== '' };
  return undefined;
}

function commandScan(run: string, env: Readonly<Record<string, string>>): ImageScan | undefined {
  if (TRIVY_IMAGE.test(run)) {
    const exitCode = TRIVY_EXIT_CODE.test(run) || /^[1-9]/.test(env.TRIVY_EXIT_CODE ?? '');
    const severity = run.includes('--severity') || (env.TRIVY_SEVERITY ?? '') !== '';
    return { tool: 'Trivy', gated: exitCode && severity };
  }
  const grype = GRYPE.exec(run);
  if (grype !== null && scansImage(grype[1] ?? '')) return { tool: 'Grype', gated: GRYPE_FAIL_ON.test(grype[1] ?? '') || (env.GRYPE_FAIL_ON_SEVERITY ?? '') !== '' };
  if (SCOUT_CVES.test(run)) return { tool: 'Docker Scout', gated: run.includes('--exit-code') };
  if (SNYK_CONTAINER.test(run)) return { tool: 'Snyk Container', gated: run.includes('--severity-threshold') };
  return undefined;
}

/** The first positional argument of a grype call names an image unless it is a directory, a file or an SBOM. */
function scansImage(args: string): boolean {
  const words = args.trim().split(/\s+/).filter((word) => word !== '');
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (GRYPE_VALUE_FLAGS.has(word)) index += 1;
    else if (!word.startsWith('-')) return !GRYPE_NOT_IMAGE.test(word.replace(/^["']|["']$/g, ''));
  }
  return false;
}

function stepFinding(workflow: CiWorkflow, job: CiJob, step: CiStep, scan: ImageScan): DetectorFinding {
  const place = { file: workflow.file, line: step.line, confidence: 'high' as const };
  if (step.neutralised || job.neutralised) {
    return { outcome: 'positive', ...place, level: 2, message: `${scan.tool} scans a container image, but the step may fail without failing the pipeline, so it is no gate` };
  }
  if (scan.gated) return { outcome: 'positive', ...place, level: 3, message: `${scan.tool} scans a container image and fails the pipeline above a severity threshold` };
  return { outcome: 'positive', ...place, level: 2, message: `${scan.tool} scans a container image; add a severity threshold that fails the build to make it a gate` };
}

function templateFinding(workflow: CiWorkflow, line: number): DetectorFinding {
  return { outcome: 'positive', file: workflow.file, line, level: 2, confidence: 'high', message: 'The GitLab Container-Scanning template scans the built image' };
}

/** An action or image name without its `@ref` or `:tag`, lower-cased. */
function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at === -1 ? uses : uses.slice(0, at)).replace(/:[^/]*$/, '').toLowerCase();
}
