import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const CYCLONEDX_JSON = '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": []\n}';

describe('has-sbom-file', () => {
  it.each([
    ['app.cdx.json', CYCLONEDX_JSON],
    ['APP.CDX.XML', '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">'],
    ['app.spdx.json', '{"spdxVersion": "SPDX-2.3", "name": "app"}'],
    ['app.spdx', 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0'],
    ['app.spdx.yaml', 'spdxVersion: SPDX-2.3\nname: app'],
    ['app.spdx.rdf.xml', '<rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#">'],
    ['bom.json', CYCLONEDX_JSON],
  ])('finds the SBOM %s', (path, text) => {
    expect(runDetector(detector, { files: [file(path, text)] })).toEqual([
      { outcome: 'positive', level: 2, status: 'partial', file: path, line: 1, confidence: 'high', message: `${path} is a committed SBOM; generate one in CI for every build to complete the practice` },
    ]);
  });

  it('counts an SBOM-named file it could not read, with medium confidence', () => {
    expect(runDetector(detector, { paths: ['huge.cdx.json'] })).toEqual([expect.objectContaining({ outcome: 'positive', file: 'huge.cdx.json', confidence: 'medium', level: 2 })]);
  });

  it.each([
    ['an SBOM below the root', [file('sbom/app.cdx.json', CYCLONEDX_JSON), file('test/fixtures/app.spdx.json', '{"spdxVersion": "SPDX-2.3"}')]],
    ['a bom.json that is something else', [file('bom.json', '{"items": [], "bomFormat": "mine"}')]],
    ['a name that only contains the extension', [file('cdx.json.md', 'notes')]],
  ])('finds nothing with %s (negative)', (_name, files) => {
    expect(runDetector(detector, { files })).toEqual([]);
  });

  it('is inconclusive when an SBOM-named file is not an SBOM', () => {
    expect(runDetector(detector, { files: [file('app.cdx.json', '')] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'app.cdx.json', line: 1 })]);
  });
});
