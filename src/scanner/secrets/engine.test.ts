import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findSecrets,
  fnv1a64,
  isSecretScanCandidate,
  keywordsIn,
  positionOf,
  redactSecret,
  runRules,
  secretFingerprint,
  shannonEntropy,
} from './engine.js';
import type { SecretRule } from './rule.js';
import { SECRET_RULES } from './rules.js';

// Tokens are assembled at test time so this file holds no scannable secret.
const GITHUB_PAT = 'gh' + 'p_' + 'R8mQ2vLx7KdP4wNz9TbY3hFc6JsA1eGu5XoV';
const STRIPE_KEY = 'sk_' + 'live_' + '4eC39HqLyjWDarjtT1zdp7dcQx9';
const SLACK_BOT = 'xo' + 'xb-' + '2718281828-3141592653589-' + 'Zq8kP2mW9xR4vB7nC1dF5gH3';
const GENERIC_VALUE = 'Zq8#kP2$mW9!xR4v';
const KEY_BODY = ['MIIEowIBAAKCAQEAq7BFUAxqJ8fR3kL0pZbn9HCm5vXyT2uWgYs4dE6hJ1oNcQrV', 'Xk2PqLm9Rt4Vw7Yz1Bn3Cd5Fg8Hj0Kl2Mn4Pq6Rs8Tu0Vw2Xy4Za6Bc8De0Fg2Hi4'];

function rule(fields: Partial<SecretRule> & Pick<SecretRule, 'id' | 'keywords' | 'pattern'>): SecretRule {
  return { provider: 'Test', description: 'token', kind: 'provider', secretGroup: 1, severity: 'high', ...fields };
}

const MARKER_RULE = rule({ id: 'marker', keywords: ['zqkw'], pattern: /\b(TOK_[A-Z0-9]{12})\b/g });

describe('keyword prefilter', () => {
  it('finds exactly the keywords that occur, overlapping and nested ones included', () => {
    const keywords = ['ab', 'bcd', 'b', 'sk_', 'sk_live_', 'live', 'a.b', '-----begin'];
    const rules = keywords.map((keyword, index) => rule({ id: `k${index}`, keywords: [keyword], pattern: /x/g }));
    const alphabet = fc.constantFrom('a', 'b', 'c', 'd', 's', 'k', '_', 'l', 'i', 'v', 'e', '.', '-', 'g', 'n', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), (text) => {
        const expected = keywords.filter((keyword) => text.includes(keyword)).sort();
        expect([...keywordsIn(text, rules)].sort()).toEqual(expected);
      }),
      { numRuns: 500 },
    );
    expect([...keywordsIn('abcd', rules)].sort()).toEqual(['ab', 'b', 'bcd']);
  });

  it('never runs a rule whose keyword is absent, and runs it when the keyword is anywhere in any case', () => {
    const text = 'const value = "TOK_A1B2C3D4E5F6";';
    expect(runRules({ path: 'a.ts', text }, [MARKER_RULE])).toHaveLength(1);
    expect(findSecrets({ path: 'a.ts', text }, [MARKER_RULE])).toEqual([]);
    expect(findSecrets({ path: 'a.ts', text: `// ZQKW\n${text}` }, [MARKER_RULE])).toHaveLength(1);
  });

  it('gives the same hits as running every rule without the prefilter', () => {
    const corpus = [
      `const token = "${GITHUB_PAT}";\nconst stripe = '${STRIPE_KEY}';`,
      `slack:\n  bot: ${SLACK_BOT}\n  password: "${GENERIC_VALUE}"`,
      `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----`,
      'export function tokenize(input: string) { return input.split(/\\s+/); }',
      'DATABASE_URL=postgres://app:Vb7xQ2kLm9Pz@db:5432/app\nAPI_KEY="${API_KEY}"',
      '',
    ];
    for (const text of corpus) {
      const file = { path: 'src/app.ts', text };
      expect(findSecrets(file, SECRET_RULES)).toEqual(runRules(file, SECRET_RULES));
    }
  });
});

describe('positions', () => {
  it('reports the 1-based line and column where the secret starts', () => {
    const text = `first line\r\nsecond\n    key = "${GITHUB_PAT}"\nlast`;
    const [hit] = findSecrets({ path: 'a.py', text }, SECRET_RULES);
    expect(hit).toMatchObject({ ruleId: 'github-pat', line: 3, column: 12 });
  });

  it('handles a secret at the very start and on a last line without a newline', () => {
    expect(findSecrets({ path: 'a.txt', text: GITHUB_PAT }, SECRET_RULES)[0]).toMatchObject({ line: 1, column: 1 });
    expect(findSecrets({ path: 'a.txt', text: `\n\n${GITHUB_PAT}` }, SECRET_RULES)[0]).toMatchObject({ line: 3, column: 1 });
  });

  it.each([
    [0, { line: 1, column: 1 }],
    [4, { line: 1, column: 5 }],
    [5, { line: 2, column: 1 }],
    [11, { line: 3, column: 2 }],
  ])('maps offset %i by binary search', (offset, expected) => {
    expect(positionOf([0, 5, 10], offset)).toEqual(expected);
  });
});

