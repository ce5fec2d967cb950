import type { ScanFile } from '../contract.js';
import { keywordAnchors } from './anchoring.js';
import { buildKeywordAutomaton, emptyOccurrences, findKeywords } from './keywords.js';
import type { KeywordAutomaton, KeywordOccurrences } from './keywords.js';
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
  /** Indexes of the rule's keywords in the automaton. */
  readonly keywords: readonly number[];
  /** For a rule whose matches start on a keyword: offsets before each keyword where a match may start, by keyword index. */
  readonly anchors: ReadonlyMap<number, readonly number[]> | null;
  /** The pattern with the sticky flag, tried only at the anchored places. */
  readonly sticky: RegExp | null;
}

/** Several rule sets sharing one keyword automaton, so a file is read once for all of them. */
interface CompiledRuleSets {
  readonly automaton: KeywordAutomaton;
  readonly sets: readonly (readonly CompiledRule[])[];
}

const compiledSingles = new WeakMap<readonly SecretRule[], CompiledRuleSets>();
const compiledGroups: { readonly sets: readonly (readonly SecretRule[])[]; readonly compiled: CompiledRuleSets }[] = [];

function compileRuleSet(rules: readonly SecretRule[]): CompiledRuleSets {
  let compiled = compiledSingles.get(rules);
  if (compiled === undefined) {
    compiled = compileRuleSets([rules]);
    compiledSingles.set(rules, compiled);
  }
  return compiled;
}

function compileGroup(sets: readonly (readonly SecretRule[])[]): CompiledRuleSets {
  if (sets.length === 1 && sets[0] !== undefined) return compileRuleSet(sets[0]);
  const cached = compiledGroups.find((entry) => entry.sets.length === sets.length && entry.sets.every((set, index) => set === sets[index]));
  if (cached !== undefined) return cached.compiled;
  const compiled = compileRuleSets(sets);
  // A handful of groups exist (the detectors' rule sets); the bound only guards against misuse.
  if (compiledGroups.length >= 16) compiledGroups.shift();
  compiledGroups.push({ sets, compiled });
  return compiled;
}

function compileRuleSets(sets: readonly (readonly SecretRule[])[]): CompiledRuleSets {
  const automaton = buildKeywordAutomaton(sets.flatMap((rules) => rules.flatMap((rule) => rule.keywords)));
  const indexOf = new Map(automaton.keywords.map((keyword, index) => [keyword, index]));
  return { automaton, sets: sets.map((rules) => rules.map((rule, order) => compileRule(rule, order, indexOf))) };
}

function compileRule(rule: SecretRule, order: number, indexOf: ReadonlyMap<string, number>): CompiledRule {
  const keywords = rule.keywords.map((keyword) => indexOf.get(keyword) ?? -1).filter((index) => index !== -1);
  const found = keywordAnchors(rule.pattern, rule.keywords);
  let anchors: Map<number, number[]> | null = null;
  if (found !== null) {
    anchors = new Map();
    for (const { keyword, offset } of found) {
      const index = indexOf.get(rule.keywords[keyword] ?? '');
      if (index === undefined) continue;
      anchors.set(index, [...(anchors.get(index) ?? []), offset]);
    }
  }
  return { rule, order, keywords, anchors, pattern: withFlags(rule.pattern, 'gd', ''), sticky: anchors === null ? null : withFlags(rule.pattern, 'yd', 'g') };
}

function withFlags(pattern: RegExp, add: string, remove: string): RegExp {
  const flags = [...new Set(pattern.flags + add)].filter((flag) => !remove.includes(flag)).join('');
  return new RegExp(pattern.source, flags);
}

/** One buffer for keyword occurrences, reused file after file (the engine is synchronous). */
let scratch = emptyOccurrences();
/** A buffer that grew past this many entries for a huge file is let go afterwards. */
const SCRATCH_KEPT = 1 << 16;

/**
 * Every keyword of the rule set that occurs in the text, in any case (the text is read as
 * `toLowerCase()` would show it): one pass of the keyword automaton.
 */
export function keywordsIn(text: string, rules: readonly SecretRule[]): Set<string> {
  const { automaton } = compileRuleSet(rules);
  const count = findKeywords(automaton, text, scratch);
  const present = new Set<string>();
  for (let index = 0; index < count; index += 1) present.add(automaton.keywords[scratch.keywordAt[index] ?? 0] ?? '');
  releaseScratch();
  return present;
}

function releaseScratch(): void {
  if (scratch.keywordAt.length > SCRATCH_KEPT) scratch = emptyOccurrences();
}

/** Hits computed ahead of the detectors (where the file was read), by file and rule set. */
const remembered = new WeakMap<ScanFile, Map<readonly SecretRule[], readonly SecretHit[]>>();

/**
 * Records what `findSecrets(file, rules)` returns, found earlier by `findSecretsInSets` over the same
 * text (in a worker that read the file), so the detectors do not search the file again.
 */
