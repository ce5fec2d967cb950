import { describe, expect, it } from 'vitest';
import type { CiStep } from '../../ci/model.js';
import { ciWithSteps, NO_CI, runDetector, step } from '../testing.js';
import { detector } from './index.js';

const findings = (fields: Partial<CiStep>) => runDetector(detector, { ci: ciWithSteps([step({ line: 30, ...fields })]) });

describe('generates-sbom-in-ci', () => {
  it.each([
    [{ uses: 'anchore/sbom-action@v0', with: { format: 'spdx-json' } }, 'anchore/sbom-action'],
    [{ uses: 'actions/attest-sbom@v2' }, 'actions/attest-sbom'],
    [{ uses: 'CycloneDX/gh-node-module-generatebom@v1' }, 'cyclonedx/gh-node-module-generatebom'],
    [{ uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', format: 'cyclonedx' } }, 'aquasecurity/trivy-action (format cyclonedx)'],
    [{ uses: 'docker/build-push-action@v6', with: { sbom: 'true', push: 'true' } }, 'docker/build-push-action (sbom: true)'],
    [{ run: 'syft dir:. -o cyclonedx-json=sbom.json' }, 'syft'],
    [{ run: 'npx @cyclonedx/cyclonedx-npm --output-file bom.json' }, 'cyclonedx-npm'],
    [{ run: 'cdxgen -r -o bom.json .' }, 'cdxgen'],
    [{ run: 'npm sbom --sbom-format=cyclonedx > sbom.json' }, 'npm sbom'],
    [{ run: './mvnw -B org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom' }, 'mvnw with CycloneDX'],
    [{ run: './gradlew cyclonedxBom' }, 'gradlew with CycloneDX'],
    [{ run: 'trivy fs --format spdx-json -o sbom.spdx.json .' }, 'trivy'],
    [{ run: 'docker buildx build --sbom=true --push -t x .' }, 'docker build --sbom'],
    [{ run: 'docker buildx build --attest type=sbom -t x .' }, 'docker build --attest type=sbom'],
  ])('finds %j', (fields, tool) => {
    expect(findings(fields)).toEqual([
      { outcome: 'positive', level: 2, file: '.github/workflows/ci.yml', line: 30, confidence: 'high', message: `.github/workflows/ci.yml generates an SBOM with ${tool}; an SBOM for every build is a level-2 practice of the model` },
    ]);
  });

  it('still counts a neutralised SBOM step: it is not a gate', () => {
    expect(findings({ run: 'syft . -o spdx-json || true', neutralised: true })).toEqual([expect.objectContaining({ outcome: 'positive', level: 2 })]);
  });

  it.each([
    [{ uses: 'anchore/sbom-action/download-syft@v0' }],
    [{ uses: 'aquasecurity/trivy-action@0.28.0', with: { 'scan-type': 'fs', format: 'sarif' } }],
    [{ uses: 'docker/build-push-action@v6', with: { push: 'true' } }],
    [{ run: 'syft version' }],
    [{ run: 'echo "TODO: run syft and cyclonedx-npm"' }],
    [{ run: 'trivy fs --severity HIGH .' }],
    [{ run: 'docker buildx build --sbom=false -t x .' }],
    [{ run: 'mvn -B verify' }],
  ])('does not count %j (negative)', (fields) => {
    expect(findings(fields)).toEqual([]);
  });

  it('ignores pipelines under fixture paths', () => {
    expect(runDetector(detector, { ci: ciWithSteps([step({ run: 'cdxgen .' })], { file: 'test/fixtures/ci.yml' }) })).toEqual([]);
  });

  it('says nothing without a pipeline, and is inconclusive when a pipeline could not be read', () => {
    expect(runDetector(detector, { ci: NO_CI })).toEqual([]);
    const ci = { workflows: [], unreadable: [{ file: '.github/workflows/release.yml', reason: 'duplicate key' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/release.yml' })]);
  });
});
