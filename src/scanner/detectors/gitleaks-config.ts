/** A gitleaks config replaces the default rules unless it extends them (`[extend]`) or defines its own `[[rules]]`. */
const GITLEAKS_RULES = /^[ \t]*(?:\[\[rules\]\]|\[extend\])/m;

/** gitleaks reads this file from the root of the scanned repository unless given `--config`. */
export const GITLEAKS_CONFIG = '.gitleaks.toml';

/**
 * True when a gitleaks configuration leaves gitleaks with at least one rule. An allowlist-only file
 * replaces the default rules with none, and every scan then passes (seen on public repositories).
 */
export function definesGitleaksRules(configText: string): boolean {
  return GITLEAKS_RULES.test(configText);
}
