import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('enforces-admission-policy', () => {
  it.each([
    ['a Kyverno ClusterPolicy in Enforce mode', ['apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'metadata:', '  name: require-non-root', 'spec:', '  validationFailureAction: Enforce', '  rules:', '    - name: check', '      validate:', '        pattern: {}'], 'Kyverno ClusterPolicy is kept as code and enforced at admission'],
    ['a Kyverno rule-level failureAction', ['apiVersion: kyverno.io/v1', 'kind: Policy', 'spec:', '  rules:', '    - validate:', '        failureAction: Enforce'], 'Kyverno Policy is kept as code and enforced at admission'],
    ['a Gatekeeper ConstraintTemplate', ['apiVersion: templates.gatekeeper.sh/v1', 'kind: ConstraintTemplate', 'metadata:', '  name: k8srequiredlabels'], 'Gatekeeper ConstraintTemplate is kept as code and enforced at admission'],
    ['a Gatekeeper constraint', ['apiVersion: constraints.gatekeeper.sh/v1beta1', 'kind: K8sRequiredLabels', 'spec:', '  enforcementAction: deny'], 'Gatekeeper constraint K8sRequiredLabels is kept as code and enforced at admission'],
    ['a ValidatingAdmissionPolicy', ['apiVersion: admissionregistration.k8s.io/v1', 'kind: ValidatingAdmissionPolicy', 'spec:', '  validations:', '    - expression: "object.spec.replicas <= 5"'], 'Kubernetes ValidatingAdmissionPolicy is kept as code and enforced at admission'],
  ])('finds %s', (_name, lines, message) => {
    expect(runDetector(detector, { files: [file('policies/policy.yaml', ...lines)] })).toEqual([{ outcome: 'positive', file: 'policies/policy.yaml', line: 2, level: 3, confidence: 'high', message }]);
  });

  it.each([
    ['a Kyverno validation in the default Audit mode', ['apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'spec:', '  rules:', '    - validate:', '        pattern: {}'], 'Kyverno ClusterPolicy is kept as code but it only audits (Audit is the default validation action): switch it to enforce'],
    ['a Gatekeeper constraint in dry run', ['apiVersion: constraints.gatekeeper.sh/v1beta1', 'kind: K8sPSPPrivileged', 'spec:', '  enforcementAction: dryrun'], 'Gatekeeper constraint K8sPSPPrivileged is kept as code but its enforcementAction is dryrun: switch it to enforce'],
  ])('is partial for %s', (_name, lines, message) => {
    expect(runDetector(detector, { files: [file('policy.yaml', ...lines)] })).toEqual([{ outcome: 'positive', file: 'policy.yaml', line: 2, level: 3, status: 'partial', confidence: 'high', message }]);
  });

  it('reports each policy of a multi-document file at its kind line', () => {
    const text = ['apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', 'spec: {validationFailureAction: enforce}', '---', 'apiVersion: templates.gatekeeper.sh/v1', 'kind: ConstraintTemplate'];
    expect(runDetector(detector, { files: [file('all.yaml', ...text)] }).map((finding) => finding.line)).toEqual([2, 6]);
  });

  it.each([
    ['a Kyverno PolicyReport', ['apiVersion: wgpolicyk8s.io/v1alpha2', 'kind: PolicyReport']],
    ['a Kyverno PolicyException', ['apiVersion: kyverno.io/v2', 'kind: PolicyException']],
    ['a Deployment', ['apiVersion: apps/v1', 'kind: Deployment']],
    ['an unrelated ClusterPolicy kind', ['apiVersion: example.com/v1', 'kind: ClusterPolicy']],
  ])('ignores %s', (_name, lines) => {
    expect(runDetector(detector, { files: [file('x.yaml', ...lines)] })).toEqual([]);
  });

  it('ignores policies under test fixtures (inconclusive: not the product)', () => {
    expect(runDetector(detector, { files: [file('test/policies/p.yaml', 'apiVersion: kyverno.io/v1', 'kind: ClusterPolicy')] })).toEqual([]);
  });
  it('stays linear on hostile input', () => {
    const started = performance.now();
    runDetector(detector, { files: [file('p.yaml', 'apiVersion: kyverno.io/v1', 'kind: ClusterPolicy', `  validationActions:${' '.repeat(100_000)}`, '-'.repeat(100_000))] });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
