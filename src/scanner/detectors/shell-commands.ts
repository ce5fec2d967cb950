/**
 * Splits shell text (a CI `run:` block, a Dockerfile RUN body, a `*.sh` file, a git hook) into
 * simple commands, so detectors match a tool at command position instead of grepping text: a tool
 * name inside an `echo` string, a comment or a heredoc body is not a command. One linear pass over
 * the characters; no regular expression runs on the whole text (SECURITY.md S10).
 */

export interface ShellCommand {
  /** The words of the command, unquoted, after leading env assignments, `sudo`, `env` and runners such as `python -m` or `npx` are removed. */
  readonly argv: readonly string[];
  /** The lower-cased base name of the program (`/usr/local/bin/gitleaks` → `gitleaks`), or '' when there is none. */
  readonly program: string;
  /** 1-based line where the command starts. */
  readonly line: number;
  /** Commands joined by `|` share a pipeline number; the next `;`, `&&`, `||`, `&` or newline starts a new one. */
  readonly pipeline: number;
}

interface ScanState {
  readonly text: string;
  index: number;
  line: number;
  pipeline: number;
  /** Pieces of the current word's value; a run of plain characters is kept as [runStart, index) until it ends. */
  readonly pieces: string[];
  runStart: number;
  /** Where the current word starts in the text, or -1 outside a word. */
  wordStart: number;
  /** Words of the command being read, or null between commands. */
  words: string[] | null;
  /** Line where the command being read starts. */
  commandLine: number;
  readonly commands: ShellCommand[];
  readonly heredocs: string[];
  /** Text of command substitutions (`$( … )`, backticks, also inside double quotes), parsed after the outer text. */
  readonly substitutions: { readonly text: string; readonly line: number }[];
}

/** Substitutions nested deeper than this are not read: real scripts rarely go past two. */
const MAX_SUBSTITUTION_DEPTH = 3;

/**
 * Parses shell text into its simple commands, those run by command substitutions included (they
 * follow the outer commands, each in a pipeline of its own). `firstLine` is the line of the text's first line.
 */
export function parseShellCommands(text: string, firstLine = 1): ShellCommand[] {
  return parseAtDepth(text, firstLine, 0);
}

function parseAtDepth(text: string, firstLine: number, depth: number): ShellCommand[] {
  const state: ScanState = { text, index: 0, line: firstLine, pipeline: 0, pieces: [], runStart: -1, wordStart: -1, words: null, commandLine: firstLine, commands: [], heredocs: [], substitutions: [] };
  while (state.index < text.length) step(state);
  endCommand(state);
  if (depth >= MAX_SUBSTITUTION_DEPTH) return state.commands;
  const nested = state.substitutions.flatMap((substitution) => parseAtDepth(substitution.text, substitution.line, depth + 1));
  let pipeline = state.pipeline + 1;
  let previous: number | undefined;
  for (const command of nested) {
    if (previous !== undefined && command.pipeline !== previous) pipeline += 1;
    previous = command.pipeline;
    state.commands.push({ ...command, pipeline });
  }
  return state.commands;
}

function step(state: ScanState): void {
  const { text } = state;
  const char = text[state.index] ?? '';
  const next = text[state.index + 1] ?? '';
  if (char === '\\' && next === '\n') skip(state, 2, 1);
  else if (char === '\\' && next === '\r' && text[state.index + 2] === '\n') skip(state, 3, 1);
  else if (char === '\\') appendPiece(state, next, 2);
  else if (char === "'") readQuoted(state, "'");
  else if (char === '"') readQuoted(state, '"');
  else if (char === '$' && next === '{' && text[state.index + 2] === '{') readUntil(state, '}}');
  else if ((char === '$' || char === '<') && next === '(') readParenthesised(state);
  else if (char === '`') readQuoted(state, '`');
  else if (char === '#' && state.wordStart === -1) skipComment(state);
  else if (char === '\n') newline(state);
  else if (char === ' ' || char === '\t' || char === '\r') breakWord(state, 1);
  else if (char === '|' && next === '|') separate(state, 2, true);
  else if (char === '&' && isRedirection(state.text[state.index - 1] ?? '', next)) appendPlain(state);
  else if (char === '&' && next === '&') separate(state, 2, true);
  else if (char === '|') separate(state, next === '&' ? 2 : 1, false);
  else if (char === ';' || char === '&' || char === '(' || char === ')') separate(state, 1, true);
  else if (char === '<' && next === '<' && state.wordStart === -1) readHeredocMarker(state);
  else appendPlain(state);
}

/** `2>&1`, `<&3` and `&>file` redirect output; the `&` there does not end a command. */
function isRedirection(previous: string, next: string): boolean {
  return previous === '>' || previous === '<' || next === '>';
}

