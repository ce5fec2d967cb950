import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

const KEY_LINES = ['MIIEowIBAAKCAQEAq7BFUAxqJ8fR3kL0pZbn9HCm5vXyT2uWgYs4dE6hJ1oNcQrV', 'Xk2PqLm9Rt4Vw7Yz1Bn3Cd5Fg8Hj0Kl2Mn4Pq6Rs8Tu0Vw2Xy4Za6Bc8De0Fg2Hi4'];
const pem = (label: string): string[] => [`-----BEGIN ${label}-----`, ...KEY_LINES, `-----END ${label}-----`];

describe('has-committed-private-key', () => {
  it.each([
    ['deploy/server.key', pem('RSA PRIVATE KEY'), 'PEM private key (RSA, EC, DSA, PKCS#8 or encrypted) at deploy/server.key:2'],
    ['.ssh/id_ed25519', pem('OPENSSH PRIVATE KEY'), 'OpenSSH private key at .ssh/id_ed25519:2'],
    ['keys/release.asc', ['-----BEGIN PGP PRIVATE KEY BLOCK-----', 'Version: GnuPG v2', '', ...KEY_LINES, '=Xk2P', '-----END PGP PRIVATE KEY BLOCK-----'], 'OpenPGP private key block at keys/release.asc:4'],
    ['src/jwt.js', [`const key = "-----BEGIN PRIVATE KEY-----\\r\\n${KEY_LINES.join('\\r\\n')}\\r\\n-----END PRIVATE KEY-----";`], 'PEM private key (RSA, EC, DSA, PKCS#8 or encrypted) at src/jwt.js:1'],
  ])('reports the key in %s', (path, lines, message) => {
    const findings = runDetector(detector, { files: [file(path, ...lines)] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'negative', level: 0, file: path, confidence: 'high', message, snippet: expect.stringMatching(/^(?:MIIE|Xk2P)… \(fingerprint [0-9a-f]{12}\)$/) as unknown })]);
    expect(JSON.stringify(findings)).not.toContain(KEY_LINES[0]);
  });

  it.each([
    ['certs/client.p12', 'medium'],
    ['certs/server.PFX', 'medium'],
    ['home/.ssh/id_rsa', 'high'],
  ])('reports %s by its name when its content was not read', (path, confidence) => {
    const findings = runDetector(detector, { files: [], paths: [path, 'README.md'] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'negative', level: 0, file: path, confidence })]);
  });

  it('reports a key file once, from its content, when it was read', () => {
    const findings = runDetector(detector, { files: [file('deploy/id_rsa', ...pem('RSA PRIVATE KEY'))] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, confidence: 'high' });
  });

  it('finds nothing in public keys, certificates and placeholders (negative)', () => {
    const findings = runDetector(detector, {
      files: [
        file('certs/ca.pem', ...pem('CERTIFICATE')),
        file('keys/deploy.pub', ...pem('PUBLIC KEY')),
        file('docs/setup.md', '-----BEGIN RSA PRIVATE KEY-----', '...', '-----END RSA PRIVATE KEY-----'),
        file('.ssh/id_rsa.pub', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGmH1 me@host'),
      ],
    });
    expect(findings).toEqual([]);
  });

  it('is inconclusive for a file named like a key that holds none', () => {
    const findings = runDetector(detector, { files: [file('deploy/id_rsa', '# put the deploy key here at install time')] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'not-applicable', file: 'deploy/id_rsa', confidence: 'low' })]);
  });
});
