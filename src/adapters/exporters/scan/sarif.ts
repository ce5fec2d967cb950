import type { DetectorSummary, ScanExportContext, ScanExporter } from '../../../core/ports.js';
import type { ScanFinding, ScanResult } from '../../../core/scan/result.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * SARIF 2.1.0 for code scanning: one rule per detector, one result per negative or failed finding
 * (positive evidence is not an alert), with locations and partial fingerprints so alerts stay put.
 */
export const sarifScanExporter: ScanExporter = {
  format: 'sarif',
  mediaType: 'application/sarif+json',
  extension: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning: negative findings as alerts',
  render: (result, context) => `${JSON.stringify(sarifLog(result, context), null, 2)}\n`,
};

function sarifLog(result: ScanResult, context: ScanExportContext): unknown {
  const rules = [...context.detectors].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = result.findings.filter((finding) => finding.outcome === 'negative' || finding.outcome === 'error').map((finding) => sarifResult(finding, ruleIndex));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Stepwise', semanticVersion: context.toolVersion, rules: rules.map((rule) => sarifRule(rule, context)) } },
        originalUriBaseIds: { SRCROOT: { uri: 'file:///' } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function sarifRule(rule: DetectorSummary, context: ScanExportContext): unknown {
  return {
    id: rule.id,
    name: rule.id.split('-').map((word) => (word[0] ?? '').toUpperCase() + word.slice(1)).join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${context.domainNames.get(rule.domain) ?? rule.domain}; ${rule.kind} evidence)` },
    defaultConfiguration: { level: rule.kind === 'negative' ? 'error' : 'note' },
    properties: { tags: ['stepwise', rule.domain, rule.kind], version: String(rule.version) },
  };
}

function sarifResult(finding: ScanFinding, ruleIndex: ReadonlyMap<string, number>): unknown {
  const index = ruleIndex.get(finding.detector);
  const location = finding.file === null ? [] : [{ physicalLocation: { artifactLocation: { uri: encodeUriPath(finding.file), uriBaseId: 'SRCROOT' }, region: { startLine: finding.line ?? 1 } } }];
  return {
    ruleId: finding.detector,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: finding.outcome === 'error' ? 'warning' : finding.fixture ? 'note' : 'error',
    message: { text: finding.message },
    locations: location,
    partialFingerprints: { 'stepwiseFinding/v1': finding.fingerprint },
    properties: { domain: finding.domain, fixture: finding.fixture, confidence: finding.confidence, ...(finding.level === null ? {} : { capsLevelAt: finding.level }) },
  };
}

function encodeUriPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