/** A line continuation: the word goes on after it, without the backslash and newline. */
function skip(state: ScanState, chars: number, lines: number): void {
  endRun(state);
  state.index += chars;
  state.line += lines;
}

/** A plain character extends the current run; no string is built until the run ends. */
function appendPlain(state: ScanState): void {
  startWord(state);
  if (state.runStart === -1) state.runStart = state.index;
  state.index += 1;
}

/** A piece whose value differs from its text (quoted, escaped): ends the run of plain characters first. */
function appendPiece(state: ScanState, value: string, advance: number): void {
  startWord(state);
  endRun(state);
  state.pieces.push(value);
  state.index += advance;
}

function endRun(state: ScanState): void {
  if (state.runStart === -1) return;
  state.pieces.push(state.text.slice(state.runStart, state.index));
  state.runStart = -1;
}

function startWord(state: ScanState): void {
  if (state.wordStart !== -1) return;
  state.wordStart = state.index;
  if (state.words !== null) return;
  state.words = [];
  state.commandLine = state.line;
}

/** Reads a quoted string; single quotes are literal, double quotes and backticks keep their content as text. */
function readQuoted(state: ScanState, quote: string): void {
  const start = state.index;
  const end = findClosing(state.text, start + 1, quote);
  const body = state.text.slice(start + 1, end);
  if (quote === '`') state.substitutions.push({ text: body, line: state.line });
  if (quote === '"') collectSubstitutions(state, body);
  appendPiece(state, quote === '`' ? state.text.slice(start, end + 1) : body, end + 1 - start);
  state.line += countNewlines(body);
}

/** The top-level `$( … )` of a double-quoted string run as commands too. */
function collectSubstitutions(state: ScanState, body: string): void {
  let line = state.line;
  let counted = 0;
  for (let open = body.indexOf('$('); open !== -1; open = body.indexOf('$(', open + 1)) {
    line += countNewlines(body.slice(counted, open));
    const close = closingParenthesis(body, open + 1);
    state.substitutions.push({ text: body.slice(open + 2, close), line });
    counted = open;
    open = close;
  }
}

/** Index of the parenthesis closing the one at `open`, or the text's length when it is never closed. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1;
    else if (text[index] === ')') depth -= 1;
    if (depth === 0) return index;
  }
  return text.length;
}

function findClosing(text: string, from: number, quote: string): number {
  let index = from;
  while (index < text.length && text[index] !== quote) index += quote === "'" || text[index] !== '\\' ? 1 : 2;
  return Math.min(index, text.length);
}

/** `${{ … }}` (a CI expression) stays one piece of a word even when it holds spaces or `||`. */
function readUntil(state: ScanState, closing: string): void {
  const found = state.text.indexOf(closing, state.index);
  const end = found === -1 ? state.text.length : found + closing.length;
  const piece = state.text.slice(state.index, end);
  appendPiece(state, piece, end - state.index);
  state.line += countNewlines(piece);
}

/** `$( … )` and `<( … )` stay one piece of a word, nested parentheses included. */
function readParenthesised(state: ScanState): void {
  const { text } = state;
  const close = closingParenthesis(text, state.index + 1);
  const end = Math.min(close + 1, text.length);
  state.substitutions.push({ text: text.slice(state.index + 2, close), line: state.line });
  const piece = text.slice(state.index, end);
  appendPiece(state, piece, end - state.index);
  state.line += countNewlines(piece);
}

function skipComment(state: ScanState): void {
  const end = state.text.indexOf('\n', state.index);
  state.index = end === -1 ? state.text.length : end;
}

function newline(state: ScanState): void {
  separate(state, 1, true);
  state.line += 1;
  if (state.heredocs.length > 0) skipHeredocBodies(state);
}

/** Records the delimiter of `<<EOF`, `<<-'EOF'` or `<<"EOF"`; the body after the line is not commands. `<<<` is a here-string. */
function readHeredocMarker(state: ScanState): void {
  const { text } = state;
  let index = state.index + 2;
  if (text[index] === '<') {
    appendPiece(state, '<<<', 3);
    return;
  }
  if (text[index] === '-') index += 1;
  while (text[index] === ' ') index += 1;
  const quote = text[index] === "'" || text[index] === '"' ? text[index] : '';
  if (quote !== '') index += 1;
  const start = index;
  while (index < text.length && /[\w.-]/.test(text[index] ?? '')) index += 1;
  const delimiter = text.slice(start, index);
  if (quote !== '' && text[index] === quote) index += 1;
  if (delimiter !== '') state.heredocs.push(delimiter);
  breakWord(state, index - state.index);
}

function skipHeredocBodies(state: ScanState): void {
  const { text } = state;
  while (state.heredocs.length > 0 && state.index < text.length) {
    const end = text.indexOf('\n', state.index);
    const lineEnd = end === -1 ? text.length : end;
    const content = text.slice(state.index, lineEnd).trim();
    state.index = end === -1 ? text.length : end + 1;
    if (end !== -1) state.line += 1;
    if (content === state.heredocs[0]) state.heredocs.shift();
  }
}

