import { inWindowSql, type ReportDefinition } from './report-definition';

/**
 * Usage figures of SPEC §6, one row per window. Each event table is scanned once: the
 * detail-page kinds are counted with FILTER in a single pass rather than one query each.
 */
export const USAGE_REPORT: ReportDefinition = {
  kind: 'usage',
  table: 'usage_reports',
  columns: [
    'results_clicked',
    'attribution_buttonclicks',
    'survey_responses',
    'source_clicked',
    'creator_clicked',
    'shared_social',
    'sessions',
    'searches',
    'attribution_referer_hits',
    'avg_rating',
    'avg_searches_per_session',
  ],
  order: 'id',
  insertSql: () => `
    insert into usage_reports (start_time, end_time, results_clicked, attribution_buttonclicks,
      survey_responses, source_clicked, creator_clicked, shared_social, sessions, searches,
      attribution_referer_hits, avg_rating, avg_searches_per_session)
    select $1::timestamptz, $2::timestamptz, clicks.n, detail.attribution, detail.survey, detail.source, detail.creator,
           detail.social, searches.sessions, searches.n, referers.n, ratings.share,
           case when searches.sessions = 0 then 0
                else searches.n::float8 / searches.sessions end
      from (select count(*) as n from result_clicked_event where ${inWindowSql()}) as clicks,
           (select count(*) filter (where event_type = 'ATTRIBUTION_CLICKED') as attribution,
                   count(*) filter (where event_type = 'REUSE_SURVEY') as survey,
                   count(*) filter (where event_type = 'SOURCE_CLICKED') as source,
                   count(*) filter (where event_type = 'CREATOR_CLICKED') as creator,
                   count(*) filter (where event_type = 'SHARED_SOCIAL') as social
              from detail_page_event where ${inWindowSql()}) as detail,
           (select count(*) as n, count(distinct session_uuid) as sessions
              from search_event where ${inWindowSql()}) as searches,
           (select count(*) as n from attribution_referrer_event where ${inWindowSql()}) as referers,
           (select avg(case when relevant then 1 else 0 end::float8) as share
              from search_rating_event where ${inWindowSql()}) as ratings`,
};
