import type { CliContext } from './context.js';
import { must } from './failure.js';

/** Writes output to a file atomically when --out is given, else to standard output. */
export async function writeOrPrint(context: CliContext, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    context.stdout.write(text);
    return;
  }
  const target = context.resolvePath(out);
  const slash = Math.max(target.lastIndexOf('/'), target.lastIndexOf('\\'));
  const store = context.openStore(target.slice(0, slash) || '/');
  must(await store.writeAll([{ path: target.slice(slash + 1), text }]));
  context.stderr.write(`wrote ${out}\n`);
}
