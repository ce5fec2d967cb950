import type { CiJob, CiStep, CiWorkflow } from '../ci/model.js';
import { allSteps } from '../ci/model.js';
import type { DetectorInput } from '../contract.js';

export interface PipelineStep {
  readonly workflow: CiWorkflow;
  readonly job: CiJob;
  readonly step: CiStep;
  /** Where the step is, for a finding. */
  readonly place: { readonly file: string; readonly line: number };
  /** The step or its job may fail without failing the pipeline: evidence of running, never of a gate. */
  readonly mayFail: boolean;
}

/** Every pipeline step outside test fixtures and examples, with its place and whether it may fail silently. */
export function pipelineSteps(input: DetectorInput): PipelineStep[] {
  return allSteps(input.ci)
    .filter(({ workflow }) => !input.isFixture(workflow.file))
    .map(({ workflow, job, step }) => ({ workflow, job, step, place: { file: workflow.file, line: step.line }, mayFail: step.neutralised || job.neutralised }));
}
