/**
 * Test support for detectors: small builders for the normalised CI model and a runner that gives a
 * detector the files it asks for. Not part of the build.
 */
import type { CiJob, CiModel, CiStep, CiWorkflow } from '../ci/model.js';
import type { Detector, DetectorFinding, ScanFile } from '../contract.js';
import { isFixturePath } from '../fixtures.js';

export function step(fields: Partial<CiStep> = {}): CiStep {
  return { with: {}, env: {}, neutralised: false, line: 1, ...fields };
}

export function job(fields: Partial<CiJob> & { steps?: readonly CiStep[] } = {}): CiJob {
  return { id: 'build', steps: [], neutralised: false, permissions: null, line: 1, ...fields };
}

export function workflow(fields: Partial<CiWorkflow> & { jobs?: readonly CiJob[] } = {}): CiWorkflow {
  return { system: 'github-actions', file: '.github/workflows/ci.yml', triggers: ['push'], permissions: null, includes: [], jobs: [], orbs: {}, ...fields };
}

/** A CI model of one workflow with one job running the given steps. */
export function ciWithSteps(steps: readonly CiStep[], workflowFields: Partial<CiWorkflow> = {}): CiModel {
  return { workflows: [workflow({ ...workflowFields, jobs: [job({ steps })] })], unreadable: [] };
}

export const NO_CI: CiModel = { workflows: [], unreadable: [] };

/** Runs a detector as the engine would: only files it matches, every path listed, the real fixture policy. */
export function runDetector(detector: Detector, input: { files?: readonly ScanFile[]; ci?: CiModel; paths?: readonly string[] } = {}): readonly DetectorFinding[] {
  const files = input.files ?? [];
  const paths = input.paths ?? [...files.map((file) => file.path)].sort();
  return detector.analyze({ files: files.filter((file) => detector.matches(file.path)), ci: input.ci ?? NO_CI, paths, isFixture: isFixturePath });
}

/** A file from lines of text. */
export function file(path: string, ...lines: string[]): ScanFile {
  return { path, text: lines.join('\n') };
}
