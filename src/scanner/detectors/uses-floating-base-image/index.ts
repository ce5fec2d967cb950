import type { Detector, DetectorFinding } from '../../contract.js';
import type { BaseImage } from '../dockerfile.js';
import { externalBaseImages, isDockerfilePath, parseDockerfile, parseImageReference } from '../dockerfile.js';

type Verdict = 'floating' | 'fixed' | 'undecided';

export const detector: Detector = {
  id: 'uses-floating-base-image',
  title: 'A base image has no tag or uses latest',
  domain: 'container-cloud',
  kind: 'negative',
  evidenceFor: ['container-cloud.pinned-build-inputs'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze({ files }) {
    return files.flatMap((file) => externalBaseImages(parseDockerfile(file)).flatMap((base) => findingFor(file.path, base)));
  },
};

/** Floating: neither a digest nor a tag, or the `latest` tag. A tag or name left to a build argument is undecided. */
export function judgeBaseImage(base: BaseImage): Verdict {
  const reference = parseImageReference(base.reference);
  if (reference.digest !== undefined) return 'fixed';
  if (reference.tag === undefined) return lastSegment(reference.name).includes('$') ? 'undecided' : 'floating';
  if (reference.tag.includes('$')) return 'undecided';
  return reference.tag === 'latest' ? 'floating' : 'fixed';
}

function findingFor(file: string, base: BaseImage): DetectorFinding[] {
  const verdict = judgeBaseImage(base);
  if (verdict === 'fixed') return [];
  if (verdict === 'undecided') {
    return [{ outcome: 'not-applicable', file, line: base.line, confidence: 'high', message: `The base image tag comes from a build argument without a default (${base.unresolved.join(', ')}): whether it floats is decided at build time` }];
  }
  const reason = parseImageReference(base.reference).tag === 'latest' ? 'uses the latest tag' : 'has no tag';
  return [{ outcome: 'negative', level: 1, file, line: base.line, confidence: 'high', snippet: `FROM ${base.reference}`, message: `Base image ${base.reference} ${reason}: each build may pull a different image; pin a version tag and a digest` }];
}

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
