import { listDays, type DayStatus } from './report-days';
import { isoUtcSql } from './report-window';
import type { ReportLogger, Sql } from './sql-executor';

/** The raw event tables that retention empties (SPEC §8). */
export const EVENT_TABLES = [
  'search_event',
  'search_rating_event',
  'result_clicked_event',
  'detail_page_event',
  'attribution_referrer_event',
] as const;

export type EventTable = (typeof EVENT_TABLES)[number];

/**
 * Rows per DELETE. Each batch is its own short transaction, so no statement holds locks or
 * piles up WAL for long while ingestion goes on.
 */
export const PURGE_BATCH_ROWS = 10_000;

export interface PurgeOptions {
  readonly retentionDays: number;
  readonly dryRun: boolean;
  readonly batchRows?: number;
}

export interface PurgeSummary {
  /** Events before this instant are past retention. */
  readonly cutoff: string;
  readonly dryRun: boolean;
  /** Rows deleted, or that would be deleted on a dry run, per table. */
  readonly rows: Record<EventTable, number>;
  /** Days whose old events were (or would be) deleted. */
  readonly purgedDays: string[];
  /** Days past retention that still hold events but have no reports: nothing deleted. */
  readonly unreportedDays: string[];
}

interface PurgeRange {
  cutoff: string;
  firstDay: string | null;
  lastDay: string;
}

/** The retention cutoff, and the days from the oldest stored event to the cutoff's day. */
async function purgeRange(sql: Sql, retentionDays: number, timeZone: string): Promise<PurgeRange> {
  const oldest = EVENT_TABLES.map((table) => `(select min("timestamp") from ${table})`);
  const [row] = await sql.query<PurgeRange>(
    `select ${isoUtcSql('cutoff')} as "cutoff",
            to_char((least(${oldest.join(', ')}) at time zone $2)::date, 'YYYY-MM-DD')
              as "firstDay",
            to_char((cutoff at time zone $2)::date, 'YYYY-MM-DD') as "lastDay"
       from (select now() - make_interval(days => $1::int) as cutoff) as c`,
    [retentionDays, timeZone],
  );
  return row;
}

/** The part `[start, end)` of a day that is past retention, as bound parameters. */
function pastRetention(day: DayStatus, cutoff: string): [string, string] {
  const end = Math.min(day.end.getTime(), Date.parse(cutoff));
  return [day.start.toISOString(), new Date(end).toISOString()];
}

const IN_RANGE = `"timestamp" >= $1::timestamptz and "timestamp" < $2::timestamptz`;
const ANY_EVENT_IN_RANGE = EVENT_TABLES.map(
  (table) => `exists (select 1 from ${table} where ${IN_RANGE})`,
).join(' or ');

async function holdsEvents(sql: Sql, range: [string, string]): Promise<boolean> {
  const [row] = await sql.query<{ any: boolean }>(`select ${ANY_EVENT_IN_RANGE} as any`, range);
  return row.any;
}

/**
 * Marks a reported day as having lost raw events, before they are deleted, so that no re-run
 * can recompute it from a part of its events. Returns false when the day has no complete
 * reports (any more): then nothing may be deleted.
 */
async function markPurged(sql: Sql, day: DayStatus, range: [string, string]): Promise<boolean> {
  const rows = await sql.query(
    `update usage_reports set events_purged = events_purged or ${ANY_EVENT_IN_RANGE}
      where start_time = $3::timestamptz and end_time = $4::timestamptz
        and produced_at >= end_time
      returning id`,
    [...range, day.start.toISOString(), day.end.toISOString()],
  );
  return rows.length > 0;
}

async function countRows(sql: Sql, table: EventTable, range: [string, string]) {
  const [row] = await sql.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${IN_RANGE}`,
    range,
  );
  return row.n;
}

async function deleteRows(sql: Sql, table: EventTable, range: [string, string], batch: number) {
  let deleted = 0;
  for (;;) {
    const [row] = await sql.query<{ n: number }>(
      `with batch as (delete from ${table} where id in
                        (select id from ${table} where ${IN_RANGE} limit $3::int)
                      returning 1)
       select count(*)::int as n from batch`,
      [...range, batch],
    );
    deleted += row.n;
    if (row.n < batch) return deleted;
  }
}

/** Deletes (or counts, on a dry run) a reported day's events past retention; null if unreported. */
async function purgeDay(
  sql: Sql,
  day: DayStatus,
  cutoff: string,
  { dryRun, batchRows = PURGE_BATCH_ROWS }: PurgeOptions,
): Promise<Record<EventTable, number> | null> {
  const range = pastRetention(day, cutoff);
  const reported = dryRun ? day.reported : await markPurged(sql, day, range);
  if (!reported) return null;

  const rows = {} as Record<EventTable, number>;
  for (const table of EVENT_TABLES) {
    rows[table] = dryRun
      ? await countRows(sql, table, range)
      : await deleteRows(sql, table, range, batchRows);
  }
  return rows;
}

function emptySummary(cutoff: string, dryRun: boolean): PurgeSummary {
  const rows = Object.fromEntries(EVENT_TABLES.map((table) => [table, 0]));
  return { cutoff, dryRun, rows: rows as PurgeSummary['rows'], purgedDays: [], unreportedDays: [] };
}

/**
 * `purge [--dry-run]`: deletes raw events older than the retention period, day by day in the
 * report time zone, and only on days whose reports exist (SPEC §8). Days without reports keep
 * their events until a backfill has reported them.
 */
export async function purgeEvents(
  sql: Sql,
  logger: ReportLogger,
  timeZone: string,
  options: PurgeOptions,
): Promise<PurgeSummary> {
  const { cutoff, firstDay, lastDay } = await purgeRange(sql, options.retentionDays, timeZone);
  const summary = emptySummary(cutoff, options.dryRun);
  if (firstDay === null) return summary;

  for (const day of await listDays(sql, firstDay, lastDay, timeZone)) {
    const rows = await purgeDay(sql, day, cutoff, options);
    if (rows === null) {
      if (await holdsEvents(sql, pastRetention(day, cutoff))) summary.unreportedDays.push(day.day);
      continue;
    }
    const total = EVENT_TABLES.reduce((sum, table) => sum + rows[table], 0);
    if (total === 0) continue;
    EVENT_TABLES.forEach((table) => (summary.rows[table] += rows[table]));
    summary.purgedDays.push(day.day);
    logger.info({ day: day.day, rows, dryRun: options.dryRun }, 'old events of a reported day');
  }
  return summary;
}
