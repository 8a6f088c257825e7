import { inWindowSql, type ReportDefinition } from './report-definition';
import { normalisedTermSql } from './search-term-sql';

/** How many terms the top-searches list keeps, and so how many terms get a quality row. */
export const TOP_SEARCHES_LIMIT = 100;

/**
 * The most frequent normalised search terms. Searches are counted per query text first, so
 * the costly normalising runs once per distinct text. Ties are broken by term in code-point
 * order, which is the byte order of UTF-8 and so the "C" collation, whatever the database's.
 * Ranks are numbered after the LIMIT so that PostgreSQL can keep just the top rows while
 * sorting (a window function over every term would sort them all).
 */
export const TOP_SEARCHES_REPORT: ReportDefinition = {
  kind: 'top_searches',
  table: 'top_searches',
  columns: ['term', 'hits'],
  order: 'rank nulls last, hits desc, term collate "C"',
  insertSql: () => `
    insert into top_searches (start_time, end_time, rank, term, hits)
    select $1::timestamptz, $2::timestamptz,
           row_number() over (order by hits desc, term collate "C"), term, hits
      from (select term, sum(hits) as hits
              from (select ${normalisedTermSql('query')} as term, hits
                      from (select query, count(*) as hits from search_event
                             where ${inWindowSql()} group by query) as queries) as terms
             -- a query of only spaces has no term to list; the window's totals still count it
             where term <> ''
             group by term
             order by sum(hits) desc, term collate "C"
             limit ${TOP_SEARCHES_LIMIT}) as top`,
};
