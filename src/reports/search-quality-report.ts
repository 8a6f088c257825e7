import { inWindowSql, type ReportDefinition } from './report-definition';
import { normalisedTermSql } from './search-term-sql';

/**
 * The window's searches and clicks summed per (session, normalised term), each table read
 * once. A (session, term) with searches is a *pair* (SPEC §6); its clicks carry the rank of
 * the earliest one (ties in time go to the click stored first). Clicks without a search of
 * the same term still count for the average click rank. The window is ordered like DISTINCT ON
 * so that one sort serves both. Rank sums are float8, as `1 + rank` would overflow integer at
 * the largest valid rank.
 */
const SESSION_TERMS_SQL = `
  searched as (
    select session_uuid, ${normalisedTermSql('query')} as term, count(*)::int as searches,
           count(result_count)::int as counted,
           count(*) filter (where result_count = 0)::int as zero_results
      from search_event where ${inWindowSql()}
     group by 1, 2),
  clicked as (
    select distinct on (session_uuid, term) session_uuid, term, result_rank as first_rank,
           count(*) over same_term as clicks, sum(result_rank::float8) over same_term as rank_sum
      from (select session_uuid, ${normalisedTermSql('query')} as term, result_rank, "timestamp", id
              from result_clicked_event where ${inWindowSql()}) as clicks
    window same_term as (partition by session_uuid, term order by "timestamp", id
                         rows between unbounded preceding and unbounded following)
     order by session_uuid, term, "timestamp", id),
  session_terms as (
    select term, coalesce(searched.searches, 0) as searches,
           coalesce(searched.counted, 0) as counted,
           coalesce(searched.zero_results, 0) as zero_results,
           searched.session_uuid is not null as is_pair,
           clicked.first_rank, coalesce(clicked.clicks, 0) as clicks,
           coalesce(clicked.rank_sum, 0) as rank_sum, null::float8 as rating
      from searched full join clicked using (session_uuid, term)
    union all
    select ${normalisedTermSql('query')}, 0, 0, 0, false, null, 0, 0,
           case when relevant then 1 else 0 end
      from search_rating_event where ${inWindowSql()}),
  top_terms as (
    select term, rank from top_searches
     where start_time = $1::timestamptz and end_time = $2::timestamptz)`;

/**
 * One aggregation makes both the whole-window row (the empty grouping set, present even for a
 * window without events) and a row per top term; the rows of other terms fall in a group of
 * their own that is dropped.
 */
const FIGURES_SQL = `
  select grouping(top.rank) = 1 as whole, top.rank, top.term,
         sum(searches) as searches, sum(counted) as counted, sum(zero_results) as zero_results,
         count(*) filter (where is_pair) as pairs,
         count(first_rank) filter (where is_pair) as clicked_pairs,
         coalesce(sum(1 / (1 + first_rank::float8)) filter (where is_pair), 0) as rr,
         sum(rank_sum) / nullif(sum(clicks), 0) as avg_click_rank,
         avg(rating) as relevance
    from session_terms left join top_terms as top using (term)
   group by grouping sets ((top.rank, top.term), ())`;

/**
 * Search quality of SPEC §6 for the whole window and each top term. Reads the top-searches
 * rows of the same window, so it runs after that report in the same transaction.
 * A figure with nothing to divide by is null (`nullif(…, 0)`).
 */
export const SEARCH_QUALITY_REPORT: ReportDefinition = {
  kind: 'search_quality',
  table: 'search_quality_report',
  columns: [
    'term',
    'searches',
    'pairs',
    'clicked_pairs',
    'click_through_rate',
    'mean_reciprocal_rank',
    'avg_click_rank',
    'zero_click_rate',
    'zero_result_rate',
    'relevance',
  ],
  order: 'term is not null, rank',
  insertSql: () => `
    insert into search_quality_report (start_time, end_time, rank, term, searches, pairs,
      clicked_pairs, click_through_rate, mean_reciprocal_rank, avg_click_rank, zero_click_rate,
      zero_result_rate, relevance)
    with ${SESSION_TERMS_SQL}
    select $1::timestamptz, $2::timestamptz, rank, term, coalesce(searches, 0), pairs,
           clicked_pairs,
           clicked_pairs::float8 / nullif(pairs, 0),
           rr / nullif(pairs, 0),
           avg_click_rank,
           (pairs - clicked_pairs)::float8 / nullif(pairs, 0),
           zero_results::float8 / nullif(counted, 0),
           relevance
      from (${FIGURES_SQL}) as figures
     where whole or rank is not null`,
};
