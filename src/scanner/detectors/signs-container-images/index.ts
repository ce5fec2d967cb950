import type { CiStep } from '../../ci/model.js';
import type { Detector, DetectorFinding } from '../../contract.js';
import { pipelineSteps } from '../pipeline-steps.js';

const AT_COMMAND = String.raw`(?:^|[;&|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:[\w./-]*\/)?`;
/** `cosign sign` / `cosign attest` (images; `sign-blob` signs files) and Notary's `notation sign`. */
const SIGN_COMMAND = new RegExp(String.raw`${AT_COMMAND}(cosign[ \t]+(?:sign|attest)|notation[ \t]+sign)(?=[ \t]|$)`, 'm');
const BUILDX_BUILD = /\bdocker[ \t]+buildx[ \t]+(?:build|bake)\b/;
const BUILDX_ATTESTATION = /--(?:provenance|sbom)(?:=|[ \t]+)(?!["']?false\b)|--attest\b/;

export const detector: Detector = {
  id: 'signs-container-images',
  title: 'Images are signed or carry provenance and SBOM attestations',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.image-signing'],
  version: 1,
  lifecycle: 'stable',
  matches: () => false,
  analyze(input) {
    return pipelineSteps(input).flatMap(({ step, place: where, mayFail }): DetectorFinding[] => {
        const how = signing(step);
        if (how === undefined) return [];
        const place = { ...where, confidence: 'high' as const };
        if (mayFail) return [{ outcome: 'positive', ...place, level: 2, status: 'partial', message: `The pipeline ${how}, but the step may fail without failing the pipeline` }];
        return [{ outcome: 'positive', ...place, level: 3, message: `The pipeline ${how}` }];
      });
  },
};

/** How a step signs or attests an image, in words, or undefined. */
export function signing(step: CiStep): string | undefined {
  const name = step.uses === undefined ? '' : actionName(step.uses);
  const input = (key: string): string => (step.with[key] ?? '').trim().toLowerCase();
  if (name === 'docker/build-push-action') {
    const attests = ['provenance', 'sbom'].filter((key) => input(key) !== '' && input(key) !== 'false');
    if (attests.length > 0 || input('attests') !== '') return `attaches ${attests.length > 0 ? attests.join(' and ') : 'build'} attestations to the image it pushes`;
  }
  if ((name === 'actions/attest-build-provenance' || name === 'actions/attest' || name === 'actions/attest-sbom') && input('push-to-registry') === 'true') return 'pushes a signed attestation for the image to its registry';
  if (step.run === undefined) return undefined;
  const command = SIGN_COMMAND.exec(step.run);
  if (command !== null) return `runs ${(command[1] ?? '').replace(/[ \t]+/, ' ')} on an image`;
  const joined = step.run.replace(/\\\r?\n/g, ' ');
  if (joined.split('\n').some((line) => BUILDX_BUILD.test(line) && BUILDX_ATTESTATION.test(line))) return 'builds the image with buildx provenance or SBOM attestations';
  return undefined;
}

/** An action or image name without its `@ref` or `:tag`, lower-cased. */
function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at === -1 ? uses : uses.slice(0, at)).replace(/:[^/]*$/, '').toLowerCase();
}
