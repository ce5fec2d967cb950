import type { CiJob, CiStep, CiWorkflow } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { hasFlag, parseShellCommands } from '../shell-commands.js';
import type { ShellCommand } from '../shell-commands.js';
import { callName, unreadablePipelines } from '../security-tools.js';

const SIGNING_ACTIONS = new Set(['actions/attest-build-provenance', 'sigstore/gh-action-sigstore-python']);
const SLSA_GENERATOR = 'slsa-framework/slsa-github-generator';
const COSIGN_SIGNING = new Set(['sign', 'sign-blob', 'attest', 'attest-blob']);
const PUBLISHERS = new Set(['npm', 'pnpm', 'yarn']);

export const detector: Detector = {
  id: 'signs-build-provenance',
  title: 'Builds are signed or publish provenance attestations',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.signed-provenance'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const findings = input.ci.workflows.filter((workflow) => !input.isFixture(workflow.file)).flatMap((workflow) => workflow.jobs.flatMap((job) => jobFindings(workflow, job)));
    return findings.length > 0 ? findings : unreadablePipelines(input, 'builds are signed or attested');
  },
};

function jobFindings(workflow: CiWorkflow, job: CiJob): DetectorFinding[] {
  const fromJob = job.uses !== undefined && callName(job.uses).startsWith(SLSA_GENERATOR) ? [finding(workflow, job.line, 'the SLSA GitHub generator', job.neutralised)] : [];
  const fromSteps = job.steps.flatMap((step) => {
    const how = signingStep(step);
    return how === undefined ? [] : [finding(workflow, step.line, how, step.neutralised || job.neutralised)];
  });
  return [...fromJob, ...fromSteps];
}

function signingStep(step: CiStep): string | undefined {
  if (step.uses !== undefined) {
    const name = callName(step.uses);
    if (SIGNING_ACTIONS.has(name) || name.startsWith(SLSA_GENERATOR)) return name;
    if (name === 'actions/attest' && (step.with['predicate-type'] ?? '').includes('slsa.dev/provenance')) return 'actions/attest (SLSA provenance)';
    return undefined;
  }
  if (step.run === undefined) return undefined;
  const provenanceFromEnv = step.env.NPM_CONFIG_PROVENANCE === 'true';
  for (const command of parseShellCommands(step.run)) {
    const how = signingCommand(command, provenanceFromEnv);
    if (how !== undefined) return how;
  }
  return undefined;
}

function signingCommand(command: ShellCommand, provenanceFromEnv: boolean): string | undefined {
  if (command.program === 'cosign' && COSIGN_SIGNING.has(command.argv[1] ?? '')) return `cosign ${command.argv[1] ?? ''}`;
  const publishes = PUBLISHERS.has(command.program) && command.argv.includes('publish');
  if (publishes && (hasFlag(command, '--provenance') || provenanceFromEnv)) return `${command.program} publish --provenance`;
  return undefined;
}

function finding(workflow: CiWorkflow, line: number, how: string, neutralised: boolean): DetectorFinding {
  if (neutralised) {
    return { outcome: 'positive', level: 3, status: 'partial', file: workflow.file, line, confidence: 'high', message: `${workflow.file} signs or attests the build with ${how}, but the step may fail without failing the pipeline` };
  }
  return { outcome: 'positive', level: 3, file: workflow.file, line, confidence: 'high', message: `${workflow.file} signs or attests the build with ${how}` };
}
