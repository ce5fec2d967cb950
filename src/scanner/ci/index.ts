import type { ScanFile } from '../contract.js';
import type { CiModel, CiWorkflow } from './model.js';

/** A parser for one CI system: which files are its pipelines, and how to read one into workflows. */
export interface CiParser {
  readonly system: CiWorkflow['system'];
  matches(path: string): boolean;
  /** The workflows of one file, or a one-line reason why it could not be read. */
  parse(file: ScanFile): { readonly workflows: readonly CiWorkflow[] } | { readonly error: string };
}

/** Builds the normalised CI model from the repository's pipeline files. */
export function buildCiModel(files: readonly ScanFile[], parsers: readonly CiParser[]): CiModel {
  const workflows: CiWorkflow[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of files) {
    const parser = parsers.find((candidate) => candidate.matches(file.path));
    if (parser === undefined) continue;
    const parsed = safeParse(parser, file);
    if ('error' in parsed) unreadable.push({ file: file.path, reason: parsed.error });
    else workflows.push(...parsed.workflows);
  }
  return { workflows, unreadable };
}

function safeParse(parser: CiParser, file: ScanFile): { readonly workflows: readonly CiWorkflow[] } | { readonly error: string } {
  try {
    return parser.parse(file);
  } catch (error) {
    return { error: `could not read this pipeline (${error instanceof Error ? error.message.split('\n')[0] ?? '' : 'unknown error'})` };
  }
}

/** True when any parser takes this path as a pipeline file. */
export function isCiFile(path: string, parsers: readonly CiParser[]): boolean {
  return parsers.some((parser) => parser.matches(path));
}
