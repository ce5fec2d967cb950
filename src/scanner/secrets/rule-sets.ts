import type { ScanFile } from '../contract.js';
import { findSecretsInSets, rememberSecrets } from './engine.js';
import type { SecretHit } from './rule.js';
import { SECRET_RULE_SETS } from './rules.js';
import type { SecretRuleSetName } from './rules.js';

/** What each named rule set found in one file; a set that found nothing is left out. Plain data, so it crosses to another thread. */
export type FileSecrets = Readonly<Partial<Record<SecretRuleSetName, readonly SecretHit[]>>>;

const SET_NAMES = Object.keys(SECRET_RULE_SETS) as SecretRuleSetName[];
const SETS = SET_NAMES.map((name) => SECRET_RULE_SETS[name]);

/** Runs every named rule set over the file with one keyword pass. */
export function findSecretsBySet(file: ScanFile): FileSecrets {
  const hits = findSecretsInSets(file, SETS);
  const found: Partial<Record<SecretRuleSetName, readonly SecretHit[]>> = {};
  SET_NAMES.forEach((name, index) => {
    const list = hits[index] ?? [];
    if (list.length > 0) found[name] = list;
  });
  return found;
}

/** Makes `findSecrets(file, set)` answer with these hits (found by findSecretsBySet over the same text) instead of searching again. */
export function rememberFileSecrets(file: ScanFile, secrets: FileSecrets): void {
  for (const name of SET_NAMES) rememberSecrets(file, SECRET_RULE_SETS[name], secrets[name] ?? []);
}
