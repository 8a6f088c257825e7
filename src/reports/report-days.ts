import type { Sql } from './sql-executor';
import { dailyWindowsSql, isoUtcSql, toDailyWindow, type DailyWindow } from './report-window';

/** A day's window and what is stored for it. */
export interface DayStatus extends DailyWindow {
  /** The day has complete reports (all kinds: they are written in one transaction). */
  readonly reported: boolean;
}

/**
 * Every day from `fromDay` to `toDay` inclusive in `timeZone`, with whether its reports exist.
 * A day counts as reported when `usage_reports` has a row for exactly its window (every run
 * writes that row, even for a day without events) made after the day ended: one made during
 * the day covers only its first hours.
 */
export async function listDays(
  sql: Sql,
  fromDay: string,
  toDay: string,
  timeZone: string,
): Promise<DayStatus[]> {
  const rows = await sql.query<{
    day: string;
    start_time: string;
    end_time: string;
    reported: boolean;
  }>(
    `select to_char(days.day, 'YYYY-MM-DD') as day, ${isoUtcSql('days.start_time')} as start_time,
            ${isoUtcSql('days.end_time')} as end_time,
            exists (select 1 from usage_reports as u
                     where u.start_time = days.start_time and u.end_time = days.end_time
                       and u.produced_at >= u.end_time) as reported
       from ${dailyWindowsSql('$1', '$2', '$3::text')} as days
      order by days.day`,
    [fromDay, toDay, timeZone],
  );
  return rows.map((row) => ({ ...toDailyWindow(row), reported: row.reported }));
}
