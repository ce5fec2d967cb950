import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

describe('uses-telemetry', () => {
  it.each([
    [file('package.json', '{', '  "dependencies": {', '    "@opentelemetry/sdk-node": "0.52.0",', '    "@sentry/node": "8.0.0"', '  }', '}'), 3, 'OpenTelemetry, Sentry'],
    [file('pyproject.toml', '[project]', 'dependencies = ["prometheus_client>=0.20", "opentelemetry-sdk"]'), 2, 'Prometheus client, OpenTelemetry'],
    [file('go.mod', 'module x', 'require go.opentelemetry.io/otel v1.28.0'), 2, 'OpenTelemetry'],
    [file('pom.xml', '<dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId></dependency>'), 1, 'Prometheus client'],
    [file('Gemfile', "gem 'newrelic_rpm'"), 1, 'New Relic'],
  ])('finds telemetry in %s as partial evidence', (manifest, line, labels) => {
    expect(runDetector(detector, { files: [manifest] })).toEqual([
      { outcome: 'positive', file: manifest.path, line, level: 2, status: 'partial', confidence: 'medium', message: `${manifest.path} depends on ${labels}: the application emits telemetry, but a library is not a dashboard anyone watches` },
    ]);
  });

  it.each([
    ['a test-only dependency', file('requirements-test.txt', 'sentry-sdk')],
    ['an unrelated package', file('package.json', '{"dependencies": {"opentelemetry-fake": "1", "sentry": "1"}}')],
    ['a vendored manifest', file('vendor/github.com/x/go.mod', 'require go.opentelemetry.io/otel v1.0.0')],
  ])('finds nothing with %s', (_name, manifest) => {
    expect(runDetector(detector, { files: [manifest] })).toEqual([]);
  });

  it('finds nothing without manifests (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector, { files: [file('README.md', 'We use OpenTelemetry')] })).toEqual([]);
  });
});
