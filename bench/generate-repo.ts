/**
 * A synthetic repository for bench:scan: source in several languages, lockfiles, CI files,
 * Dockerfiles, Terraform, fixtures and planted secrets at known places. Deterministic for a seed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seededRandom } from '../src/core/random.js';
import type { Random } from '../src/core/random.js';

export interface PlantedSecret {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly fixture: boolean;
}

export interface GeneratedRepository {
  readonly root: string;
  readonly files: number;
  readonly bytes: number;
  readonly planted: readonly PlantedSecret[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function pick(random: Random, alphabet: string, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(random() * alphabet.length)] ?? 'x';
  return text;
}

/** Token shapes of well-known providers, assembled at run time. */
const SECRET_MAKERS: readonly { kind: string; make: (random: Random) => string }[] = [
  { kind: 'aws-access-key-id', make: (random) => `const awsKeyId = "AKIA${pick(random, UPPER_DIGITS, 16)}";` },
  { kind: 'github-pat', make: (random) => `token = "ghp_${pick(random, ALNUM, 36)}"` },
  { kind: 'slack-bot-token', make: (random) => `SLACK_TOKEN="xoxb-${pick(random, '0123456789', 11)}-${pick(random, '0123456789', 12)}-${pick(random, ALNUM, 24)}"` },
  { kind: 'stripe-live-key', make: (random) => `stripe.api_key = "sk_live_${pick(random, ALNUM, 24)}"` },
  { kind: 'gitlab-pat', make: (random) => `GITLAB_TOKEN: "glpat-${pick(random, ALNUM, 20)}"` },
  { kind: 'npm-token', make: (random) => `//registry.npmjs.org/:_authToken=npm_${pick(random, ALNUM, 36)}` },
  { kind: 'postgres-url', make: (random) => `DATABASE_URL = "postgres://app:${pick(random, ALNUM, 18)}@db.internal:5432/app"` },
  { kind: 'private-key', make: (random) => `const key = "-----BEGIN RSA PRIVATE KEY-----\\r\\n${pick(random, ALNUM, 64)}\\r\\n${pick(random, ALNUM, 64)}\\r\\n-----END RSA PRIVATE KEY-----";` },
];

const TS_LINES = [
  'export function total(items: readonly Item[]): number {',
  '  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);',
  '}',
  "import { createLogger } from './logging.js';",
  'const logger = createLogger({ level: process.env.LOG_LEVEL ?? "info" });',
  'if (!order.id) throw new Error(`order without id: ${JSON.stringify(order)}`);',
  'for (const line of lines) { if (line.trim() === "") continue; parsed.push(parseLine(line)); }',
  '// keep the cache small: entries expire after ten minutes',
  'export const TIMEOUT_MS = 30_000;',
  'const password = process.env.DB_PASSWORD;',
];

const PY_LINES = ['def handler(event, context):', '    body = json.loads(event["body"])', '    return {"statusCode": 200, "body": json.dumps(body)}', 'import logging', 'logger = logging.getLogger(__name__)', 'API_KEY = os.environ["API_KEY"]'];

function sourceFile(random: Random, lines: readonly string[], count: number): string[] {
  return Array.from({ length: count }, () => lines[Math.floor(random() * lines.length)] ?? '');
}

function lockfile(random: Random, packages: number): string {
  const entries = Array.from({ length: packages }, (_, index) => `    "node_modules/pkg-${index}": {\n      "version": "1.${index % 40}.${Math.floor(random() * 20)}",\n      "resolved": "https://registry.npmjs.org/pkg-${index}/-/pkg-${index}-1.0.0.tgz",\n      "integrity": "sha512-${pick(random, ALNUM, 86)}=="\n    }`);
  return `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n${entries.join(',\n')}\n  }\n}\n`;
}

const WORKFLOW = `name: ci\non: [push, pull_request]\npermissions: read-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n      - uses: github/codeql-action/analyze@v3\n      - uses: aquasecurity/trivy-action@0.28.0\n        with: {scan-type: fs, exit-code: '1', severity: 'CRITICAL,HIGH'}\n`;

export function generateRepository(root: string, seed = 20261127, targetFiles = 10_500): GeneratedRepository {
  rmSync(root, { recursive: true, force: true });
  const random = seededRandom(seed);
  const planted: PlantedSecret[] = [];
  let files = 0;
  let bytes = 0;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    files += 1;
    bytes += Buffer.byteLength(text);
  };
  write('.github/workflows/ci.yml', WORKFLOW);
  write('.github/dependabot.yml', 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule: {interval: weekly}\n');
  write('SECURITY.md', '# Security\n\nReport vulnerabilities to security@example.com. We coordinate disclosure.\n');
  for (let service = 0; service < 12; service += 1) {
    write(`services/svc-${service}/package.json`, `{"name": "svc-${service}", "dependencies": {"pino": "9.0.0"}}\n`);
    write(`services/svc-${service}/package-lock.json`, lockfile(random, 2500));
    write(`services/svc-${service}/Dockerfile`, `FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nCMD ["node", "index.js"]\n`);
    write(`infra/svc-${service}/main.tf`, `resource "aws_s3_bucket" "b${service}" {\n  bucket = "svc-${service}"\n}\n`);
  }
  while (files < targetFiles) {
    const index = files;
    const language = random() < 0.7 ? 'ts' : 'py';
    const fixture = random() < 0.1;
    const folder = fixture ? `test/fixtures/case-${index % 200}` : `services/svc-${index % 12}/src/module-${index % 97}`;
    const path = `${folder}/file-${index}.${language}`;
    const lines = sourceFile(random, language === 'ts' ? TS_LINES : PY_LINES, 60 + Math.floor(random() * 180));
    if (random() < 0.02) {
      const maker = SECRET_MAKERS[Math.floor(random() * SECRET_MAKERS.length)] ?? SECRET_MAKERS[0];
      if (maker !== undefined) {
        const line = Math.floor(random() * lines.length);
        lines.splice(line, 0, maker.make(random));
        planted.push({ file: path, line: line + 1, kind: maker.kind, fixture });
      }
    }
    write(path, `${lines.join('\n')}\n`);
  }
  return { root, files, bytes, planted };
}
