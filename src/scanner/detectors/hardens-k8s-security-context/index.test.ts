import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, settingsIn } from './index.js';

const HEAD = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          image: ghcr.io/acme/api:1.0'];

describe('hardens-k8s-security-context', () => {
  it('finds a fully hardened workload', () => {
    const text = [...HEAD, '          securityContext:', '            runAsNonRoot: true', '            readOnlyRootFilesystem: true', '            capabilities:', '              drop:', '                - ALL'];
    expect(runDetector(detector, { files: [file('k8s/api.yaml', ...text)] })).toEqual([
      { outcome: 'positive', file: 'k8s/api.yaml', line: 2, level: 2, confidence: 'high', message: 'Deployment in k8s/api.yaml runs as non-root, with a read-only root filesystem and all capabilities dropped' },
    ]);
  });

  it('is partial with only some of the settings, naming what is missing', () => {
    const text = ['---', 'apiVersion: batch/v1', 'kind: CronJob', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          securityContext: {runAsNonRoot: true}', '          containers:', '            - name: job', '              securityContext:', '                runAsNonRoot: true', '                capabilities: { drop: ["ALL"] }'];
    expect(runDetector(detector, { files: [file('jobs.yml', ...text)] })).toEqual([
      { outcome: 'positive', file: 'jobs.yml', line: 3, level: 2, status: 'partial', confidence: 'high', message: 'CronJob in jobs.yml sets runAsNonRoot and drop ALL capabilities but not readOnlyRootFilesystem' },
    ]);
  });

  it('reads a Helm template whose security context comes from the chart values', () => {
    const template = file('charts/api/templates/deployment.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          securityContext:', '            {{- toYaml .Values.securityContext | nindent 12 }}');
    const values = file('charts/api/values.yaml', 'securityContext:', '  runAsNonRoot: true', '  readOnlyRootFilesystem: true', '  capabilities:', '    drop: [ALL]');
    expect(runDetector(detector, { files: [template, values] })).toEqual([
      expect.objectContaining({ outcome: 'positive', file: 'charts/api/templates/deployment.yaml', line: 2, level: 2, confidence: 'medium', message: 'Deployment in charts/api/templates/deployment.yaml runs as non-root, with a read-only root filesystem and all capabilities dropped (partly from charts/api/values.yaml)' }),
    ]);
  });

  it.each([
    ['a workload without any of the settings', [...HEAD]],
    ['settings that are false', [...HEAD, '          securityContext:', '            runAsNonRoot: false', '            readOnlyRootFilesystem: false']],
    ['a dropped capability other than ALL', [...HEAD, '          securityContext:', '            capabilities:', '              drop:', '                - NET_RAW']],
    ['a Service, which runs nothing', ['apiVersion: v1', 'kind: Service', 'spec:', '  runAsNonRoot: true']],
  ])('finds nothing for %s', (_name, lines) => {
    expect(runDetector(detector, { files: [file('k8s/app.yaml', ...lines)] })).toEqual([]);
  });

  it('skips fixtures', () => {
    expect(runDetector(detector, { files: [file('test/fixtures/pod.yaml', 'apiVersion: v1', 'kind: Pod', 'spec:', '  securityContext:', '    runAsNonRoot: true')] })).toEqual([]);
  });

  it('is inconclusive when the chart values cannot be found', () => {
    const template = file('charts/api/templates/deployment.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      securityContext: {{- toYaml .Values.podSecurityContext | nindent 8 }}');
    expect(runDetector(detector, { files: [template] })).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'charts/api/templates/deployment.yaml', line: 2 })]);
  });

  it('reads the block and inline forms of drop', () => {
    expect(settingsIn(['drop:', '  - "all"'])).toEqual(['drop ALL capabilities']);
    expect(settingsIn(['drop: ["NET_RAW", "ALL"]', 'runAsNonRoot: "true"'])).toEqual(['runAsNonRoot', 'drop ALL capabilities']);
    expect(settingsIn(['drop:', '  - NET_RAW', 'add:', '  - ALL'])).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    settingsIn([' drop: ['.repeat(12_000), 'drop:', ...Array.from({ length: 20_000 }, () => '- NET_RAW')]);
    runDetector(detector, { files: [file('k8s/x.yaml', 'kind: Pod', ...Array.from({ length: 5_000 }, () => 'drop:'))] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
