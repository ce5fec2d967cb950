import { allSteps } from '../../ci/model.js';
import type { CiStep } from '../../ci/model.js';
import { asRecord } from '../../ci/yaml-values.js';
import type { Detector, DetectorFinding, DetectorInput, ScanFile } from '../../contract.js';
import { lineAtOffset, lineOf, readLooseJson } from '../config-values.js';
import { parseShellCommands } from '../shell-commands.js';
import type { ShellCommand } from '../shell-commands.js';
import { callName, unreadablePipelines } from '../security-tools.js';

const VAULT = 'secrets.central-vault';
const INJECTION = 'secrets.pipeline-injection';

/** Kubernetes kinds that keep secrets outside the repository or encrypted in it. */
const SECRET_KIND = /^kind:[ \t]*["']?(SealedSecret|ExternalSecret|ClusterExternalSecret|SecretProviderClass|VaultStaticSecret|VaultDynamicSecret)["']?[ \t]*$/m;
const SOPS_RULES = /^creation_rules:/m;
const TERRAFORM_SECRET_STORE = /^[ \t]*(?:resource|data)[ \t]+"(aws_secretsmanager_\w+|azurerm_key_vault_secret|azurerm_key_vault|google_secret_manager_secret\w*|vault_kv_secret\w*|vault_generic_secret)"/m;
const NPM_CLIENTS = ['@aws-sdk/client-secrets-manager', '@azure/keyvault-secrets', '@google-cloud/secret-manager', 'node-vault'];
const PYTHON_CLIENT = /^[ \t]*["']?(hvac|google-cloud-secret-manager|azure-keyvault-secrets)(?=["'\s=<>~!;,[]|$)/im;
const GO_CLIENTS = ['github.com/hashicorp/vault/api', 'cloud.google.com/go/secretmanager', 'github.com/aws/aws-sdk-go-v2/service/secretsmanager', 'github.com/Azure/azure-sdk-for-go/sdk/security/keyvault/azsecrets'];
/** Pipeline steps that fetch secrets from a store at run time. */
const FETCHING_ACTIONS = new Set(['hashicorp/vault-action', 'aws-actions/aws-secretsmanager-get-secrets', 'google-github-actions/get-secretmanager-secrets', 'azure/get-keyvault-secrets', 'azurekeyvault']);
const VENDORED = /(?:^|\/)(?:node_modules|vendor)\//;
const DEPENDENCY_FILE = /(?:^|\/)(?:package\.json|pyproject\.toml|go\.mod|requirements[^/]*\.txt|requirements\/[^/]+\.txt)$/;

export const detector: Detector = {
  id: 'uses-secret-manager',
  title: 'Secrets come from a secret manager',
  domain: 'secrets',
  kind: 'positive',
  evidenceFor: [VAULT, INJECTION],
  version: 1,
  lifecycle: 'stable',
  matches: (path) => !VENDORED.test(path) && (/\.(?:ya?ml|tf)$/.test(path) || DEPENDENCY_FILE.test(path)),
  analyze(input) {
    const findings = [...input.files.filter((found) => !input.isFixture(found.path)).flatMap(fileFindings), ...ciFindings(input)];
    return findings.length > 0 ? findings : unreadablePipelines(input, 'the pipeline fetches secrets from a secret manager');
  },
};

function fileFindings(file: ScanFile): DetectorFinding[] {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (name === '.sops.yaml') return [sopsFinding(file)];
  if (name === 'package.json') return npmClientFinding(file);
  if (name === 'go.mod') return clientFinding(file, GO_CLIENTS.find((client) => file.text.includes(client)), (client) => `the Go module ${client}`);
  if (name === 'pyproject.toml' || name.endsWith('.txt')) return matchFinding(file, PYTHON_CLIENT, (client) => `the Python package ${client}`);
  if (name.endsWith('.tf')) return matchFinding(file, TERRAFORM_SECRET_STORE, (resource) => `Terraform ${resource}`);
  return matchFinding(file, SECRET_KIND, (kind) => `a ${kind} manifest`);
}

function sopsFinding(file: ScanFile): DetectorFinding {
  if (!SOPS_RULES.test(file.text)) return { outcome: 'not-applicable', file: file.path, line: 1, confidence: 'high', message: `${file.path} has no creation_rules, so SOPS does not know which keys encrypt which files` };
  return vaultFinding(file, lineOf(file.text, 'creation_rules:'), 'SOPS creation rules');
}

function npmClientFinding(file: ScanFile): DetectorFinding[] {
  const manifest = asRecord(readLooseJson(file.text));
  const declared = new Set(['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((key) => Object.keys(asRecord(manifest?.[key]) ?? {})));
  return clientFinding(file, NPM_CLIENTS.find((client) => declared.has(client)), (client) => `the npm package ${client}`);
}

/** A positive finding at the first line where the pattern's first group matched, or none. */
function matchFinding(file: ScanFile, pattern: RegExp, what: (match: string) => string): DetectorFinding[] {
  const match = pattern.exec(file.text);
  if (match === null) return [];
  return [vaultFinding(file, lineAtOffset(file.text, match.index), what(match[1] ?? match[0]))];
}

function clientFinding(file: ScanFile, client: string | undefined, what: (client: string) => string): DetectorFinding[] {
  return client === undefined ? [] : [vaultFinding(file, lineOf(file.text, client), what(client))];
}

function vaultFinding(file: ScanFile, line: number, what: string): DetectorFinding {
  return { outcome: 'positive', level: 2, practices: [VAULT], file: file.path, line, confidence: 'high', message: `${file.path} uses a secret manager: ${what}` };
}

/** Steps that fetch secrets from a store while the pipeline runs: the store is in use and feeds the pipeline. */
function ciFindings(input: DetectorInput): DetectorFinding[] {
  return allSteps(input.ci).flatMap(({ workflow, step }) => {
    if (input.isFixture(workflow.file)) return [];
    const how = fetchingStep(step);
    if (how === undefined) return [];
    return [{ outcome: 'positive', level: 3, practices: [VAULT, INJECTION], file: workflow.file, line: step.line, confidence: 'high', message: `${workflow.file} fetches secrets from a secret manager at run time (${how})` } satisfies DetectorFinding];
  });
}

function fetchingStep(step: CiStep): string | undefined {
  if (step.uses !== undefined) {
    const name = callName(step.uses);
    return FETCHING_ACTIONS.has(name) ? name : undefined;
  }
  return step.run === undefined ? undefined : parseShellCommands(step.run).map(fetchingCommand).find((how) => how !== undefined);
}

/** `vault kv get`, `vault read`, `aws secretsmanager get-secret-value`, `az keyvault secret show`, `gcloud secrets versions access`. */
function fetchingCommand(command: ShellCommand): string | undefined {
  const [, first = '', second = '', third = ''] = command.argv;
  if (command.program === 'vault' && ((first === 'kv' && second === 'get') || first === 'read')) return `vault ${first}`;
  if (command.program === 'aws' && first === 'secretsmanager' && second === 'get-secret-value') return 'aws secretsmanager get-secret-value';
  if (command.program === 'az' && first === 'keyvault' && second === 'secret' && (third === 'show' || third === 'download')) return `az keyvault secret ${third}`;
  if (command.program === 'gcloud' && first === 'secrets' && second === 'versions' && third === 'access') return 'gcloud secrets versions access';
  return undefined;
}
