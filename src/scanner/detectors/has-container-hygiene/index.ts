import type { Detector, DetectorFinding } from '../../contract.js';
import type { DockerInstruction, DockerStage, Dockerfile } from '../dockerfile.js';
import { finalStage, isDockerfilePath, parseDockerfile } from '../dockerfile.js';

export const detector: Detector = {
  id: 'has-container-hygiene',
  title: 'A .dockerignore and a HEALTHCHECK are present',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.build-hygiene'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze(input) {
    const { files, paths } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const known = new Set(paths);
    return files.filter((candidate) => !isFixture(candidate.path)).flatMap((file) => judgeDockerfile(parseDockerfile(file), known));
  },
};

function judgeDockerfile(dockerfile: Dockerfile, paths: ReadonlySet<string>): DetectorFinding[] {
  const stage = finalStage(dockerfile);
  if (stage === undefined) {
    return [{ outcome: 'not-applicable', file: dockerfile.path, line: 1, confidence: 'high', message: `${dockerfile.path} has no FROM instruction: it does not build an image on its own` }];
  }
  const ignoreFile = dockerignoreFor(dockerfile.path, paths);
  const healthcheck = healthcheckOf(stage);
  if (ignoreFile === undefined && healthcheck === undefined) return [];
  const place = { file: dockerfile.path, line: healthcheck?.line ?? stage.from.line, level: 1, confidence: 'high' as const };
  if (ignoreFile !== undefined && healthcheck !== undefined) {
    return [{ outcome: 'positive', ...place, message: `${dockerfile.path} has a HEALTHCHECK and its build context is filtered by ${ignoreFile}` }];
  }
  const message = ignoreFile === undefined
    ? `${dockerfile.path} has a HEALTHCHECK but no .dockerignore beside it: add one so secrets and build output stay out of the context`
    : `${dockerfile.path} has ${ignoreFile} but its final stage declares no HEALTHCHECK`;
  return [{ outcome: 'positive', ...place, status: 'partial', message }];
}

/** `<Dockerfile>.dockerignore` beside it (BuildKit), `.dockerignore` in its folder, or at the root for builds run from there. */
function dockerignoreFor(path: string, paths: ReadonlySet<string>): string | undefined {
  const folder = path.slice(0, path.lastIndexOf('/') + 1);
  return [`${path}.dockerignore`, `${folder}.dockerignore`, '.dockerignore'].find((candidate) => paths.has(candidate));
}

/** The HEALTHCHECK in force in a stage (its own or inherited); `HEALTHCHECK NONE` turns it off. */
function healthcheckOf(stage: DockerStage): DockerInstruction | undefined {
  const own = stage.instructions.filter((instruction) => instruction.keyword === 'HEALTHCHECK').at(-1);
  if (own !== undefined) return /^none\b/i.test(own.args) ? undefined : own;
  return stage.parent === undefined ? undefined : healthcheckOf(stage.parent);
}
