/** The CI parsers of Stepwise, and the model they build from a repository's files. */
import type { ScanFile } from '../contract.js';
import { azurePipelinesParser } from './azure-pipelines.js';
import { bitbucketPipelinesParser } from './bitbucket-pipelines.js';
import { circleciParser } from './circleci.js';
import { githubActionsParser } from './github-actions.js';
import { gitlabCiParser } from './gitlab-ci.js';
import { buildCiModel } from './index.js';
import type { CiParser } from './index.js';
import { jenkinsfileParser } from './jenkinsfile.js';
import type { CiModel } from './model.js';

/** In a fixed order; the first parser that matches a path reads it (a workflow under `.github/workflows/` is GitHub's whatever its name). */
export const CI_PARSERS: readonly CiParser[] = [githubActionsParser, gitlabCiParser, azurePipelinesParser, jenkinsfileParser, circleciParser, bitbucketPipelinesParser];

/** The normalised CI model of these files; files no parser matches are ignored. */
export function parseCiFiles(files: readonly ScanFile[]): CiModel {
  return buildCiModel(files, CI_PARSERS);
}
