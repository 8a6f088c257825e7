import { performance } from 'node:perf_hooks';

import { REPORTS } from './all-reports';
import type { Catalog } from './catalog';
import type { ReportKind } from './report-definition';
import type { ReportWindow } from './report-window';
import type { Sql, TransactionalSql } from './sql-executor';

/** Seconds each report took to replace, delete and insert together. */
export type ReportTimings = Record<ReportKind, number>;

/**
 * What became of a window: its reports were produced, or kept as they were because its raw
 * events have been deleted by retention and recomputing would replace them with empty ones.
 */
export type WindowOutcome =
  | { readonly status: 'produced'; readonly timings: ReportTimings }
  | { readonly status: 'kept'; readonly reason: 'events purged' };

/**
 * Serialises runs for the same window: without it, two runs that overlap (a cron job and a
 * manual re-run) could each delete before the other inserts and leave both sets of rows.
 * The key is a hash of the window, held until the transaction ends.
 */
async function lockWindow(tx: Sql, params: readonly string[]): Promise<void> {
  await tx.query(
    `select pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 0))`,
    params,
  );
}

/**
 * Settings for this transaction only. JIT off: the report queries run in milliseconds, but
 * their estimated cost can pass jit_above_cost, and compiling them then takes longer than
 * running them (measured: 0.8 s of JIT for 0.1 s of search quality;
 * https://www.postgresql.org/docs/current/jit-decision.html). More work_mem: a day's searches
 * and clicks are sorted and hashed whole, which on a busy day spills past the default 4 MB;
 * report runs are sequential, so the memory is taken once.
 */
async function tuneForReports(tx: Sql): Promise<void> {
  await tx.query('set local jit = off');
  await tx.query(`set local work_mem = '64MB'`);
}

async function eventsPurged(tx: Sql, params: readonly string[]): Promise<boolean> {
  const rows = await tx.query(
    `select 1 from usage_reports
      where start_time = $1::timestamptz and end_time = $2::timestamptz and events_purged`,
    params,
  );
  return rows.length > 0;
}

async function replaceReports(tx: Sql, params: readonly string[], catalog: Catalog) {
  const timings = {} as ReportTimings;
  for (const report of REPORTS) {
    const started = performance.now();
    await tx.query(
      `delete from ${report.table}
        where start_time = $1::timestamptz and end_time = $2::timestamptz`,
      params,
    );
    await tx.query(report.insertSql(catalog), params);
    timings[report.kind] = (performance.now() - started) / 1000;
  }
  return timings;
}

/**
 * Produces every report of `window` in one transaction, replacing any rows the window already
 * had, so a re-run leaves exactly one set and a failure leaves the previous set untouched.
 */
export async function produceWindowReports(
  db: TransactionalSql,
  window: ReportWindow,
  catalog: Catalog,
): Promise<WindowOutcome> {
  const params = [window.start.toISOString(), window.end.toISOString()];
  return db.transaction(async (tx) => {
    await lockWindow(tx, params);
    await tuneForReports(tx);
    if (await eventsPurged(tx, params)) return { status: 'kept', reason: 'events purged' };

    return { status: 'produced', timings: await replaceReports(tx, params, catalog) };
  });
}
