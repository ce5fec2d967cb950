import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WALK_LIMITS, walkRepository } from './walk.js';

const created: string[] = [];
afterAll(() => {
  // GNU rm copes with the 10,000-deep tree; a recursive rmSync would hit the path length limit.
  if (created.length > 0) execFileSync('rm', ['-rf', ...created]);
});

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'stepwise-walk-'));
  created.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('walking a repository', () => {
  it('reads text files, honours .gitignore and skips .git and node_modules', () => {
    const root = repository({ 'src/a.ts': 'a', '.gitignore': 'dist/\n*.log\n', 'dist/out.js': 'x', 'debug.log': 'x', '.git/config': 'x', 'node_modules/p/index.js': 'x', 'docs/readme.md': 'hello' });
    const result = walkRepository(root);
    expect(result.files.map((file) => file.path)).toEqual(['.gitignore', 'docs/readme.md', 'src/a.ts']);
    expect(result.files.find((file) => file.path === 'docs/readme.md')?.text).toBe('hello');
    expect(result.skipped).toEqual([]);
  });

  it('S8 never follows a symbolic link: /etc, /dev/urandom and a loop are listed, not read', () => {
    const root = repository({ 'ok.txt': 'fine' });
    symlinkSync('/etc', join(root, 'etc-link'));
    symlinkSync('/dev/urandom', join(root, 'random'));
    symlinkSync('/etc/passwd', join(root, 'passwd'));
    mkdirSync(join(root, 'loop'));
    symlinkSync('..', join(root, 'loop', 'up'));
    const result = walkRepository(root);
    expect(result.files.map((file) => file.path)).toEqual(['ok.txt']);
    expect(result.skipped).toEqual([
      { path: 'etc-link', reason: 'symbolic link (not followed)' },
      { path: 'loop/up', reason: 'symbolic link (not followed)' },
      { path: 'passwd', reason: 'symbolic link (not followed)' },
      { path: 'random', reason: 'symbolic link (not followed)' },
    ]);
  });

  it('S9 skips binaries and a 1 GB sparse file without reading them', () => {
    const root = repository({ 'a.txt': 'text' });
    writeFileSync(join(root, 'image.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    writeFileSync(join(root, 'huge.sql'), '');
    truncateSync(join(root, 'huge.sql'), 1024 * 1024 * 1024);
    const result = walkRepository(root);
    expect(result.files.map((file) => file.path)).toEqual(['a.txt']);
    expect(result.skipped).toEqual([
      { path: 'huge.sql', reason: 'larger than 5 MB' },
      { path: 'image.bin', reason: 'binary' },
    ]);
  });

  it('S9 stops reading at the file limit and reports the rest', () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`f${String(index).padStart(2, '0')}.txt`, 'x']));
    const result = walkRepository(repository(files), { ...DEFAULT_WALK_LIMITS, maxFiles: 20 });
    expect(result.files).toHaveLength(20);
    expect(result.skipped).toHaveLength(10);
    expect(result.skipped[0]).toEqual({ path: 'f20.txt', reason: 'not read: more than 20 files' });
  });

  it('S9 finishes on a 10,000-deep folder tree', () => {
    const root = repository({ 'top.txt': 'x' });
    const script = "const fs = require('node:fs'); process.chdir(process.argv[1]); const chunk = Array(100).fill('d').join('/'); for (let i = 0; i < 100; i += 1) { fs.mkdirSync(chunk, { recursive: true }); process.chdir(chunk); } fs.writeFileSync('leaf.txt', 'deep');";
    execFileSync(process.execPath, ['-e', script, root]);
    const result = walkRepository(root);
    expect(result.files.map((file) => file.path)).toEqual(['top.txt']);
  }, 60_000);
});
