/** Days and ranges of days, always as `YYYY-MM-DD` strings like the API takes them. */
import type { DayRange } from './report-types';

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The read API serves at most this many days past `from` in one request. */
export const MAX_SPAN_DAYS = 365;
export const DEFAULT_DAYS = 30;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isDay(text: string | null): text is string {
  return text !== null && ISO_DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

export function isValidRange(range: DayRange): boolean {
  const span = (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS;
  return isDay(range.from) && isDay(range.to) && span >= 0 && span <= MAX_SPAN_DAYS;
}

/** The range given in the page's query string (`?from=…&to=…`), when it is a valid one. */
export function rangeFromQuery(search: string): DayRange | undefined {
  const params = new URLSearchParams(search);
  const range = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  return isValidRange(range) ? range : undefined;
}

/** The last `DEFAULT_DAYS` days ending with `lastDay`. */
export function rangeEndingOn(lastDay: string, days = DEFAULT_DAYS): DayRange {
  return { from: addDays(lastDay, 1 - days), to: lastDay };
}

/** Every day of the range in order, so that days without a report show as gaps. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) days.push(day);
  return days;
}
