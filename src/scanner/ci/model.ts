/**
 * The normalised CI model: every supported CI system is parsed into workflows → jobs → steps, and
 * detectors match on this instead of grepping raw pipeline text (DETECTORS.md §1).
 */
export const CI_SYSTEMS = ['github-actions', 'gitlab-ci', 'azure-pipelines', 'jenkins', 'circleci', 'bitbucket-pipelines'] as const;
export type CiSystem = (typeof CI_SYSTEMS)[number];

/** Token permissions as GitHub Actions declares them; null where the system has no such notion or none is set. */
export type CiPermissions = 'read-all' | 'write-all' | Readonly<Record<string, 'read' | 'write' | 'none'>>;

export interface CiStep {
  /** The step's display name, when it has one. */
  readonly name?: string;
  /**
   * What the step calls, as written: a GitHub action `owner/repo/path@ref` or `docker://image`, an
   * Azure task `Name@1`, a CircleCI orb command `orb/command`, a Bitbucket pipe `atlassian/x:1.2.3`,
   * a Jenkins pipeline step such as `withSonarQubeEnv`.
   */
  readonly uses?: string;
  /** Shell text the step runs (GitHub `run`, GitLab `script` lines, Azure `script`/`bash`, Jenkins `sh`, CircleCI `run`). */
  readonly run?: string;
  /** Inputs of the call: GitHub `with`, Azure `inputs`, orb parameters, pipe variables; values as text. */
  readonly with: Readonly<Record<string, string>>;
  /** Environment variables set on the step, as text. */
  readonly env: Readonly<Record<string, string>>;
  /** The step may fail without failing the pipeline (continue-on-error, continueOnError, allow_failure, `|| true`, soft_fail). */
  readonly neutralised: boolean;
  /** 1-based line of the step in its file. */
  readonly line: number;
}

export interface CiJob {
  readonly id: string;
  readonly name?: string;
  /** Container image the job runs in, when declared. */
  readonly image?: string;
  /** A reusable workflow or template the job calls (GitHub job-level `uses`, GitLab `extends`/`trigger`). */
  readonly uses?: string;
  readonly steps: readonly CiStep[];
  /** The whole job may fail without failing the pipeline. */
  readonly neutralised: boolean;
  readonly permissions: CiPermissions | null;
  /** Line of the job's `permissions:` key, when there is one. */
  readonly permissionsLine?: number;
  readonly line: number;
}

/** One included template or file, as written, and the line of its entry. */
export interface CiInclude {
  readonly ref: string;
  readonly line: number;
}

export interface CiWorkflow {
  readonly system: CiSystem;
  readonly file: string;
  readonly name?: string;
  /** Events that start it (GitHub `on`), or [] where the system does not say. */
  readonly triggers: readonly string[];
  /** Top-level token permissions (GitHub only). */
  readonly permissions: CiPermissions | null;
  /** Line of the top-level `permissions:` key, when there is one. */
  readonly permissionsLine?: number;
  /** Included templates and files (GitLab `include:` template names and paths, Azure `template:`). */
  readonly includes: readonly CiInclude[];
  readonly jobs: readonly CiJob[];
  /** Orbs (CircleCI) declared by the workflow: alias → `namespace/orb@version`. */
  readonly orbs: Readonly<Record<string, string>>;
}

/** Every pipeline of the repository. A file that could not be parsed is listed with the reason. */
export interface CiModel {
  readonly workflows: readonly CiWorkflow[];
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
}

/** Every step of the model with the job and workflow around it. */
export function allSteps(ci: CiModel): { workflow: CiWorkflow; job: CiJob; step: CiStep }[] {
  return ci.workflows.flatMap((workflow) => workflow.jobs.flatMap((job) => job.steps.map((step) => ({ workflow, job, step }))));
}
