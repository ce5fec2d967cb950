import type { Detector, DetectorFinding, DetectorInput, ScanFile } from '../../contract.js';

type IacKind = 'Terraform' | 'Bicep' | 'Pulumi' | 'Helm' | 'CloudFormation' | 'Kubernetes';

/** Kinds recognised by their file name alone. */
const BY_PATH: readonly { kind: IacKind; path: RegExp }[] = [
  { kind: 'Terraform', path: /\.tf(?:\.json)?$/ },
  { kind: 'Bicep', path: /\.bicep$/ },
  { kind: 'Pulumi', path: /(?:^|\/)Pulumi\.ya?ml$/ },
  { kind: 'Helm', path: /(?:^|\/)Chart\.ya?ml$/ },
];

const CONTENT_FILE = /\.(?:ya?ml|json|template)$/i;
const NOT_IAC = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|composer\.json|package\.json|tsconfig[\w.-]*\.json)$/;
const CLOUDFORMATION = /^[ \t]*"?AWSTemplateFormatVersion"?[ \t]*:|^Transform:[ \t]*["']?AWS::Serverless/;
const API_VERSION = /^apiVersion:[ \t]*["']?([\w./-]+)/;
const KIND = /^kind:[ \t]*["']?[A-Za-z]/;
/** Files shaped like manifests that describe no infrastructure. */
const NOT_KUBERNETES_API = /^(?:backstage\.io\/|skaffold\/)/;

function cloudFormationLine(lines: readonly string[]): number {
  return lines.findIndex((line) => CLOUDFORMATION.test(line)) + 1;
}

/** A Kubernetes manifest has `apiVersion:` and `kind:` at the top level of a document. */
function kubernetesLine(lines: readonly string[]): number {
  const apiIndex = lines.findIndex((line) => API_VERSION.test(line));
  const api = API_VERSION.exec(lines[apiIndex] ?? '')?.[1] ?? '';
  if (apiIndex === -1 || NOT_KUBERNETES_API.test(api)) return 0;
  const kindIndex = lines.findIndex((line) => KIND.test(line));
  return kindIndex === -1 ? 0 : kindIndex + 1;
}

function contentKind(file: ScanFile): { kind: IacKind; line: number } | undefined {
  if (!file.text.includes('AWSTemplateFormatVersion') && !file.text.includes('AWS::Serverless') && !file.text.includes('apiVersion')) return undefined;
  const lines = file.text.split('\n');
  const cloudFormation = cloudFormationLine(lines);
  if (cloudFormation > 0) return { kind: 'CloudFormation', line: cloudFormation };
  const kubernetes = /\.ya?ml$/i.test(file.path) ? kubernetesLine(lines) : 0;
  return kubernetes > 0 ? { kind: 'Kubernetes', line: kubernetes } : undefined;
}

/** Every IaC file outside fixtures, by kind, in path order. */
function iacFiles(input: DetectorInput): Map<IacKind, { path: string; line: number }[]> {
  const found = new Map<IacKind, { path: string; line: number }[]>();
  const add = (kind: IacKind, path: string, line: number): void => {
    found.set(kind, [...(found.get(kind) ?? []), { path, line }]);
  };
  for (const path of input.paths) {
    const byPath = BY_PATH.find((entry) => entry.path.test(path));
    if (byPath !== undefined && !input.isFixture(path)) add(byPath.kind, path, 1);
  }
  for (const file of [...input.files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const byContent = input.isFixture(file.path) ? undefined : contentKind(file);
    if (byContent !== undefined) add(byContent.kind, file.path, byContent.line);
  }
  return found;
}

function kindFinding(kind: IacKind, files: readonly { path: string; line: number }[]): DetectorFinding {
  const first = files[0] ?? { path: '', line: 1 };
  const more = files.length > 1 ? ` and ${files.length - 1} more` : '';
  const confidence = kind === 'Kubernetes' ? 'medium' : 'high';
  return { outcome: 'positive', file: first.path, line: first.line, confidence, message: `${kind} infrastructure code: ${first.path}${more}` };
}

export const detector: Detector = {
  id: 'has-iac',
  title: 'Terraform, Bicep, Pulumi, Helm, CloudFormation or Kubernetes files exist',
  domain: 'iac',
  kind: 'applicability',
  evidenceFor: [],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => CONTENT_FILE.test(path) && !NOT_IAC.test(path),
  analyze(input) {
    const found = iacFiles(input);
    if (found.size === 0) return [{ outcome: 'not-applicable', confidence: 'medium', message: 'no infrastructure as code found' }];
    return [...found.entries()].map(([kind, files]) => kindFinding(kind, files));
  },
};
