import { describe, expect, it } from 'vitest';
import type { CiModel, CiStep } from '../../ci/model.js';
import { ciWithSteps, job, NO_CI, runDetector, step, workflow } from '../testing.js';
import { detector } from './index.js';

const findings = (fields: Partial<CiStep>) => runDetector(detector, { ci: ciWithSteps([step({ line: 40, ...fields })]) });

describe('signs-build-provenance', () => {
  it.each([
    [{ uses: 'actions/attest-build-provenance@v2', with: { 'subject-path': 'dist/*' } }, 'actions/attest-build-provenance'],
    [{ uses: 'actions/attest@v2', with: { 'predicate-type': 'https://slsa.dev/provenance/v1' } }, 'actions/attest (SLSA provenance)'],
    [{ uses: 'sigstore/gh-action-sigstore-python@v3.0.0' }, 'sigstore/gh-action-sigstore-python'],
    [{ run: 'cosign sign --yes ghcr.io/acme/app@${DIGEST}' }, 'cosign sign'],
    [{ run: 'cosign sign-blob --bundle app.sigstore.json app.tar.gz' }, 'cosign sign-blob'],
    [{ run: 'npm publish --provenance --access public' }, 'npm publish --provenance'],
    [{ run: 'npm publish', env: { NPM_CONFIG_PROVENANCE: 'true' } }, 'npm publish --provenance'],
  ])('finds %j at level 3', (fields, how) => {
    expect(findings(fields)).toEqual([{ outcome: 'positive', level: 3, file: '.github/workflows/ci.yml', line: 40, confidence: 'high', message: `.github/workflows/ci.yml signs or attests the build with ${how}` }]);
  });

  it('finds the SLSA generator called as a reusable workflow', () => {
    const ci: CiModel = { workflows: [workflow({ file: '.github/workflows/release.yml', jobs: [job({ uses: 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.0.0', line: 33 })] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'positive', level: 3, file: '.github/workflows/release.yml', line: 33 })]);
  });

  it('is partial when the signing step may fail silently', () => {
    expect(findings({ run: 'cosign sign --yes img || true', neutralised: true })).toEqual([expect.objectContaining({ outcome: 'positive', level: 3, status: 'partial' })]);
  });

  it.each([
    [{ uses: 'sigstore/cosign-installer@v3' }],
    [{ run: 'cosign verify --key cosign.pub img' }],
    [{ run: 'npm publish --access public' }],
    [{ run: 'echo "cosign sign later"' }],
    [{ uses: 'actions/attest@v2', with: { 'predicate-type': 'https://spdx.dev/Document' } }],
  ])('does not count %j (negative)', (fields) => {
    expect(findings(fields)).toEqual([]);
  });

  it('says nothing without a pipeline, and is inconclusive when a pipeline could not be read', () => {
    expect(runDetector(detector, { ci: NO_CI })).toEqual([]);
    const ci = { workflows: [], unreadable: [{ file: '.github/workflows/release.yml', reason: 'duplicate key' }] };
    expect(runDetector(detector, { ci })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: '.github/workflows/release.yml' })]);
  });
});