describe('entropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['0123456789abcdef', 4],
  ])('shannonEntropy(%j) = %d', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });

  it('drops a match below the rule’s minimum entropy', () => {
    const lowEntropy = rule({ id: 'low', keywords: ['tok_'], pattern: /\b(TOK_[A-Z0-9]{12})\b/g, minEntropy: 3 });
    expect(findSecrets({ path: 'a.ts', text: 'TOK_AAAAAABBBBBB' }, [lowEntropy])).toEqual([]);
    expect(findSecrets({ path: 'a.ts', text: 'TOK_A1B2C3D4E5F6' }, [lowEntropy])).toHaveLength(1);
  });
});

describe('allow-lists', () => {
  const generic = (value: string): string[] => findSecrets({ path: 'config.js', text: `module.exports = { password: "${value}" };` }, SECRET_RULES).map((hit) => hit.ruleId);

  it('reports a high-entropy value assigned to a secret-sounding name', () => {
    expect(generic(GENERIC_VALUE)).toEqual(['generic-secret-assignment']);
  });

  it.each([
    ['an env interpolation', '${DB_PASSWORD}'],
    ['a shell variable', '$DB_PASSWORD_VALUE'],
    ['a template', '{{password-value}}'],
    ['a placeholder', 'your-password-here-123'],
    ['changeme', 'changeme-Xq7#2kLp9'],
    ['an example', 'Example-Passw0rd!'],
    ['a run of x', 'xxxxxxxxxxxxxxxx'],
    ['a file path', './secrets/prod-db.txt'],
    ['a file name', 'credentials-2024.json'],
    ['a URL without credentials', 'https://vault.acme.io/v1/kv'],
    ['an identifier', 'passwordResetRequest'],
    ['a constant name', 'DB_PASSWORD_VALUE_2'],
    ['a SOPS value', 'ENC[AES256_GCM,data:Xk2Pq]'],
    ['a short value', 'Xk2#Pq9!'],
    ['a low-entropy value', 'aaaaaaaabbbbbbbb1'],
  ])('does not report %s', (_label, value) => {
    expect(generic(value)).toEqual([]);
  });

  it('does not report names that say they hold no secret', () => {
    for (const name of ['password_hash', 'token_url', 'secretName', 'api_key_header', 'auth_endpoint', 'author']) {
      expect(findSecrets({ path: 'a.ts', text: `${name} = "${GENERIC_VALUE}"` }, SECRET_RULES)).toEqual([]);
    }
  });

  it('does not report connection URLs whose password is a variable or a default', () => {
    for (const url of ['postgres://app:${PGPASSWORD}@db/app', 'amqp://guest:guest@localhost:5672', 'mysql://root:%s@db/shop', 'redis://cache:6379/0']) {
      expect(findSecrets({ path: 'a.yml', text: `url: ${url}` }, SECRET_RULES)).toEqual([]);
    }
  });
});

