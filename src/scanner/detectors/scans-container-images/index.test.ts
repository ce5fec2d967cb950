import { describe, expect, it } from 'vitest';
import { ciWithSteps, runDetector, step, workflow } from '../testing.js';
import type { CiStep } from '../../ci/model.js';
import { detector, imageScan } from './index.js';

describe('scans-container-images', () => {
  it.each<[string, CiStep, string, boolean]>([
    ['trivy-action on an image', step({ uses: 'aquasecurity/trivy-action@0.24.0', with: { 'image-ref': 'ghcr.io/acme/app:1.0' } }), 'Trivy', false],
    ['trivy-action with a gate', step({ uses: 'aquasecurity/trivy-action@0.24.0', with: { 'scan-type': 'image', 'image-ref': 'app', 'exit-code': '1', severity: 'CRITICAL,HIGH' } }), 'Trivy', true],
    ['trivy-action with exit-code but no severity', step({ uses: 'aquasecurity/trivy-action@0.24.0', with: { 'image-ref': 'app', 'exit-code': '1' } }), 'Trivy', false],
    ['trivy image in a script', step({ run: 'trivy image --severity HIGH,CRITICAL --exit-code 1 ghcr.io/acme/app:1.0' }), 'Trivy', true],
    ['trivy with a global flag before the subcommand', step({ run: 'trivy --cache-dir .trivy image app:1' }), 'Trivy', false],
    ['trivy through docker run', step({ run: 'docker run --rm aquasec/trivy:0.50.0 image app:1' }), 'Trivy', false],
    ['anchore/scan-action on an image (fails the build by default)', step({ uses: 'anchore/scan-action@v3', with: { image: 'app:1' } }), 'Grype (anchore/scan-action)', true],
    ['anchore/scan-action with fail-build off', step({ uses: 'anchore/scan-action@v3', with: { image: 'app:1', 'fail-build': 'false' } }), 'Grype (anchore/scan-action)', false],
    ['grype on an image', step({ run: 'grype registry:ghcr.io/acme/app:1 --fail-on high' }), 'Grype', true],
    ['grype with an output flag first', step({ run: 'grype -o sarif app:1 > grype.sarif' }), 'Grype', false],
    ['docker scout action', step({ uses: 'docker/scout-action@v1', with: { command: 'cves', 'exit-code': 'true' } }), 'Docker Scout', true],
    ['docker scout in a script', step({ run: 'docker scout cves app:1' }), 'Docker Scout', false],
    ['snyk container test', step({ run: 'snyk container test app:1 --severity-threshold=high' }), 'Snyk Container', true],
    ['snyk docker action', step({ uses: 'snyk/actions/docker@master', with: { image: 'app:1' } }), 'Snyk Container', false],
  ])('recognises %s', (_name, scanStep, tool, gated) => {
    expect(imageScan(scanStep)).toEqual({ tool, gated });
  });

  it.each([
    ['trivy on the file system', step({ uses: 'aquasecurity/trivy-action@0.24.0', with: { 'scan-type': 'fs', 'scan-ref': '.' } })],
    ['trivy fs in a script', step({ run: 'trivy fs --exit-code 1 --severity HIGH .' })],
    ['anchore/scan-action on a path', step({ uses: 'anchore/scan-action@v3', with: { path: '.' } })],
    ['grype on a directory', step({ run: 'grype dir:. --fail-on high' })],
    ['grype database update', step({ run: 'grype db update' })],
    ['snyk test on dependencies', step({ run: 'snyk test --severity-threshold=high' })],
    ['a mention in an echo', step({ run: 'echo "trivy image is great"' })],
  ])('ignores %s', (_name, other) => {
    expect(imageScan(other)).toBeUndefined();
  });

  it('gives level 3 to a gated scan, level 2 to an ungated one', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ run: 'trivy image --exit-code 1 --severity CRITICAL app', line: 9 }), step({ run: 'trivy image app', line: 14 })]) });
    expect(findings).toEqual([
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 9, level: 3, confidence: 'high', message: 'Trivy scans a container image and fails the pipeline above a severity threshold' },
      { outcome: 'positive', file: '.github/workflows/ci.yml', line: 14, level: 2, confidence: 'high', message: 'Trivy scans a container image; add a severity threshold that fails the build to make it a gate' },
    ]);
  });

  it('never counts a neutralised gate as a gate', () => {
    const findings = runDetector(detector, { ci: ciWithSteps([step({ uses: 'anchore/scan-action@v3', with: { image: 'app' }, neutralised: true })]) });
    expect(findings).toEqual([expect.objectContaining({ level: 2, message: 'Grype (anchore/scan-action) scans a container image, but the step may fail without failing the pipeline, so it is no gate' })]);
  });

  it('finds the GitLab container-scanning template', () => {
    const ci = { workflows: [workflow({ system: 'gitlab-ci', file: '.gitlab-ci.yml', includes: [{ ref: 'Jobs/Container-Scanning.gitlab-ci.yml', line: 3 }] })], unreadable: [] };
    expect(runDetector(detector, { ci })).toEqual([{ outcome: 'positive', file: '.gitlab-ci.yml', line: 3, level: 2, confidence: 'high', message: 'The GitLab Container-Scanning template scans the built image' }]);
  });

  it('finds nothing without a pipeline (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector)).toEqual([]);
  });

  it('stays linear on hostile run text', () => {
    const started = performance.now();
    imageScan(step({ run: `${'trivy -a '.repeat(12_000)}\n${'grype '.repeat(16_000)}` }));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
