import type { Detector, DetectorFinding } from '../../contract.js';
import type { BaseImage, Dockerfile } from '../dockerfile.js';
import { externalBaseImages, isDockerfilePath, parseDockerfile, parseImageReference } from '../dockerfile.js';

/** A sha256 digest, or one supplied by a build argument (`@sha256:${DIGEST}`), as Scorecard accepts. */
const PINNED_DIGEST = /^sha256:(?:[a-f\d]{64}|\$\{\w+\}|\$\w+)$/i;

export const detector: Detector = {
  id: 'pins-base-image-digest',
  title: 'Base images are pinned by digest',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.digest-pinning'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const dockerfiles = files.filter((candidate) => !isFixture(candidate.path)).map(parseDockerfile);
    const bases = dockerfiles.flatMap(externalBaseImages);
    const pinnedCount = bases.filter(isPinned).length;
    const everyPinned = pinnedCount === bases.length;
    return dockerfiles.flatMap((dockerfile) => [...pinnedFinding(dockerfile, everyPinned, pinnedCount, bases.length), ...undecidedFindings(dockerfile)]);
  },
};

export function isPinned(base: BaseImage): boolean {
  const digest = parseImageReference(base.reference).digest;
  return digest !== undefined && PINNED_DIGEST.test(digest);
}

/** One finding per Dockerfile that pins at least one base image; partial unless every base image of the repository is pinned. */
function pinnedFinding(dockerfile: Dockerfile, everyPinned: boolean, pinnedCount: number, total: number): DetectorFinding[] {
  const bases = externalBaseImages(dockerfile);
  const pinned = bases.filter(isPinned);
  const first = pinned[0];
  if (first === undefined) return [];
  const place = { file: dockerfile.path, line: first.line, confidence: 'high' as const, level: 3 };
  if (everyPinned) return [{ outcome: 'positive', ...place, message: `Every base image in ${dockerfile.path} is pinned by digest` }];
  return [{ outcome: 'positive', ...place, status: 'partial', message: `${pinned.length} of ${bases.length} base images in ${dockerfile.path} are pinned by digest (${pinnedCount} of ${total} in the repository): pin the others with @sha256:…` }];
}

/** A base image named only by a build argument without a default is chosen at build time. */
function undecidedFindings(dockerfile: Dockerfile): DetectorFinding[] {
  return externalBaseImages(dockerfile)
    .filter((base) => !isPinned(base) && base.unresolved.length > 0)
    .map((base) => ({ outcome: 'not-applicable', file: dockerfile.path, line: base.line, confidence: 'high', message: `The base image comes from build argument ${base.unresolved.join(', ')} without a default: whether it is pinned is decided at build time` }));
}