function breakWord(state: ScanState, advance: number): void {
  if (state.wordStart !== -1 && state.words !== null) {
    endRun(state);
    state.words.push(state.pieces.length === 1 ? (state.pieces[0] ?? '') : state.pieces.join(''));
  }
  state.pieces.length = 0;
  state.wordStart = -1;
  state.index += advance;
}

function separate(state: ScanState, advance: number, newPipeline: boolean): void {
  breakWord(state, advance);
  endCommand(state);
  if (newPipeline) state.pipeline += 1;
}

function endCommand(state: ScanState): void {
  if (state.wordStart !== -1) breakWord(state, 0);
  if (state.words !== null) state.commands.push(toCommand(state.words, state.commandLine, state.pipeline));
  state.words = null;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

const ENV_ASSIGNMENT = /^[A-Za-z_]\w*=/;
/** Prefixes that run the rest of the line as the real command. */
const WRAPPERS = new Set(['sudo', 'env', 'time', 'exec', 'command', 'nohup', 'nice']);
/** `sudo` options that take a value. */
const WRAPPER_VALUE_FLAGS = new Set(['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t', '-n']);
const PYTHON = /^python(?:\d(?:\.\d+)?)?$/;
/** Package runners: `npx pkg`, `pnpm dlx pkg`, `bunx pkg`, `uvx pkg`, `pipx run pkg`. */
const RUNNERS: ReadonlyMap<string, readonly string[]> = new Map([['npx', []], ['bunx', []], ['uvx', []], ['pnpx', []], ['pnpm', ['dlx', 'exec']], ['yarn', ['dlx']], ['npm', ['exec']], ['pipx', ['run']]]);

function toCommand(words: string[], line: number, pipeline: number): ShellCommand {
  const skipped = leadingNoise(words);
  const argv = unwrapRunner(skipped === 0 ? words : words.slice(skipped));
  return { argv, program: baseName(argv[0] ?? ''), line, pipeline };
}

/** How many leading words are env assignments and wrappers such as `sudo -E` or `env FOO=1`. */
function leadingNoise(words: readonly string[]): number {
  let index = 0;
  while (index < words.length) {
    const word = words[index] ?? '';
    if (ENV_ASSIGNMENT.test(word)) index += 1;
    else if (WRAPPERS.has(word)) index = skipWrapperFlags(words, index + 1);
    else break;
  }
  return index;
}

function skipWrapperFlags(words: readonly string[], from: number): number {
  let index = from;
  while ((words[index] ?? '').startsWith('-')) index += WRAPPER_VALUE_FLAGS.has(words[index] ?? '') ? 2 : 1;
  return index;
}

/** `python -m pip install x` → `pip install x`; `npx -y @cyclonedx/cyclonedx-npm@1 --x` → `cyclonedx-npm --x`. */
function unwrapRunner(argv: readonly string[]): readonly string[] {
  const program = baseName(argv[0] ?? '');
  if (PYTHON.test(program) && argv[1] === '-m' && argv[2] !== undefined) return argv.slice(2);
  const subcommands = RUNNERS.get(program);
  if (subcommands === undefined) return argv;
  let index = 1;
  if (subcommands.length > 0) {
    if (!subcommands.includes(argv[1] ?? '')) return argv;
    index = 2;
  }
  while ((argv[index] ?? '').startsWith('-')) index += argv[index] === '-p' || argv[index] === '--package' ? 2 : 1;
  const target = argv[index];
  return target === undefined ? argv : [packageBinName(target), ...argv.slice(index + 1)];
}

/** `@cyclonedx/cyclonedx-npm@1.2.0` → `cyclonedx-npm`; `secretlint` → `secretlint`. */
function packageBinName(spec: string): string {
  const versionAt = spec.indexOf('@', 1);
  const name = versionAt === -1 ? spec : spec.slice(0, versionAt);
  return name.slice(name.lastIndexOf('/') + 1);
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1).toLowerCase();
}

/** True when the command has one of the flags, alone or as `--flag=value`. */
export function hasFlag(command: ShellCommand, ...flags: readonly string[]): boolean {
  return command.argv.some((word) => flags.some((flag) => word === flag || word.startsWith(`${flag}=`)));
}

/** The value of `--flag value` or `--flag=value`, or undefined. */
export function flagValue(command: ShellCommand, ...flags: readonly string[]): string | undefined {
  for (let index = 1; index < command.argv.length; index += 1) {
    const word = command.argv[index] ?? '';
    for (const flag of flags) {
      if (word === flag) return command.argv[index + 1];
      if (word.startsWith(`${flag}=`)) return word.slice(flag.length + 1);
    }
  }
  return undefined;
}
