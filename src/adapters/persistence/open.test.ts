import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLocation, openPersistence } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'stepwise-open-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('describeLocation', () => {
  it.each([
    ['postgres://stepwise:s3cr%40t@db.example:5432/stepwise', 'postgres://stepwise:***@db.example:5432/stepwise'],
    ['postgresql://u:p@ss:w/rd@host/db', 'postgresql://u:***@host/db'],
    ['postgres://u:p#q?r@host/db', 'postgres://u:***@host/db'],
    ['postgres://u:@host/db', 'postgres://u:***@host/db'],
    ['postgres://u:pa@ss@host/db?sslmode=require', 'postgres://u:***@host/db?sslmode=require'],
    ['postgres://host/db?user=u&password=hunter2&x=1', 'postgres://host/db?user=u&password=***&x=1'],
    ['postgres://u@host:5432/db', 'postgres://u@host:5432/db'],
    ['postgres://host:5432/db?application_name=a@b', 'postgres://host:5432/db?application_name=a@b'],
    ['sqlite:/var/lib/stepwise/data.db', 'sqlite:/var/lib/stepwise/data.db'],
  ])('shows %s as %s', (location, shown) => {
    expect(describeLocation(location)).toBe(shown);
  });
});

describe('openPersistence', () => {
  it('opens sqlite:PATH and bare .db / .sqlite paths', async () => {
    for (const location of [`sqlite:${join(dir, 'a.data')}`, join(dir, 'b.db'), join(dir, 'c.sqlite')]) {
      const store = await openPersistence(location);
      expect(store.dialect).toBe('sqlite');
      expect(await store.countUsers()).toBe(0);
      await store.close();
    }
  });

  it('migrates once: reopening keeps the data', async () => {
    const location = join(dir, 'reopen.db');
    const first = await openPersistence(location);
    await first.putSetupToken('hash', '2024-05-01T00:00:00.000Z');
    await first.close();
    const second = await openPersistence(location);
    expect(await second.consumeSetupToken('hash', '2024-05-01T00:00:00.000Z')).toBe(true);
    await second.close();
  });

  it.each([['mysql://root@localhost/db'], ['data.txt'], ['sqlite:'], ['']])('refuses the unsupported location %j', async (location) => {
    await expect(openPersistence(location)).rejects.toThrow(/^unsupported database location '.*': use sqlite:PATH/);
  });

  it('names an unopenable SQLite file in one line', async () => {
    const location = `sqlite:${join(dir, 'no-such-dir', 'x.db')}`;
    await expect(openPersistence(location)).rejects.toThrow(new RegExp(`^cannot open database ${location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [^\\n]+$`));
  });

  it('names the migration that failed', async () => {
    const file = join(dir, 'clash.db');
    const raw = new BetterSqlite3(file);
    raw.exec('create table teams (id text)');
    raw.close();
    await expect(openPersistence(file)).rejects.toThrow(/^cannot open database .*clash\.db: migration 0001-initial failed: .*teams/);
  });

  it('never shows the PostgreSQL password of a failed connection', async () => {
    const error = await openPersistence('postgres://stepwise:hunter2@127.0.0.1:1/stepwise').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^cannot open database postgres:\/\/stepwise:\*\*\*@127\.0\.0\.1:1\/stepwise: /);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openPersistence('postgres://127.0.0.1:1/x', { schema: 'public; drop table teams' })).rejects.toThrow(
      /invalid schema name 'public; drop table teams'/,
    );
  });
});