export function rememberSecrets(file: ScanFile, rules: readonly SecretRule[], hits: readonly SecretHit[]): void {
  const byRules = remembered.get(file) ?? new Map<readonly SecretRule[], readonly SecretHit[]>();
  byRules.set(rules, hits);
  remembered.set(file, byRules);
}

/**
 * Finds the secrets in one file: the keyword automaton over the text, then only the rules whose
 * keyword occurred, each tried only where its keyword starts when its matches always start there.
 * Lockfiles, minified files and binaries yield nothing.
 */
export function findSecrets(file: ScanFile, rules: readonly SecretRule[]): SecretHit[] {
  const known = remembered.get(file)?.get(rules);
  if (known !== undefined) return [...known];
  return findSecretsInSets(file, [rules])[0] ?? [];
}

/** `findSecrets` for several rule sets at once, with one keyword pass over the file: one list of hits per set. */
export function findSecretsInSets(file: ScanFile, sets: readonly (readonly SecretRule[])[]): SecretHit[][] {
  if (!isSecretScanCandidate(file.path)) return sets.map(() => []);
  const compiled = compileGroup(sets);
  const count = findKeywords(compiled.automaton, file.text, scratch);
  if (count === 0) return sets.map(() => []);
  const present = new Uint8Array(compiled.automaton.keywords.length);
  for (let index = 0; index < count; index += 1) present[scratch.keywordAt[index] ?? 0] = 1;
  const hits = compiled.sets.map((rules) => matchRules(file, rules.filter((rule) => rule.keywords.some((keyword) => present[keyword] === 1)), scratch));
  releaseScratch();
  return hits;
}

interface RawHit {
  readonly compiled: CompiledRule;
  readonly start: number;
  readonly end: number;
  readonly secret: string;
}

/** Runs every given rule over the whole file, without the keyword prefilter: matches, entropy, allow-lists, de-duplication. */
export function runRules(file: ScanFile, rules: readonly SecretRule[]): SecretHit[] {
  return matchRules(file, compileRuleSet(rules).sets[0] ?? [], null);
}

/** Runs the rules, anchored ones only at their keywords when the occurrences are known. */
function matchRules(file: ScanFile, rules: readonly CompiledRule[], occurrences: KeywordOccurrences | null): SecretHit[] {
  const raw: RawHit[] = [];
  for (const compiled of rules) {
    if (!appliesToPath(compiled.rule, file.path)) continue;
    if (occurrences !== null && compiled.sticky !== null && compiled.anchors !== null) {
      collectAnchoredMatches(file.text, compiled, compiled.sticky, startsFor(compiled.anchors, occurrences), raw);
    } else {
      collectMatches(file.text, compiled, raw);
    }
  }
  if (raw.length === 0) return [];
  const lineStarts = lineStartsOf(file.text);
  return keepMostSpecific(raw).map((hit) => toSecretHit(hit, lineStarts));
}

function appliesToPath(rule: SecretRule, path: string): boolean {
  return rule.paths === undefined || rule.paths.some((pattern) => pattern.test(path));
}

function collectMatches(text: string, compiled: CompiledRule, into: RawHit[]): void {
  const { pattern } = compiled;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    keepMatch(match, compiled, into);
  }
}

/** The places where the rule's matches may start, ascending and without repeats. */
function startsFor(anchors: ReadonlyMap<number, readonly number[]>, occurrences: KeywordOccurrences): number[] {
  const starts: number[] = [];
  let sorted = true;
  for (let index = 0; index < occurrences.count; index += 1) {
    const offsets = anchors.get(occurrences.keywordAt[index] ?? 0);
    if (offsets === undefined) continue;
    for (const offset of offsets) {
      const start = (occurrences.startAt[index] ?? 0) - offset;
      if (start < 0) continue;
      if (starts.length > 0 && start <= (starts[starts.length - 1] ?? 0)) sorted = false;
      starts.push(start);
    }
  }
  if (sorted) return starts;
  return [...new Set(starts)].sort((left, right) => left - right);
}

/**
 * The matches a global scan would find, trying the sticky pattern only at the given places. A global
 * scan tries every position from where the last match ended; a match can only start at one of these
 * places (see anchoring.ts), so skipping the others changes nothing.
 */
function collectAnchoredMatches(text: string, compiled: CompiledRule, sticky: RegExp, starts: readonly number[], into: RawHit[]): void {
  let from = 0;
  for (const start of starts) {
    if (start < from) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match === null) continue;
    from = match.index + match[0].length + (match[0].length === 0 ? 1 : 0);
    keepMatch(match, compiled, into);
  }
}

function keepMatch(match: RegExpExecArray, compiled: CompiledRule, into: RawHit[]): void {
  const { rule } = compiled;
  const secret = match[rule.secretGroup];
  const span = match.indices?.[rule.secretGroup];
  if (secret === undefined || span === undefined || !isReportable(rule, secret)) return;
  into.push({ compiled, start: span[0], end: span[1], secret });
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
