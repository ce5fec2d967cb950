import type { Detector, DetectorFinding } from '../../contract.js';

/** Scorecard's binary-artifact extensions (WebAssembly left out: it is often a deliberate, reviewed build output). */
const BINARY_EXTENSION = /\.(?:exe|dll|so|dylib|jar|war|ear|class|pyc|pyo|o|a|lib|bin|msi|apk|ipa|dex|elf|deb|rpm|whl|egg|crx|nupkg|gem)$/i;
const SKIPPED_FOLDER = /(?:^|\/)(?:node_modules|vendor|\.git)\//;
/** The Gradle wrapper jar is the accepted exception: it is small, well known and verifiable. */
const GRADLE_WRAPPER = /(?:^|\/)gradle\/wrapper\/gradle-wrapper\.jar$/;

export const detector: Detector = {
  id: 'has-binary-artifacts',
  title: 'Compiled binaries are committed to the source tree',
  domain: 'secure-development',
  kind: 'negative',
  evidenceFor: ['secure-development.no-binaries'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze({ paths }) {
    return paths.filter(isBinaryArtifact).map((path): DetectorFinding => ({
      outcome: 'negative',
      level: 1,
      file: path,
      confidence: 'medium',
      message: `${path} looks like a compiled binary: it cannot be reviewed, so build it in the pipeline or fetch it from a verified release instead`,
    }));
  },
};

export function isBinaryArtifact(path: string): boolean {
  return BINARY_EXTENSION.test(path) && !SKIPPED_FOLDER.test(path) && !GRADLE_WRAPPER.test(path);
}
