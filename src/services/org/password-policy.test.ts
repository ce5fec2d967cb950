import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.js';

describe('S16 password policy', () => {
  it('S16 needs at least 12 characters, counted as code points', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('Kx7#mQ2$vL9', 'someone')).toBe('the password needs at least 12 characters');
    expect(passwordProblem('Kx7#mQ2$vL9p', 'someone')).toBeUndefined();
    // Eleven emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblem('🦊🐙🦉🐝🦀🐢🦋🐳🦔🐞🦜', 'someone')).toBe('the password needs at least 12 characters');
    expect(passwordProblem('🦊🐙🦉🐝🦀🐢🦋🐳🦔🐞🦜🐌', 'someone')).toBeUndefined();
  });

  it('S16 accepts long passphrases (at least 64, here up to 128) and refuses beyond the maximum', () => {
    expect(MAX_PASSWORD_LENGTH).toBeGreaterThanOrEqual(64);
    const passphrase = 'the quiet lighthouse keeper counts ninety-seven gulls while the kettle sings on the old iron stove!!';
    expect(passphrase).toHaveLength(100);
    expect(passwordProblem(passphrase, 'someone')).toBeUndefined();
    const longest = 'harbour-lantern-'.repeat(8);
    expect(longest).toHaveLength(MAX_PASSWORD_LENGTH);
    expect(passwordProblem(longest, 'someone')).toBeUndefined();
    expect(passwordProblem(`${longest}x`, 'someone')).toBe(`the password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  });

  it.each([
    'password1234',
    'Password123!',
    'P@ssw0rd2024',
    'Password@123',
    'Welcome@2024',
    'Admin@123456',
    'letmein12345',
    'iloveyou2024',
    'iloveyouiloveyou',
    'trustno1trustno1',
    'passwordpassword',
    'Summer2024!!',
    'changeme1234',
    'monkey123456',
    'football1234',
    '123456789012',
    '111111111111',
    'aaaaaaaaaaaa',
    'abcdefghijkl',
    'qwertyuiop12',
    'qwerty123456',
    'qazwsxedcrfv',
    '1qaz2wsx3edc',
    '!QAZ2wsx#EDC',
    'zaq12wsxcde3',
    '1q2w3e4r5t6y',
    'q1w2e3r4t5y6',
    '1234qwerasdf',
    '0987654321qw',
    'abc123abc123',
    'abcd1234abcd',
    'a1b2c3d4e5f6',
    '1234567890ab',
  ])('S16 refuses the common or sequential password %s', (password) => {
    expect(passwordProblem(password, 'someone')).toBeDefined();
  });

  it.each(['correct horse battery staple 1', 'tangerine-orbit-lantern-42', 'Kx7#mQ2$vL9p', 'ñandú-piñata-7Q', 'Zebra-Kettle-91-Plum', 'a brand new passphrase 7', 'пароль-не-угадать-42'])(
    'S16 accepts the unpredictable password %s',
    (password) => {
      expect(passwordProblem(password, 'someone')).toBeUndefined();
    },
  );

  it('S16 refuses a password containing the username', () => {
    expect(passwordProblem('alice-Kx7#mQ2$vL9p', 'alice')).toBe('the password may not contain the username');
    expect(passwordProblem('ALICE-Kx7#mQ2$vL9p', 'Alice')).toBe('the password may not contain the username');
    // Two-letter usernames are too short to judge.
    expect(passwordProblem('al-Kx7#mQ2$vL9p', 'al')).toBeUndefined();
  });

  it('S16 refuses passwords of too few different characters', () => {
    expect(passwordProblem('abababababababab', 'someone')).toBe('the password repeats too few different characters');
    expect(passwordProblem('🔒'.repeat(12), 'someone')).toBe('the password repeats too few different characters');
  });
});
