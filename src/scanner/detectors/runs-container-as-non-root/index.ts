import type { Detector, DetectorFinding } from '../../contract.js';
import type { DockerInstruction, DockerStage, Dockerfile } from '../dockerfile.js';
import { finalStage, isDockerfilePath, parseDockerfile, parseImageReference, stageVariables, substituteVariables } from '../dockerfile.js';

interface UserInstruction {
  readonly instruction: DockerInstruction;
  readonly stage: DockerStage;
}

/** Distroless and similar images publish `nonroot` tags whose default user is not root. */
const NON_ROOT_TAG = /(?:^|[-_.])nonroot(?:$|[-_.])/i;
/** Images whose every tag runs as a non-root user by default (Chainguard static: uid 65532, like distroless `nonroot`). */
const NON_ROOT_IMAGES: ReadonlySet<string> = new Set(['cgr.dev/chainguard/static']);

export const detector: Detector = {
  id: 'runs-container-as-non-root',
  title: 'The final image stage runs as a non-root user',
  domain: 'container-cloud',
  kind: 'positive',
  evidenceFor: ['container-cloud.non-root'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze(input) {
    const { files } = input;
    const isFixture = (path: string): boolean => input.isFixture(path);
    return files.filter((candidate) => !isFixture(candidate.path)).flatMap((file) => judgeDockerfile(parseDockerfile(file)));
  },
};

function judgeDockerfile(dockerfile: Dockerfile): DetectorFinding[] {
  const stage = finalStage(dockerfile);
  if (stage === undefined) return [];
  const found = lastUser(stage);
  if (found === undefined) return nonRootBaseImage(dockerfile, stage);
  const { text: user, unresolved } = substituteVariables(found.instruction.args, stageVariables(dockerfile, found.stage));
  const place = { file: dockerfile.path, line: found.instruction.line };
  if (unresolved.length > 0) {
    return [{ outcome: 'not-applicable', ...place, confidence: 'high', message: `The final stage runs as the user in build argument ${unresolved.join(', ')}, which has no default: decided at build time` }];
  }
  if (isRootUser(user)) return [];
  return [{ outcome: 'positive', ...place, level: 2, confidence: found.instruction.args === user ? 'high' : 'medium', message: `The final stage of ${dockerfile.path} runs as user ${user}, not root` }];
}

/** The USER in force at the end of a stage: its own last USER, else the one inherited from the stage it starts from. */
function lastUser(stage: DockerStage): UserInstruction | undefined {
  const own = stage.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
  if (own !== undefined) return { instruction: own, stage };
  return stage.parent === undefined ? undefined : lastUser(stage.parent);
}

/** `root`, `0`, `root:root`, `0:0` and the like: the user part decides. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0]?.trim() ?? '';
  return name === '' || name === 'root' || name === '0';
}

/** Without USER, an image built on a `nonroot` tag (distroless) still runs as a non-root user. */
function nonRootBaseImage(dockerfile: Dockerfile, stage: DockerStage): DetectorFinding[] {
  let root = stage;
  while (root.parent !== undefined) root = root.parent;
  if (root.from.kind !== 'image') return [];
  const image = parseImageReference(root.from.reference);
  if (!NON_ROOT_TAG.test(image.tag ?? '') && !NON_ROOT_IMAGES.has(image.name.toLowerCase())) return [];
  return [{ outcome: 'positive', file: dockerfile.path, line: root.from.line, level: 2, confidence: 'medium', message: `The final stage of ${dockerfile.path} has no USER but its base image ${root.from.reference} runs as a non-root user by default` }];
}
