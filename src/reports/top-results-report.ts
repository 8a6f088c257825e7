import { inWindowSql, type ReportDefinition } from './report-definition';

/** How many results the top-results list keeps. */
export const TOP_RESULTS_LIMIT = 500;

/**
 * The most clicked results, with source and title from the catalog. The list is cut to its
 * limit before the catalog join, so the catalog is probed at most 500 times, and ranked after
 * it, so the sort keeps only the top rows. PostgreSQL orders uuids by their bytes, which is
 * the order of their lower-case text.
 */
export const TOP_RESULTS_REPORT: ReportDefinition = {
  kind: 'top_results',
  table: 'top_results',
  columns: ['result_uuid', 'hits', 'source', 'title'],
  order: 'rank nulls last, hits desc, result_uuid',
  insertSql: (catalog) => `
    insert into top_results (start_time, end_time, rank, result_uuid, hits, source, title)
    select $1::timestamptz, $2::timestamptz,
           row_number() over (order by top.hits desc, top.result_uuid), top.result_uuid,
           top.hits, image.source, image.title
      from (select result_uuid, count(*) as hits
              from result_clicked_event where ${inWindowSql()}
             group by result_uuid
             order by count(*) desc, result_uuid
             limit ${TOP_RESULTS_LIMIT}) as top
      left join ${catalog.relation} as image on image.identifier = top.result_uuid`,
};
