/**
 * A cheap scan of YAML text that measures nesting without parsing, so that a hostile file
 * (10,000 nested brackets) is refused before the parser can recurse on it.
 *
 * It follows the tokenising rules of the `yaml` library (where a quoted, plain or block scalar
 * ends, when a line continues a scalar, when `-`, `?`, `:`, `!tag` and `&anchor` are indicators)
 * so that text hidden from the scan is text the parser also reads as a scalar. Nesting counts
 * block collections (tracked by indentation and indicators), open brackets, and the block
 * collections the parser builds inside brackets. On well-formed YAML the result equals the
 * parser's nesting; on malformed text the parser's error recovery can nest differently (by a
 * bounded factor), which is why `safe-yaml` also watches the parser's own stack.
 */
export interface DepthViolation {
  readonly depth: number;
  readonly line: number;
  readonly column: number;
}

type Mode = 'stream' | 'line-start' | 'block-start' | 'block' | 'flow' | 'done';

interface BlockLevel {
  readonly indent: number;
  readonly kind: 'map' | 'seq';
}

interface FlowItem {
  nodes: number;
  colons: number;
  blockLevels: number;
}

interface Scan {
  readonly text: string;
  readonly maxDepth: number;
  readonly lineStarts: Uint32Array;
  pos: number;
  /** The library's `indentValue` and `indentNext`: how far continuation lines must be indented. */
  indentValue: number;
  indentNext: number;
  flowLevel: number;
  /**
   * One entry per open bracket: nodes read in its current item, and block maps or sequences the
   * parser builds inside that item (`[a: b: c]` nests a block map, `[- a]` a block sequence).
   */
  flowItems: FlowItem[];
  /** Sum of `blockLevels` over `flowItems`. */
  flowBlockLevels: number;
  /** After a quoted scalar or a closing bracket in flow, `:` is an indicator even without a space. */
  flowKey: boolean;
  /** Block collections open around the current position, outermost first. */
  blocks: BlockLevel[];
  /** True until the first token of the current line has been placed in the block structure. */
  lineFresh: boolean;
  /** Where the current node (a possible implicit key) started, or null between nodes. */
  nodeOffset: number | null;
  /** The parser's indentation when that node started: the indentation a map of that key gets. */
  nodeIndent: number;
  nodeIsFirstOnLine: boolean;
  /**
   * Indentation of the last line that held only a node, with no `:` after it (`|` or `"x"` alone
   * at a map's indentation). The parser takes such a node as a key without a value and nests the
   * next key at that indentation in a new map instead of continuing the old one. A node alone on
   * the line after `key:` is that key's value, not an orphan.
   */
  orphanIndent: number | null;
  /** True after a `:` indicator until a node follows it. */
  awaitingValue: boolean;
  /** Whether the current node, first on its line, is the value of a `key:` on an earlier line. */
  nodeIsPendingValue: boolean;
  /** Nodes read since the last indicator; `"a" b: c` nests a map where `b: c` alone would not. */
  nodeCount: number;
  /**
   * Levels opened by text after a block scalar header (`key: | [`), which the parser reads as a
   * token of its own. Never closed: such text is malformed, so over-counting it costs nothing.
   */
  strayLevels: number;
  /** Deepest flow nesting seen inside the current node, so a flow key counts under its map. */
  nodeFlowDepth: number;
  violation: DepthViolation | null;
}

const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}']);
const TAG_CHARS = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const HEX_DIGITS = new Set('0123456789ABCDEFabcdef');
const NOT_ANCHOR_CHARS = new Set([' ', ',', '[', ']', '{', '}', '\n', '\r', '\t']);

