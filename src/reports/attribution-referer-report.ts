import { inWindowSql, type ReportDefinition } from './report-definition';

/** Badge-image loads per referring domain (SPEC §6, §7). */
export const ATTRIBUTION_REFERER_REPORT: ReportDefinition = {
  kind: 'attribution_referers',
  table: 'attribution_referer_report',
  columns: ['domain', 'hits'],
  order: 'hits desc, domain collate "C"',
  insertSql: () => `
    insert into attribution_referer_report (start_time, end_time, domain, hits)
    select $1::timestamptz, $2::timestamptz, referer_domain, count(*)
      from attribution_referrer_event where ${inWindowSql()}
     group by referer_domain`,
};
