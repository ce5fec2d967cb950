import type { Detector } from '../../contract.js';
import { findLibraries, manifestEcosystem } from '../manifest-dependencies.js';
import type { LibraryPattern } from '../manifest-dependencies.js';

/** Logging libraries that write structured records (key/value or JSON), per ecosystem. */
export const STRUCTURED_LOGGING: readonly LibraryPattern[] = [
  { label: 'winston', ecosystems: ['npm'], names: ['winston'] },
  { label: 'pino', ecosystems: ['npm'], names: ['pino'] },
  { label: 'bunyan', ecosystems: ['npm'], names: ['bunyan'] },
  { label: 'log4js', ecosystems: ['npm'], names: ['log4js'] },
  { label: 'zap', ecosystems: ['go'], names: ['go.uber.org/zap'] },
  { label: 'logrus', ecosystems: ['go'], names: ['github.com/sirupsen/logrus'] },
  { label: 'zerolog', ecosystems: ['go'], names: ['github.com/rs/zerolog'] },
  { label: 'structlog', ecosystems: ['python'], names: ['structlog'] },
  { label: 'loguru', ecosystems: ['python'], names: ['loguru'] },
  { label: 'python-json-logger', ecosystems: ['python'], names: ['python-json-logger'] },
  { label: 'logback', ecosystems: ['maven', 'gradle'], prefixes: ['ch.qos.logback:', 'net.logstash.logback:'] },
  { label: 'log4j', ecosystems: ['maven', 'gradle'], prefixes: ['org.apache.logging.log4j:'] },
  { label: 'Serilog', ecosystems: ['nuget'], names: ['Serilog'], prefixes: ['Serilog.'] },
  { label: 'NLog', ecosystems: ['nuget'], names: ['NLog'], prefixes: ['NLog.'] },
  { label: 'semantic_logger', ecosystems: ['ruby'], names: ['semantic_logger', 'rails_semantic_logger'] },
  { label: 'lograge', ecosystems: ['ruby'], names: ['lograge'] },
  { label: 'ougai', ecosystems: ['ruby'], names: ['ougai'] },
];

export const detector: Detector = {
  id: 'uses-structured-logging',
  title: 'A structured logging library is a dependency',
  domain: 'logging-monitoring',
  kind: 'positive',
  evidenceFor: ['logging-monitoring.structured-logging'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => manifestEcosystem(path) !== undefined,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return findLibraries(files, isFixture, STRUCTURED_LOGGING).map((use) => ({
      outcome: 'positive',
      file: use.file,
      line: use.line,
      level: 1,
      confidence: 'medium',
      message: `${use.file} depends on ${use.labels.join(', ')}, a structured logging library; make sure the application logs through it`,
    }));
  },
};
