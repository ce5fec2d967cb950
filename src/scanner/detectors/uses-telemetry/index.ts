import type { Detector } from '../../contract.js';
import { findLibraries, manifestEcosystem } from '../manifest-dependencies.js';
import type { LibraryPattern } from '../manifest-dependencies.js';

/** Tracing, metrics and error-tracking libraries, per ecosystem. */
export const TELEMETRY: readonly LibraryPattern[] = [
  { label: 'OpenTelemetry', ecosystems: ['npm'], prefixes: ['@opentelemetry/'] },
  { label: 'OpenTelemetry', ecosystems: ['python', 'ruby'], prefixes: ['opentelemetry-'] },
  { label: 'OpenTelemetry', ecosystems: ['go'], prefixes: ['go.opentelemetry.io/'] },
  { label: 'OpenTelemetry', ecosystems: ['maven', 'gradle'], prefixes: ['io.opentelemetry:', 'io.opentelemetry.'] },
  { label: 'OpenTelemetry', ecosystems: ['nuget'], names: ['OpenTelemetry'], prefixes: ['OpenTelemetry.'] },
  { label: 'Sentry', ecosystems: ['npm'], prefixes: ['@sentry/'] },
  { label: 'Sentry', ecosystems: ['python'], names: ['sentry-sdk'] },
  { label: 'Sentry', ecosystems: ['go'], names: ['github.com/getsentry/sentry-go'] },
  { label: 'Sentry', ecosystems: ['maven', 'gradle'], prefixes: ['io.sentry:'] },
  { label: 'Sentry', ecosystems: ['nuget'], names: ['Sentry'], prefixes: ['Sentry.'] },
  { label: 'Sentry', ecosystems: ['ruby'], names: ['sentry-ruby', 'sentry-rails'] },
  { label: 'Prometheus client', ecosystems: ['npm'], names: ['prom-client'] },
  { label: 'Prometheus client', ecosystems: ['python'], names: ['prometheus-client'] },
  { label: 'Prometheus client', ecosystems: ['go'], prefixes: ['github.com/prometheus/client_golang'] },
  { label: 'Prometheus client', ecosystems: ['maven', 'gradle'], prefixes: ['io.prometheus:', 'io.micrometer:micrometer-registry-'] },
  { label: 'Prometheus client', ecosystems: ['nuget'], names: ['prometheus-net'], prefixes: ['prometheus-net.'] },
  { label: 'Prometheus client', ecosystems: ['ruby'], names: ['prometheus-client'] },
  { label: 'Datadog', ecosystems: ['npm'], names: ['dd-trace'] },
  { label: 'Datadog', ecosystems: ['python', 'ruby'], names: ['ddtrace', 'datadog'] },
  { label: 'Datadog', ecosystems: ['go'], prefixes: ['gopkg.in/DataDog/dd-trace-go', 'github.com/DataDog/dd-trace-go'] },
  { label: 'Datadog', ecosystems: ['maven', 'gradle'], prefixes: ['com.datadoghq:'] },
  { label: 'Datadog', ecosystems: ['nuget'], prefixes: ['Datadog.Trace'] },
  { label: 'New Relic', ecosystems: ['npm', 'python'], names: ['newrelic'] },
  { label: 'New Relic', ecosystems: ['go'], prefixes: ['github.com/newrelic/go-agent'] },
  { label: 'New Relic', ecosystems: ['maven', 'gradle'], prefixes: ['com.newrelic.agent.java:'] },
  { label: 'New Relic', ecosystems: ['nuget'], prefixes: ['NewRelic.'] },
  { label: 'New Relic', ecosystems: ['ruby'], names: ['newrelic_rpm'] },
];

export const detector: Detector = {
  id: 'uses-telemetry',
  title: 'Tracing, metrics or error tracking is a dependency',
  domain: 'logging-monitoring',
  kind: 'positive',
  evidenceFor: ['logging-monitoring.telemetry-dashboards'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => manifestEcosystem(path) !== undefined,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return findLibraries(files, isFixture, TELEMETRY).map((use) => ({
      outcome: 'positive',
      file: use.file,
      line: use.line,
      level: 2,
      status: 'partial',
      confidence: 'medium',
      message: `${use.file} depends on ${use.labels.join(', ')}: the application emits telemetry, but a library is not a dashboard anyone watches`,
    }));
  },
};
