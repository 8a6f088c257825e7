import { inWindowSql, type ReportDefinition } from './report-definition';

/**
 * Result clicks per catalog source. Clicks are grouped by result first, so the catalog is
 * joined once per clicked result rather than once per click; a result missing from the
 * catalog joins nothing and counts under a null source, which keeps the sum whole.
 * Assumes `identifier` is unique in the catalog, as it is the catalog's key.
 */
export const SOURCE_REPORT: ReportDefinition = {
  kind: 'sources',
  table: 'source_report',
  columns: ['source_id', 'result_clicks'],
  order: 'result_clicks desc, source_id collate "C" nulls last',
  insertSql: (catalog) => `
    insert into source_report (start_time, end_time, source_id, result_clicks)
    select $1::timestamptz, $2::timestamptz, image.source, sum(clicked.hits)
      from (select result_uuid, count(*) as hits
              from result_clicked_event where ${inWindowSql()}
             group by result_uuid) as clicked
      left join ${catalog.relation} as image on image.identifier = clicked.result_uuid
     group by image.source`,
};
