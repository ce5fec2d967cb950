/** Whether what a GitHub workflow step or job calls (`uses`) is pinned to a ref that cannot move. */

/** The ref after the last `@`, or '' when there is none. */
export function actionRef(uses: string): string {
  const at = uses.lastIndexOf('@');
  return at > 0 ? uses.slice(at + 1).trim() : '';
}

/** A local action or reusable workflow of the same repository (`./.github/actions/x`). */
export function isLocalAction(uses: string): boolean {
  return uses.trim().startsWith('./');
}

const FULL_SHA = /^[0-9a-f]{40,}$/i;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/i;

/** Pinned to something that cannot move: a full commit SHA, or a docker image digest. */
export function isPinnedBySha(uses: string): boolean {
  const trimmed = uses.trim();
  if (trimmed.startsWith('docker://')) return DOCKER_DIGEST.test(trimmed);
  return FULL_SHA.test(actionRef(trimmed));
}
