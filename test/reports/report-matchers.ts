/** Comparison of report rows with fixture answers, as test/fixtures/README.md prescribes. */
import type { FixtureRow } from './report-fixtures';

const TOLERANCE = 1e-9;

/** Jest asymmetric matcher: a number within 1e-9 of `expected`. */
function closeTo(expected: number) {
  return {
    asymmetricMatch: (actual: unknown) =>
      typeof actual === 'number' && Math.abs(actual - expected) <= TOLERANCE,
    toAsymmetricMatcher: () => `≈${expected}`,
  };
}

/** The row with every number replaced by a matcher that allows the fixture's tolerance. */
export function withTolerance(row: FixtureRow): FixtureRow {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'number' ? closeTo(value) : value,
    ]),
  );
}

/** Rows in a canonical order, for the lists that the README compares as sets. */
export function asSet(rows: FixtureRow[]): FixtureRow[] {
  const key = (row: FixtureRow) => JSON.stringify(Object.values(row));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
