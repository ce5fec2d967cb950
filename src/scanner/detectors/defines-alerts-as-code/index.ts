import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { isWorkload, isYamlPath, manifestDocuments } from '../kubernetes-manifests.js';

interface Evidence {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

const ALERTING = 'logging-monitoring.alerting';
const ALERTS_AS_CODE = 'logging-monitoring.alerts-as-code';
const ALERT_RESOURCE = /^[ \t]*resource[ \t]+"(datadog_monitor|aws_cloudwatch_metric_alarm|aws_cloudwatch_composite_alarm|google_monitoring_alert_policy|azurerm_monitor_metric_alert|azurerm_monitor_scheduled_query_rules_alert(?:_v2)?|newrelic_alert_policy|newrelic_nrql_alert_condition|grafana_rule_group|opsgenie_alert_policy|pagerduty_service)"/m;
const ALERT_RULE = /^[ \t]*(?:-[ \t]*)?alert:[ \t]*\S/m;
const RULE_GROUPS = /^groups:/m;
const RULE_KINDS = new Set(['PrometheusRule', 'VMRule']);
const ALERTMANAGER_FILE = /(?:^|\/)alertmanager\.ya?ml$/;
const ALERTMANAGER_CONFIG = /^(?:route|receivers):/m;
const GRAFANA_PROVISIONING = /^apiVersion:[ \t]*["']?1["']?[ \t]*$/m;
const GRAFANA_ALERTING = /^(?:groups|contactPoints|policies):/m;
const GRAFANA_RULE = /^[ \t]*(?:-[ \t]*)?condition:[ \t]*\S/m;
const CLOUDFORMATION_ALARM = /^[ \t]*(?:-[ \t]*)?Type:[ \t]*["']?AWS::CloudWatch::(?:Composite)?Alarm\b/m;
const PROBE = /^[ \t]*(?:livenessProbe|readinessProbe|startupProbe):/;

export const detector: Detector = {
  id: 'defines-alerts-as-code',
  title: 'Alert rules, monitors or health probes are kept as code',
  domain: 'logging-monitoring',
  kind: 'positive',
  evidenceFor: [ALERTING, ALERTS_AS_CODE],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => isYamlPath(path) || path.endsWith('.tf'),
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    const product = files.filter((candidate) => !isFixture(candidate.path));
    const alerts = product.flatMap(alertEvidence);
    if (alerts.length > 0) {
      return alerts.map((found) => ({ outcome: 'positive', file: found.file, line: found.line, level: 3, confidence: 'high', practices: [ALERTING, ALERTS_AS_CODE], message: `${found.what} in ${found.file} keeps alerting as code` }));
    }
    return product.flatMap(probeEvidence).map((found): DetectorFinding => ({ outcome: 'positive', file: found.file, line: found.line, level: 2, status: 'partial', confidence: 'medium', practices: [ALERTING], message: `${found.what} in ${found.file}: Kubernetes restarts or unroutes an unhealthy pod, but no alert rule tells anyone` }));
  },
};

/** The first alert definition of a file: Terraform monitors, Prometheus or Grafana rules, Alertmanager, CloudWatch alarms. */
export function alertEvidence(file: ScanFile): Evidence[] {
  const { path, text } = file;
  if (path.endsWith('.tf')) return firstMatch(file, ALERT_RESOURCE, (match) => `Terraform ${match[1] ?? 'monitor'}`);
  if (ALERTMANAGER_FILE.test(path) && ALERTMANAGER_CONFIG.test(text)) return firstMatch(file, ALERTMANAGER_CONFIG, () => 'Alertmanager routing');
  if (GRAFANA_PROVISIONING.test(text) && GRAFANA_ALERTING.test(text) && (GRAFANA_RULE.test(text) || !RULE_GROUPS.test(text))) return firstMatch(file, GRAFANA_ALERTING, () => 'Grafana alert provisioning');
  const ruleKind = manifestDocuments(text).some((document) => RULE_KINDS.has(document.kind ?? ''));
  if ((RULE_GROUPS.test(text) || ruleKind) && ALERT_RULE.test(text)) return firstMatch(file, ALERT_RULE, () => (ruleKind ? 'A PrometheusRule alert' : 'A Prometheus alert rule'));
  return firstMatch(file, CLOUDFORMATION_ALARM, () => 'A CloudFormation CloudWatch alarm');
}

/** The first liveness, readiness or startup probe of a Kubernetes workload file. */
function probeEvidence(file: ScanFile): Evidence[] {
  if (!isYamlPath(file.path)) return [];
  for (const document of manifestDocuments(file.text).filter(isWorkload)) {
    const offset = document.lines.findIndex((line) => PROBE.test(line));
    if (offset !== -1) return [{ file: file.path, line: document.firstLine + offset, what: `${document.kind ?? 'A workload'} has health probes` }];
  }
  return [];
}

function firstMatch(file: ScanFile, pattern: RegExp, describe: (match: RegExpExecArray) => string): Evidence[] {
  const match = pattern.exec(file.text);
  if (match === null) return [];
  return [{ file: file.path, line: file.text.slice(0, match.index).split('\n').length, what: describe(match) }];
}
