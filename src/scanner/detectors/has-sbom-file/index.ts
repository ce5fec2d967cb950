import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

/** Scorecard's SBOM file name pattern, at the repository root (DETECTORS.md row 14). */
const SBOM_NAME = /^[^/]+\.(?:cdx\.json|cdx\.xml|spdx|spdx\.json|spdx\.xml|spdx\.ya?ml|spdx\.rdf|spdx\.rdf\.xml)$/i;
/** Conventional names that are SBOMs only when their content says so. */
const CONVENTIONAL_NAMES = new Set(['bom.json', 'bom.xml', 'sbom.json', 'sbom.xml']);
/** Markers of CycloneDX (JSON, XML) and SPDX (JSON, YAML, tag-value, RDF) documents. */
const SBOM_CONTENT = /"bomFormat"\s*:\s*"CycloneDX"|cyclonedx\.org\/schema\/bom|"spdxVersion"\s*:|^spdxVersion:|^SPDXVersion:|spdx\.org\/rdf\/terms/m;
/** The markers sit in the first lines; a 5 MB SBOM need not be searched to the end. */
const HEAD_CHARS = 4096;

export const detector: Detector = {
  id: 'has-sbom-file',
  title: 'An SBOM document is kept at the repository root',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['supply-chain.sbom'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => SBOM_NAME.test(path) || CONVENTIONAL_NAMES.has(path.toLowerCase()),
  analyze({ files, paths }) {
    const read = new Map(files.map((found) => [found.path, found]));
    const conventional = files.filter((found) => CONVENTIONAL_NAMES.has(found.path.toLowerCase()) && looksLikeSbom(found));
    return [...paths.filter((path) => SBOM_NAME.test(path)).map((path) => sbomFinding(path, read.get(path))), ...conventional.map((found) => sbomFinding(found.path, found))];
  },
};

function sbomFinding(path: string, found: ScanFile | undefined): DetectorFinding {
  if (found === undefined) {
    // Named by Scorecard's pattern but not read (too large, or binary): the name is the only evidence.
    return positive(path, 'medium', `${path} is named as an SBOM (not read, so its content is unconfirmed)`);
  }
  if (looksLikeSbom(found)) return positive(path, 'high', `${path} is a committed SBOM`);
  return { outcome: 'not-applicable', file: path, line: 1, confidence: 'medium', message: `${path} is named like an SBOM but is not a CycloneDX or SPDX document` };
}

function looksLikeSbom(found: ScanFile): boolean {
  return SBOM_CONTENT.test(found.text.slice(0, HEAD_CHARS));
}

/** A committed SBOM describes one state of the code; the practice asks for one per build, hence partial. */
function positive(path: string, confidence: DetectorFinding['confidence'], message: string): DetectorFinding {
  return { outcome: 'positive', level: 2, status: 'partial', file: path, line: 1, confidence, message: `${message}; generate one in CI for every build to complete the practice` };
}
