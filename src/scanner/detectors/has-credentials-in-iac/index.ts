import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

const IAC_FILE = /\.(?:tf|tf\.json|tfvars|tfvars\.json|hcl|bicep|bicepparam)$/;
/** Where to look: the keyword, found first, anchors the match (no leading lazy quantifier). */
const KEYWORD = /password|passwd|secret|token|api[_-]?key/gi;
/**
 * From the keyword on (sticky): the rest of the key, then `=` or `:` (or a Bicep `string =`), then a
 * quoted literal on the same line. Every part is bounded, so each keyword costs a constant.
 */
const ASSIGNED_LITERAL = /([\w-]{0,100})"?(?:[ \t]{1,20}(?:string|securestring))?[ \t]{0,20}[=:][ \t]{0,20}(?:"([^"\n]{0,250})"|'([^'\n]{0,250})')/iy;
const MAX_KEY_PREFIX = 100;
/** A credential key names the secret itself (`db_password`), not something about it (`password_length`). */
const CREDENTIAL_KEY = /(?:password|passwd|secret|secretkey|secretaccesskey|token|apikey)$/;
const VARIABLE_BLOCK = /^[ \t]*variable[ \t]+"([^"]+)"/;
const DEFAULT_LITERAL = /^[ \t]*default[ \t]*=[ \t]*"([^"\n]*)"/;
/** References, interpolations and the usual placeholders are not credentials. */
const NOT_A_VALUE = /\$\{|\{\{|^(?:var|local|data|module|each|self|path|terraform)\.|random_password|changeme|change[_-]me|changeit|replace[_-]?me|placeholder|example|dummy|<[^>]*>|^x+$|^\*+$|^(?:todo|tbd|none|null|secret|password)$/i;
const MIN_LENGTH = 8;
const MAX_LENGTH = 200;
const MIN_ENTROPY = 2;

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

/** A literal that looks like a real credential: long enough, varied enough, not a reference or placeholder. */
export function looksLikeCredential(value: string): boolean {
  return value.length >= MIN_LENGTH && value.length <= MAX_LENGTH && !NOT_A_VALUE.test(value) && shannonEntropy(value) > MIN_ENTROPY;
}

function normalisedKey(key: string): string {
  return key.toLowerCase().replace(/[-_"]/g, '');
}

/** `[A-Za-z0-9_-]`, by character code: this runs for every character scanned back from a keyword. */
function isKeyChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

/** Where the key holding the keyword at `index` starts (at most 100 characters back), or -1. */
function keyStart(line: string, index: number): number {
  let start = index;
  while (start > 0 && index - start <= MAX_KEY_PREFIX && isKeyChar(line.charCodeAt(start - 1))) start -= 1;
  return index - start > MAX_KEY_PREFIX ? -1 : start;
}

/** A key starts a line, an object entry or a JSON key, or follows Bicep's `param`/`var`; not the middle of a value. */
function atKeyPosition(line: string, start: number): boolean {
  let before = start - 1;
  while (before >= 0 && start - before <= 20 && (line.charAt(before) === ' ' || line.charAt(before) === '\t')) before -= 1;
  if (before < 0) return true;
  if ('{,(["'.includes(line.charAt(before))) return true;
  return /(?:^|[^\w])(?:param|var)$/.test(line.slice(Math.max(0, before - 5), before + 1));
}

function isComment(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('#') || trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*');
}

/** The credential key assigned a literal on this line, if any. */
function assignedCredential(line: string): string | undefined {
  if (isComment(line)) return undefined;
  for (const match of line.matchAll(KEYWORD)) {
    const start = keyStart(line, match.index);
    if (start === -1 || !atKeyPosition(line, start)) continue;
    ASSIGNED_LITERAL.lastIndex = match.index;
    const assigned = ASSIGNED_LITERAL.exec(line);
    if (assigned === null) continue;
    const key = line.slice(start, match.index) + (assigned[1] ?? '');
    if (CREDENTIAL_KEY.test(normalisedKey(key)) && looksLikeCredential(assigned[2] ?? assigned[3] ?? '')) return key;
  }
  return undefined;
}

function credentialFinding(file: ScanFile, line: number, key: string): DetectorFinding {
  return {
    outcome: 'negative',
    file: file.path,
    line,
    level: 0,
    confidence: 'medium',
    snippet: `${key} = "<redacted>"`,
    message: `${file.path}:${line} assigns a literal value to ${key}; generate it at apply time or read it from a secret store, and rotate it`,
  };
}

/** Terraform `variable "db_password" { default = "…" }`: the key is the variable's name. */
function variableDefault(line: string, variable: string | undefined): string | undefined {
  if (variable === undefined || !CREDENTIAL_KEY.test(normalisedKey(variable))) return undefined;
  const value = DEFAULT_LITERAL.exec(line)?.[1];
  return value !== undefined && looksLikeCredential(value) ? `variable "${variable}" default` : undefined;
}

function fileFindings(file: ScanFile): DetectorFinding[] {
  const findings: DetectorFinding[] = [];
  let variable: string | undefined;
  file.text.split('\n').forEach((line, index) => {
    variable = VARIABLE_BLOCK.exec(line)?.[1] ?? (line.startsWith('}') ? undefined : variable);
    const key = assignedCredential(line) ?? variableDefault(line, variable);
    if (key !== undefined) findings.push(credentialFinding(file, index + 1, key));
  });
  return findings;
}

export const detector: Detector = {
  id: 'has-credentials-in-iac',
  title: 'A password is written into infrastructure code',
  domain: 'iac',
  kind: 'negative',
  evidenceFor: ['iac.no-credentials'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => IAC_FILE.test(path),
  analyze: ({ files }) => files.flatMap(fileFindings),
};
