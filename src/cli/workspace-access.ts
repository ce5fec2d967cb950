import type { FileStore } from '../core/ports.js';
import { loadWorkspace } from '../services/workspace.js';
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
  const workspace = must(await loadWorkspace(store, context.builtinModel));
  return { root, store, workspace };
}

/** A path given on the command line, as a path inside the workspace. */
export function pathInWorkspace(context: CliContext, root: string, path: string): string {
  const inside = context.relativeInside(root, context.resolvePath(path));
  if (inside === null) stop('usage', `${path} is outside the workspace folder ${root}`);
  return inside;
}

/** Reads a file named on the command line (absolute or relative to the current folder) within the usual size limit. */
export async function readFileArgument(context: CliContext, path: string, what: string): Promise<{ text: string; shownAs: string }> {
  const absolute = context.resolvePath(path);
  const slash = absolute.lastIndexOf('/');
  const store = context.openStore(absolute.slice(0, slash) || '/');
  const name = absolute.slice(slash + 1);
  const text = must(await store.readText(name));
  if (text === null) stop('not-found', `${what} does not exist`, { file: path });
  return { text, shownAs: store.describe(name) };
}
