/** How bad a leak of this kind of credential is, before anyone has checked whether it is live. */
export type SecretSeverity = 'critical' | 'high' | 'medium' | 'low';

/**
 * provider: a documented token format of one vendor (high confidence). generic: a high-entropy value
 * assigned to a secret-sounding name (medium confidence). private-key: key material, which a detector
 * of its own reports.
 */
export type SecretRuleKind = 'provider' | 'generic' | 'private-key';

/** One secret-detection rule: keywords → regex → entropy → allow-list (DETECTORS.md §1). */
export interface SecretRule {
  /** kebab-case, unique across the rule set, e.g. `github-pat`. */
  readonly id: string;
  /** The vendor or format, as a reader would name it: `GitHub`, `Stripe`, `OpenSSH`. */
  readonly provider: string;
  /** What was found, lower case, read after the provider: "personal access token (classic)". */
  readonly description: string;
  readonly kind: SecretRuleKind;
  /** Lower-case strings; the rule runs only on text that contains at least one of them. */
  readonly keywords: readonly string[];
  /**
   * Has the `g` flag and starts on a keyword or a fixed prefix: no leading lazy quantifier, no
   * nested quantifier (S10). Node 20 has no `(?i:…)`: use the `i` flag or character classes.
   */
  readonly pattern: RegExp;
  /** The capture group that holds the secret itself (what is fingerprinted and redacted). */
  readonly secretGroup: number;
  /** Shannon entropy in bits per character that the secret must reach. */
  readonly minEntropy?: number;
  /** Known placeholders and documentation examples, tested against the secret: never reported. */
  readonly allow?: readonly RegExp[];
  /** When present, the rule runs only on paths that match one of these. */
  readonly paths?: readonly RegExp[];
  readonly severity: SecretSeverity;
}

/** One secret found in one file; never carries the secret itself (S11). */
export interface SecretHit {
  readonly ruleId: string;
  readonly provider: string;
  readonly description: string;
  readonly kind: SecretRuleKind;
  /** 1-based line and column (UTF-16 code units) where the secret starts. */
  readonly line: number;
  readonly column: number;
  /** A short prefix of the secret and its fingerprint, e.g. `ghp_… (fingerprint 3f2a9c01d4e5)`. */
  readonly redacted: string;
  /** 12 hex digits of a non-cryptographic hash of the secret; equal secrets share it. */
  readonly fingerprint: string;
  readonly severity: SecretSeverity;
}
