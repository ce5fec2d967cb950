import type { CliContext } from './context.js';
import { must, stop } from './failure.js';

/** Writes output to a file atomically when --out is given, else to standard output. */
export async function writeOrPrint(context: CliContext, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    context.stdout.write(text);
    return;
  }
  await writeOutputFile(context, out, text);
}

/** Writes text or bytes to a file named on the command line (temp file + rename), and says so on stderr. */
export async function writeOutputFile(context: CliContext, out: string, content: string | Uint8Array): Promise<void> {
  const target = context.resolvePath(out);
  const slash = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\'));
  const store = context.openStore(target.slice(0, slash) || '/');
  must(await store.writeAll([{ path: target.slice(slash + 1), text: content }]));
  context.stderr.write(`wrote ${out}\n`);
}

/** Text goes to stdout or --out; bytes (a workbook) need --out. */
export async function writeContent(context: CliContext, out: string | undefined, content: string | Uint8Array, what: string): Promise<void> {
  if (typeof content === 'string') return writeOrPrint(context, out, content);
  if (out === undefined) stop('usage', `${what} is a binary file: name it with --out FILE`);
  return writeOutputFile(context, out, content);
}
