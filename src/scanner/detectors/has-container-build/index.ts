import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { isDockerfilePath, parseDockerfile } from '../dockerfile.js';
import { isKubernetesManifest, isYamlPath, manifestDocuments } from '../kubernetes-manifests.js';

interface Place {
  readonly file: string;
  readonly line: number;
}

export const detector: Detector = {
  id: 'has-container-build',
  title: 'Container images or Kubernetes workloads are defined in the repository',
  domain: 'container-cloud',
  kind: 'applicability',
  evidenceFor: [],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => isDockerfilePath(path) || isYamlPath(path),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const product = files.filter((candidate) => !isFixture(candidate.path));
    const dockerfiles = product.flatMap(dockerfilePlace);
    const manifests = product.flatMap(manifestPlace);
    const findings: DetectorFinding[] = [];
    const firstDockerfile = dockerfiles[0];
    if (firstDockerfile !== undefined) {
      findings.push({ outcome: 'positive', ...firstDockerfile, confidence: 'high', message: `Container images are built from ${count(dockerfiles.length, 'Dockerfile')} (first: ${firstDockerfile.file})` });
    }
    const firstManifest = manifests[0];
    if (firstManifest !== undefined) {
      findings.push({ outcome: 'positive', ...firstManifest, confidence: 'high', message: `Kubernetes resources are declared in ${count(manifests.length, 'file')} (first: ${firstManifest.file})` });
    }
    if (findings.length > 0) return findings;
    const onlyFixtures = files.some((candidate) => isFixture(candidate.path) && [...dockerfilePlace(candidate), ...manifestPlace(candidate)].length > 0);
    return [{ outcome: 'not-applicable', confidence: 'high', message: onlyFixtures ? 'Container files exist only as test fixtures: the container domain does not apply' : 'No Dockerfile, Containerfile or Kubernetes manifest: the container domain does not apply' }];
  },
};

/** A Dockerfile counts when it has at least one FROM. */
function dockerfilePlace(file: ScanFile): Place[] {
  if (!isDockerfilePath(file.path)) return [];
  const first = parseDockerfile(file).stages[0];
  return first === undefined ? [] : [{ file: file.path, line: first.from.line }];
}

function manifestPlace(file: ScanFile): Place[] {
  if (!isYamlPath(file.path)) return [];
  const found = manifestDocuments(file.text).find(isKubernetesManifest);
  return found === undefined ? [] : [{ file: file.path, line: found.line }];
}

function count(value: number, noun: string): string {
  return value === 1 ? `1 ${noun}` : `${value} ${noun}s`;
}
