import type { Detector, DetectorFinding } from '../../contract.js';
import type { ManifestDocument } from '../kubernetes-manifests.js';
import { isYamlPath, manifestDocuments } from '../kubernetes-manifests.js';

interface Policy {
  readonly engine: string;
  /** Why the policy does not block admission, when it does not. */
  readonly auditOnly?: string;
}

const KYVERNO_API = /^(?:[\w-]+\.)*kyverno\.io\//;
const KYVERNO_POLICY_KINDS = new Set(['ClusterPolicy', 'Policy', 'ValidatingPolicy', 'NamespacedValidatingPolicy', 'ImageValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy']);
const KYVERNO_ENFORCE = /^[ \t]*(?:validationFailureAction|failureAction):[ \t]*["']?enforce\b|^[ \t]*validationActions:.*\bDeny\b|^[ \t]*-[ \t]*Deny[ \t]*$/i;
const KYVERNO_VALIDATES = /^[ \t]*(?:-[ \t]*)?(?:validate|validations):/;
const GATEKEEPER_DRY_RUN = /^[ \t]*enforcementAction:[ \t]*["']?(dryrun|warn)\b/i;

export const detector: Detector = {
  id: 'enforces-admission-policy',
  title: 'Kyverno, Gatekeeper or ValidatingAdmissionPolicy rules are kept as code',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.admission-policy'],
  version: 1,
  lifecycle: 'stable',
  matches: isYamlPath,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files
      .filter((candidate) => !isFixture(candidate.path))
      .flatMap((file) =>
        manifestDocuments(file.text).flatMap((document): DetectorFinding[] => {
          const policy = admissionPolicy(document);
          if (policy === undefined) return [];
          const place = { file: file.path, line: document.line, level: 3, confidence: 'high' as const };
          if (policy.auditOnly !== undefined) return [{ outcome: 'positive', ...place, status: 'partial', message: `${policy.engine} ${document.kind ?? ''} is kept as code but ${policy.auditOnly}: switch it to enforce` }];
          return [{ outcome: 'positive', ...place, message: `${policy.engine} ${document.kind ?? ''} is kept as code and enforced at admission` }];
        }),
      );
  },
};

/** What admission policy a YAML document declares, if any. */
export function admissionPolicy(document: ManifestDocument): Policy | undefined {
  const { apiVersion = '', kind = '' } = document;
  if (KYVERNO_API.test(apiVersion) && KYVERNO_POLICY_KINDS.has(kind)) return kyvernoPolicy(document);
  if (apiVersion.startsWith('templates.gatekeeper.sh/') && kind === 'ConstraintTemplate') return { engine: 'Gatekeeper' };
  if (apiVersion.startsWith('constraints.gatekeeper.sh/')) {
    const dryRun = document.lines.map((line) => GATEKEEPER_DRY_RUN.exec(line)).find((match): match is RegExpExecArray => match !== null);
    return dryRun === undefined ? { engine: 'Gatekeeper constraint' } : { engine: 'Gatekeeper constraint', auditOnly: `its enforcementAction is ${dryRun[1] ?? ''}` };
  }
  if (apiVersion.startsWith('admissionregistration.k8s.io/') && kind === 'ValidatingAdmissionPolicy') return { engine: 'Kubernetes' };
  return undefined;
}

/** Kyverno validates in Audit mode unless told to Enforce; mutate and generate rules act at admission either way. */
function kyvernoPolicy(document: ManifestDocument): Policy {
  if (document.lines.some((line) => KYVERNO_ENFORCE.test(line))) return { engine: 'Kyverno' };
  if (document.lines.some((line) => KYVERNO_VALIDATES.test(line))) return { engine: 'Kyverno', auditOnly: 'it only audits (Audit is the default validation action)' };
  return { engine: 'Kyverno' };
}
