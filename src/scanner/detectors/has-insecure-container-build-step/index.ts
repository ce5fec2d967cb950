import type { Detector, DetectorFinding } from '../../contract.js';
import type { DockerInstruction, Dockerfile } from '../dockerfile.js';
import { isDockerfilePath, parseDockerfile } from '../dockerfile.js';

/** A simple command as words, with `sudo`, `env`, assignments and wrappers removed from the front. */
type Command = readonly string[];
/** Commands joined by `|`. */
type Pipeline = readonly Command[];

interface RemoteAdd {
  readonly line: number;
  readonly fileName: string;
}

const DOWNLOADERS = new Set(['curl', 'wget']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'source', '.', 'eval']);
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'nohup', 'command']);
const CHECKSUM_TOOLS = new Set(['sha256sum', 'sha512sum', 'sha1sum', 'shasum', 'md5sum']);
/** `$(curl …)`, `<(wget …)` or a backquoted download inside a shell's arguments. */
const SUBSTITUTED_DOWNLOAD = /(?:\$\(|<\(|`)[ \t]*(?:curl|wget)\b/;

export const detector: Detector = {
  id: 'has-insecure-container-build-step',
  title: 'A Dockerfile step downloads code and runs it unverified',
  domain: 'container-cloud',
  kind: 'negative',
  evidenceFor: ['container-cloud.pinned-build-inputs'],
  version: 1,
  lifecycle: 'stable',
  matches: isDockerfilePath,
  analyze({ files }) {
    return files.flatMap((file) => judgeDockerfile(parseDockerfile(file)));
  },
};

function judgeDockerfile(dockerfile: Dockerfile): DetectorFinding[] {
  const remoteAdds: RemoteAdd[] = [];
  const findings: DetectorFinding[] = [];
  for (const instruction of dockerfile.instructions) {
    if (instruction.keyword === 'ADD') remoteAdds.push(...remoteAdd(instruction));
    if (instruction.keyword !== 'RUN') continue;
    const reason = insecureReason(instruction.args, remoteAdds);
    if (reason !== undefined) {
      findings.push({ outcome: 'negative', level: 1, file: dockerfile.path, line: instruction.line, confidence: 'high', snippet: reason.snippet, message: `${reason.message}: download to a file, verify its checksum or signature, then run it` });
    }
  }
  return findings;
}

/** Why a RUN body executes downloaded code, or undefined when it does not. */
export function insecureReason(run: string, remoteAdds: readonly RemoteAdd[] = []): { message: string; snippet: string } | undefined {
  const pipelines = splitPipelines(run);
  for (const pipeline of pipelines) {
    const piped = pipedDownload(pipeline);
    if (piped !== undefined) return { message: `RUN pipes a download from ${piped.from} into ${piped.into}`, snippet: `${piped.from} … | ${piped.into}` };
    const substituted = pipeline.find((command) => isInterpreter(command) && SUBSTITUTED_DOWNLOAD.test(command.join(' ')));
    if (substituted !== undefined) return { message: `RUN hands a download straight to ${programOf(substituted)}`, snippet: `${programOf(substituted)} $(curl …)` };
  }
  if (pipelines.some((pipeline) => pipeline.some(isChecksumCheck))) return undefined;
  const downloaded = downloadedThenRun(pipelines);
  if (downloaded !== undefined) return { message: `RUN downloads ${downloaded} and runs it without checking a checksum`, snippet: downloaded };
  const added = remoteAdds.find((add) => pipelines.some((pipeline) => pipeline.some((command) => runsFile(command, add.fileName))));
  if (added !== undefined) return { message: `RUN executes ${added.fileName}, fetched by ADD from a URL on line ${added.line} without --checksum`, snippet: added.fileName };
  return undefined;
}

/** `curl … | sh`: a downloader early in a pipeline and an interpreter later in it. */
function pipedDownload(pipeline: Pipeline): { from: string; into: string } | undefined {
  const downloaderAt = pipeline.findIndex((command) => DOWNLOADERS.has(programOf(command)));
  if (downloaderAt === -1) return undefined;
  const interpreter = pipeline.slice(downloaderAt + 1).find(isInterpreter);
  return interpreter === undefined ? undefined : { from: programOf(pipeline[downloaderAt] ?? []), into: programOf(interpreter) };
}

/** A file saved by curl or wget earlier in the RUN and executed later in it. */
function downloadedThenRun(pipelines: readonly Pipeline[]): string | undefined {
  const saved = new Set<string>();
  for (const command of pipelines.flat()) {
    const executed = [...saved].find((fileName) => runsFile(command, fileName));
    if (executed !== undefined) return executed;
    const target = savedFileName(command);
    if (target !== undefined) saved.add(target);
  }
  return undefined;
}

/** The base name of the file curl (`-o`, `-O`, `--output`) or wget (`-O`, default name) writes. */
function savedFileName(command: Command): string | undefined {
  const program = programOf(command);
  if (!DOWNLOADERS.has(program)) return undefined;
  const url = command.find((word) => /^https?:\/\//i.test(word));
  const remoteName = url === undefined ? undefined : baseName(url.replace(/[?#].*$/, ''));
  const output = outputOption(command, program === 'curl' ? 'o' : 'O', program === 'curl' ? '--output' : '--output-document');
  if (output === '-') return undefined;
  if (output !== undefined) return baseName(output);
  if (program === 'curl') return command.some((word) => /^-[a-zA-Z]*O$/.test(word) || word === '--remote-name') ? remoteName : undefined;
  return remoteName;
}

/** The value of a short option (also bundled, as in `-fsSLo file` or `-qO-`) or a long one (`--output=file`). */
function outputOption(command: Command, short: string, long: string): string | undefined {
  for (let index = 1; index < command.length; index += 1) {
    const word = command[index] ?? '';
    if (word === long) return command[index + 1];
    if (word.startsWith(`${long}=`)) return word.slice(long.length + 1);
    if (!/^-[a-zA-Z]/.test(word)) continue;
    const at = word.indexOf(short);
    if (at === -1) continue;
    const attached = word.slice(at + 1);
    return attached === '' ? command[index + 1] : attached;
  }
  return undefined;
}

/** `sh install.sh`, `bash /tmp/install.sh`, `./install.sh` or `/usr/local/bin/install.sh`. */
function runsFile(command: Command, fileName: string): boolean {
  const program = command[0] ?? '';
  if (program.includes('/') && baseName(program) === fileName) return true;
  if (!isInterpreter(command)) return false;
  const script = command.slice(1).find((word) => !word.startsWith('-'));
  return script !== undefined && baseName(script) === fileName;
}

function isChecksumCheck(command: Command): boolean {
  const program = programOf(command);
  if (CHECKSUM_TOOLS.has(program)) return command.some((word) => word === '-c' || word === '--check' || /^-[a-z]*c$/.test(word));
  if (program === 'gpg' || program === 'gpgv') return program === 'gpgv' || command.includes('--verify');
  return program === 'cosign' && command[1] === 'verify-blob';
}

function isInterpreter(command: Command): boolean {
  return INTERPRETERS.has(programOf(command));
}

function programOf(command: Command): string {
  return baseName(command[0] ?? '').toLowerCase();
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Splits shell text into pipelines at `&&`, `||`, `;` and newlines, then into commands at `|`. Good
 * enough for build steps; quotes are only stripped from words, so a `|` inside a quoted string
 * splits too, which can only make a piped download look like two harmless commands.
 */
export function splitPipelines(text: string): Pipeline[] {
  return text
    .split(/&&|\|\||;|\n/)
    .map((segment) => segment.split('|').map(commandWords).filter((command) => command.length > 0))
    .filter((pipeline) => pipeline.length > 0);
}

function commandWords(text: string): Command {
  const words = text.trim().split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/^["'(]+|["')]+$/g, ''));
  let start = 0;
  while (start < words.length) {
    const word = words[start] ?? '';
    if (WRAPPERS.has(word) || /^\w+=/.test(word) || (start > 0 && WRAPPERS.has(words[start - 1] ?? '') && word.startsWith('-'))) start += 1;
    else break;
  }
  return words.slice(start);
}

/** `ADD https://…/install.sh /tmp/` without `--checksum`: the file name it lands under. */
function remoteAdd(instruction: DockerInstruction): RemoteAdd[] {
  const words = instruction.args.split(/\s+/).filter((word) => word !== '');
  if (words.some((word) => word.startsWith('--checksum'))) return [];
  const sources = words.filter((word) => !word.startsWith('--'));
  const destination = sources.at(-1);
  const url = sources.slice(0, -1).find((word) => /^https?:\/\//i.test(word));
  if (url === undefined || destination === undefined) return [];
  const fileName = destination.endsWith('/') ? baseName(url.replace(/[?#].*$/, '')) : baseName(destination);
  return fileName === '' ? [] : [{ line: instruction.line, fileName }];
}
