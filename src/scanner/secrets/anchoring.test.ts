import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keywordAnchors, leadingLiterals } from './anchoring.js';
import { findSecrets, runRules } from './engine.js';
import type { SecretRule } from './rule.js';
import { SECRET_RULES } from './rules.js';

describe('the literal text a match must begin with', () => {
  it.each([
    [String.raw`\b((?:AKIA|ASIA)[A-Z2-7]{16})\b`, ['AKIA', 'ASIA']],
    [String.raw`(?:passw(?:or)?d|pwd|api[_-]?key)[\w.-]{0,40}=`, ['password', 'passwd', 'pwd', 'api_key', 'api-key', 'apikey']],
    [String.raw`\b(sq[up]_[a-f0-9]{40})\b`, ['squ_', 'sqp_']],
    [String.raw`(?<![\w~.-])([\w~.]{3}\dQ~)`, ['']],
    [String.raw`ab?c`, ['abc', 'ac']],
    [String.raw`a(?:bc)+d`, ['a']],
    [String.raw`x*y`, ['']],
    [String.raw`\x60a\.b`, ['`a.b']],
    [String.raw`a|b(?=c)d`, ['a', 'bd']],
  ])('%s', (source, expected) => {
    expect(leadingLiterals(source).sort()).toEqual([...expected].sort());
  });

  it('places the anchor inside a longer literal and gives up on what it cannot read', () => {
    expect(keywordAnchors(/-----BEGIN PGP PRIVATE KEY BLOCK-----\s/g, ['begin pgp private key block'])).toEqual([{ keyword: 0, offset: 5 }]);
    expect(keywordAnchors(/\b([0-9a-f]{32}-us\d{1,2})\b/g, ['-us'])).toBeNull();
    expect(keywordAnchors(/(?:secret[_-]?access[_-]?key)=/g, ['secret_access_key', 'secretaccesskey'])).toBeNull();
    expect(keywordAnchors(/ab/giu, ['ab'])).toBeNull();
    expect(keywordAnchors(/ab\cJ/g, ['ab'])).toBeNull();
  });

  it('anchors most of the built-in rules, the generic one included', () => {
    const anchored = SECRET_RULES.filter((rule) => keywordAnchors(rule.pattern, rule.keywords) !== null).map((rule) => rule.id);
    expect(anchored.length).toBeGreaterThan(SECRET_RULES.length * 0.8);
    expect(anchored).toContain('generic-secret-assignment');
    expect(anchored).toContain('private-key-openssh');
  });
});

// Assembled at run time so this file holds no scannable secret.
const FRAGMENTS = [
  'gh' + 'p_R8mQ2vLx7KdP4wNz9TbY3hFc6JsA1eGu5XoV',
  'AK' + 'IAQ3EGRZPLN7XVYW2T',
  'sk_' + 'live_4eC39HqLyjWDarjtT1zdp7dcQx9',
  'xo' + 'xb-2718281828-3141592653589-Zq8kP2mW9xR4vB7nC1dF5gH3',
  'postgres://app:Vb7xQ2kLm9Pz@db:5432/app',
  'password = "', 'PASSWORD: ', "api_key='", 'token=`', 'auth: "', 'secret := "', '"Zq8#kP2$mW9!xR4v"', 'Zq8kP2mW9xR4vB7nC1dF5gH3Lp', '"',
  '-----BEGIN ' + 'OPENSSH PRIVATE KEY-----\n', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n', '-----END OPENSSH PRIVATE KEY-----',
  ' ', '\n', 'ghp_', 'AKIA', 'passw', '\u0130', 'S\u212a_',
];

/** What findSecrets must equal: every rule whose keyword occurs, run over the whole text. */
function reference(text: string, path: string): ReturnType<typeof runRules> {
  const lower = text.toLowerCase();
  const triggered: SecretRule[] = SECRET_RULES.filter((rule) => rule.keywords.some((keyword) => lower.includes(keyword)));
  return runRules({ path, text }, triggered);
}

describe('anchored rules', () => {
  it('find exactly what running the triggered rules over the whole text finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join('')), (text) => {
        const path = 'src/config.ts';
        expect(findSecrets({ path, text }, SECRET_RULES)).toEqual(reference(text, path));
      }),
      { numRuns: 400 },
    );
  });
});
