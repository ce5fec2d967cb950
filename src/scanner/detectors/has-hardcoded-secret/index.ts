import type { Detector, DetectorFinding } from '../../contract.js';
import { findSecrets, isSecretScanCandidate } from '../../secrets/engine.js';
import { TOKEN_RULES } from '../../secrets/rules.js';

export const detector: Detector = {
  id: 'has-hardcoded-secret',
  title: 'A credential or token is written into a tracked file',
  domain: 'secrets',
  kind: 'negative',
  evidenceFor: ['secrets.no-hardcoded'],
  version: 1,
  lifecycle: 'stable',
  matches: isSecretScanCandidate,
  analyze({ files }) {
    const findings: DetectorFinding[] = [];
    for (const file of files) {
      for (const hit of findSecrets(file, TOKEN_RULES)) {
        findings.push({
          outcome: 'negative',
          level: 0,
          file: file.path,
          line: hit.line,
          confidence: hit.kind === 'generic' ? 'medium' : 'high',
          message: `${hit.provider} ${hit.description} at ${file.path}:${hit.line}`,
          snippet: hit.redacted,
        });
      }
    }
    return findings;
  },
};
