/**
 * Turns the daily rows of a range into what the page draws. Pure functions:
 * rows in, figures out, so the page and its test agree on one definition.
 */
import { daysOf } from './date-range';
import type { DayOf } from './report-calendar';
import type {
  DayRange,
  RefererRow,
  SearchQualityRow,
  SourceRow,
  TopResultRow,
  UsageRow,
} from './report-types';

/** One value per day; null where that day has no report. */
export interface Series {
  days: string[];
  values: Record<string, (number | null)[]>;
}

export interface Total {
  label: string;
  value: number;
}

export interface TermFigures {
  term: string;
  hits: number;
  clickThroughRate: number | null;
  meanReciprocalRank: number | null;
  zeroResultRate: number | null;
}

export interface ResultFigures {
  resultUuid: string;
  title: string | null;
  source: string | null;
  hits: number;
}

type Daily = { start_time: string; end_time: string };

/**
 * The chart's days: the range, less the days before its first report. A new
 * deployment or a 30-day range over three reported days would otherwise draw
 * mostly empty axis; later gaps stay, so a missing day is visible.
 */
export function dailySeries<Row extends Daily>(
  range: DayRange,
  dayOf: DayOf,
  rows: readonly Row[],
  figures: Record<string, (row: Row) => number | null>,
): Series {
  const byDay = new Map(rows.map((row) => [dayOf(row), row]));
  const first = [...byDay.keys()].sort()[0];
  const days = first === undefined ? [] : daysOf({ from: first, to: range.to });
  const values = Object.fromEntries(
    Object.entries(figures).map(([name, figure]) => [
      name,
      days.map((day) => (byDay.has(day) ? figure(byDay.get(day)!) : null)),
    ]),
  );
  return { days, values };
}

export function usageSeries(range: DayRange, dayOf: DayOf, rows: readonly UsageRow[]): Series {
  return dailySeries(range, dayOf, rows, {
    Searches: (row) => row.searches,
    Sessions: (row) => row.sessions,
    'Result clicks': (row) => row.results_clicked,
  });
}

/** The whole-window rows (term null) of search quality, one a day. */
export function qualitySeries(
  range: DayRange,
  dayOf: DayOf,
  rows: readonly SearchQualityRow[],
): Series {
  return dailySeries(
    range,
    dayOf,
    rows.filter((row) => row.term === null),
    {
      'Click-through rate': (row) => row.click_through_rate,
      'Mean reciprocal rank': (row) => row.mean_reciprocal_rank,
      'Zero-result rate': (row) => row.zero_result_rate,
    },
  );
}

export function sourceTotals(rows: readonly SourceRow[], unknown: string): Total[] {
  return totals(rows.map((row) => [row.source_id ?? unknown, row.result_clicks]));
}

export function refererTotals(rows: readonly RefererRow[]): Total[] {
  return totals(rows.map((row) => [row.domain, row.hits]));
}

/** Sums per label, largest first, ties by label so the order is stable. */
function totals(entries: readonly [string, number][]): Total[] {
  const sums = new Map<string, number>();
  for (const [label, value] of entries) sums.set(label, (sums.get(label) ?? 0) + value);
  return [...sums]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || compareText(a.label, b.label));
}

/** Code-point order, the order the reports use for ties (not the browser's collation). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function topResults(rows: readonly TopResultRow[], limit: number): ResultFigures[] {
  const results = new Map<string, ResultFigures>();
  for (const row of rows) {
    const known = results.get(row.result_uuid);
    results.set(row.result_uuid, {
      resultUuid: row.result_uuid,
      title: row.title ?? known?.title ?? null,
      source: row.source ?? known?.source ?? null,
      hits: (known?.hits ?? 0) + row.hits,
    });
  }
  return [...results.values()]
    .sort((a, b) => b.hits - a.hits || compareText(a.resultUuid, b.resultUuid))
    .slice(0, limit);
}
