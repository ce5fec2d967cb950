import type { IsoDate } from '../core/dates.js';
import { fail, ok } from '../core/errors.js';
import type { Result } from '../core/errors.js';
import type { WorkbookReader } from '../core/ports.js';
import { serialiseCheckpoint } from '../core/workspace/serialise.js';
import type { Checkpoint } from '../core/workspace/schema.js';
import { checkpointPath } from './workspace.js';
import type { Workspace } from './workspace.js';

/** Largest workbook accepted, in bytes (SECURITY.md S2; the zip directory is checked again before it is opened). */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

export interface WorkbookImport {
  /** Checkpoint files written or replaced. */
  readonly written: readonly string[];
  /** Checkpoint files that already held exactly what the workbook says. */
  readonly unchanged: readonly string[];
  readonly checkpoints: readonly Checkpoint[];
  /** Teams whose sheet held no answer and no self-rating (left blank): nothing is written for them. */
  readonly empty: readonly string[];
}

export interface WorkbookImportRequest {
  readonly bytes: Uint8Array;
  readonly file: string;
  readonly today: IsoDate;
  /** Date for team sheets whose date cell is empty; defaults to today. */
  readonly date?: IsoDate;
}

/**
 * Reads a filled workbook into checkpoint files. Every file is written or none (S6); a file that already
 * holds the same checkpoint is left alone, so importing the same workbook twice changes nothing.
 */
export async function importWorkbook(workspace: Workspace, read: WorkbookReader, request: WorkbookImportRequest): Promise<Result<WorkbookImport>> {
  const checkpoints = await read(request.bytes, { file: request.file, model: workspace.model, defaultDate: request.date ?? request.today });
  if (!checkpoints.ok) return checkpoints;
  const known = checkKnownTeams(workspace, checkpoints.value, request.file);
  if (!known.ok) return known;
  const written: { path: string; text: string }[] = [];
  const unchanged: string[] = [];
  const filled = checkpoints.value.filter(hasContent);
  for (const checkpoint of filled) {
    const path = checkpointPath(checkpoint.team, checkpoint.date);
    const text = serialiseCheckpoint(checkpoint, workspace.model);
    const existing = await workspace.store.readText(path);
    if (existing.ok && existing.value === text) unchanged.push(path);
    else written.push({ path, text });
  }
  const saved = await workspace.store.writeAll(written);
  if (!saved.ok) return saved;
  const empty = checkpoints.value.filter((checkpoint) => !hasContent(checkpoint)).map((checkpoint) => checkpoint.team);
  return ok({ written: written.map((file) => file.path), unchanged, checkpoints: filled, empty });
}

function hasContent(checkpoint: Checkpoint): boolean {
  return Object.keys(checkpoint.answers).length > 0 || Object.keys(checkpoint.domainScores).length > 0;
}

function checkKnownTeams(workspace: Workspace, checkpoints: readonly Checkpoint[], file: string): Result<null> {
  const unknown = checkpoints.filter((checkpoint) => !workspace.teams.has(checkpoint.team)).map((checkpoint) => checkpoint.team);
  if (unknown.length > 0) {
    return fail('invalid-input', `team ${unknown.map((id) => `"${id}"`).join(', ')} is not in stepwise.yaml: add it there first`, { file });
  }
  const seen = new Set<string>();
  for (const checkpoint of checkpoints) {
    const key = `${checkpoint.team}@${checkpoint.date}`;
    if (seen.has(key)) return fail('invalid-input', `two sheets hold team "${checkpoint.team}" on ${checkpoint.date}`, { file });
    seen.add(key);
  }
  return ok(null);
}