/** Returns the first place where nesting exceeds `maxDepth`, or null when the text stays within it. */
export function findExcessiveNesting(text: string, maxDepth: number): DepthViolation | null {
  const scan: Scan = {
    text,
    maxDepth,
    lineStarts: indexLineStarts(text),
    pos: 0,
    indentValue: 0,
    indentNext: 0,
    flowLevel: 0,
    flowItems: [],
    flowBlockLevels: 0,
    flowKey: false,
    blocks: [],
    lineFresh: true,
    nodeOffset: null,
    nodeIndent: 0,
    nodeIsFirstOnLine: false,
    orphanIndent: null,
    awaitingValue: false,
    nodeIsPendingValue: false,
    nodeCount: 0,
    strayLevels: 0,
    nodeFlowDepth: 0,
    violation: null,
  };
  let mode: Mode = 'stream';
  let stalled = 0;
  while (mode !== 'done' && scan.violation === null && scan.pos < text.length) {
    const before = scan.pos;
    mode = step(scan, mode);
    // A few steps may only change mode; a longer stall would be a bug, so it skips a character.
    stalled = scan.pos === before ? stalled + 1 : 0;
    if (stalled > 4) scan.pos += 1;
  }
  return scan.violation;
}

function step(scan: Scan, mode: Mode): Mode {
  switch (mode) {
    case 'stream':
      return scanStreamLine(scan);
    case 'line-start':
      return scanLineStart(scan);
    case 'block-start':
      return scanBlockStart(scan);
    case 'block':
      return scanBlockToken(scan);
    case 'flow':
      return scanFlowToken(scan);
    default:
      return 'done';
  }
}

function indexLineStarts(text: string): Uint32Array {
  let count = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  const starts = new Uint32Array(count);
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts[line] = index + 1;
    line += 1;
  }
  return starts;
}

