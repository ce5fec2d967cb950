import type { CiStep } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { pipelineSteps } from '../pipeline-steps.js';
import { flagValue, parseShellCommands } from '../shell-commands.js';
import type { ShellCommand } from '../shell-commands.js';
import { callName, unreadablePipelines } from '../security-tools.js';

const SBOM_FORMATS = new Set(['cyclonedx', 'spdx', 'spdx-json']);
const SYFT_NON_SCANS = new Set(['version', '--version', 'help', '--help', 'login', 'completion']);
/** Build tools that generate an SBOM through a CycloneDX plugin or tool (`mvn cyclonedx:makeAggregateBom`, `gradle cyclonedxBom`, `dotnet CycloneDX`). */
const BUILD_TOOLS = new Set(['mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet', 'sbt', 'lein']);

export const detector: Detector = {
  id: 'generates-sbom-in-ci',
  title: 'The pipeline produces an SBOM',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.sbom'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    const findings = pipelineSteps(input).flatMap(({ workflow, step }): DetectorFinding[] => {
      const tool = sbomTool(step);
      if (tool === undefined) return [];
      const message = `${workflow.file} generates an SBOM with ${tool}; an SBOM for every build is a level-2 practice of the model`;
      return [{ outcome: 'positive', level: 2, file: workflow.file, line: step.line, confidence: 'high', message }];
    });
    return findings.length > 0 ? findings : unreadablePipelines(input, 'the pipeline produces an SBOM');
  },
};

/** The tool that generates an SBOM in this step, or undefined. */
function sbomTool(step: CiStep): string | undefined {
  if (step.uses !== undefined) return sbomAction(step);
  if (step.run === undefined) return undefined;
  for (const command of parseShellCommands(step.run)) {
    const tool = sbomCommand(command);
    if (tool !== undefined) return tool;
  }
  return undefined;
}

function sbomAction(step: CiStep): string | undefined {
  const name = callName(step.uses ?? '');
  if (name === 'anchore/sbom-action' || name === 'actions/attest-sbom' || name.startsWith('cyclonedx/')) return name;
  if (name === 'aquasecurity/trivy-action' && SBOM_FORMATS.has(step.with.format ?? '')) return `${name} (format ${step.with.format ?? ''})`;
  if (name === 'docker/build-push-action' && step.with.sbom === 'true') return `${name} (sbom: true)`;
  return undefined;
}

function sbomCommand(command: ShellCommand): string | undefined {
  const { program, argv } = command;
  if (program === 'syft' && !SYFT_NON_SCANS.has(argv[1] ?? '')) return 'syft';
  if (program === 'cdxgen' || program.startsWith('cyclonedx')) return program;
  if (program === 'npm' && argv[1] === 'sbom') return 'npm sbom';
  if (program === 'sbom-tool' && argv[1] === 'generate') return 'sbom-tool';
  if (BUILD_TOOLS.has(program) && argv.slice(1).some((word) => word.toLowerCase().includes('cyclonedx'))) return `${program} with CycloneDX`;
  if (program === 'trivy' && SBOM_FORMATS.has(flagValue(command, '--format', '-f') ?? '')) return 'trivy';
  if (program === 'docker') return dockerSbom(command);
  return undefined;
}

/** `docker sbom`, or `docker (buildx) build` with `--sbom=true` or `--attest type=sbom`. */
function dockerSbom(command: ShellCommand): string | undefined {
  if (command.argv[1] === 'sbom') return 'docker sbom';
  if (!command.argv.includes('build')) return undefined;
  const sbom = flagValue(command, '--sbom');
  if (sbom !== undefined && sbom !== 'false') return 'docker build --sbom';
  return flagValue(command, '--attest')?.includes('type=sbom') === true ? 'docker build --attest type=sbom' : undefined;
}
