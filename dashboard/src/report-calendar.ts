/**
 * Which report day a row belongs to. A row's window runs from one local
 * midnight to the next in the service's REPORT_TIMEZONE, which the API does
 * not tell. The window alone is ambiguous: a window starting 11:00 UTC is the
 * same day in UTC−11 (Pago Pago) and the next day in UTC+13 (New Zealand in
 * summer). So one row's day is confirmed by asking the API for that day, and
 * the offset found there dates every other row.
 */
import { addDays, MAX_SPAN_DAYS } from './date-range';

export interface Window {
  start_time: string;
  end_time: string;
}

/** The part of the API client the calendar needs: the usage rows of a range of days. */
export interface UsageSource {
  rows(name: 'usage', range: { from: string; to: string }): Promise<Window[]>;
}

/** The report day (`YYYY-MM-DD`) of a row's window. */
export type DayOf = (window: Window) => string;

const HOUR_MS = 3_600_000;

/**
 * The UTC date of the window's middle (local noon): right for every offset
 * from UTC−12 to UTC+12, and one day off beyond, hence the candidates after it.
 */
function candidateDays(window: Window): string[] {
  const middle = (Date.parse(window.start_time) + Date.parse(window.end_time)) / 2;
  const guess = new Date(middle).toISOString().slice(0, 10);
  return [guess, addDays(guess, 1), addDays(guess, -1)];
}

export async function calendarOf(api: UsageSource, window: Window): Promise<DayOf> {
  for (const day of candidateDays(window)) {
    const [row] = await api.rows('usage', { from: day, to: day });
    if (row !== undefined && row.start_time === window.start_time) return calendarFrom(day, window);
  }
  return calendarFrom(candidateDays(window)[0], window);
}

/**
 * `day` starts at `window.start_time`: that gives the zone's offset. Another
 * day's midnight may be an hour off it (daylight saving time), so a start is
 * moved by the offset plus six hours, well inside its own day either way.
 */
function calendarFrom(day: string, window: Window): DayOf {
  const offset = Date.parse(`${day}T00:00:00Z`) - Date.parse(window.start_time);
  return (row) =>
    new Date(Date.parse(row.start_time) + offset + 6 * HOUR_MS).toISOString().slice(0, 10);
}

/** The latest reported day, and the calendar that dates the rows of this service. */
export interface LatestReport {
  day: string;
  dayOf: DayOf;
}

/**
 * The latest day that has a usage report, asked for over the longest span one
 * request allows. The span ends tomorrow (UTC) so that a report time zone
 * ahead of UTC still has its latest day inside it.
 */
export async function latestReport(api: UsageSource, now: Date): Promise<LatestReport | undefined> {
  const to = addDays(now.toISOString().slice(0, 10), 1);
  const rows = await api.rows('usage', { from: addDays(to, -MAX_SPAN_DAYS), to });
  const last = rows[rows.length - 1];
  if (last === undefined) return undefined;
  const dayOf = await calendarOf(api, last);
  return { day: dayOf(last), dayOf };
}
