import type { Sql } from './sql-executor';

/** A half-open interval of time `[start, end)` that one set of reports covers. */
export interface ReportWindow {
  readonly start: Date;
  readonly end: Date;
}

/** The window of one calendar day in the report time zone. */
export interface DailyWindow extends ReportWindow {
  readonly day: string;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1;
}

/**
 * SQL that renders a timestamptz as an ISO 8601 UTC string. Formatting in the database keeps
 * the result the same whichever driver (pg, PGlite, MikroORM) parses the row.
 */
export function isoUtcSql(expression: string): string {
  return `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * SQL for a subquery of the days from `from` to `to` inclusive (parameters cast to date) with
 * their windows in time zone `timeZone`: columns `day` (date), `start_time`, `end_time`.
 * PostgreSQL's time-zone database turns each local midnight into an instant, so a day across
 * a DST change lasts 23 or 25 hours and each day ends exactly where the next one starts (a
 * local midnight that does not exist is read with the offset in force before the change, as
 * PostgreSQL documents for `AT TIME ZONE`).
 */
export function dailyWindowsSql(from: string, to: string, timeZone: string): string {
  return `(select d as day,
                  d::timestamp at time zone ${timeZone} as start_time,
                  (d + 1)::timestamp at time zone ${timeZone} as end_time
             from (select ${from}::date + i as d
                     from generate_series(0, ${to}::date - ${from}::date) as i) as dates)`;
}

/** The windows of each day from `fromDay` to `toDay` inclusive, in `timeZone`. */
export async function dailyWindows(
  sql: Sql,
  fromDay: string,
  toDay: string,
  timeZone: string,
): Promise<DailyWindow[]> {
  const rows = await sql.query<{ day: string; start_time: string; end_time: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day, ${isoUtcSql('start_time')} as start_time,
            ${isoUtcSql('end_time')} as end_time
       from ${dailyWindowsSql('$1', '$2', '$3::text')} as days
      order by days.day`,
    [fromDay, toDay, timeZone],
  );
  return rows.map(toDailyWindow);
}

/** A row carrying `day`, `start_time` and `end_time` (as the SQL above selects them) as a window. */
export function toDailyWindow(row: { day: string; start_time: string; end_time: string }) {
  return { day: row.day, start: new Date(row.start_time), end: new Date(row.end_time) };
}

/** The calendar day before today in the report time zone, as `YYYY-MM-DD`. */
export async function yesterday(sql: Sql, timeZone: string): Promise<string> {
  const [row] = await sql.query<{ day: string }>(
    `select to_char((now() at time zone $1)::date - 1, 'YYYY-MM-DD') as day`,
    [timeZone],
  );
  return row.day;
}
