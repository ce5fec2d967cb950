import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';
import { lineOf } from '../config-values.js';
import { DEPENDABOT_PATHS, findRenovateConfigs, readDependabotUpdates, RENOVATE_PATHS, ROOT_PACKAGE_JSON, SCALA_STEWARD_PATHS } from '../update-bot-config.js';
import type { RenovateConfig } from '../update-bot-config.js';

const LEVEL = 2;
const WANTED = new Set([...DEPENDABOT_PATHS, ...RENOVATE_PATHS, ...SCALA_STEWARD_PATHS, ROOT_PACKAGE_JSON]);

export const detector: Detector = {
  id: 'has-dependency-update-bot',
  title: 'A bot proposes dependency updates',
  domain: 'supply-chain',
  kind: 'positive',
  evidenceFor: ['vulnerability-management.security-update-prs', 'supply-chain.update-bot'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => WANTED.has(path),
  analyze({ files }) {
    return [
      ...files.filter((file) => DEPENDABOT_PATHS.includes(file.path)).map(dependabotFinding),
      ...findRenovateConfigs(files).map(renovateFinding),
      ...files.filter((file) => SCALA_STEWARD_PATHS.includes(file.path)).map(scalaStewardFinding),
    ];
  },
};

function dependabotFinding(file: ScanFile): DetectorFinding {
  const read = readDependabotUpdates(file);
  if ('error' in read) {
    return { outcome: 'positive', level: LEVEL, file: file.path, line: 1, confidence: 'medium', message: `${file.path} configures Dependabot but could not be read (${read.error})` };
  }
  const ecosystems = read.updates.map((update) => update.ecosystem).filter((name) => name !== '');
  if (ecosystems.length === 0) {
    return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} lists no update entries: add one per package ecosystem under "updates:"` };
  }
  return { outcome: 'positive', level: LEVEL, file: file.path, line: lineOf(file.text, 'updates:'), confidence: 'high', message: `Dependabot proposes updates for ${ecosystems.join(', ')} (${file.path})` };
}

function renovateFinding(found: RenovateConfig): DetectorFinding {
  const where = found.path === ROOT_PACKAGE_JSON ? 'the "renovate" key of package.json' : found.path;
  if (found.config === undefined) {
    return { outcome: 'positive', level: LEVEL, file: found.path, line: found.line, confidence: 'medium', message: `Renovate is configured in ${where} (the file could not be read as JSON5)` };
  }
  if (found.config.enabled === false) {
    return { outcome: 'not-applicable', file: found.path, line: lineOf(found.text, 'enabled'), confidence: 'high', message: `Renovate is configured in ${where} but turned off ("enabled": false)` };
  }
  return { outcome: 'positive', level: LEVEL, file: found.path, line: found.line, confidence: 'high', message: `Renovate proposes dependency updates (configured in ${where})` };
}

function scalaStewardFinding(file: ScanFile): DetectorFinding {
  return { outcome: 'positive', level: LEVEL, file: file.path, line: 1, confidence: 'high', message: `Scala Steward proposes dependency updates (configured in ${file.path})` };
}
