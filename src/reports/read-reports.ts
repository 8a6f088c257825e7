import { reportDefinition } from './all-reports';
import type { ReportKind } from './report-definition';
import { dailyWindowsSql, isoUtcSql } from './report-window';
import type { Sql } from './sql-executor';

/** A stored report row: its window as ISO 8601 UTC strings, then the report's own columns. */
export type ReportRow = { start_time: string; end_time: string } & Record<string, unknown>;

/**
 * The stored daily reports of one kind for the days from `fromDay` to `toDay` inclusive, days
 * being calendar days in `timeZone`. Only windows that are exactly such a day are returned, so
 * reports made under another REPORT_TIMEZONE never mix in. Rows come in report order: days in
 * turn, top lists by rank, search quality with the whole window first and then its terms in
 * top-searches order.
 */
export async function readReports(
  sql: Sql,
  kind: ReportKind,
  fromDay: string,
  toDay: string,
  timeZone = 'UTC',
): Promise<ReportRow[]> {
  const report = reportDefinition(kind);
  return sql.query<ReportRow>(
    `select ${isoUtcSql('start_time')} as start_time, ${isoUtcSql('end_time')} as end_time,
            ${report.columns.join(', ')}
       from ${report.table}
       join ${dailyWindowsSql('$1', '$2', '$3::text')} as days using (start_time, end_time)
      order by days.day, ${report.order}`,
    [fromDay, toDay, timeZone],
  );
}
