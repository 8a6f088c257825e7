/**
 * The top-searches table: each term's hits over the range, joined with that
 * term's search quality on the days it was a top term.
 */
import { compareText, type TermFigures } from './aggregate';
import type { SearchQualityRow, TopSearchRow } from './report-types';

/** Running sums from which a term's figures over several days follow exactly (but see below). */
interface TermSums {
  hits: number;
  pairs: number;
  clickedPairs: number;
  reciprocalRanks: number;
  zeroResultShare: number;
  zeroResultWeight: number;
}

export const TOP_TERMS = 100;

export function topSearchFigures(
  topSearches: readonly TopSearchRow[],
  quality: readonly SearchQualityRow[],
): TermFigures[] {
  const qualityOf = new Map(
    quality
      .filter((row) => row.term !== null)
      .map((row) => [keyOf(row.start_time, row.term!), row]),
  );
  const sums = new Map<string, TermSums>();
  for (const row of topSearches) {
    const term = sums.get(row.term) ?? emptySums();
    addDay(term, row.hits, qualityOf.get(keyOf(row.start_time, row.term)));
    sums.set(row.term, term);
  }
  return [...sums]
    .map(([term, sum]) => figuresOf(term, sum))
    .sort((a, b) => b.hits - a.hits || compareText(a.term, b.term))
    .slice(0, TOP_TERMS);
}

/** A term on one day; the window's start names the day without knowing its date. */
function keyOf(start: string, term: string): string {
  return `${start}\u0000${term}`;
}

function emptySums(): TermSums {
  return {
    hits: 0,
    pairs: 0,
    clickedPairs: 0,
    reciprocalRanks: 0,
    zeroResultShare: 0,
    zeroResultWeight: 0,
  };
}

/**
 * Click-through rate and mean reciprocal rank are means over pairs, so pair
 * counts weigh each day exactly. The zero-result rate is a share of the
 * searches that sent a result count, a number the API does not return; the
 * day's searches stand in for it, which is exact when a day's searches all
 * sent a count (current frontends) and an approximation when only some did.
 */
function addDay(sums: TermSums, hits: number, quality: SearchQualityRow | undefined): void {
  sums.hits += hits;
  if (quality === undefined) return;
  sums.pairs += quality.pairs;
  sums.clickedPairs += quality.clicked_pairs;
  sums.reciprocalRanks += (quality.mean_reciprocal_rank ?? 0) * quality.pairs;
  if (quality.zero_result_rate !== null) {
    sums.zeroResultShare += quality.zero_result_rate * quality.searches;
    sums.zeroResultWeight += quality.searches;
  }
}

function figuresOf(term: string, sums: TermSums): TermFigures {
  return {
    term,
    hits: sums.hits,
    clickThroughRate: ratio(sums.clickedPairs, sums.pairs),
    meanReciprocalRank: ratio(sums.reciprocalRanks, sums.pairs),
    zeroResultRate: ratio(sums.zeroResultShare, sums.zeroResultWeight),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
