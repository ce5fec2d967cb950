import { describe, expect, it } from 'vitest';
import { ciWithSteps, runDetector, step } from '../testing.js';
import { detector, signing } from './index.js';

describe('signs-container-images', () => {
  it.each([
    ['cosign sign', step({ run: 'cosign sign --yes ghcr.io/acme/app@${DIGEST}' }), 'runs cosign sign on an image'],
    ['cosign attest', step({ run: 'cosign attest --predicate sbom.json --type spdxjson ghcr.io/acme/app@${DIGEST}' }), 'runs cosign attest on an image'],
    ['notation sign', step({ run: 'notation sign registry.example.com/app:1' }), 'runs notation sign on an image'],
    ['build-push-action with provenance and SBOM', step({ uses: 'docker/build-push-action@v6', with: { push: 'true', provenance: 'mode=max', sbom: 'true' } }), 'attaches provenance and sbom attestations to the image it pushes'],
    ['an attestation pushed to the registry', step({ uses: 'actions/attest-build-provenance@v1', with: { 'subject-name': 'ghcr.io/acme/app', 'subject-digest': 'sha256:abc', 'push-to-registry': 'true' } }), 'pushes a signed attestation for the image to its registry'],
    ['buildx with attestations', step({ run: 'docker buildx build \\\n  --provenance=mode=max --push -t app .' }), 'builds the image with buildx provenance or SBOM attestations'],
  ])('recognises %s', (_name, signStep, how) => {
    expect(signing(signStep)).toBe(how);
  });

  it.each([
    ['cosign sign-blob', step({ run: 'cosign sign-blob --yes dist/app.tar.gz' })],
    ['only installing cosign', step({ uses: 'sigstore/cosign-installer@v3' })],
    ['build-push-action with provenance off', step({ uses: 'docker/build-push-action@v6', with: { provenance: 'false', sbom: 'false' } })],
    ['buildx with provenance off', step({ run: 'docker buildx build --provenance=false -t app .' })],
    ['a local attestation', step({ uses: 'actions/attest-build-provenance@v1', with: { 'subject-path': 'dist/*' } })],
    ['an echo', step({ run: 'echo "cosign sign later"' })],
  ])('ignores %s', (_name, other) => {
    expect(signing(other)).toBeUndefined();
  });

  it('reports level 3, or level 2 when the step may fail', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run: 'cosign sign --yes app', line: 20 }), step({ run: 'cosign sign --yes app || true', neutralised: true, line: 30 })]) });
    expect(findings).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 20, level: 3, confidence: 'high', message: 'The pipeline runs cosign sign on an image' },
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 30, level: 2, status: 'partial', confidence: 'high', message: 'The pipeline runs cosign sign on an image, but the step may fail without failing the pipeline' },
    ]);
  });

  it('finds nothing without a pipeline (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector)).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    signing(step({ run: `${'docker buildx build '.repeat(5_000)}${' '.repeat(50_000)}` }));
    signing(step({ run: `;${' '.repeat(100_000)}cosign` }));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
