/**
 * A cheap scan of YAML text that measures nesting without parsing, so that a hostile file
 * (10,000 nested brackets) is refused before the parser can recurse on it.
 */
export interface DepthViolation {
  readonly depth: number;
  readonly line: number;
  readonly column: number;
}

interface ScanState {
  flowDepth: number;
  quote: '"' | "'" | null;
  indentStack: number[];
  /** Indentation of the line that opened a literal or folded block scalar still being read. */
  blockScalarIndent: number | null;
}

const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$/;

const FLOW_OPENERS = new Set(['[', '{']);
const FLOW_CLOSERS = new Set([']', '}']);

/** Returns the first place where nesting exceeds `maxDepth`, or null when the text stays within it. */
export function findExcessiveNesting(text: string, maxDepth: number): DepthViolation | null {
  const state: ScanState = { flowDepth: 0, quote: null, indentStack: [], blockScalarIndent: null };
  let lineStart = 0;
  let lineNumber = 1;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const violation = scanLine(text.slice(lineStart, lineEnd), lineNumber, state, maxDepth);
    if (violation !== null) return violation;
    if (newline === -1) break;
    lineStart = newline + 1;
    lineNumber += 1;
  }
  return null;
}

function scanLine(line: string, lineNumber: number, state: ScanState, maxDepth: number): DepthViolation | null {
  let column = 0;
  if (state.flowDepth === 0 && state.quote === null) {
    column = leadingSpaces(line);
    if (column === line.length || line[column] === '#') return null;
    if (state.blockScalarIndent !== null && column > state.blockScalarIndent) return null;
    state.blockScalarIndent = BLOCK_SCALAR_HEADER.test(line) ? column : null;
    trackIndentation(state, column);
    const dashes = countSequenceDashes(line, column);
    const blockDepth = state.indentStack.length + dashes.count;
    if (blockDepth > maxDepth) return { depth: blockDepth, line: lineNumber, column: column + 1 };
    column = dashes.end;
  }
  return scanFlow(line, column, lineNumber, state, maxDepth);
}

function leadingSpaces(line: string): number {
  let index = 0;
  while (index < line.length && (line[index] === ' ' || line[index] === '\t')) index += 1;
  return index;
}

function trackIndentation(state: ScanState, indent: number): void {
  while (state.indentStack.length > 0 && (state.indentStack.at(-1) ?? 0) >= indent) state.indentStack.pop();
  state.indentStack.push(indent);
}

function countSequenceDashes(line: string, start: number): { count: number; end: number } {
  let count = 0;
  let index = start;
  while (line[index] === '-' && (line[index + 1] === ' ' || index + 1 === line.length)) {
    count += 1;
    index += 1;
    while (line[index] === ' ') index += 1;
  }
  return { count, end: index };
}

function scanFlow(line: string, start: number, lineNumber: number, state: ScanState, maxDepth: number): DepthViolation | null {
  const indentDepth = state.indentStack.length;
  for (let index = start; index < line.length; index += 1) {
    const char = line[index] ?? '';
    if (state.quote !== null) {
      if (char === state.quote) state.quote = null;
      continue;
    }
    if (char === '#' && (index === 0 || line[index - 1] === ' ' || line[index - 1] === '\t')) return null;
    if ((char === '"' || char === "'") && startsScalar(line, index, state)) {
      state.quote = char;
      continue;
    }
    if (FLOW_OPENERS.has(char) && (state.flowDepth > 0 || startsScalar(line, index, state))) {
      state.flowDepth += 1;
      if (indentDepth + state.flowDepth > maxDepth) return { depth: indentDepth + state.flowDepth, line: lineNumber, column: index + 1 };
    } else if (FLOW_CLOSERS.has(char) && state.flowDepth > 0) {
      state.flowDepth -= 1;
    }
  }
  return null;
}

/** A quote or bracket opens a node only at the start of a value, not inside plain text. */
function startsScalar(line: string, index: number, state: ScanState): boolean {
  let previous = index - 1;
  while (previous >= 0 && (line[previous] === ' ' || line[previous] === '\t')) previous -= 1;
  if (previous < 0) return true;
  const before = line[previous] ?? '';
  if (before === ':' || before === '-' || before === '?') return index > previous + 1;
  return state.flowDepth > 0 && (before === '[' || before === '{' || before === ',');
}
