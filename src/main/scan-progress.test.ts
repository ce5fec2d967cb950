import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepwise } from '../../test/support/cli.js';

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'stepwise-progress-'));
  mkdirSync(join(repo, 'src'));
  for (let index = 0; index < 120; index += 1) writeFileSync(join(repo, 'src', `f${index}.ts`), `export const n${index} = ${index};\n`);
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('stepwise scan progress', () => {
  it('draws a bar of files read on a terminal and erases it before the result', async () => {
    const run = await stepwise(['scan', repo, '--format', 'json'], { cwd: repo, stderrTty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\rScanning \[[#-]{24}\] \d+\/120 files \(\d+%\)/);
    expect(run.stderr).toContain('120 files');
    expect(run.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 120 });
  });

  it('writes nothing to stderr when it is not a terminal', async () => {
    const run = await stepwise(['scan', repo, '--format', 'json'], { cwd: repo, stderrTty: false });
    expect(run.stderr).toBe('');
  });
});
