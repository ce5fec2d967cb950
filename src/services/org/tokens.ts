import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new secret of 256 random bits, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** The SHA-256 of a secret, as stored instead of the secret itself (S17, S18). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new record id. */
export function newId(): string {
  return randomUUID();
}
