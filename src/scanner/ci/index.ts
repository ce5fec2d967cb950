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
  const builder = startCiModel(parsers);
  for (const file of files) builder.add(file);
  return builder.model();
}

/** The CI model built file by file, as the files are read: each pipeline is parsed once and its text not kept. */
export interface CiModelBuilder {
  /** Parses the file when a parser takes it; returns whether one did. */
  add(file: ScanFile): boolean;
  model(): CiModel;
}

export function startCiModel(parsers: readonly CiParser[]): CiModelBuilder {
  const workflows: CiWorkflow[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  return {
    add(file) {
      const parser = parsers.find((candidate) => candidate.matches(file.path));
      if (parser === undefined) return false;
      const parsed = safeParse(parser, file);
      if ('error' in parsed) unreadable.push({ file: file.path, reason: parsed.error });
      else workflows.push(...parsed.workflows);
      return true;
    },
    model: () => ({ workflows, unreadable }),
  };
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
