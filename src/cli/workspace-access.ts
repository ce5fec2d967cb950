import type { FileStore } from '../core/ports.js';
import type { Checkpoint } from '../core/workspace/schema.js';
import { checkpointPlace, loadWorkspace, parseCheckpoint, standaloneWorkspace } from '../services/workspace.js';
import type { Workspace } from '../services/workspace.js';
import type { CliContext } from './context.js';
import { must, stop } from './failure.js';

/** The workspace folder: --dir when given, else the nearest stepwise.yaml upwards from the current folder. */
export function workspaceRoot(context: CliContext, dir: string | undefined): string {
  if (dir !== undefined) return context.resolvePath(dir);
  const found = context.findWorkspace(context.cwd);
  if (found === null) stop('not-found', 'no stepwise.yaml in this folder or above it: run "stepwise init" or pass --dir');
  return found;
}

/** Opens and loads the workspace, ending the command with a pointed error when a file is invalid. */
export async function openWorkspace(context: CliContext, dir: string | undefined): Promise<{ root: string; store: FileStore; workspace: Workspace }> {
  const root = workspaceRoot(context, dir);
  const store = context.openStore(root);
  const workspace = must(await loadWorkspace(store, context.builtinModel, progressLine(context)));
  return { root, store, workspace };
}

/**
 * The workspace when there is one; with checkpoint files given and no workspace around them, a
 * standalone one on the built-in model so that `score FILE` and `compare A B` work anywhere.
 */
export async function openWorkspaceForFiles(context: CliContext, dir: string | undefined, files: readonly string[]): Promise<Workspace> {
  if (dir === undefined && files.length > 0 && context.findWorkspace(context.cwd) === null) {
    return must(await standaloneWorkspace(context.openStore(context.cwd), context.builtinModel));
  }
  return (await openWorkspace(context, dir)).workspace;
}

/** A checkpoint file named on the command line, checked against the model and, when its path says so, its team and date. */
export async function readCheckpointArgument(context: CliContext, workspace: Workspace, path: string): Promise<Checkpoint> {
  const { text, shownAs } = await readFileArgument(context, path, 'checkpoint file');
  return must(parseCheckpoint(text, shownAs, workspace.model, checkpointPlace(context.resolvePath(path))));
}

/** Reads a file named on the command line (absolute or relative to the current folder) within the usual size limit. */
export async function readFileArgument(context: CliContext, path: string, what: string): Promise<{ text: string; shownAs: string }> {
  const { store, name } = argumentFile(context, path);
  const text = must(await store.readText(name));
  if (text === null) stop('not-found', `${what} does not exist`, { file: path });
  return { text, shownAs: store.describe(name) };
}

/** A file named on the command line as its folder's store and its name in that folder. */
export function argumentFile(context: CliContext, path: string): { store: FileStore; name: string } {
  const absolute = context.resolvePath(path);
  const slash = Math.max(absolute.lastIndexOf('/'), absolute.lastIndexOf('\\'));
  return { store: context.openStore(absolute.slice(0, slash) || '/'), name: absolute.slice(slash + 1) };
}

/** A one-line progress report on stderr while many team folders load, only when stderr is a terminal. */
function progressLine(context: CliContext): ((done: number, total: number) => void) | undefined {
  if (!context.stderr.isTTY) return undefined;
  let shown = false;
  return (done, total) => {
    if (total < 50) return;
    if (done === total) {
      if (shown) context.stderr.write('\r\u001b[K');
      return;
    }
    if (done % 25 !== 0) return;
    shown = true;
    context.stderr.write(`\rReading checkpoints: ${done}/${total} teams (${Math.floor((done / total) * 100)}%)`);
  };
}
