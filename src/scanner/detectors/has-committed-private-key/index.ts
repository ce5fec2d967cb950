import type { Confidence, DetectorFinding, FileDetector } from '../../contract.js';
import { findSecrets, isSecretScanCandidate } from '../../secrets/engine.js';
import { PRIVATE_KEY_RULES } from '../../secrets/rules.js';

/** Files that are private keys by name: SSH identities, PuTTY keys and PKCS#12 keystores. */
const KEY_FILE = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)|[^/]+\.(?:ppk|p12|pfx))$/i;
/** PKCS#12 may hold only certificates, and its binary content is not read. */
const PKCS12_FILE = /\.(?:p12|pfx)$/i;

/**
 * File by file: it reads almost every file for key material; `finish` then names the key files (by
 * path) that showed none, read or not.
 */
export const detector: FileDetector = {
  id: 'has-committed-private-key',
  title: 'A private key is tracked in the repository',
  domain: 'secrets',
  kind: 'negative',
  evidenceFor: ['secrets.no-secret-files'],
  version: 1,
  lifecycle: 'stable',
  matches: isSecretScanCandidate,
  analyzeFile(file) {
    return findSecrets(file, PRIVATE_KEY_RULES).map((hit) => ({
      outcome: 'negative',
      level: 0,
      file: file.path,
      line: hit.line,
      confidence: 'high',
      message: `${hit.provider} ${hit.description} at ${file.path}:${hit.line}`,
      snippet: hit.redacted,
    }));
  },
  finish({ paths, filesSeen, findings }) {
    const withKey = new Set(findings.map((finding) => finding.file));
    const read = new Set(filesSeen);
    return paths.filter((path) => KEY_FILE.test(path) && !withKey.has(path)).map((path) => keyFileFinding(path, read.has(path)));
  },
};

/** A file named like a private key whose content showed none: inconclusive when read, negative when not readable as text. */
function keyFileFinding(path: string, wasRead: boolean): DetectorFinding {
  if (wasRead) {
    return { outcome: 'not-applicable', file: path, confidence: 'low', message: `${path} is named like a private key but holds no key Stepwise recognises; check it and remove it if it is one` };
  }
  const confidence: Confidence = PKCS12_FILE.test(path) ? 'medium' : 'high';
  return { outcome: 'negative', level: 0, file: path, confidence, message: `${path} is a private key or keystore file committed to the repository` };
}