/** Zero-based line index of an offset, by binary search over the line starts. */
function lineIndexOf(scan: Scan, offset: number): number {
  let low = 0;
  let high = scan.lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((scan.lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function columnOf(scan: Scan, offset: number): number {
  return offset - (scan.lineStarts[lineIndexOf(scan, offset)] ?? 0);
}

function isEmpty(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\n' || char === '\r' || char === '\t';
}

function isLineEnd(text: string, offset: number): boolean {
  const char = text[offset];
  return char === undefined || char === '\n' || (char === '\r' && text[offset + 1] === '\n');
}

function isDocumentMarker(text: string, offset: number): boolean {
  const marker = text.slice(offset, offset + 3);
  return (marker === '---' || marker === '...') && isEmpty(text[offset + 3]);
}

function skipSpaces(scan: Scan, allowTabs: boolean): number {
  const start = scan.pos;
  while (scan.text[scan.pos] === ' ' || (allowTabs && scan.text[scan.pos] === '\t')) scan.pos += 1;
  return scan.pos - start;
}

function skipNewline(scan: Scan): boolean {
  if (scan.text[scan.pos] === '\n') scan.pos += 1;
  else if (scan.text[scan.pos] === '\r' && scan.text[scan.pos + 1] === '\n') scan.pos += 2;
  else return false;
  return true;
}

function skipToLineEnd(scan: Scan): void {
  const newline = scan.text.indexOf('\n', scan.pos);
  scan.pos = newline === -1 ? scan.text.length : newline;
  if (scan.text[scan.pos - 1] === '\r') scan.pos -= 1;
}

/** Between documents: directives, blank lines and comments, until a line starts a document. */
function scanStreamLine(scan: Scan): Mode {
  const { text } = scan;
  if (scan.pos === 0 && text[0] === '\uFEFF') scan.pos = 1;
  const lineStart = scan.pos;
  skipSpaces(scan, true);
  if (text[lineStart] === '%' || text[scan.pos] === '#' || isLineEnd(text, scan.pos)) {
    skipToLineEnd(scan);
    skipNewline(scan);
    return 'stream';
  }
  scan.pos = lineStart;
  return 'line-start';
}

function startNewLine(scan: Scan): void {
  if (!scan.lineFresh) {
    const orphan = scan.nodeOffset !== null && scan.nodeIsFirstOnLine && !scan.nodeIsPendingValue;
    scan.orphanIndent = orphan ? scan.nodeIndent : null;
  }
  scan.lineFresh = true;
  scan.nodeOffset = null;
  scan.nodeCount = 0;
}

function scanLineStart(scan: Scan): Mode {
  const { text } = scan;
  startNewLine(scan);
  if (isDocumentMarker(text, scan.pos)) {
    scan.pos += 3;
    scan.indentValue = 0;
    scan.indentNext = 0;
    scan.blocks.length = 0;
    return text[scan.pos - 1] === '-' ? 'block' : 'stream';
  }
  scan.indentValue = skipSpaces(scan, false);
  if (scan.indentNext > scan.indentValue && !isEmpty(text[scan.pos + 1])) scan.indentNext = scan.indentValue;
  return 'block-start';
}

/** `-`, `?` and `:` followed by white space at the start of a line; each one may open a collection. */
function scanBlockStart(scan: Scan): Mode {
  const char = scan.text[scan.pos];
  if ((char === '-' || char === '?' || char === ':') && isEmpty(scan.text[scan.pos + 1])) {
    placeIndicator(scan, char, scan.pos);
    scan.pos += 1;
    const taken = 1 + skipSpaces(scan, true);
    scan.indentNext = scan.indentValue + 1;
    scan.indentValue += taken;
    return 'block-start';
  }
  return 'block';
}

/** One token in block context, as the library's `parseDocument` state reads it. */
function scanBlockToken(scan: Scan): Mode {
  const { text } = scan;
  skipSpaces(scan, true);
  if (isLineEnd(text, scan.pos)) return endLine(scan);
  skipIndicators(scan);
  if (scan.violation !== null) return 'done';
  const char = text[scan.pos];
  if (char === '#' || isLineEnd(text, scan.pos)) return endLine(scan);
  beginNode(scan, scan.pos);
  if (char !== ']' && char !== '}') scan.nodeCount += 1;
  switch (char) {
    case '[':
    case '{':
      scan.pos += 1;
      scan.flowKey = false;
      openFlow(scan, scan.pos - 1);
      return 'flow';
    case ']':
    case '}':
      scan.pos += 1;
      return 'block';
    case '*':
      skipAnchorName(scan);
      return 'block';
    case '"':
    case "'":
      skipQuotedScalar(scan);
      return scan.flowLevel > 0 ? 'flow' : 'block';
    case '|':
    case '>':
      skipBlockScalar(scan);
      return 'line-start';
    default:
      skipPlainScalar(scan);
      return 'block';
  }
}

function endLine(scan: Scan): Mode {
  skipToLineEnd(scan);
  skipNewline(scan);
  return 'line-start';
}

/** Tags, anchors and indicators before a node, as the library's `pushIndicators` reads them. */
function skipIndicators(scan: Scan): void {
  const { text } = scan;
  for (;;) {
    const char = text[scan.pos];
    if (char === '!') {
      beginNode(scan, scan.pos);
      skipTag(scan);
    } else if (char === '&') {
      beginNode(scan, scan.pos);
      skipAnchorName(scan);
    } else if ((char === '-' || char === '?' || char === ':') && isIndicatorEnd(scan, text[scan.pos + 1])) {
      if (scan.flowLevel === 0) {
        placeIndicator(scan, char, scan.pos);
        scan.indentNext = scan.indentValue + 1;
      } else {
        scan.flowKey = false;
        placeFlowIndicator(scan, char, scan.pos);
      }
      scan.pos += 1;
    } else {
      return;
    }
    skipSpaces(scan, true);
    if (scan.violation !== null) return;
  }
}

function isIndicatorEnd(scan: Scan, next: string | undefined): boolean {
  return isEmpty(next) || (scan.flowLevel > 0 && FLOW_INDICATORS.has(next ?? ''));
}

function skipTag(scan: Scan): void {
  const { text } = scan;
  if (text[scan.pos + 1] === '<') {
    let index = scan.pos + 2;
    while (!isEmpty(text[index]) && text[index] !== '>') index += 1;
    scan.pos = text[index] === '>' ? index + 1 : index;
    return;
  }
  let index = scan.pos + 1;
  for (;;) {
    const char = text[index] ?? '';
    if (TAG_CHARS.has(char)) index += 1;
    else if (char === '%' && HEX_DIGITS.has(text[index + 1] ?? '') && HEX_DIGITS.has(text[index + 2] ?? '')) index += 3;
    else break;
  }
  scan.pos = index;
}

function skipAnchorName(scan: Scan): void {
  let index = scan.pos + 1;
  while (index < scan.text.length && !NOT_ANCHOR_CHARS.has(scan.text[index] ?? '')) index += 1;
  scan.pos = index;
}

/**
 * Mirrors the library's `continueScalar`: returns where a scalar continues on the line starting
 * at `offset`, or -1 when that line ends it (too little indentation, or a document marker).
 */
function continueScalar(scan: Scan, offset: number): number {
  const { text } = scan;
  if (scan.indentNext > 0) {
    let indent = 0;
    while (text[offset + indent] === ' ') indent += 1;
    const char = text[offset + indent];
    if (char === '\r' && text[offset + indent + 1] === '\n') return offset + indent + 1;
    return char === '\n' || indent >= scan.indentNext ? offset + indent : -1;
  }
  return isDocumentMarker(text, offset) ? -1 : offset;
}

/** A quoted scalar ends at its closing quote, or at the first line that does not continue it. */
function skipQuotedScalar(scan: Scan): void {
  const { text } = scan;
  const quote = text[scan.pos] ?? '"';
  let end = text.indexOf(quote, scan.pos + 1);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
  } else {
    while (end !== -1 && precedingBackslashes(text, end) % 2 === 1) end = text.indexOf('"', end + 1);
  }
  if (end === -1) {
    scan.pos = text.length;
    return;
  }
  // Only the lines inside the quotes are checked; searching the whole text would make a long
  // line of short strings quadratic.
  const body = text.slice(scan.pos, end);
  for (let newline = body.indexOf('\n'); newline !== -1; newline = body.indexOf('\n', newline + 1)) {
    const next = continueScalar(scan, scan.pos + newline + 1);
    if (next === -1) {
      scan.pos += newline - (body[newline - 1] === '\r' ? 1 : 0);
      if (scan.flowLevel > 0) scan.flowKey = true;
      return;
    }
    if (next > scan.pos + newline + 1) newline = next - scan.pos - 1;
  }
  scan.pos = end + 1;
  if (scan.flowLevel > 0) scan.flowKey = true;
}

function precedingBackslashes(text: string, offset: number): number {
  let count = 0;
  while (text[offset - 1 - count] === '\\') count += 1;
  return count;
}

/** A plain scalar ends at `: `, ` #`, a flow indicator inside brackets, or a line that does not continue it. */
function skipPlainScalar(scan: Scan): void {
  const { text } = scan;
  const inFlow = scan.flowLevel > 0;
  let end = scan.pos - 1;
  let index = scan.pos - 1;
  for (;;) {
    index += 1;
    let char = text[index];
    if (char === undefined) break;
    if (char === ':') {
      const next = text[index + 1];
      if (isEmpty(next) || (inFlow && FLOW_INDICATORS.has(next ?? ''))) break;
      end = index;
    } else if (isEmpty(char)) {
      let next = text[index + 1];
      if (char === '\r') {
        if (next === '\n') {
          index += 1;
          char = '\n';
          next = text[index + 1];
        } else {
          end = index;
        }
      }
      if (next === '#' || (inFlow && FLOW_INDICATORS.has(next ?? ''))) break;
      if (char === '\n') {
        const continued = continueScalar(scan, index + 1);
        if (continued === -1) break;
        index = Math.max(index, continued - 2);
      }
    } else {
      if (inFlow && FLOW_INDICATORS.has(char)) break;
      end = index;
    }
  }
  scan.pos = Math.max(end + 1, scan.pos);
}

/** Skips a literal or folded block scalar: its header line, then every line indented as its content. */
function skipBlockScalar(scan: Scan): void {
  const { text } = scan;
  let explicitIndent = -1;
  for (let index = scan.pos + 1; ; index += 1) {
    const char = text[index];
    if (char !== undefined && char > '0' && char <= '9') explicitIndent = Number(char) - 1;
    else if (char !== '+' && char !== '-') break;
  }
  while (!isEmpty(text[scan.pos]) && text[scan.pos] !== '#') scan.pos += 1;
  skipSpaces(scan, true);
  if (!isLineEnd(text, scan.pos) && text[scan.pos] !== '#') {
    scan.strayLevels += 1;
    if (depthOf(scan) > scan.maxDepth) refuse(scan, depthOf(scan), scan.pos);
  }
  skipToLineEnd(scan);
  skipNewline(scan);
  let lastNewline = scan.pos - 1;
  let indent = 0;
  for (let index = scan.pos; index < text.length; index += 1) {
    const char = text[index];
    if (char === ' ') indent += 1;
    else if (char === '\n') {
      lastNewline = index;
      indent = 0;
    } else if (!(char === '\r' && text[index + 1] === '\n')) break;
  }
  if (indent >= scan.indentNext) {
    scan.indentNext = explicitIndent === -1 ? indent : explicitIndent + (scan.indentNext === 0 ? 1 : scan.indentNext);
    let newline = lastNewline;
    while (newline !== -1) {
      const next = continueScalar(scan, newline + 1);
      if (next === -1) break;
      newline = text.indexOf('\n', next);
    }
    lastNewline = newline === -1 ? text.length : newline;
  }
  scan.pos = Math.min(lastNewline + 1, text.length);
}

/** One token inside brackets, as the library's `parseFlowCollection` reads it. */
function scanFlowToken(scan: Scan): Mode {
  const { text } = scan;
  let lineIndent = -1;
  for (;;) {
    const newline = skipNewline(scan);
    let spaces = 0;
    if (newline) {
      spaces = skipSpaces(scan, false);
      scan.indentValue = lineIndent = spaces;
    }
    spaces += skipSpaces(scan, true);
    if (!newline && spaces === 0) break;
  }
  if (scan.pos >= text.length) return 'done';
  const char = text[scan.pos];
  const unindented = lineIndent !== -1 && lineIndent < scan.indentNext && char !== '#';
  if (unindented || (lineIndent === 0 && isDocumentMarker(text, scan.pos))) {
    const closesAtParentIndent = lineIndent === scan.indentNext - 1 && scan.flowLevel === 1 && (char === ']' || char === '}');
    if (!closesAtParentIndent) {
      // The library ends every open bracket here (a syntax error) and reads the line afresh.
      closeAllFlows(scan);
      return 'line-start';
    }
  }
  while (text[scan.pos] === ',') {
    scan.pos += 1;
    skipSpaces(scan, true);
    scan.flowKey = false;
    startFlowItem(scan);
  }
  skipIndicators(scan);
  if (scan.violation !== null) return 'done';
  return scanFlowValue(scan);
}

function scanFlowValue(scan: Scan): Mode {
  const { text } = scan;
  const char = text[scan.pos];
  if (isLineEnd(text, scan.pos)) return 'flow';
  switch (char) {
    case '#':
      skipToLineEnd(scan);
      return 'flow';
    case ']':
    case '}':
      scan.pos += 1;
      scan.flowKey = true;
      closeFlow(scan);
      return scan.flowLevel > 0 ? 'flow' : 'block';
    case ':': {
      const next = text[scan.pos + 1];
      if (scan.flowKey || isEmpty(next) || next === ',') {
        scan.flowKey = false;
        placeFlowIndicator(scan, ':', scan.pos);
        scan.pos += 1;
        skipSpaces(scan, true);
        return 'flow';
      }
      break;
    }
    default:
      break;
  }
  countFlowNode(scan);
  switch (char) {
    case '[':
    case '{':
      scan.pos += 1;
      scan.flowKey = false;
      openFlow(scan, scan.pos - 1);
      return 'flow';
    case '*':
      skipAnchorName(scan);
      return 'flow';
    case '"':
    case "'":
      skipQuotedScalar(scan);
      return scan.flowLevel > 0 ? 'flow' : 'block';
    default:
      scan.flowKey = false;
      skipPlainScalar(scan);
      return 'flow';
  }
}

// --- block structure ---------------------------------------------------------------------------

function depthOf(scan: Scan): number {
  return scan.blocks.length + scan.flowLevel + scan.flowBlockLevels + scan.strayLevels;
}

function refuse(scan: Scan, depth: number, offset: number): void {
  const lineIndex = lineIndexOf(scan, offset);
  scan.violation = { depth, line: lineIndex + 1, column: offset - (scan.lineStarts[lineIndex] ?? 0) + 1 };
}

function openFlow(scan: Scan, offset: number): void {
  scan.flowLevel += 1;
  scan.flowItems.push({ nodes: 0, colons: 0, blockLevels: 0 });
  scan.nodeFlowDepth = Math.max(scan.nodeFlowDepth, depthOf(scan) - scan.blocks.length - scan.strayLevels);
  if (depthOf(scan) > scan.maxDepth) refuse(scan, depthOf(scan), offset);
}

function closeFlow(scan: Scan): void {
  scan.flowLevel -= 1;
  scan.flowBlockLevels -= scan.flowItems.pop()?.blockLevels ?? 0;
}

function closeAllFlows(scan: Scan): void {
  scan.flowLevel = 0;
  scan.flowItems.length = 0;
  scan.flowBlockLevels = 0;
}

function startFlowItem(scan: Scan): void {
  const item = scan.flowItems.at(-1);
  if (item === undefined) return;
  scan.flowBlockLevels -= item.blockLevels;
  item.nodes = 0;
  item.colons = 0;
  item.blockLevels = 0;
}

function countFlowNode(scan: Scan): void {
  const item = scan.flowItems.at(-1);
  if (item !== undefined) item.nodes += 1;
}

/** Inside brackets, `- ` starts a block sequence, and a second `:` (or a `:` after two nodes) in one item a block map. */
function placeFlowIndicator(scan: Scan, indicator: string, offset: number): void {
  const item = scan.flowItems.at(-1);
  if (item === undefined || indicator === '?') return;
  if (indicator === ':') {
    item.colons += 1;
    if (item.colons + item.nodes < 3) return;
  }
  item.blockLevels += 1;
  scan.flowBlockLevels += 1;
  scan.nodeFlowDepth = Math.max(scan.nodeFlowDepth, depthOf(scan) - scan.blocks.length - scan.strayLevels);
  if (depthOf(scan) > scan.maxDepth) refuse(scan, depthOf(scan), offset);
}

/** The first token of a line closes the block collections indented deeper than it. */
function settleLine(scan: Scan, column: number): boolean {
  if (!scan.lineFresh) return false;
  scan.lineFresh = false;
  while ((scan.blocks.at(-1)?.indent ?? -1) > column) scan.blocks.pop();
  return true;
}

/** Notes where a node starts: if a `:` follows it on this line, it was the key of a block map. */
function beginNode(scan: Scan, offset: number): void {
  if (scan.flowLevel > 0 || scan.nodeOffset !== null) return;
  scan.nodeIsFirstOnLine = settleLine(scan, columnOf(scan, offset));
  scan.nodeIsPendingValue = scan.awaitingValue;
  scan.awaitingValue = false;
  scan.nodeOffset = offset;
  scan.nodeIndent = scan.indentValue;
  scan.nodeFlowDepth = 0;
}

/**
 * `-` opens (or continues) a sequence, `?` a map, and `:` ends an implicit key or starts an
 * explicit value. Like the parser, a collection gets the line's indentation (including the
 * indicators that start the line), not the column of an indicator in the middle of a line.
 */
function placeIndicator(scan: Scan, indicator: string, offset: number): void {
  if (indicator === ':' && scan.nodeOffset !== null) {
    const firstOnLine = scan.nodeIsFirstOnLine && scan.nodeCount < 2;
    placeCollection(scan, { indent: scan.nodeIndent, kind: 'map' }, firstOnLine, scan.nodeFlowDepth, scan.nodeOffset);
  } else {
    const firstOnLine = settleLine(scan, columnOf(scan, offset));
    placeCollection(scan, { indent: scan.indentValue, kind: indicator === '-' ? 'seq' : 'map' }, firstOnLine, 0, offset);
  }
  scan.nodeOffset = null;
  scan.nodeCount = 0;
  scan.awaitingValue = indicator === ':';
}

function placeCollection(scan: Scan, level: BlockLevel, firstOnLine: boolean, innerFlowDepth: number, offset: number): void {
  if (firstOnLine) {
    // A map key after a sequence at the same indentation ends that sequence; a sequence at the
    // indentation of a map is the value of its last key, one level deeper.
    const top = scan.blocks.at(-1);
    if (level.kind === 'map' && top?.indent === level.indent && top.kind === 'seq') scan.blocks.pop();
    const current = scan.blocks.at(-1);
    if (current?.indent === level.indent && current.kind === level.kind && scan.orphanIndent !== level.indent) return;
  }
  scan.blocks.push(level);
  const depth = scan.blocks.length + scan.strayLevels + Math.max(scan.flowLevel + scan.flowBlockLevels, innerFlowDepth);
  if (depth > scan.maxDepth) refuse(scan, depth, offset);
}
