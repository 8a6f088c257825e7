/** How figures read on the page. Tables keep the exact value in `data-value`. */
const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const ranks = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});

/** Shown where a figure had nothing to divide by. */
export const NO_FIGURE = '–';

export type Format = (value: number | null) => string;

const orDash =
  (format: Intl.NumberFormat): Format =>
  (value) =>
    value === null ? NO_FIGURE : format.format(value);

export const formatCount = orDash(counts);
export const formatPercent = orDash(percents);
export const formatRank = orDash(ranks);

export function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
  });
}
