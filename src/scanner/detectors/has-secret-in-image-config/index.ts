import type { Detector, DetectorFinding } from '../../contract.js';
import type { DockerInstruction } from '../dockerfile.js';
import { argDeclarations, isDockerfilePath, keyValuePairs, parseDockerfile } from '../dockerfile.js';

interface Declaration {
  readonly key: string;
  readonly value: string | undefined;
}

const SECRET_WORD = /PASSWORD|SECRET|TOKEN|API_?KEY/i;
const VARIABLE_NAME = /^\w+$/;
/** Names that hold a pointer to a secret or a setting about it, not the secret itself. */
const NOT_THE_SECRET = /_(?:FILE|PATH|DIR|URL|URI|ENDPOINT|TTL|EXPIRY|EXPIRES|EXPIRATION|TIMEOUT|LENGTH|HEADER|TYPE|NAME)$/i;
const ENDS_WITH_SECRET_WORD = /(?:PASSWORD|SECRET|TOKEN|API_?KEY)$/i;
const PLACEHOLDER_WORDS = new Set(['changeme', 'change_me', 'change-me', 'changeit', 'placeholder', 'dummy', 'example', 'none', 'null', 'nil', 'undefined', 'todo', 'tbd', 'secret', 'password', 'token', 'true', 'false', 'yes', 'no', 'on', 'off']);
const PLACEHOLDER_SHAPE = /^(?:<[^>]*>|\{\{[^}]*\}\}|(.)\1*|(?:your|replace|insert|enter)[-_].*)$/i;

export const detector: Detector = {
  id: 'has-secret-in-image-config',
  title: 'A Dockerfile ENV or ARG holds a credential',
  domain: 'container-cloud',
  kind: 'negative',
  evidenceFor: ['container-cloud.no-secrets-in-images'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze({ files }) {
    return files.flatMap((file) => parseDockerfile(file).instructions.flatMap((instruction) => judgeInstruction(file.path, instruction)));
  },
};

/** One finding per instruction: the first secret-named variable with a literal value, else one supplied at build time. */
function judgeInstruction(file: string, instruction: DockerInstruction): DetectorFinding[] {
  const declarations = declarationsOf(instruction).filter((declaration) => isSecretName(declaration.key) && !NOT_THE_SECRET.test(declaration.key));
  const place = { file, line: instruction.line, confidence: 'medium' as const };
  const literal = declarations.find((declaration) => declaration.value !== undefined && isLiteralSecret(declaration.key, declaration.value));
  if (literal !== undefined) {
    return [{ outcome: 'negative', level: 0, ...place, snippet: `${instruction.keyword} ${literal.key}=***`, message: `${instruction.keyword} sets ${literal.key} to a literal value, which ships in the image; pass it at run time or use a BuildKit secret mount` }];
  }
  const buildArgument = instruction.keyword === 'ARG' ? declarations.find((declaration) => declaration.value === undefined) : undefined;
  if (buildArgument === undefined) return [];
  return [{ outcome: 'not-applicable', ...place, message: `ARG ${buildArgument.key} has no value here; if a credential is passed with --build-arg it is recorded in the image history: use a secret mount instead` }];
}

function isSecretName(key: string): boolean {
  return VARIABLE_NAME.test(key) && SECRET_WORD.test(key);
}

function declarationsOf(instruction: DockerInstruction): Declaration[] {
  if (instruction.keyword === 'ENV') return keyValuePairs(instruction.args);
  if (instruction.keyword === 'ARG') return argDeclarations(instruction.args);
  return [];
}

/**
 * Not empty, not a variable reference, not a path to a secret file, not a placeholder or a flag, and
 * not a small number under a name that only mentions a secret (`TOKEN_RETRIES=3`).
 */
export function isLiteralSecret(key: string, value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('$') || trimmed.includes('${')) return false;
  if (trimmed.startsWith('/') || trimmed.startsWith('./')) return false;
  if (PLACEHOLDER_WORDS.has(trimmed.toLowerCase()) || PLACEHOLDER_SHAPE.test(trimmed)) return false;
  return !(/^\d{1,6}$/.test(trimmed) && !ENDS_WITH_SECRET_WORD.test(key));
}
