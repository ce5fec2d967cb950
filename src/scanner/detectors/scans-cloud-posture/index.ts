import type { CiStep } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { pipelineSteps } from '../pipeline-steps.js';

interface PostureTool {
  readonly name: string;
  /** The tool at command position in shell text. */
  readonly command: RegExp;
}

const AT_COMMAND = String.raw`(?:^|[;&|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:[\w./-]*\/)?`;
const END = String.raw`(?=[ \t]|$)`;

const TOOLS: readonly PostureTool[] = [
  { name: 'Prowler', command: new RegExp(String.raw`${AT_COMMAND}prowler${END}|\b(?:prowlercloud|toniblyx)\/prowler\b`, 'm') },
  { name: 'ScoutSuite', command: new RegExp(String.raw`${AT_COMMAND}(?:python[\d.]*[ \t]+(?:[\w./-]*\/)?)?(?:scout|scout\.py|scoutsuite)[ \t]+(?:aws|azure|gcp|aliyun|oci)${END}|\b(?:nccgroup\/scoutsuite|rossja\/ncc-scoutsuite)\b`, 'mi') },
  { name: 'kube-bench', command: new RegExp(String.raw`${AT_COMMAND}kube-bench${END}|\baquasec\/kube-bench\b`, 'm') },
  { name: 'Steampipe compliance', command: new RegExp(String.raw`${AT_COMMAND}(?:steampipe[ \t]+check|powerpipe[ \t]+benchmark[ \t]+run)${END}`, 'm') },
];

export const detector: Detector = {
  id: 'scans-cloud-posture',
  title: 'Prowler, ScoutSuite, kube-bench or Steampipe benchmarks run in the pipeline',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.cloud-posture'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    return pipelineSteps(input).flatMap(({ job, step, place: where, mayFail }): DetectorFinding[] => {
        const firstRunStep = job.steps.find((candidate) => candidate.run !== undefined) === step;
        const tool = postureTool(step, firstRunStep ? job.image : undefined);
        if (tool === undefined) return [];
        const place = { ...where, confidence: 'high' as const };
        if (mayFail) return [{ outcome: 'positive', ...place, level: 2, status: 'partial', message: `${tool} checks cloud or cluster posture in the pipeline, but the step may fail without anyone noticing` }];
        return [{ outcome: 'positive', ...place, level: 3, message: `${tool} checks cloud or cluster posture in the pipeline` }];
      });
  },
};

/** The posture scanner a step runs: by shell command, by `docker://` action image, or by the image of the job it starts. */
export function postureTool(step: CiStep, jobImage: string | undefined): string | undefined {
  const texts = [step.run, step.uses?.startsWith('docker://') === true ? step.uses : undefined, step.run === undefined ? undefined : jobImage];
  return TOOLS.find((tool) => texts.some((text) => text !== undefined && tool.command.test(text)))?.name;
}
