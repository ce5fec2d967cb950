import type { Detector, DetectorFinding, ScanFile } from '../../contract.js';

const DOTENV = /(?:^|\/)\.env(?:\.[\w.-]+)?$/;
/** Templates with placeholder values are meant to be committed. */
const DOTENV_TEMPLATE = /\.(?:example|sample|template|dist)$/i;
const YAML = /\.ya?ml$/i;

const DOTENV_ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/;
const KIND_SECRET = /^kind:\s*["']?Secret["']?\s*(?:#.*)?$/;
const DOCUMENT_SEPARATOR = /^(?:---|\.\.\.)(?:\s|$)/;
const TOP_LEVEL_KEY = /^([\w.-]+):\s*(.*)$/;
const BLOCK_ENTRY = /^(\s+)(?:[\w.-]+|"[^"]*"|'[^']*'):\s*(.*)$/;
const EMPTY_VALUE = /^(?:|""|''|~|null|\{\})$/;

function isDotenv(path: string): boolean {
  return DOTENV.test(path) && !DOTENV_TEMPLATE.test(path);
}

export const detector: Detector = {
  id: 'has-committed-secret-file',
  title: 'A dotenv file or a plaintext Kubernetes Secret is tracked',
  domain: 'secrets',
  kind: 'negative',
  evidenceFor: ['secrets.no-secret-files'],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => isDotenv(path) || YAML.test(path),
  analyze({ files, paths }) {
    const byPath = new Map(files.map((file) => [file.path, file]));
    const dotenvFindings = paths.filter(isDotenv).map((path) => dotenvFinding(path, byPath.get(path)));
    const secretFindings = files.filter((file) => YAML.test(file.path)).flatMap(kubernetesSecretFindings);
    return [...dotenvFindings, ...secretFindings];
  },
};

// ── dotenv ──────────────────────────────────────────────────────────────────────────────────────

interface DotenvEntry {
  readonly name: string;
  readonly line: number;
  readonly filled: boolean;
}

function dotenvEntries(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  text.split('\n').forEach((line, index) => {
    const match = DOTENV_ASSIGNMENT.exec(line);
    if (match === null) return;
    entries.push({ name: match[1] ?? '', line: index + 1, filled: dotenvValue(match[2] ?? '') !== '' });
  });
  return entries;
}

/** The value without surrounding quotes and without a trailing ` # comment` when unquoted. */
function dotenvValue(raw: string): string {
  const value = raw.trim();
  const quoted = /^(["'`])(.*)\1$/.exec(value);
  if (quoted !== null) return quoted[2] ?? '';
  return value.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
}

function dotenvFinding(path: string, file: ScanFile | undefined): DetectorFinding {
  if (file === undefined) {
    return { outcome: 'negative', level: 0, file: path, confidence: 'medium', message: `${path} is committed (its content was not read); keep environment files out of git` };
  }
  const filled = dotenvEntries(file.text).filter((entry) => entry.filled);
  const first = filled[0];
  if (first === undefined) {
    return { outcome: 'negative', level: 0, file: path, line: 1, confidence: 'low', message: `${path} is committed but holds no values yet; add it to .gitignore and commit a .env.example instead` };
  }
  const names = filled.map((entry) => entry.name);
  return {
    outcome: 'negative',
    level: 0,
    file: path,
    line: first.line,
    confidence: 'high',
    message: `${path} is committed with ${filled.length} value${filled.length === 1 ? '' : 's'}; rotate them and keep environment files out of git`,
    // Names only: the values may be credentials (S11).
    snippet: names.slice(0, 3).map((name) => `${name}=…`).join(', ') + (names.length > 3 ? ', …' : ''),
  };
}

// ── Kubernetes Secret manifests ─────────────────────────────────────────────────────────────────

interface DocumentLine {
  readonly text: string;
  readonly line: number;
}

interface SecretValue {
  readonly line: number;
  readonly templated: boolean;
}

function yamlDocuments(text: string): DocumentLine[][] {
  const documents: DocumentLine[][] = [[]];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (DOCUMENT_SEPARATOR.test(lineText)) documents.push([]);
    else documents.at(-1)?.push({ text: lineText, line: index + 1 });
  });
  return documents;
}

/** The lines that belong to a top-level key: its own line and the indented (or templated) lines after it. */
function topLevelBlock(document: readonly DocumentLine[], key: string): { head: DocumentLine; value: string; body: DocumentLine[] } | undefined {
  const start = document.findIndex((entry) => TOP_LEVEL_KEY.exec(entry.text)?.[1] === key);
  const head = document[start];
  if (head === undefined) return undefined;
  const body: DocumentLine[] = [];
  for (const entry of document.slice(start + 1)) {
    const text = entry.text.trim();
    if (text !== '' && !/^\s/.test(entry.text) && !text.startsWith('{{') && !text.startsWith('#')) break;
    body.push(entry);
  }
  return { head, value: (TOP_LEVEL_KEY.exec(head.text)?.[2] ?? '').replace(/\s+#.*$/, '').trim(), body };
}

/** Non-empty values under `data:` or `stringData:`; a line holding `{{` marks a value filled in by a template. */
function secretValues(document: readonly DocumentLine[], key: 'data' | 'stringData'): SecretValue[] {
  const block = topLevelBlock(document, key);
  if (block === undefined) return [];
  if (block.value !== '' && !/^[|>]/.test(block.value)) {
    return EMPTY_VALUE.test(block.value) ? [] : [{ line: block.head.line, templated: block.value.includes('{{') }];
  }
  const values: SecretValue[] = [];
  let indent: number | undefined;
  for (const entry of block.body) {
    if (entry.text.trim().startsWith('{{')) {
      values.push({ line: entry.line, templated: true });
      continue;
    }
    const match = BLOCK_ENTRY.exec(entry.text);
    if (match === null) continue;
    indent ??= match[1]?.length;
    if (match[1]?.length !== indent) continue;
    const value = (match[2] ?? '').trim();
    if (!EMPTY_VALUE.test(value)) values.push({ line: entry.line, templated: value.includes('{{') });
  }
  return values;
}

function manifestName(document: readonly DocumentLine[]): string | undefined {
  const metadata = topLevelBlock(document, 'metadata');
  const nameLine = metadata?.body.find((entry) => /^\s+name:/.test(entry.text));
  return nameLine?.text.replace(/^\s+name:\s*/, '').replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '').trim() || undefined;
}

function kubernetesSecretFindings(file: ScanFile): DetectorFinding[] {
  const findings: DetectorFinding[] = [];
  for (const document of yamlDocuments(file.text)) {
    if (!document.some((entry) => KIND_SECRET.test(entry.text))) continue;
    const values = [...secretValues(document, 'data'), ...secretValues(document, 'stringData')].sort((left, right) => left.line - right.line);
    const plain = values.filter((value) => !value.templated);
    const name = manifestName(document);
    const label = name === undefined ? 'A Kubernetes Secret' : `Kubernetes Secret "${name}"`;
    const firstPlain = plain[0];
    const firstTemplated = values[0];
    if (firstPlain !== undefined) {
      findings.push({
        outcome: 'negative',
        level: 0,
        file: file.path,
        line: firstPlain.line,
        confidence: 'high',
        message: `${label} in ${file.path}:${firstPlain.line} holds ${plain.length} plaintext value${plain.length === 1 ? '' : 's'} (base64 is an encoding, not encryption); use SealedSecret, ExternalSecret or SOPS`,
      });
    } else if (firstTemplated !== undefined) {
      findings.push({
        outcome: 'not-applicable',
        file: file.path,
        line: firstTemplated.line,
        confidence: 'low',
        message: `${label} in ${file.path} takes its values from a template; check where the rendered values come from`,
      });
    }
  }
  return findings;
}
