import type { Detector } from '../contract.js';
import { detector as automatesSecurityUpdates } from './automates-security-updates/index.js';
import { detector as configuresIacScanner } from './configures-iac-scanner/index.js';
import { detector as configuresSecretScanner } from './configures-secret-scanner/index.js';
import { detector as definesAlertsAsCode } from './defines-alerts-as-code/index.js';
import { detector as documentsIncidentResponse } from './documents-incident-response/index.js';
import { detector as documentsVulnerabilityHandling } from './documents-vulnerability-handling/index.js';
import { detector as enforcesAdmissionPolicy } from './enforces-admission-policy/index.js';
import { detector as gatesIacScan } from './gates-iac-scan/index.js';
import { detector as gatesOnCoverage } from './gates-on-coverage/index.js';
import { detector as gatesOnSeverity } from './gates-on-severity/index.js';
import { detector as generatesSbomInCi } from './generates-sbom-in-ci/index.js';
import { detector as hardensK8sSecurityContext } from './hardens-k8s-security-context/index.js';
import { detector as hasBinaryArtifacts } from './has-binary-artifacts/index.js';
import { detector as hasCodeowners } from './has-codeowners/index.js';
import { detector as hasCommittedPrivateKey } from './has-committed-private-key/index.js';
import { detector as hasCommittedSecretFile } from './has-committed-secret-file/index.js';
import { detector as hasContainerBuild } from './has-container-build/index.js';
import { detector as hasContainerHygiene } from './has-container-hygiene/index.js';
import { detector as hasCredentialsInIac } from './has-credentials-in-iac/index.js';
import { detector as hasDangerousWorkflow } from './has-dangerous-workflow/index.js';
import { detector as hasDependencyUpdateBot } from './has-dependency-update-bot/index.js';
import { detector as hasFuzzing } from './has-fuzzing/index.js';
import { detector as hasHardcodedSecret } from './has-hardcoded-secret/index.js';
import { detector as hasIac } from './has-iac/index.js';
import { detector as hasInsecureContainerBuildStep } from './has-insecure-container-build-step/index.js';
import { detector as hasLinterConfig } from './has-linter-config/index.js';
import { detector as hasLockfile } from './has-lockfile/index.js';
import { detector as hasNeutralisedSecurityStep } from './has-neutralised-security-step/index.js';
import { detector as hasPreCommitHooks } from './has-pre-commit-hooks/index.js';
import { detector as hasSbomFile } from './has-sbom-file/index.js';
import { detector as hasSecretInImageConfig } from './has-secret-in-image-config/index.js';
import { detector as hasSecurityPolicy } from './has-security-policy/index.js';
import { detector as hasSecurityTxt } from './has-security-txt/index.js';
import { detector as hasTests } from './has-tests/index.js';
import { detector as hasUnpinnedInstall } from './has-unpinned-install/index.js';
import { detector as hasWriteAllWorkflowToken } from './has-write-all-workflow-token/index.js';
import { detector as installsFromLockfile } from './installs-from-lockfile/index.js';
import { detector as lintsDockerfiles } from './lints-dockerfiles/index.js';
import { detector as lintsWorkflows } from './lints-workflows/index.js';
import { detector as pinsActionsBySha } from './pins-actions-by-sha/index.js';
import { detector as pinsBaseImageDigest } from './pins-base-image-digest/index.js';
import { detector as protectsBranchesAsCode } from './protects-branches-as-code/index.js';
import { detector as restrictsWorkflowPermissions } from './restricts-workflow-permissions/index.js';
import { detector as reviewsDependenciesInPr } from './reviews-dependencies-in-pr/index.js';
import { detector as runsContainerAsNonRoot } from './runs-container-as-non-root/index.js';
import { detector as runsDastInCi } from './runs-dast-in-ci/index.js';
import { detector as runsLanguageSastInCi } from './runs-language-sast-in-ci/index.js';
import { detector as runsSastInCi } from './runs-sast-in-ci/index.js';
import { detector as runsScaInCi } from './runs-sca-in-ci/index.js';
import { detector as runsScorecard } from './runs-scorecard/index.js';
import { detector as runsSonarAnalysis } from './runs-sonar-analysis/index.js';
import { detector as runsTestsInCi } from './runs-tests-in-ci/index.js';
import { detector as scansCloudPosture } from './scans-cloud-posture/index.js';
import { detector as scansContainerImages } from './scans-container-images/index.js';
import { detector as scansIacInCi } from './scans-iac-in-ci/index.js';
import { detector as scansSecretsInCi } from './scans-secrets-in-ci/index.js';
import { detector as scansSecretsPreCommit } from './scans-secrets-pre-commit/index.js';
import { detector as signsBuildProvenance } from './signs-build-provenance/index.js';
import { detector as signsContainerImages } from './signs-container-images/index.js';
import { detector as tracksVulnerabilityExceptions } from './tracks-vulnerability-exceptions/index.js';
import { detector as uploadsSarif } from './uploads-sarif/index.js';
import { detector as usesFloatingBaseImage } from './uses-floating-base-image/index.js';
import { detector as usesSecretManager } from './uses-secret-manager/index.js';
import { detector as usesSecurityLintRules } from './uses-security-lint-rules/index.js';
import { detector as usesStructuredLogging } from './uses-structured-logging/index.js';
import { detector as usesTelemetry } from './uses-telemetry/index.js';

/** Every detector, sorted by id. A meta-test checks this list against the folders beside it. */
export const DETECTORS: readonly Detector[] = [
  automatesSecurityUpdates,
  configuresIacScanner,
  configuresSecretScanner,
  definesAlertsAsCode,
  documentsIncidentResponse,
  documentsVulnerabilityHandling,
  enforcesAdmissionPolicy,
  gatesIacScan,
  gatesOnCoverage,
  gatesOnSeverity,
  generatesSbomInCi,
  hardensK8sSecurityContext,
  hasBinaryArtifacts,
  hasCodeowners,
  hasCommittedPrivateKey,
  hasCommittedSecretFile,
  hasContainerBuild,
  hasContainerHygiene,
  hasCredentialsInIac,
  hasDangerousWorkflow,
  hasDependencyUpdateBot,
  hasFuzzing,
  hasHardcodedSecret,
  hasIac,
  hasInsecureContainerBuildStep,
  hasLinterConfig,
  hasLockfile,
  hasNeutralisedSecurityStep,
  hasPreCommitHooks,
  hasSbomFile,
  hasSecretInImageConfig,
  hasSecurityPolicy,
  hasSecurityTxt,
  hasTests,
  hasUnpinnedInstall,
  hasWriteAllWorkflowToken,
  installsFromLockfile,
  lintsDockerfiles,
  lintsWorkflows,
  pinsActionsBySha,
  pinsBaseImageDigest,
  protectsBranchesAsCode,
  restrictsWorkflowPermissions,
  reviewsDependenciesInPr,
  runsContainerAsNonRoot,
  runsDastInCi,
  runsLanguageSastInCi,
  runsSastInCi,
  runsScaInCi,
  runsScorecard,
  runsSonarAnalysis,
  runsTestsInCi,
  scansCloudPosture,
  scansContainerImages,
  scansIacInCi,
  scansSecretsInCi,
  scansSecretsPreCommit,
  signsBuildProvenance,
  signsContainerImages,
  tracksVulnerabilityExceptions,
  uploadsSarif,
  usesFloatingBaseImage,
  usesSecretManager,
  usesSecurityLintRules,
  usesStructuredLogging,
  usesTelemetry,
];
