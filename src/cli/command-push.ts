import { Option } from 'commander';
import type { Command } from 'commander';
import { checkpointSchema } from '../core/workspace/schema.js';
import type { Checkpoint } from '../core/workspace/schema.js';
import { parseYaml, validateParsed } from '../core/yaml/safe-yaml.js';
import type { ScanResult } from '../core/scan/result.js';
import { parseScanResult } from '../scanner/result-schema.js';
import type { CliContext, PushResponse } from './context.js';
import { must, stop } from './failure.js';
import { argumentFile } from './workspace-access.js';

/** The server accepts scan results up to 10 MiB. */
const MAX_PUSH_BYTES = 10 * 1024 * 1024;
const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_DETAIL_CHARS = 300;

interface PushOptions {
  readonly server: string;
  readonly token?: string;
  readonly team?: string;
  readonly json?: boolean;
}

type Pushed = { readonly kind: 'scan'; readonly scan: ScanResult } | { readonly kind: 'checkpoint'; readonly checkpoint: Checkpoint };

/** `stepwise push FILE --server URL`: a scan result or a checkpoint to a server, with a team API token. */
export function registerPush(program: Command, context: CliContext): void {
  program
    .command('push')
    .description('send a scan result (stepwise scan --format json) or a checkpoint file to a Stepwise server with a team API token')
    .argument('<file>', 'a scan result (JSON) or a checkpoint (assessments/<team>/<date>.yaml)')
    .requiredOption('--server <url>', 'the server, e.g. https://stepwise.example.com')
    .addOption(new Option('--token <token>', 'a team API token (stw_…); prefer the environment variable, which stays out of process lists').env('STEPWISE_TOKEN'))
    .option('--team <id>', 'the team a scan result belongs to (a checkpoint names its own team)')
    .option('--json', "print the server's answer as JSON")
    .addHelpText(
      'after',
      '\nExamples:\n  STEPWISE_TOKEN=stw_… stepwise push scan.json --team payments --server https://stepwise.example.com\n  stepwise push assessments/payments/2026-11-20.yaml --server https://stepwise.example.com\n',
    )
    .action(async (file: string, options: PushOptions) => {
      const base = serverBase(options.server);
      const token = options.token?.trim() ?? '';
      if (token === '') stop('usage', 'give an API token with --token or the STEPWISE_TOKEN environment variable');
      const pushed = await readPushFile(context, file);
      const team = teamOf(pushed, options.team);
      if (base.protocol === 'http:' && !isLocal(base.hostname)) context.stderr.write('stepwise: warning: the token is sent over plain http; use https\n');
      const url = `${base.href.replace(/\/+$/, '')}/api/v1/teams/${encodeURIComponent(team)}/${pushed.kind === 'scan' ? 'scans' : 'checkpoints/push'}`;
      const response = await context.push({ url, token, body: pushed.kind === 'scan' ? pushed.scan : pushed.checkpoint });
      context.stdout.write(outcomeText(checkedResponse(response, base, token), pushed, team, options.json === true));
    });
}

/** The server URL: http(s) only, without credentials in it. */
function serverBase(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    stop('usage', `--server must be a URL such as https://stepwise.example.com, not "${server.slice(0, 100)}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') stop('usage', '--server must be an http or https URL');
  if (url.username !== '' || url.password !== '') stop('usage', '--server may not hold a user name or password; the API token authenticates');
  url.search = '';
  url.hash = '';
  return url;
}

function isLocal(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Reads the file and tells a scan result from a checkpoint: a valid scan result first, then a checkpoint. */
async function readPushFile(context: CliContext, path: string): Promise<Pushed> {
  const { store, name } = argumentFile(context, path);
  const bytes = must(await store.readBytes(name, MAX_PUSH_BYTES));
  if (bytes === null) stop('not-found', 'file does not exist', { file: path });
  const shownAs = store.describe(name);
  const text = new TextDecoder().decode(bytes);
  const scan = parseScanResult(text);
  if (scan.ok) return { kind: 'scan', scan: scan.value };
  if (looksLikeScan(text)) stop('invalid-input', scan.message, { file: shownAs });
  const parsed = must(parseYaml(text, shownAs));
  const checkpoint = validateParsed(parsed, checkpointSchema);
  if (!checkpoint.ok) stop('invalid-input', `neither a scan result (stepwise scan --format json) nor a checkpoint: ${checkpoint.error.message}`, checkpoint.error.at ?? { file: shownAs });
  return { kind: 'checkpoint', checkpoint: checkpoint.value };
}

/** A JSON object with the top-level fields of a scan result: its errors are worth reporting as a scan's. */
function looksLikeScan(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && ('findings' in value || 'root' in value);
  } catch {
    return false;
  }
}

function teamOf(pushed: Pushed, team: string | undefined): string {
  if (team !== undefined && !TEAM_ID.test(team)) stop('usage', `--team must be a team id (lower-case letters, digits, "-" or "_"), not "${team.slice(0, 64)}"`);
  if (pushed.kind === 'scan') {
    if (team === undefined) stop('usage', 'a scan result does not name its team: add --team <id>');
    return team;
  }
  if (team !== undefined && team !== pushed.checkpoint.team) stop('usage', `the checkpoint is of team "${pushed.checkpoint.team}", not "${team}"`);
  return pushed.checkpoint.team;
}

/** The 2xx answer's body; anything else ends the command with the problem's detail on one line. */
function checkedResponse(response: PushResponse, base: URL, token: string): unknown {
  if (response.kind === 'unreachable') stop('invalid-input', `cannot reach ${base.origin}: ${redacted(response.reason, token)}`);
  if (response.status >= 200 && response.status < 300) return response.body;
  stop('invalid-input', `the server refused the push (HTTP ${response.status}): ${redacted(problemDetail(response.body), token)}`);
}

function problemDetail(body: unknown): string {
  if (typeof body === 'string') return body.trim().split('\n')[0] || 'no detail';
  if (typeof body !== 'object' || body === null) return 'no detail';
  const { detail, title } = body as { detail?: unknown; title?: unknown };
  if (typeof detail === 'string' && detail !== '') return detail;
  return typeof title === 'string' && title !== '' ? title : 'no detail';
}

/** One line, never longer than a screen's worth, and never the token (S18), whatever the server or network said. */
function redacted(text: string, token: string): string {
  const line = text.replace(/\s+/g, ' ').split(token).join('***');
  return line.length > MAX_DETAIL_CHARS ? `${line.slice(0, MAX_DETAIL_CHARS)}…` : line;
}

function outcomeText(body: unknown, pushed: Pushed, team: string, json: boolean): string {
  if (json) return `${JSON.stringify(body ?? null, null, 2)}\n`;
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (pushed.kind === 'checkpoint') {
    const id = typeof fields['id'] === 'string' ? ` as ${fields['id']}` : '';
    const outcome = typeof fields['outcome'] === 'string' ? ` (${fields['outcome']})` : '';
    return `pushed the checkpoint of ${team} dated ${pushed.checkpoint.date}${id}${outcome}\n`;
  }
  const proposed = typeof fields['proposed'] === 'number' ? fields['proposed'] : 0;
  const checkpoint = typeof fields['checkpointId'] === 'string' ? ` in checkpoint ${fields['checkpointId']}` : '';
  const scanId = typeof fields['scanId'] === 'string' ? `${fields['scanId']} ` : '';
  return `pushed scan ${scanId}to ${team}: ${proposed} proposed answer${proposed === 1 ? '' : 's'}${checkpoint}\n`;
}
