import type { FileDetector } from '../../contract.js';
import { findSecrets, isSecretScanCandidate } from '../../secrets/engine.js';
import { TOKEN_RULES } from '../../secrets/rules.js';

/** File by file: it reads almost every file, and each file's secrets are its own. */
export const detector: FileDetector = {
  id: 'has-hardcoded-secret',
  title: 'A credential or token is written into a tracked file',
  domain: 'secrets',
  kind: 'negative',
  evidenceFor: ['secrets.no-hardcoded'],
  version: 1,
  lifecycle: 'stable',
  matches: isSecretScanCandidate,
  analyzeFile(file) {
    return findSecrets(file, TOKEN_RULES).map((hit) => ({
      outcome: 'negative',
      level: 0,
      file: file.path,
      line: hit.line,
      confidence: hit.kind === 'generic' ? 'medium' : 'high',
      message: `${hit.provider} ${hit.description} at ${file.path}:${hit.line}`,
      snippet: hit.redacted,
    }));
  },
};
