/**
 * `make bench-reports`: seeds a scratch database on the PostgreSQL server of DATABASE_URL (else
 * the local server) with a month of events (sizes below, from the issue), times `backfill` of
 * those 30 days through the code the CLI runs, prints the seconds per report kind, and drops
 * the database. `node dist/bench/reports.js --keep` leaves it for EXPLAIN.
 *
 *   make bench-reports
 *   DATABASE_URL=postgresql://… make bench-reports
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { Client } from 'pg';

import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/db/database';
import { pooledSql } from '../src/db/pooled-sql';
import { createLogger } from '../src/logger';
import { REPORT_KINDS } from '../src/reports/report-definition';
import { backfill, type DayResult } from '../src/reports/report-jobs';
import { seedEvents, type SeedSizes } from './seed-events';

const SIZES: SeedSizes = {
  days: 30,
  searches: 1_000_000,
  clicks: 1_000_000,
  detailEvents: 300_000,
  ratings: 100_000,
  refererHits: 30_000,
  catalogImages: 100_000,
};

const print = (line: string) => process.stdout.write(`${line}\n`);

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function printTimings(results: DayResult[]): void {
  const timings = results.flatMap((r) =>
    r.outcome.status === 'produced' ? [r.outcome.timings] : [],
  );
  const seconds = results.map((r) => r.seconds);
  const total = seconds.reduce((a, b) => a + b, 0);
  print(`backfill of ${results.length} days: ${total.toFixed(2)} s`);
  print(
    `  a day: mean ${(total / results.length).toFixed(3)} s, slowest ${Math.max(...seconds).toFixed(3)} s`,
  );
  print('seconds per report kind:      total    mean a day  slowest day');
  for (const kind of REPORT_KINDS) {
    const perDay = timings.map((t) => t[kind]);
    const sum = perDay.reduce((a, b) => a + b, 0);
    const cells = [sum, sum / perDay.length, Math.max(...perDay)].map((s) =>
      s.toFixed(3).padStart(11),
    );
    print(`  ${kind.padEnd(22)}${cells.join(' ')}`);
  }
}

async function bench(serverUrl: string, keep: boolean): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('warn');
  const name = `sa_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await onServer(serverUrl, `create database ${name}`);
  const database = await openDatabase({ ...config, databaseUrl: url.toString() }, logger);
  try {
    await migrate(database, logger);
    const db = pooledSql(database.knex);
    const seeding = performance.now();
    await seedEvents(db, SIZES);
    print(
      `seeded ${name} in ${((performance.now() - seeding) / 1000).toFixed(1)} s: ${JSON.stringify(SIZES)}`,
    );
    const since = new Date(Date.now() - SIZES.days * 86_400_000).toISOString().slice(0, 10);
    const deps = { db, logger, timeZone: 'UTC', catalogTable: 'image' };
    printTimings(await backfill(deps, since));
  } finally {
    await database.close();
    if (!keep) await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  }
}

// Like the other benches: the server of DATABASE_URL, else the local server.
const serverUrl = loadConfig().databaseUrl ?? 'postgresql://postgres@127.0.0.1:5432/test';
bench(serverUrl, process.argv.includes('--keep')).catch((error: unknown) => {
  process.stderr.write(`bench-reports: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
