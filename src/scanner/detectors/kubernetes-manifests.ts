/**
 * Kubernetes manifests read as lines of text, one YAML document at a time. Helm templates are not
 * valid YAML until rendered (`{{- if … }}`), so nothing here parses YAML: the top-level
 * `apiVersion:` and `kind:` lines of each document are enough to know what it declares.
 */

export interface ManifestDocument {
  /** The document's top-level `apiVersion`, as written (may be a Helm expression). */
  readonly apiVersion?: string;
  /** The document's top-level `kind`. */
  readonly kind?: string;
  /** 1-based line of the `kind:` line, or of the document's first line when it has none. */
  readonly line: number;
  /** 1-based line number of `lines[0]`. */
  readonly firstLine: number;
  readonly lines: readonly string[];
}

const YAML_PATH = /\.ya?ml$/i;
const DOCUMENT_SEPARATOR = /^---(?:\s|$)/;
const TOP_LEVEL_FIELD = /^(apiVersion|kind):[ \t]*(["']?)([^\s"'#]+)\2/;
/** Core groups without a dot, and every `*.k8s.io` group: what a cluster serves without CRDs. */
const KUBERNETES_API_VERSION = /^(?:v1|(?:apps|batch|autoscaling|policy|extensions|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.k8s\.io)\/v\w+)$/;

export const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob'];

export function isYamlPath(path: string): boolean {
  return YAML_PATH.test(path);
}

/** True when the path is inside a Helm chart's `templates/` folder. */
export function isHelmTemplatePath(path: string): boolean {
  return path.startsWith('templates/') || path.includes('/templates/');
}

/** The YAML documents of a file with their top-level apiVersion and kind. */
export function manifestDocuments(text: string): ManifestDocument[] {
  const lines = text.split(/\r?\n/);
  const documents: ManifestDocument[] = [];
  let start = 0;
  for (let index = 0; index <= lines.length; index += 1) {
    if (index < lines.length && !DOCUMENT_SEPARATOR.test(lines[index] ?? '')) continue;
    if (index > start) documents.push(readDocument(lines.slice(start, index), start + 1));
    start = index + 1;
  }
  return documents;
}

function readDocument(lines: readonly string[], firstLine: number): ManifestDocument {
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let line = firstLine;
  lines.forEach((text, offset) => {
    const field = TOP_LEVEL_FIELD.exec(text);
    if (field === null) return;
    if (field[1] === 'apiVersion') apiVersion ??= field[3];
    else if (kind === undefined) {
      kind = field[3];
      line = firstLine + offset;
    }
  });
  return { ...(apiVersion === undefined ? {} : { apiVersion }), ...(kind === undefined ? {} : { kind }), line, firstLine, lines };
}

/** A document a Kubernetes cluster would accept without custom resource definitions. */
export function isKubernetesManifest(document: ManifestDocument): boolean {
  if (document.kind === undefined || document.apiVersion === undefined) return false;
  return KUBERNETES_API_VERSION.test(document.apiVersion) || isTemplated(document.apiVersion);
}

/** A workload that runs containers: Deployment, StatefulSet, DaemonSet, Pod, Job or CronJob. */
export function isWorkload(document: ManifestDocument): boolean {
  return document.kind !== undefined && WORKLOAD_KINDS.includes(document.kind) && (document.apiVersion === undefined || isKubernetesManifest(document));
}

function isTemplated(value: string): boolean {
  return value.startsWith('{{');
}
