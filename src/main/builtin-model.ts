import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuiltinModelSource } from '../services/workspace.js';

/** The package's built-in model file, found relative to this module (dist/main or src/main). */
export function builtinModelSource(): BuiltinModelSource {
  const file = fileURLToPath(new URL('../../model/builtin.yaml', import.meta.url));
  return { file: 'model/builtin.yaml (built-in)', read: () => Promise.resolve(readFileSync(file, 'utf8')) };
}
