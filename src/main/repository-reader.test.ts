import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WALK_LIMITS, walkRepository } from '../adapters/repo-files/walk.js';
import type { ScanFile } from '../scanner/contract.js';
import { findSecretsBySet } from '../scanner/secrets/rule-sets.js';
import type { FileSecrets } from '../scanner/secrets/rule-sets.js';
import type { RepositoryReader, ScanProgress } from '../services/scan.js';
import { createRepositoryReader } from './repository-reader.js';

// Assembled at run time so this file holds no scannable credential.
const GITHUB_PAT = 'gh' + 'p_' + 'R8mQ2vLx7KdP4wNz9TbY3hFc6JsA1eGu5XoV';

let root: string;

/** Worker failures are survived (the paths are read here), so the tests collect them to see that none happened. */
const workerFailures: string[] = [];
function failOnWorkerError(error: Error): void {
  workerFailures.push(error.message);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'stepwise-reader-'));
  const write = (path: string, text: string | Buffer) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // More paths than one chunk, so several workers share the work and answer out of order.
  for (let index = 0; index < 300; index += 1) write(`src/m${index % 7}/f${String(index).padStart(3, '0')}.ts`, `export const n = ${index};\n`.repeat(1 + (index % 50)));
  write('src/config.ts', `export const token = "${GITHUB_PAT}";\n`);
  write('image.bin', Buffer.from([0x89, 0x50, 0x00, 0x01]));
  write('huge.sql', '');
  truncateSync(join(root, 'huge.sql'), 64 * 1024 * 1024);
  write('.gitignore', 'dist/\n');
  write('dist/out.js', `const t = "${GITHUB_PAT}";`);
  symlinkSync('/etc/passwd', join(root, 'passwd'));
  symlinkSync('..', join(root, 'src', 'up'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Everything a reader hands over, in the order it does: the listing first, then the files with their secrets. */
async function readAll(reader: RepositoryReader, onProgress?: ScanProgress) {
  const events: string[] = [];
  const files: ScanFile[] = [];
  const secrets = new Map<string, FileSecrets>();
  let listed: readonly string[] = [];
  const end = await reader(root, {
    listed: (paths) => {
      events.push('listed');
      listed = paths;
    },
    read: (file, found) => {
      events.push('read');
      files.push(file);
      if (found === undefined) throw new Error(`${file.path} was not searched`);
      if (Object.keys(found).length > 0) secrets.set(file.path, found);
    },
  }, onProgress);
  return { events, listed, files, secrets, skipped: end.skipped };
}

describe('the repository reader', () => {
  it('S8 S9 gives the same files and skips with worker threads as the walk in one thread, and the secrets of each file', async () => {
    const expected = walkRepository(root);
    for (const workers of [0, 2]) {
      const progress: number[] = [];
      const read = await readAll(createRepositoryReader({ workers, onWorkerFailure: failOnWorkerError }), (done, total) => progress.push(total - done));
      expect(read.events.slice(0, 2)).toEqual(['listed', 'read']);
      expect(read.listed).toEqual([...expected.files.map((entry) => entry.path), ...expected.skipped.map((entry) => entry.path)].sort());
      expect(read.files).toEqual(expected.files);
      expect(read.skipped).toEqual(expected.skipped);
      expect([...read.secrets.keys()]).toEqual(['src/config.ts']);
      expect(read.secrets.get('src/config.ts')).toEqual(findSecretsBySet({ path: 'src/config.ts', text: `export const token = "${GITHUB_PAT}";\n` }));
      expect(progress.at(-1)).toBe(0);
    }
    expect(workerFailures).toEqual([]);
  }, 60_000);

  it('S9 stops at the file limit with workers exactly where the one-thread walk stops', async () => {
    const limits = { ...DEFAULT_WALK_LIMITS, maxFiles: 100 };
    const expected = walkRepository(root, limits);
    const read = await readAll(createRepositoryReader({ workers: 2, limits, onWorkerFailure: failOnWorkerError }));
    expect(read.files.map((file) => file.path)).toEqual(expected.files.map((file) => file.path));
    expect(read.skipped).toEqual(expected.skipped);
    expect(workerFailures).toEqual([]);
  }, 60_000);
});
