import type { ScanFile } from '../contract.js';
import type { SecretHit, SecretRule } from './rule.js';

/** Lockfiles hold integrity hashes that look like secrets and are never edited by hand. */
const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'deno.lock',
  'cargo.lock', 'go.sum', 'poetry.lock', 'pipfile.lock', 'uv.lock', 'pdm.lock', 'gemfile.lock', 'composer.lock',
  'packages.lock.json', 'gradle.lockfile', 'mix.lock', 'package.resolved', 'pubspec.lock', 'podfile.lock',
  'flake.lock', '.terraform.lock.hcl', 'conan.lock', 'paket.lock',
]);
const MINIFIED = /\.min\.(?:js|mjs|cjs|css)$|\.map$/i;
/** Images, media, fonts, archives and compiled files: binary, or (SVG) base64 blobs that look random. */
const NOT_SOURCE = /\.(?:png|jpe?g|gif|bmp|ico|icns|webp|avif|tiff?|svg|psd|pdf|mp[34]|mov|avi|webm|wav|ogg|flac|woff2?|ttf|otf|eot|zip|gz|tgz|bz2|xz|7z|rar|jar|war|ear|class|pyc|o|a|so|dylib|dll|exe|wasm|p12|pfx|jks|keystore|der)$/i;

/** True for files the secrets engine reads: not a lockfile, not minified, not an image or binary. */
export function isSecretScanCandidate(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !LOCKFILES.has(name.toLowerCase()) && !MINIFIED.test(name) && !NOT_SOURCE.test(name);
}

