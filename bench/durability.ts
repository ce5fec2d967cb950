/**
 * bench:durability — SECURITY.md S20 at full size: 8 concurrent writers PUT ratings and answers
 * through the API while the server is killed with SIGKILL 150–400 ms after it answered its first
 * request and restarted on the same database, 50 times on SQLite and 20 times on PostgreSQL (the
 * Node server is killed; PostgreSQL itself stays up). Then every acknowledged write is looked up in
 * the database, and one acknowledged rating is deleted to show the check would notice.
 * Knobs: DURABILITY_KILLS (50), DURABILITY_PG_KILLS (20), DURABILITY_WRITERS (8),
 * BENCH_DIALECTS (sqlite,postgres), STEPWISE_TEST_PG_URL, STEPWISE_BENCH_SERVER (dist|src).
 * Exits 1 when a write was lost, a row holds a value nobody wrote, a reply was unexpected, the
 * integrity check fails or the self-check does not count the deleted rating.
 */
import { cpus } from 'node:os';
import { useDist } from './api-process.js';
import { runDurability } from './durability-run.js';
import type { DurabilityFigures } from './durability-run.js';

const KILLS = Number(process.env['DURABILITY_KILLS'] ?? 50);
const PG_KILLS = Number(process.env['DURABILITY_PG_KILLS'] ?? 50);
const WRITERS = Number(process.env['DURABILITY_WRITERS'] ?? 8);
const DIALECTS = (process.env['BENCH_DIALECTS'] ?? 'sqlite,postgres').split(',');
const PG_URL = process.env['STEPWISE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

function print(figures: DurabilityFigures): boolean {
  const good = figures.lost === 0 && figures.foreign === 0 && figures.unexpected === 0 && (figures.integrity === 'ok' || figures.integrity === 'n/a') && figures.selfCheckLost === 1;
  const line = (label: string, value: string | number): void => { console.log(`  ${label.padEnd(50)} ${String(value).padStart(8)}`); };
  console.log(`\n${figures.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: ${figures.kills} × kill -9 in ${figures.seconds.toFixed(1)} s, ${WRITERS} writers`);
  line('writes attempted', figures.attempted);
  line('writes acknowledged (2xx + ETag)', figures.acknowledged);
  line('writes interrupted by a kill (outcome unknown)', figures.interrupted);
  line('  of which committed anyway', figures.committedUnacknowledged);
  line('acknowledged writes lost (must be 0)', figures.lost);
  line('rows holding a value nobody wrote (must be 0)', figures.foreign);
  line('unexpected replies (must be 0)', figures.unexpected);
  line('PRAGMA integrity_check (must be ok)', figures.integrity);
  line('self-check: 1 acknowledged rating deleted → lost', figures.selfCheckLost ?? '-');
  for (const sample of figures.samples) console.log(`    ${sample}`);
  console.log(`  ${good ? 'PASS' : 'FAIL'}`);
  return good;
}

async function main(): Promise<void> {
  console.log(`bench:durability — Node ${process.version}, ${cpus().length} CPUs, ${new Date().toISOString()}, server from ${useDist() ? 'dist/' : 'src/ through tsx'}`);
  let good = true;
  for (const dialect of DIALECTS) {
    const kills = dialect === 'postgres' ? PG_KILLS : KILLS;
    const figures = await runDurability({ dialect: dialect === 'postgres' ? 'postgres' : 'sqlite', kills, writers: WRITERS, pgUrl: PG_URL, selfCheck: true, log: (text) => { process.stderr.write(`\r  ${dialect}: ${text}   `); } });
    process.stderr.write('\n');
    good = print(figures) && good;
  }
  process.exitCode = good ? 0 : 1;
}

await main();
