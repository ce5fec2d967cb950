import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const BOTH = ['logging-monitoring.alerting', 'logging-monitoring.alerts-as-code'];

describe('defines-alerts-as-code', () => {
  it.each([
    [file('monitoring/rules/api.yml', 'groups:', '  - name: api', '    rules:', '      - alert: HighErrorRate', '        expr: rate(http_errors_total[5m]) > 0.05'), 4, 'A Prometheus alert rule'],
    [file('k8s/rules.yaml', 'apiVersion: monitoring.coreos.com/v1', 'kind: PrometheusRule', 'spec:', '  groups:', '    - name: x', '      rules:', '        - alert: PodCrashLooping'), 7, 'A PrometheusRule alert'],
    [file('ops/alertmanager.yml', 'global: {}', 'route:', '  receiver: team', 'receivers:', '  - name: team'), 2, 'Alertmanager routing'],
    [file('infra/monitors.tf', 'provider "datadog" {}', 'resource "datadog_monitor" "latency" {', '  type = "metric alert"', '}'), 2, 'Terraform datadog_monitor'],
    [file('infra/alarms.tf', '  resource "aws_cloudwatch_metric_alarm" "cpu" {}'), 1, 'Terraform aws_cloudwatch_metric_alarm'],
    [file('grafana/provisioning/alerting/rules.yaml', 'apiVersion: 1', 'groups:', '  - orgId: 1', '    name: api', '    rules:', '      - uid: a1', '        title: errors', '        condition: C'), 2, 'Grafana alert provisioning'],
    [file('cfn/stack.yaml', 'Resources:', '  Alarm:', '    Type: AWS::CloudWatch::Alarm'), 3, 'A CloudFormation CloudWatch alarm'],
  ])('finds alerts in %s', (input, line, what) => {
    expect(runDetector(detector, { files: [input] })).toEqual([{ outcome: 'positive', file: input.path, line, level: 3, confidence: 'high', practices: BOTH, message: `${what} in ${input.path} keeps alerting as code` }]);
  });

  it('falls back to health probes, as partial alerting evidence, only when no alert rule exists', () => {
    const deployment = file('k8s/api.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          livenessProbe:', '            httpGet: {path: /health, port: 8080}');
    expect(runDetector(detector, { files: [deployment] })).toEqual([
      { outcome: 'positive', file: 'k8s/api.yaml', line: 8, level: 2, status: 'partial', confidence: 'medium', practices: ['logging-monitoring.alerting'], message: 'Deployment has health probes in k8s/api.yaml: Kubernetes restarts or unroutes an unhealthy pod, but no alert rule tells anyone' },
    ]);
    const rules = file('rules.yml', 'groups:', '- name: x', '  rules:', '  - alert: Down');
    expect(runDetector(detector, { files: [deployment, rules] }).map((finding) => finding.file)).toEqual(['rules.yml']);
  });

  it.each([
    ['recording rules only', file('rules.yml', 'groups:', '  - name: x', '    rules:', '      - record: job:errors:rate5m')],
    ['an unrelated Terraform resource', file('main.tf', 'resource "aws_s3_bucket" "logs" {}')],
    ['a word "alert" in a config', file('app.yaml', 'notifications:', '  alert: true')],
    ['alerts under a test fixture', file('test/fixtures/rules.yml', 'groups:', '- rules:', '  - alert: X')],
  ])('finds nothing for %s', (_name, input) => {
    expect(runDetector(detector, { files: [input] })).toEqual([]);
  });

  it('finds nothing for an empty Alertmanager file (inconclusive)', () => {
    expect(runDetector(detector, { files: [file('alertmanager.yml', '# to do')] })).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('a.yml', 'groups:', `${' '.repeat(100_000)}-`, '- '.repeat(50_000)), file('b.tf', `resource${' '.repeat(100_000)}`)] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
