import { hash, verify } from '@node-rs/argon2';

/** argon2id with the parameters OWASP recommends as a floor (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Hashes passwords with argon2id (S16); a malformed stored hash verifies as false instead of throwing. */
export function createArgon2Hasher(): PasswordHashing {
  return {
    hash: (password) => hash(password, OPTIONS),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