describe('de-duplication', () => {
  it('keeps the provider rule when the generic rule matched the same value', () => {
    const hits = findSecrets({ path: 'a.ts', text: `const github_token = "${GITHUB_PAT}";` }, SECRET_RULES);
    expect(hits.map((hit) => hit.ruleId)).toEqual(['github-pat']);
  });

  it('keeps the earlier, more specific rule when two rules matched the same span', () => {
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY.join('\n')}\n-----END OPENSSH PRIVATE KEY-----`;
    expect(findSecrets({ path: 'id', text }, SECRET_RULES).map((hit) => hit.ruleId)).toEqual(['private-key-openssh']);
  });

  it('keeps distinct secrets on one line, in order', () => {
    const hits = findSecrets({ path: 'a.ts', text: `tokens = ["${GITHUB_PAT}", "${STRIPE_KEY}"]` }, SECRET_RULES);
    expect(hits.map((hit) => [hit.ruleId, hit.column])).toEqual([
      ['github-pat', 12],
      ['stripe-secret-key', 12 + GITHUB_PAT.length + 4],
    ]);
  });
});

describe('redaction (S11)', () => {
  it('shows four characters, an ellipsis and a 12-digit fingerprint', () => {
    expect(redactSecret(GITHUB_PAT)).toBe(`ghp_… (fingerprint ${secretFingerprint(GITHUB_PAT)})`);
    expect(secretFingerprint(GITHUB_PAT)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('shows less of a short secret', () => {
    expect(redactSecret('hunter2')).toMatch(/^h… \(fingerprint [0-9a-f]{12}\)$/);
    expect(redactSecret('abc')).toMatch(/^… \(fingerprint/);
  });

  it('computes FNV-1a 64 (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('never puts a whole secret into any field of a hit', () => {
    const secrets = [GITHUB_PAT, STRIPE_KEY, SLACK_BOT, GENERIC_VALUE, 'Vb7xQ2kLm9Pz', KEY_BODY[0]!];
    const text = [
      `a = "${GITHUB_PAT}"`,
      `b = "${STRIPE_KEY}"`,
      `c = "${SLACK_BOT}"`,
      `password = "${GENERIC_VALUE}"`,
      'url = "postgres://app:Vb7xQ2kLm9Pz@db/app"',
      `-----BEGIN EC PRIVATE KEY-----\n${KEY_BODY.join('\n')}\n-----END EC PRIVATE KEY-----`,
    ].join('\n');
    const hits = findSecrets({ path: 'leak.txt', text }, SECRET_RULES);
    expect(hits).toHaveLength(secrets.length);
    const json = JSON.stringify(hits);
    for (const secret of secrets) expect(json).not.toContain(secret);
    expect(new Set(hits.map((hit) => hit.fingerprint)).size).toBe(secrets.length);
  });
});

describe('files the engine skips', () => {
  it.each([
    'package-lock.json',
    'web/yarn.lock',
    'pnpm-lock.yaml',
    'Cargo.lock',
    'go.sum',
    'poetry.lock',
    'Gemfile.lock',
    'composer.lock',
    'infra/.terraform.lock.hcl',
    'dist/app.min.js',
    'dist/app.js.map',
    'assets/logo.png',
    'assets/icon.svg',
  ])('skips %s', (path) => {
    expect(isSecretScanCandidate(path)).toBe(false);
    expect(findSecrets({ path, text: `"token": "${GITHUB_PAT}"` }, SECRET_RULES)).toEqual([]);
  });

  it.each(['src/app.ts', 'package.json', '.env', 'config/lock.yaml', 'deploy/id_rsa', 'Dockerfile', 'docs/locks.md'])('reads %s', (path) => {
    expect(isSecretScanCandidate(path)).toBe(true);
  });
});

describe('private keys', () => {
  it('finds a PEM key written as one string literal with \\r\\n escapes', () => {
    const literal = `const key = "-----BEGIN RSA PRIVATE KEY-----\\r\\n${KEY_BODY.join('\\r\\n')}\\r\\n-----END RSA PRIVATE KEY-----";`;
    const hits = findSecrets({ path: 'src/sign.js', text: `// signing\n${literal}` }, SECRET_RULES);
    expect(hits).toEqual([expect.objectContaining({ ruleId: 'private-key-pem', line: 2, column: 49, kind: 'private-key' })]);
    expect(hits[0]?.redacted.startsWith('MIIE…')).toBe(true);
  });

  it('finds a PEM key with \\n escapes split over concatenated literals', () => {
    const literal = `const key =\n  "-----BEGIN PRIVATE KEY-----\\n" +\n  "${KEY_BODY[0]!}\\n" +\n  "${KEY_BODY[1]!}\\n" +\n  "-----END PRIVATE KEY-----";`;
    expect(findSecrets({ path: 'src/sign.ts', text: literal }, SECRET_RULES).map((hit) => [hit.ruleId, hit.line])).toEqual([['private-key-pem', 3]]);
  });

  it('finds an encrypted PEM key with its RFC 1421 headers', () => {
    const text = `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n${KEY_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----`;
    expect(findSecrets({ path: 'server.key', text }, SECRET_RULES)).toEqual([expect.objectContaining({ ruleId: 'private-key-pem', line: 5, column: 1 })]);
  });

  it('finds a PGP private key block', () => {
    const text = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBGZ${KEY_BODY[1]!}\n${KEY_BODY[0]!}\n=Xk2P\n-----END PGP PRIVATE KEY BLOCK-----`;
    expect(findSecrets({ path: 'release.asc', text }, SECRET_RULES)).toEqual([expect.objectContaining({ ruleId: 'private-key-pgp', provider: 'OpenPGP', line: 4 })]);
  });

  it('does not mistake a public key or a certificate for a private key', () => {
    for (const label of ['PUBLIC KEY', 'CERTIFICATE', 'PGP PUBLIC KEY BLOCK']) {
      const text = `-----BEGIN ${label}-----\n${KEY_BODY.join('\n')}\n-----END ${label}-----`;
      expect(findSecrets({ path: 'key.pem', text }, SECRET_RULES)).toEqual([]);
    }
  });
});