/** Shannon entropy of the text in bits per character (UTF-16 code units). */
export function shannonEntropy(text: string): number {
  const counts = new Map<number, number>();
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

const TWO_POW_32 = 4294967296;

/** FNV-1a 64-bit over the UTF-16 code units (low byte, then high byte when set), as 16 hex digits. */
export function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // A code unit above 0xff adds its high byte as a second round.
    const rounds = unit > 0xff ? 2 : 1;
    for (let round = 0; round < rounds; round += 1) {
      low = (low ^ (round === 0 ? unit & 0xff : unit >>> 8)) >>> 0;
      // hash × (2^40 + 0x1b3) mod 2^64 in two 32-bit halves, so every product stays exact in a double.
      const lowProduct = low * 0x1b3;
      high = (high * 0x1b3 + Math.floor(lowProduct / TWO_POW_32) + ((low << 8) >>> 0)) >>> 0;
      low = lowProduct >>> 0;
    }
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** The fingerprint shown and stored for a secret: 12 hex digits of its FNV-1a 64 hash. */
export function secretFingerprint(secret: string): string {
  return fnv1a64(secret).slice(0, 12);
}

/**
 * A prefix of the secret, an ellipsis and its fingerprint (S11). Four characters for a secret of
 * 16 or more; fewer for short ones, so a short password is never mostly shown.
 */
export function redactSecret(secret: string): string {
  return redactWith(secret, secretFingerprint(secret));
}

function redactWith(secret: string, fingerprint: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}… (fingerprint ${fingerprint})`;
}

interface CompiledRule {
  readonly rule: SecretRule;
  readonly order: number;
  /** The rule's pattern with the `d` flag, so the secret's own offset is known. */
  readonly pattern: RegExp;
}

interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  readonly keywords: readonly string[];
  /** For each keyword the combined regex can report, every keyword it contains (itself included). */
  readonly implied: ReadonlyMap<string, readonly string[]>;
  /** Combined keyword regexes by the keywords already found, which they leave out (see keywordsIn). */
  readonly scanners: Map<string, RegExp>;
}

/** Bounds the scanners kept per rule set; real repositories reuse a few dozen keyword combinations. */
const MAX_SCANNERS = 512;

const compiledSets = new WeakMap<readonly SecretRule[], CompiledRuleSet>();

function compileRuleSet(rules: readonly SecretRule[]): CompiledRuleSet {
  const cached = compiledSets.get(rules);
  if (cached !== undefined) return cached;
  const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))];
  const compiled: CompiledRuleSet = {
    rules: rules.map((rule, order) => ({ rule, order, pattern: withIndices(rule.pattern) })),
    keywords,
    implied: new Map(keywords.map((keyword) => [keyword, keywords.filter((other) => keyword.includes(other))])),
    scanners: new Map(),
  };
  compiledSets.set(rules, compiled);
  return compiled;
}

function withIndices(pattern: RegExp): RegExp {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return new RegExp(pattern.source, flags.includes('d') ? flags : `${flags}d`);
}

interface TrieNode {
  end: boolean;
  readonly children: Map<string, TrieNode>;
}

/**
 * A regex source that matches the longest keyword starting at a position, with shared prefixes
 * factored out (`sk_(?:live_)?`), so the engine tries one branch per character instead of every
 * keyword in turn.
 */
export function keywordTrieSource(keywords: readonly string[]): string {
  const root: TrieNode = { end: false, children: new Map() };
  for (const keyword of keywords) {
    let node = root;
    for (const char of keyword) {
      let child = node.children.get(char);
      if (child === undefined) {
        child = { end: false, children: new Map() };
        node.children.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  return root.children.size === 0 ? '(?!)' : trieNodeSource(root);
}

function trieNodeSource(node: TrieNode): string {
  const branches = [...node.children].map(([char, child]) => escapeRegex(char) + trieNodeSource(child));
  if (branches.length === 0) return '';
  const alternatives = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
  // Greedy `?`: the longer keyword wins when both a keyword and its extension match here.
  return node.end ? `(?:${alternatives})?` : alternatives;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Every keyword of the rule set that occurs in the lower-cased text. One combined regex (a trie of
 * the keywords) finds the longest keyword starting at a position; the search resumes one character
 * later, so overlapping keywords are seen too, and a match implies the keywords it contains. Once a
 * keyword is found the search goes on with a regex that leaves it out, so a keyword that occurs on
 * every line costs one match per file, not one per line.
 */
export function keywordsIn(lowerText: string, rules: readonly SecretRule[]): Set<string> {
  const ruleSet = compileRuleSet(rules);
  const present = new Set<string>();
  for (let from = 0; present.size < ruleSet.keywords.length; ) {
    const scanner = scannerWithout(ruleSet, present);
    scanner.lastIndex = from;
    const match = scanner.exec(lowerText);
    if (match === null) break;
    for (const contained of ruleSet.implied.get(match[0]) ?? []) present.add(contained);
    from = match.index + 1;
  }
  return present;
}

function scannerWithout(ruleSet: CompiledRuleSet, found: ReadonlySet<string>): RegExp {
  const key = [...found].sort().join('\n');
  const cached = ruleSet.scanners.get(key);
  if (cached !== undefined) return cached;
  if (ruleSet.scanners.size >= MAX_SCANNERS) ruleSet.scanners.clear();
  const scanner = new RegExp(keywordTrieSource(ruleSet.keywords.filter((keyword) => !found.has(keyword))), 'g');
  ruleSet.scanners.set(key, scanner);
  return scanner;
}

/**
 * Finds the secrets in one file: the combined keyword pass over the lower-cased text, then only the
 * rules whose keyword occurred. Lockfiles, minified files and binaries yield nothing.
 */
export function findSecrets(file: ScanFile, rules: readonly SecretRule[]): SecretHit[] {
  if (!isSecretScanCandidate(file.path)) return [];
  const present = keywordsIn(file.text.toLowerCase(), rules);
  if (present.size === 0) return [];
  const selected = compileRuleSet(rules).rules.filter(({ rule }) => rule.keywords.some((keyword) => present.has(keyword)));
  return matchRules(file, selected);
}

interface RawHit {
  readonly compiled: CompiledRule;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

/** Runs every given rule over the file, without the keyword prefilter: matches, entropy, allow-lists, de-duplication. */
export function runRules(file: ScanFile, rules: readonly SecretRule[]): SecretHit[] {
  return matchRules(file, compileRuleSet(rules).rules);
}

function matchRules(file: ScanFile, rules: readonly CompiledRule[]): SecretHit[] {
  const raw: RawHit[] = [];
  for (const compiled of rules) {
    if (appliesToPath(compiled.rule, file.path)) collectMatches(file.text, compiled, raw);
  }
  if (raw.length === 0) return [];
  const lineStarts = lineStartsOf(file.text);
  return keepMostSpecific(raw).map((hit) => toSecretHit(hit, lineStarts));
}

function appliesToPath(rule: SecretRule, path: string): boolean {
  return rule.paths === undefined || rule.paths.some((pattern) => pattern.test(path));
}

function collectMatches(text: string, compiled: CompiledRule, into: RawHit[]): void {
  const { pattern, rule } = compiled;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    const secret = match[rule.secretGroup];
    const span = match.indices?.[rule.secretGroup];
    if (secret === undefined || span === undefined || !isReportable(rule, secret)) continue;
    into.push({ compiled, start: span[0], end: span[1], secret });
  }
}

function isReportable(rule: SecretRule, secret: string): boolean {
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  return !(rule.allow ?? []).some((allowed) => allowed.test(secret));
}

const KIND_RANK = { 'private-key': 2, provider: 2, generic: 1 } as const;

/** Overlapping hits are one secret: keep a provider rule over the generic one, then the longer span, then the earlier rule. */
function keepMostSpecific(hits: readonly RawHit[]): RawHit[] {
  const byStart = [...hits].sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: RawHit[] = [];
  let cluster: RawHit[] = [];
  let clusterEnd = -1;
  for (const hit of byStart) {
    if (hit.start >= clusterEnd && cluster.length > 0) {
      kept.push(...pickFromCluster(cluster));
      cluster = [];
    }
    cluster.push(hit);
    clusterEnd = Math.max(clusterEnd, hit.end);
  }
  kept.push(...pickFromCluster(cluster));
  return kept.sort((left, right) => left.start - right.start || left.compiled.order - right.compiled.order);
}

function pickFromCluster(cluster: readonly RawHit[]): RawHit[] {
  if (cluster.length === 1) return [...cluster];
  const preferred = [...cluster].sort(
    (left, right) =>
      KIND_RANK[right.compiled.rule.kind] - KIND_RANK[left.compiled.rule.kind] ||
      right.end - right.start - (left.end - left.start) ||
      left.compiled.order - right.compiled.order,
  );
  const chosen: RawHit[] = [];
  for (const hit of preferred) {
    if (!chosen.some((other) => hit.start < other.end && other.start < hit.end)) chosen.push(hit);
  }
  return chosen;
}

/** Offsets at which each line starts; line 1 starts at 0. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line and column of an offset, by binary search over the line starts. */
export function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

function toSecretHit(hit: RawHit, lineStarts: readonly number[]): SecretHit {
  const { rule } = hit.compiled;
  const fingerprint = secretFingerprint(hit.secret);
  return {
    ruleId: rule.id,
    provider: rule.provider,
    description: rule.description,
    kind: rule.kind,
    ...positionOf(lineStarts, hit.start),
    redacted: redactWith(hit.secret, fingerprint),
    fingerprint,
    severity: rule.severity,
  };
}
