/**
 * Test support for detectors: small builders for the normalised CI model and a runner that gives a
 * detector the files it asks for. Not part of the build.
 */
import type { CiJob, CiModel, CiStep, CiWorkflow } from '../ci/model.js';
import { isFileDetector } from '../contract.js';
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

/**
 * Runs a detector as the engine would: only files it matches, every path listed, the real fixture
 * policy; a file-by-file detector gets each file in turn and then its `finish`.
 */
export function runDetector(detector: Detector, input: { files?: readonly ScanFile[]; ci?: CiModel; paths?: readonly string[] } = {}): readonly DetectorFinding[] {
  const files = (input.files ?? []).filter((file) => detector.matches(file.path));
  const paths = input.paths ?? [...(input.files ?? []).map((file) => file.path)].sort();
  if (!isFileDetector(detector)) return detector.analyze({ files, ci: input.ci ?? NO_CI, paths, isFixture: isFixturePath });
  const context = { paths, isFixture: isFixturePath };
  const findings = files.flatMap((file) => detector.analyzeFile(file, context));
  return [...findings, ...(detector.finish?.({ ...context, filesSeen: files.map((file) => file.path), findings }) ?? [])];
}

/** A file from lines of text. */
export function file(path: string, ...lines: string[]): ScanFile {
  return { path, text: lines.join('\n') };
}
