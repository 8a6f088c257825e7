/**
 * What the dashboard must show for the report fixture, worked out from
 * test/fixtures/reports/expected.json by the definitions of SPEC §6: over
 * several days, a rate is the ratio of the days' sums (pairs for the
 * click-through rate and mean reciprocal rank, searches for the zero-result rate).
 */
import type { ExpectedDay, FixtureRow } from '../reports/report-fixtures';

export interface TermFigures {
  term: string;
  hits: number;
  clickThroughRate: number | null;
  meanReciprocalRank: number | null;
  zeroResultRate: number | null;
}

interface Sums {
  hits: number;
  pairs: number;
  clicked: number;
  reciprocal: number;
  zeroResults: number;
  counted: number;
}

export function expectedTopSearches(days: readonly ExpectedDay[]): TermFigures[] {
  const sums = new Map<string, Sums>();
  for (const day of days) {
    for (const row of day.top_searches) {
      const term = String(row.term);
      const quality = day.search_quality.find((candidate) => candidate.term === term);
      sums.set(term, add(sums.get(term), Number(row.hits), quality));
    }
  }
  return [...sums]
    .map(([term, sum]) => ({
      term,
      hits: sum.hits,
      clickThroughRate: divide(sum.clicked, sum.pairs),
      meanReciprocalRank: divide(sum.reciprocal, sum.pairs),
      zeroResultRate: divide(sum.zeroResults, sum.counted),
    }))
    .sort((a, b) => b.hits - a.hits || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}

function add(sum: Sums | undefined, hits: number, quality: FixtureRow | undefined): Sums {
  const base = sum ?? { hits: 0, pairs: 0, clicked: 0, reciprocal: 0, zeroResults: 0, counted: 0 };
  const pairs = Number(quality?.pairs ?? 0);
  const searches = quality?.zero_result_rate == null ? 0 : Number(quality.searches);
  return {
    hits: base.hits + hits,
    pairs: base.pairs + pairs,
    clicked: base.clicked + Number(quality?.clicked_pairs ?? 0),
    reciprocal: base.reciprocal + Number(quality?.mean_reciprocal_rank ?? 0) * pairs,
    zeroResults: base.zeroResults + Number(quality?.zero_result_rate ?? 0) * searches,
    counted: base.counted + searches,
  };
}

function divide(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The day's own figures, as the report stores them. */
export function dayTopSearches(day: ExpectedDay): TermFigures[] {
  return day.top_searches.map((row) => {
    const quality = day.search_quality.find((candidate) => candidate.term === row.term);
    return {
      term: String(row.term),
      hits: Number(row.hits),
      clickThroughRate: (quality?.click_through_rate ?? null) as number | null,
      meanReciprocalRank: (quality?.mean_reciprocal_rank ?? null) as number | null,
      zeroResultRate: (quality?.zero_result_rate ?? null) as number | null,
    };
  });
}
