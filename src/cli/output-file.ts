import type { CliContext } from './context.js';
import { must, stop } from './failure.js';
import { argumentFile } from './workspace-access.js';

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
  const { store, name } = argumentFile(context, out);
  must(await store.writeAll([{ path: name, text: content }]));
  context.stderr.write(`wrote ${out}\n`);
}

/** Text goes to stdout or --out; bytes (a workbook) need --out. */
export async function writeContent(context: CliContext, out: string | undefined, content: string | Uint8Array, what: string): Promise<void> {
  if (typeof content === 'string') return writeOrPrint(context, out, content);
  if (out === undefined) stop('usage', `${what} is a binary file: name it with --out FILE`);
  return writeOutputFile(context, out, content);
}
