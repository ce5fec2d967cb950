import { describe, expect, it } from 'vitest';
import { runDurability } from '../../bench/durability-run.js';
import { DIALECTS, PG_URL } from '../support/server.js';

// The reduced S20 run of bench/durability.ts: a real server in a child process (dist/ when it is
// up to date, else the sources through tsx), 8 writers, 5 × kill -9 and restart on one database.
describe.each(DIALECTS)('durability on %s', (dialect) => {
  it('S20 kill -9 under concurrent writes loses no acknowledged write and keeps integrity', async () => {
    const figures = await runDurability({ dialect, kills: 5, writers: 8, selfCheck: true, ...(PG_URL === undefined ? {} : { pgUrl: PG_URL }) });
    expect(figures.samples).toEqual([]);
    expect(figures.acknowledged).toBeGreaterThan(0);
    expect(figures.interrupted).toBeGreaterThan(0);
    expect(figures.lost).toBe(0);
    expect(figures.foreign).toBe(0);
    expect(figures.unexpected).toBe(0);
    expect(figures.integrity).toBe(dialect === 'sqlite' ? 'ok' : 'n/a');
    // The check is not vacuous: deleting one acknowledged rating afterwards is counted lost.
    expect(figures.selfCheckLost).toBe(1);
  }, 60_000);
});
