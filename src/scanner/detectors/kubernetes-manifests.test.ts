import { describe, expect, it } from 'vitest';
import { isHelmTemplatePath, isKubernetesManifest, isWorkload, manifestDocuments } from './kubernetes-manifests.js';

describe('manifestDocuments', () => {
  it('splits documents and reads top-level apiVersion and kind with their lines', () => {
    const documents = manifestDocuments(['apiVersion: v1', 'kind: Service', '---', '# comment', 'apiVersion: "apps/v1"', 'kind: Deployment', 'spec:', '  template:', '    kind: Nested', '--- # trailing', 'items: []'].join('\n'));
    expect(documents.map(({ apiVersion, kind, line, firstLine }) => ({ apiVersion, kind, line, firstLine }))).toEqual([
      { apiVersion: 'v1', kind: 'Service', line: 2, firstLine: 1 },
      { apiVersion: 'apps/v1', kind: 'Deployment', line: 6, firstLine: 4 },
      { apiVersion: undefined, kind: undefined, line: 11, firstLine: 11 },
    ]);
  });

  it.each([
    [{ apiVersion: 'apps/v1', kind: 'Deployment' }, true, true],
    [{ apiVersion: 'batch/v1', kind: 'CronJob' }, true, true],
    [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }, true, false],
    [{ apiVersion: '{{', kind: 'StatefulSet' }, true, true],
    [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Component' }, false, false],
    [{ apiVersion: 'skaffold/v4beta6', kind: 'Config' }, false, false],
    [{ kind: 'Deployment' }, false, true],
  ])('%o is a manifest: %s, a workload: %s', (fields, manifest, workload) => {
    const document = { ...fields, line: 1, firstLine: 1, lines: [] };
    expect(isKubernetesManifest(document)).toBe(manifest);
    expect(isWorkload(document)).toBe(workload);
  });

  it('knows Helm template paths', () => {
    expect([isHelmTemplatePath('charts/api/templates/deploy.yaml'), isHelmTemplatePath('templates/x.yaml'), isHelmTemplatePath('k8s/deploy.yaml')]).toEqual([true, true, false]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    manifestDocuments(`apiVersion:${' '.repeat(100_000)}\n${'---\n'.repeat(25_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
