import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import type { ManifestDocument } from '../kubernetes-manifests.js';
import { isHelmTemplatePath, isWorkload, isYamlPath, manifestDocuments } from '../kubernetes-manifests.js';

type Setting = 'runAsNonRoot' | 'readOnlyRootFilesystem' | 'drop ALL capabilities';

const SETTINGS: readonly Setting[] = ['runAsNonRoot', 'readOnlyRootFilesystem', 'drop ALL capabilities'];
const TRUE_SETTING: Readonly<Record<Exclude<Setting, 'drop ALL capabilities'>, RegExp>> = {
  runAsNonRoot: /(?:^|[\s{,])runAsNonRoot:[ \t]*["']?true\b/,
  readOnlyRootFilesystem: /(?:^|[\s{,])readOnlyRootFilesystem:[ \t]*["']?true\b/,
};
/** Block or flow style (`capabilities: { drop: ["ALL"] }`); the bound keeps a hostile line linear. */
const DROP_INLINE = /(?:^|[\s{,])drop:[ \t]*\[([^\]]{0,500})\]/;
const DROP_BLOCK = /^[ \t]*drop:[ \t]*(?:#.*)?$/;
const LIST_ITEM = /^[ \t]*-[ \t]*["']?([\w-]+)["']?[ \t]*(?:#.*)?$/;
const ALL_IN_LIST = /(?:^|[\s,"'])ALL(?:$|[\s,"'])/i;
/** A Helm template that takes its security context from the chart's values. */
const TEMPLATED_SECURITY_CONTEXT = /\.Values\.[\w.]*[sS]ecurityContext/;

export const detector: Detector = {
  id: 'hardens-k8s-security-context',
  title: 'Workloads run as non-root with a read-only root filesystem and no capabilities',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.workload-hardening'],
  version: 1,
  lifecycle: 'stable',
  matches: isYamlPath,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const product = files.filter((candidate) => !isFixture(candidate.path));
    const byPath = new Map(product.map((file) => [file.path, file]));
    return product.flatMap((file) => manifestDocuments(file.text).filter(isWorkload).flatMap((document) => judgeWorkload(file, document, byPath)));
  },
};

function judgeWorkload(file: ScanFile, document: ManifestDocument, files: ReadonlyMap<string, ScanFile>): DetectorFinding[] {
  const own = settingsIn(document.lines);
  const values = chartValuesFor(file.path, document, files);
  const fromValues = values === undefined ? [] : settingsIn(values.text.split(/\r?\n/)).filter((setting) => !own.includes(setting));
  const found = SETTINGS.filter((setting) => own.includes(setting) || fromValues.includes(setting));
  const place = { file: file.path, line: document.line, confidence: fromValues.length > 0 ? ('medium' as const) : ('high' as const) };
  const what = `${document.kind ?? 'Workload'} in ${file.path}`;
  if (found.length === 0) {
    if (!isTemplated(file.path, document)) return [];
    return [{ outcome: 'not-applicable', ...place, message: `${what} takes its securityContext from chart values that set none of runAsNonRoot, readOnlyRootFilesystem or dropped capabilities (or were not found)` }];
  }
  const source = fromValues.length > 0 && values !== undefined ? ` (partly from ${values.path})` : '';
  const missing = SETTINGS.filter((setting) => !found.includes(setting));
  if (missing.length === 0) return [{ outcome: 'positive', ...place, level: 2, message: `${what} runs as non-root, with a read-only root filesystem and all capabilities dropped${source}` }];
  return [{ outcome: 'positive', ...place, level: 2, status: 'partial', message: `${what} sets ${found.join(' and ')}${source} but not ${missing.join(' or ')}` }];
}

/** The hardening settings written in these lines. */
export function settingsIn(lines: readonly string[]): Setting[] {
  const found = new Set<Setting>();
  lines.forEach((line, index) => {
    if (TRUE_SETTING.runAsNonRoot.test(line)) found.add('runAsNonRoot');
    if (TRUE_SETTING.readOnlyRootFilesystem.test(line)) found.add('readOnlyRootFilesystem');
    if (dropsAll(lines, index)) found.add('drop ALL capabilities');
  });
  return SETTINGS.filter((setting) => found.has(setting));
}

/** `drop: ["ALL"]` or `drop:` followed by a `- ALL` item. */
function dropsAll(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  const inline = DROP_INLINE.exec(line);
  if (inline !== null) return ALL_IN_LIST.test(inline[1] ?? '');
  if (!DROP_BLOCK.test(line)) return false;
  for (let next = index + 1; next < lines.length; next += 1) {
    const item = LIST_ITEM.exec(lines[next] ?? '');
    if (item === null) return false;
    if (item[1]?.toUpperCase() === 'ALL') return true;
  }
  return false;
}

function isTemplated(path: string, document: ManifestDocument): boolean {
  return isHelmTemplatePath(path) && document.lines.some((line) => TEMPLATED_SECURITY_CONTEXT.test(line));
}

/** For a Helm template that reads its security context from values, the chart's `values.yaml`. */
function chartValuesFor(path: string, document: ManifestDocument, files: ReadonlyMap<string, ScanFile>): ScanFile | undefined {
  if (!isTemplated(path, document)) return undefined;
  const chartRoot = path.slice(0, path.lastIndexOf('templates/'));
  return files.get(`${chartRoot}values.yaml`) ?? files.get(`${chartRoot}values.yml`);
}
