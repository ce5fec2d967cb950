import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector } from './index.js';

// Assembled at test time so this file holds no scannable token.
const GITHUB_PAT = 'gh' + 'p_' + 'R8mQ2vLx7KdP4wNz9TbY3hFc6JsA1eGu5XoV';
const KEY_BODY = 'MIIEowIBAAKCAQEAq7BFUAxqJ8fR3kL0pZbn9HCm5vXyT2uWgYs4dE6hJ1oNcQrV\nXk2PqLm9Rt4Vw7Yz1Bn3Cd5Fg8Hj0Kl2Mn4Pq6Rs8Tu0Vw2Xy4Za6Bc8De0Fg2Hi4';

describe('has-hardcoded-secret', () => {
  it('reports a provider token with high confidence, its place and a redacted snippet', () => {
    const findings = runDetector(detector, { files: [file('src/github.ts', 'import { Octokit } from "octokit";', `const octokit = new Octokit({ auth: "${GITHUB_PAT}" });`)] });
    expect(findings).toEqual([
      {
        outcome: 'negative',
        level: 0,
        file: 'src/github.ts',
        line: 2,
        confidence: 'high',
        message: 'GitHub personal access token (classic) at src/github.ts:2',
        snippet: expect.stringMatching(/^ghp_… \(fingerprint [0-9a-f]{12}\)$/) as unknown,
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain(GITHUB_PAT);
  });

  it('reports a generic high-entropy assignment with medium confidence', () => {
    const findings = runDetector(detector, { files: [file('config/settings.py', 'DB_PASSWORD = "Zq8#kP2$mW9!xR4v"')] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'negative', confidence: 'medium', line: 1, message: 'Generic high-entropy value assigned to a secret-sounding name at config/settings.py:1' })]);
  });

  it('reports hits in fixtures too (the engine flags them)', () => {
    expect(runDetector(detector, { files: [file('test/fixtures/token.txt', GITHUB_PAT)] })).toHaveLength(1);
  });

  it('finds nothing in a clean file or a near miss (negative)', () => {
    const findings = runDetector(detector, {
      files: [
        file('src/app.ts', 'const token = process.env.GITHUB_TOKEN;', 'const password = "${DB_PASSWORD}";', `const short = "${GITHUB_PAT.slice(0, -4)}";`),
        file('README.md', 'Set AWS_ACCESS_KEY_ID=AKIA' + 'IOSFODNN7EXAMPLE in your shell.'),
      ],
    });
    expect(findings).toEqual([]);
  });

  it('leaves private keys to has-committed-private-key', () => {
    expect(runDetector(detector, { files: [file('deploy/key.pem', '-----BEGIN RSA PRIVATE KEY-----', KEY_BODY, '-----END RSA PRIVATE KEY-----')] })).toEqual([]);
  });

  it.each(['package-lock.json', 'yarn.lock', 'go.sum', 'dist/bundle.min.js', 'dist/bundle.js.map', 'docs/diagram.png'])('does not read %s', (path) => {
    expect(detector.matches(path)).toBe(false);
  });

  it.each(['src/app.ts', '.env', 'config/application.yml', 'Dockerfile'])('reads %s', (path) => {
    expect(detector.matches(path)).toBe(true);
  });
});
